"""Read tables back with the raw drivers and turn values into what Arrow's to_pylist gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pyarrow as pa

from testdatagen.engine.dataset import Dataset


def expected_rows(dataset: Dataset, table: str) -> list[tuple[Any, ...]]:
    rows = dataset.to_arrow(table).to_pylist()
    return sorted((tuple(r.values()) for r in rows), key=repr)


def _sqlite_value(value: Any, kind: pa.DataType) -> Any:
    if value is None:
        return None
    if pa.types.is_decimal(kind):
        assert isinstance(value, int | float | str), type(value)
        return Decimal(str(value)).quantize(Decimal(1).scaleb(-kind.scale))
    if pa.types.is_date(kind):
        return dt.date.fromisoformat(value)
    if pa.types.is_timestamp(kind):
        parsed = dt.datetime.fromisoformat(value)
        assert (parsed.tzinfo is None) == (kind.tz is None), value
        return parsed
    if pa.types.is_boolean(kind):
        assert value in (0, 1), value
        return bool(value)
    return value


def normalize(
    rows: list[tuple[Any, ...]], schema: pa.Schema, convert: Any
) -> list[tuple[Any, ...]]:
    kinds = [f.type for f in schema]
    fixed = [tuple(convert(v, k) for v, k in zip(row, kinds, strict=True)) for row in rows]
    return sorted(fixed, key=repr)


def sqlite_value(value: Any, kind: pa.DataType) -> Any:
    return _sqlite_value(value, kind)


def server_value(value: Any, kind: pa.DataType) -> Any:
    """psycopg and PyMySQL return typed values; only a few need matching to Arrow's."""
    if value is None:
        return None
    if pa.types.is_boolean(kind) and isinstance(value, int) and not isinstance(value, bool):
        assert value in (0, 1), value
        return bool(value)
    if pa.types.is_timestamp(kind) and kind.tz is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)  # MySQL keeps UTC in DATETIME(6)
    if pa.types.is_string(kind) and not isinstance(value, str):
        return str(value)  # psycopg returns uuid.UUID for UUID columns
    if pa.types.is_floating(kind):
        assert isinstance(value, float), type(value)
    if pa.types.is_decimal(kind):
        assert isinstance(value, Decimal), type(value)
    return value


def comparable(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Aware datetimes compare by instant; put them in UTC so repr-sorting agrees."""

    def fix(v: Any) -> Any:
        if isinstance(v, dt.datetime) and v.tzinfo is not None:
            return v.astimezone(dt.UTC)
        return v

    return sorted((tuple(fix(v) for v in r) for r in rows), key=repr)
