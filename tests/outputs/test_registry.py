"""The registry of output kinds and the CLI's ``--out``/``--format`` interpretation."""

from __future__ import annotations

from pathlib import Path

import pytest

from testdatagen.errors import OutputError
from testdatagen.model import OutputSpec
from testdatagen.model.catalog import OUTPUT_KINDS
from testdatagen.outputs import (
    OutputResult,
    create_output,
    output_spec_for_target,
    register,
    registry,
)
from testdatagen.outputs.target import known_extensions

from .conftest import Write


@pytest.mark.parametrize(
    ("target", "fmt", "kind", "options"),
    [
        ("postgresql://u@h/db", None, "postgresql", {"url": "postgresql://u@h/db"}),
        ("postgresql+psycopg://h/db", None, "postgresql", {"url": "postgresql+psycopg://h/db"}),
        ("mysql+pymysql://h/db", None, "mysql", {"url": "mysql+pymysql://h/db"}),
        ("mariadb://h/db", None, "mysql", {"url": "mariadb://h/db"}),
        ("sqlite:///out/x.db", None, "sqlite", {"url": "sqlite:///out/x.db"}),
        ("mssql+pyodbc://h/db", None, "database", {"url": "mssql+pyodbc://h/db"}),
        ("out/dev.db", None, "sqlite", {"file": "out/dev.db"}),
        ("out/dev.sqlite", None, "sqlite", {"file": "out/dev.sqlite"}),
        ("out/o.parquet", None, "parquet", {"file": "out/o.parquet"}),
        ("o.CSV", None, "csv", {"file": "o.CSV"}),
        ("o.csv.gz", None, "csv", {"file": "o.csv.gz"}),
        ("o.jsonl.zst", None, "jsonl", {"file": "o.jsonl.zst"}),
        ("o.ndjson", None, "jsonl", {"file": "o.ndjson"}),
        ("o.json", None, "json", {"file": "o.json"}),
        ("o.xlsx", None, "excel", {"file": "o.xlsx"}),
        ("o.xml.gz", None, "xml", {"file": "o.xml.gz"}),
        ("o.sql", None, "sql", {"file": "o.sql"}),
        ("o.tsv", "tsv", "tsv", {"file": "o.tsv"}),
        ("out/", None, "parquet", {"dir": "out/"}),
        ("exports.csv/", "csv", "csv", {"dir": "exports.csv/"}),
        ("out", "csv", "csv", {"dir": "out"}),
        ("out.v2/", "JSONL", "jsonl", {"dir": "out.v2/"}),
        (".hidden", None, "parquet", {"dir": ".hidden"}),
        ("runs.2024/out", "csv", "csv", {"dir": "runs.2024/out"}),
    ],
)
def test_output_spec_for_target(
    target: str, fmt: str | None, kind: str, options: dict[str, str]
) -> None:
    assert output_spec_for_target(target, fmt) == OutputSpec(kind=kind, options=options)


@pytest.mark.parametrize(
    ("target", "fmt", "fragment"),
    [
        ("out", "parkett", "did you mean 'parquet'?"),
        ("x.csv", "json", "does not match the extension"),
        ("postgresql://h/db", "csv", "is a database URL"),
        ("x.txt", None, "no output format writes files ending in '.txt'"),
        ("x.txt", "csv", "end the path with a slash: --out x.txt/ --format csv"),
        ("out.v2", None, "known extensions: .csv (csv)"),
        ("data.gz", None, "ending in '.gz'"),
    ],
)
def test_bad_targets(target: str, fmt: str, fragment: str) -> None:
    with pytest.raises(OutputError) as err:
        output_spec_for_target(target, fmt)
    assert fragment in str(err.value)


def test_every_known_extension_picks_its_format() -> None:
    """The list the error message shows is exactly what --out understands."""
    known = known_extensions()
    assert {".csv", ".parquet", ".xlsx", ".jsonl", ".db"} <= set(known)
    for extension, kind in known.items():
        assert output_spec_for_target(f"out/data{extension}").kind == kind


def test_every_file_kind_of_the_catalog_is_built_in(tmp_path: Path) -> None:
    file_kinds = [k for k, info in OUTPUT_KINDS.items() if not info.database and k != "sql"]
    for kind in file_kinds:
        output = create_output(OutputSpec(kind=kind, options={"dir": "o"}), base_dir=tmp_path)
        assert output.kind == kind


def test_unknown_kind_suggests_the_closest(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as err:
        create_output(OutputSpec(kind="jsonn", options={}), base_dir=tmp_path)
    assert err.value.diagnostics[0].code == "TDG601"
    assert err.value.diagnostics[0].hint == "did you mean 'json'?"


def test_missing_provider_module_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry._MODULES, "oracle", "testdatagen.outputs.no_such_module")
    with pytest.raises(OutputError) as err:
        create_output(OutputSpec(kind="oracle", options={}))
    assert err.value.diagnostics[0].code == "TDG605"
    assert "not available" in err.value.diagnostics[0].message


def test_register_adds_a_kind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    class Null:
        kind = "null"

        def __init__(self, spec: OutputSpec, base_dir: Path) -> None:
            self.base_dir = base_dir

        def write(self, dataset: object, *, progress: object = None) -> OutputResult:
            return OutputResult(kind="null", target="")

    monkeypatch.setattr(registry, "_FACTORIES", dict(registry._FACTORIES))
    register("null", Null)
    output = create_output(OutputSpec(kind="null"), base_dir=tmp_path)
    assert isinstance(output, Null) and output.base_dir == tmp_path
    assert "null" in registry.registered_kinds()


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({}, "TDG607"),
        ({"dir": "a", "file": "b.csv"}, "TDG607"),
        ({"dir": "a", "compression": "lzma"}, "TDG602"),
        ({"dir": "a", "compression_level": 5}, "TDG602"),
        ({"dir": "a", "compression": "gzip", "compression_level": 10}, "TDG602"),
        ({"dir": "a", "compression": "zstd", "compression_level": 0}, "TDG602"),
    ],
)
def test_target_options_are_checked(tmp_path: Path, options: dict[str, str], code: str) -> None:
    with pytest.raises(OutputError) as err:
        create_output(OutputSpec(kind="csv", options=options), base_dir=tmp_path)
    assert err.value.diagnostics[0].code == code


def test_one_file_cannot_hold_several_csv_tables(write: Write, tmp_path: Path) -> None:
    with pytest.raises(OutputError) as err:
        write("csv", file="x.csv")
    assert "give a directory instead" in (err.value.diagnostics[0].hint or "")
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("name", ["../escape", "a/b", ".."])
def test_table_names_cannot_escape_the_directory(tmp_path: Path, name: str) -> None:
    import pyarrow as pa

    from testdatagen.engine.dataset import ArrowDataset

    from .conftest import rich_schema

    data = ArrowDataset(rich_schema(), {name: pa.table({"a": [1]})})
    with pytest.raises(OutputError, match="cannot be used as a file name"):
        create_output(OutputSpec(kind="csv", options={"dir": "o"}), base_dir=tmp_path).write(data)
    assert not (tmp_path / "escape.csv").exists()
