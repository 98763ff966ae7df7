"""The worker pool: forked workers, batches back as Arrow IPC, errors as in one process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest
from engine_models import K, t

from testdatagen.engine import generate, pool
from testdatagen.errors import GenerationError
from testdatagen.model import Column, PatternGen, Schema, SequentialGen, Table

HERE = Path(__file__).parent


def _schema() -> Schema:
    table = Table(
        name="t",
        primary_key=("id",),
        columns=(
            Column(name="id", type=t(K.BIGINT), primary_key=True, generator=SequentialGen()),
            Column(name="x", type=t(K.FLOAT)),
            Column(name="s", type=t(K.STRING, length=12)),
        ),
    )
    return Schema(name="S", tables=(table,))


def _table(workers: int, chunk_rows: int = 500) -> pa.Table:
    with generate(_schema(), rows={"t": 5_000}, workers=workers, chunk_rows=chunk_rows) as ds:
        return ds.to_arrow("t")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is the Linux method")
def test_linux_workers_fork() -> None:
    assert pool.start_method() == "fork"


def test_pooled_batches_equal_local_ones_in_order() -> None:
    local = _table(workers=1, chunk_rows=5_000)
    pooled = _table(workers=2)
    assert pooled.equals(local)
    assert pooled["id"].to_pylist() == list(range(1, 5_001))


def test_batches_through_the_pipe_when_there_is_no_shared_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pool, "shared_memory_dir", lambda: None)
    assert _table(workers=2).equals(_table(workers=1))


def test_abandoned_batches_leave_no_files_behind() -> None:
    ds = generate(_schema(), rows={"t": 5_000}, workers=2, chunk_rows=100)
    first = next(iter(ds.batches("t")))
    assert first.num_rows == 100
    assert ds._pool is not None
    directory = ds._pool._dir
    ds.close()
    assert directory is None or not Path(directory).exists()


@pytest.mark.slow
def test_spawned_workers_give_the_same_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback for platforms without fork: workers rebuild the engine from the plan."""
    monkeypatch.setattr(pool, "start_method", lambda: "spawn")
    assert _table(workers=2).equals(_table(workers=1))


def test_a_user_error_in_a_worker_reaches_the_consumer() -> None:
    table = Table(
        name="t",
        columns=(
            Column(
                name="code",
                type=t(K.STRING, length=4),
                unique=True,
                generator=PatternGen(regex=r"[ab]\d"),
            ),
        ),
    )
    ds = generate(Schema(name="S", tables=(table,)), rows={"t": 50}, workers=2, chunk_rows=10)
    with ds, pytest.raises(GenerationError) as info:
        ds.to_arrow("t")
    assert info.value.diagnostics[0].code == "TDG520"


PANDAS_FREE = """
import sys
sys.path.insert(0, sys.argv[1])
from engine_models import NOW, SHOP_ROWS, bench_without_formats, shop
from testdatagen.engine import generate
ds = generate(bench_without_formats(), rows={"customers": 3000, "orders": 15000}, now=NOW)
rows = sum(b.num_rows for t in ds.tables for b in ds.batches(t))
shop_rows = sum(len(generate(shop(), rows=SHOP_ROWS, now=NOW).to_arrow(t)) for t in ("orders",))
print(rows, shop_rows > 0, "pandas" in sys.modules)
"""


def test_generation_does_not_import_pandas() -> None:
    """pyarrow 26 imports pandas (~0.4 CPU-s, ~50 MB) on the first ``pa.array``; the
    engine builds arrays from buffers instead. Covers the bench workload without
    formats and the LANGUAGE.md shop (when, compute, checks, aggregates, key
    following, ``in``); providers are outside this test."""
    out = subprocess.run(
        [sys.executable, "-c", PANDAS_FREE, str(HERE)], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["18000", "True", "False"]
