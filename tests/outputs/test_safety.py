"""Safe writes: temp names, all-or-nothing publication, SIGKILL, manifest, compression."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pytest
import zstandard

from testdatagen.engine.dataset import ArrowDataset, Dataset
from testdatagen.errors import OutputError
from testdatagen.model import OutputSpec
from testdatagen.outputs import create_output
from testdatagen.outputs.atomic import atomic_write, clean_stale_temps, temp_path_for

from .conftest import Write, rich_schema


class FailingDataset(ArrowDataset):
    """Streams one batch of the second table, then breaks (a generation error mid-write)."""

    def batches(self, table: str) -> Iterator[pa.RecordBatch]:
        iterator = super().batches(table)
        yield next(iterator)
        if table == self.tables[-1]:
            raise RuntimeError("generator broke")
        yield from iterator


def test_failure_leaves_no_final_and_no_temp_file(tmp_path: Path, table: pa.Table) -> None:
    data = FailingDataset(rich_schema(), {"a": table, "b": table}, chunk_rows=4)
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.csv").write_text("old a\n")
    with pytest.raises(RuntimeError, match="generator broke"):
        create_output(OutputSpec(kind="csv", options={"dir": "out"}), base_dir=tmp_path).write(data)
    # all files of one output are published together: a.csv was complete but stays old
    assert sorted(p.name for p in out.iterdir()) == ["a.csv"]
    assert (out / "a.csv").read_text() == "old a\n"


def test_existing_file_is_replaced_only_when_complete(tmp_path: Path) -> None:
    final = tmp_path / "f.txt"
    final.write_text("old")
    with atomic_write(final) as sink:
        sink.write(b"new")
        sink.flush()
        assert final.read_text() == "old"
        assert temp_path_for(final).read_bytes() == b"new"
    assert final.read_text() == "new" and not temp_path_for(final).exists()


def test_unwritable_target_is_an_output_error(tmp_path: Path, write: Write) -> None:
    (tmp_path / "taken").write_text("a file, not a directory")
    with pytest.raises(OutputError) as err:
        write("csv", dir="taken")
    assert err.value.diagnostics[0].code == "TDG603" and "taken" in str(err.value)


def test_stale_temps_of_dead_processes_are_cleaned(tmp_path: Path, write: Write) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    stale = temp_path_for(out / "things.csv", int(dead.stdout))
    alive = temp_path_for(out / "other.csv", os.getppid())
    stale.write_text("partial")
    alive.write_text("someone else is writing")
    write("csv")
    assert not stale.exists() and alive.exists()
    assert clean_stale_temps(out) == []


KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import pyarrow as pa
    from testdatagen.engine.dataset import Dataset
    from testdatagen.model import OutputSpec, Schema
    from testdatagen.outputs import create_output

    class Endless(Dataset):
        schema = Schema(name="S", tables=())
        seed = 1
        locale = "en_US"
        tables = ("big",)
        def row_count(self, table): return 10**12
        def arrow_schema(self, table): return pa.schema([("n", pa.int64()), ("s", pa.string())])
        def batches(self, table):
            n = pa.array(range(50_000), pa.int64())
            batch = pa.record_batch([n, pa.compute.cast(n, pa.string())], schema=self.arrow_schema(table))
            while True:
                yield batch

    def progress(table, rows):
        if rows >= 200_000:
            print("writing", flush=True)
            time.sleep(0.05)

    kind, target = sys.argv[1], sys.argv[2]
    create_output(OutputSpec(kind=kind, options={"dir": target})).write(Endless(), progress=progress)
    """
)


@pytest.mark.parametrize("kind", ["csv", "parquet", "jsonl"])
def test_sigkill_midway_leaves_no_final_named_file(tmp_path: Path, kind: str) -> None:
    out = tmp_path / "out"
    with subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, kind, str(out)], stdout=subprocess.PIPE, text=True
    ) as proc:
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
            time.sleep(0.2)
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
    names = sorted(p.name for p in out.iterdir())
    assert names and all(".tdg-tmp-" in n for n in names), names
    assert not (out / f"big.{kind}").exists() and not (out / "manifest.json").exists()
    assert temp_path_for(out / f"big.{kind}", proc.pid).stat().st_size > 0
    assert clean_stale_temps(out) == [temp_path_for(out / f"big.{kind}", proc.pid)]
    assert list(out.iterdir()) == []


