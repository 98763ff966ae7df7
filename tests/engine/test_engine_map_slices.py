"""``Dataset.map_slices``: fixed-size contiguous slices, run in the workers when there are any."""

from __future__ import annotations

import hashlib
import os

import pyarrow as pa
import pytest
from engine_models import K, t

from testdatagen.engine import generate
from testdatagen.model import Column, Schema, SequentialGen, Table

ROWS = 5_000


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


def digest(batch: pa.RecordBatch) -> tuple[int, int, str, int]:
    """The slice's values, hashed (module-level, so the pool can pickle it) and where it ran."""
    values = repr(batch.to_pydict()).encode()
    return batch.num_rows, batch.num_columns, hashlib.sha256(values).hexdigest(), os.getpid()


def _slices(workers: int, chunk_rows: int, size: int) -> list[tuple[int, int, str, int]]:
    with generate(_schema(), rows={"t": ROWS}, workers=workers, chunk_rows=chunk_rows) as ds:
        return list(ds.map_slices("t", size, digest))


@pytest.mark.parametrize(("chunk_rows", "size"), [(500, 1_200), (3_000, 1_000), (64, 5_000)])
def test_slices_do_not_depend_on_chunks_or_workers(chunk_rows: int, size: int) -> None:
    reference = _slices(1, 4_096, size)
    assert [rows for rows, *_ in reference] == [
        min(size, ROWS - start) for start in range(0, ROWS, size)
    ]
    for workers in (1, 2):
        got = _slices(workers, chunk_rows, size)
        assert [r[:3] for r in got] == [r[:3] for r in reference]


def test_with_workers_the_function_runs_in_them() -> None:
    pids = {pid for *_, pid in _slices(2, 500, 1_000)}
    assert os.getpid() not in pids
    assert {pid for *_, pid in _slices(1, 500, 1_000)} == {os.getpid()}


def test_a_slice_is_one_contiguous_batch() -> None:
    with generate(_schema(), rows={"t": ROWS}, chunk_rows=300) as ds:
        for batch in ds.map_slices("t", 1_000, lambda b: b):
            assert isinstance(batch, pa.RecordBatch)
            assert batch.num_rows == 1_000
