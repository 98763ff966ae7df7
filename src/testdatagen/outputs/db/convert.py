"""Arrow columns → what each driver or bulk format accepts, one column operation at a time.

Conversions are Arrow compute casts over whole batches, so no value is
formatted by a Python loop; only SQLite's executemany needs Python objects,
and those come from ``to_pylist`` per column.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["generic_batch", "mysql_batch", "sqlite_column", "sqlite_rows"]


def _naive_utc(array: pa.Array) -> pa.Array:
    """Aware timestamps as naive UTC (the stored instant is unchanged)."""
    return array.cast(pa.timestamp(array.type.unit))


def sqlite_column(array: pa.Array) -> pa.Array:
    t = array.type
    if pa.types.is_timestamp(t):
        text = _naive_utc(array).cast(pa.timestamp("us")).cast(pa.string())
        return pc.binary_join_element_wise(text, "+00:00", "") if t.tz is not None else text
    if pa.types.is_decimal(t) or pa.types.is_date(t) or pa.types.is_time(t):
        # SQLite has no such types: TEXT lets NUMERIC affinity keep exact values where it can.
        return array.cast(pa.string())
    if pa.types.is_dictionary(t):
        return array.cast(t.value_type)
    return array


def sqlite_rows(batch: pa.RecordBatch) -> list[tuple[Any, ...]]:
    """Rows of Python values sqlite3 binds natively (TEXT for dates, decimals, timestamps)."""
    columns = [sqlite_column(col).to_pylist() for col in batch.columns]
    return list(zip(*columns, strict=True))


def _mysql_column(array: pa.Array) -> pa.Array:
    t = array.type
    if pa.types.is_boolean(t):
        return array.cast(pa.int8())
    if pa.types.is_timestamp(t) and t.tz is not None:
        return _naive_utc(array)
    if pa.types.is_dictionary(t):
        return array.cast(t.value_type)
    return array


def mysql_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """A batch whose CSV form MySQL reads back exactly: 0/1 booleans, UTC datetimes."""
    columns = [_mysql_column(col) for col in batch.columns]
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def generic_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Plain value types for SQLAlchemy's bind processors (dictionary columns decoded)."""
    columns = [
        col.cast(col.type.value_type) if pa.types.is_dictionary(col.type) else col
        for col in batch.columns
    ]
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)