def test_manifest_lists_every_file_with_matching_sha256(write: Write, dataset: Dataset) -> None:
    result = write("csv")
    out = Path(result.items[0].location).parent
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["seed"] == 7 and manifest["format"] == "csv"
    assert manifest["schema_hash"] == dataset.metadata["tdg.schema_hash"]
    assert manifest["tool_version"] == dataset.metadata["tdg.version"]
    assert datetime.fromisoformat(manifest["generated_at"]).utcoffset() is not None
    assert [(t["name"], t["rows"], t["file"]) for t in manifest["tables"]] == [
        ("things", 12, "things.csv"),
        ("other", 7, "other.csv"),
    ]
    for entry in manifest["files"]:
        data = (out / entry["file"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)


def test_single_file_manifest_sits_beside_the_file(write: Write) -> None:
    result = write("excel", file="book.xlsx")
    manifest = json.loads((Path(result.target).parent / "book.xlsx.manifest.json").read_text())
    assert [t["file"] for t in manifest["tables"]] == ["book.xlsx", "book.xlsx"]
    assert len(manifest["files"]) == 1


def test_manifest_can_be_turned_off(write: Write) -> None:
    result = write("jsonl", manifest=False)
    assert not (Path(result.items[0].location).parent / "manifest.json").exists()


def _decompress(path: Path) -> bytes:
    if path.suffix == ".gz":
        return gzip.decompress(path.read_bytes())
    return zstandard.ZstdDecompressor().decompressobj().decompress(path.read_bytes())


@pytest.mark.parametrize(
    ("kind", "options", "name"),
    [
        ("csv", {"compression": "gzip"}, "things.csv.gz"),
        ("jsonl", {"compression": "zstd"}, "things.jsonl.zst"),
        ("xml", {"compression": "gzip", "compression_level": 9}, "things.xml.gz"),
        ("csv", {"file": "one.csv.zst"}, "one.csv.zst"),
        ("json", {"file": "one.json.gz"}, "one.json.gz"),
    ],
)
def test_compression_round_trips(
    tmp_path: Path, table: pa.Table, kind: str, options: dict[str, object], name: str
) -> None:
    data = ArrowDataset(rich_schema(), {"things": table}, chunk_rows=5)
    options = {"dir": "c", **options} if "file" not in options else options
    plain = create_output(OutputSpec(kind=kind, options={"dir": "p"}), base_dir=tmp_path).write(
        data
    )
    packed = create_output(OutputSpec(kind=kind, options=options), base_dir=tmp_path).write(data)
    path = Path(packed.items[0].location)
    assert path.name == name
    assert _decompress(path) == Path(plain.items[0].location).read_bytes()


def test_gzip_output_is_reproducible(tmp_path: Path, write: Write) -> None:
    first = write("csv", compression="gzip").items[0].sha256
    assert write("csv", dir="again", compression="gzip").items[0].sha256 == first


def test_progress_reports_rows_per_table(tmp_path: Path, dataset: Dataset) -> None:
    seen: list[tuple[str, int]] = []
    spec = OutputSpec(kind="jsonl", options={"dir": "o"})
    create_output(spec, base_dir=tmp_path).write(dataset, progress=lambda t, n: seen.append((t, n)))
    assert seen == [("things", 5), ("things", 10), ("things", 12), ("other", 5), ("other", 7)]


def test_an_old_manifest_never_describes_new_files(
    tmp_path: Path, table: pa.Table, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    spec = OutputSpec(kind="csv", options={"dir": "out"})
    create_output(spec, base_dir=tmp_path).write(ArrowDataset(rich_schema(), {"a": table}))
    old_csv = (out / "a.csv").read_bytes()

    def die(*args: object) -> None:
        raise KeyboardInterrupt  # killed after publishing the data, before the manifest

    monkeypatch.setattr("testdatagen.outputs.files.base.write_manifest", die)
    with pytest.raises(KeyboardInterrupt):
        create_output(spec, base_dir=tmp_path).write(ArrowDataset(rich_schema(), {"a": table[:3]}))
    assert (out / "a.csv").read_bytes() != old_csv
    assert not (out / "manifest.json").exists()


def test_failure_removes_the_directories_it_created(tmp_path: Path, table: pa.Table) -> None:
    data = FailingDataset(rich_schema(), {"a": table, "b": table}, chunk_rows=4)
    (tmp_path / "kept").mkdir()
    spec = OutputSpec(kind="csv", options={"dir": "kept/new/deeper"})
    with pytest.raises(RuntimeError, match="generator broke"):
        create_output(spec, base_dir=tmp_path).write(data)
    # the run made kept/new/deeper for its files; a failed run takes them back
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept"]
