"""A dataset that exercises every hard case a writer meets, and helpers to write it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from testdatagen.engine.dataset import ArrowDataset, Dataset
from testdatagen.model import Column, DataType, OutputSpec, Schema, Table, TypeKind
from testdatagen.outputs import OutputResult, create_output

BERLIN = dt.timezone(dt.timedelta(hours=1))

STRINGS = [
    "plain",
    "",
    None,
    "quote \"inside\" and 'single'",
    "comma, semicolon; tab\tpipe|",
    "new\nline and\r\ncrlf",
    "emoji 😀🎉 and CJK 漢字かな한글",
    "NULL",
    " leading and trailing ",
    "=SUM(A1) <tag> & amp",
    "x" * 300,
    "ünïcödé Ωμέγα",
]
N = len(STRINGS)


def _column(name: str, kind: TypeKind, **kw: Any) -> Column:
    return Column(name=name, type=DataType(kind=kind, **kw))


def rich_schema() -> Schema:
    columns = (
        _column("id", TypeKind.BIGINT),
        _column("small", TypeKind.INTEGER),
        _column("name", TypeKind.STRING),
        _column("price", TypeKind.DECIMAL, precision=12, scale=2),
        _column("ratio", TypeKind.FLOAT),
        _column("flag", TypeKind.BOOLEAN),
        _column("born", TypeKind.DATE),
        _column("seen", TypeKind.DATETIME),
        _column("at", TypeKind.DATETIME, timezone="Europe/Berlin"),
    )
    return Schema(
        name="Rich",
        tables=(Table(name="things", columns=columns), Table(name="other", columns=columns)),
    )


def rich_table() -> pa.Table:
    """Every value kind with NULLs in every column; datetimes at millisecond precision."""
    base = dt.datetime(2024, 2, 29, 23, 59, 58, 123000)
    return pa.table(
        {
            "id": pa.array(
                [2**62, -(2**63) + 1, None, 0, 1, 2**53 + 1, *range(7, 7 + N - 6)], pa.int64()
            ),
            "small": pa.array([i if i % 4 else None for i in range(N)], pa.int32()),
            "name": pa.array(STRINGS, pa.string()),
            "price": pa.array(
                [Decimal("1234567890.12"), Decimal("-0.05"), None]
                + [Decimal(f"{i}.{i:02d}") for i in range(N - 3)],
                pa.decimal128(12, 2),
            ),
            "ratio": pa.array([0.1, -2.5e-8, 1e20, None] + [i / 3 for i in range(N - 4)]),
            "flag": pa.array([True, False, None] * (N // 3), pa.bool_()),
            "born": pa.array(
                [dt.date(1900 + 9 * i, 1 + i % 12, 1 + i) if i != 4 else None for i in range(N)],
                pa.date32(),
            ),
            "seen": pa.array(
                [
                    base - dt.timedelta(days=400 * i, seconds=i) if i != 5 else None
                    for i in range(N)
                ],
                pa.timestamp("us"),
            ),
            "at": pa.array(
                [
                    (base - dt.timedelta(hours=7 * i)).replace(tzinfo=dt.UTC) if i != 6 else None
                    for i in range(N)
                ],
                pa.timestamp("us", tz="Europe/Berlin"),
            ),
        }
    )


@pytest.fixture
def table() -> pa.Table:
    return rich_table()


@pytest.fixture
def dataset() -> Dataset:
    """Two tables, streamed in batches of 5 rows so every writer crosses batch edges."""
    t = rich_table()
    return ArrowDataset(rich_schema(), {"things": t, "other": t.slice(2, 7)}, seed=7, chunk_rows=5)


Write = Callable[..., OutputResult]


@pytest.fixture
def write(tmp_path: Path, dataset: Dataset) -> Write:
    """``write('csv', quoting='all')`` writes ``dataset`` into tmp_path/out."""

    def run(kind: str, data: Dataset | None = None, **options: Any) -> OutputResult:
        if "file" not in options:
            options.setdefault("dir", "out")
        spec = OutputSpec(kind=kind, options=options)
        return create_output(spec, base_dir=tmp_path).write(data or dataset)

    return run


def from_text(value: str | None, data_type: pa.DataType) -> Any:
    """Parse a text rendering back into the Python value Arrow gives for the type."""
    if value is None:
        return None
    if pa.types.is_integer(data_type):
        return int(value)
    if pa.types.is_floating(data_type):
        return float(value)
    if pa.types.is_decimal(data_type):
        return Decimal(value)
    if pa.types.is_boolean(data_type):
        assert value in ("true", "false"), value
        return value == "true"
    if pa.types.is_date(data_type):
        return dt.date.fromisoformat(value)
    if pa.types.is_timestamp(data_type):
        parsed = dt.datetime.fromisoformat(value)
        assert (parsed.tzinfo is not None) == (data_type.tz is not None), value
        return parsed
    return value
