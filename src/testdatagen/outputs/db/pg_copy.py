"""Rows into one PostgreSQL table: one ``COPY`` per table, or INSERT.

CSV COPY is the fast path: Arrow's C++ writer turns a whole batch into CSV
bytes (no Python per value, and it releases the GIL), so the next batch is
encoded on a helper thread while the current one is sent — the client's
two jobs, encoding and sending, overlap instead of alternating. One COPY
statement serves the whole table, so the server plans and starts it once.

Binary COPY is built row by row with psycopg's ``write_row`` (Python per
value), kept for comparison and for callers that want it; see
docs/databases.md for the measured difference.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import psycopg
import pyarrow as pa
import pyarrow.csv as pacsv
from psycopg import sql

__all__ = ["write_table"]

_CSV = pacsv.WriteOptions(include_header=False, batch_size=16_384)
Done = Callable[[int], None]


def write_table(
    cur: psycopg.Cursor[Any],
    target: sql.Composed,
    batches: Iterable[pa.RecordBatch],
    method: str,
    done: Done,
) -> None:
    """Send ``batches`` to ``target`` (``table (columns)``) by ``method``; ``done(rows)`` per batch."""
    if method == "copy":
        _copy_csv(cur, target, batches, done)
    elif method == "copy_binary":
        _copy_binary(cur, target, batches, done)
    else:
        _insert(cur, target, batches, done)


def _encode(batch: pa.RecordBatch) -> pa.Buffer:
    sink = pa.BufferOutputStream()
    pacsv.write_csv(batch, sink, _CSV)
    return sink.getvalue()


def _encoded_ahead(batches: Iterable[pa.RecordBatch]) -> Iterator[tuple[pa.Buffer, int]]:
    """CSV of each batch, the next one encoding on a helper thread meanwhile."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tdg-csv") as pool:
        pending: Future[pa.Buffer] | None = None
        rows = 0
        for batch in batches:
            ahead = pool.submit(_encode, batch)
            if pending is not None:
                yield pending.result(), rows
            pending, rows = ahead, batch.num_rows
        if pending is not None:
            yield pending.result(), rows


def _copy_csv(
    cur: psycopg.Cursor[Any], target: sql.Composed, batches: Iterable[pa.RecordBatch], done: Done
) -> None:
    with cur.copy(sql.SQL("COPY {} FROM STDIN (FORMAT csv)").format(target)) as copy:
        for data, rows in _encoded_ahead(batches):
            copy.write(memoryview(data))
            done(rows)


def _copy_binary(
    cur: psycopg.Cursor[Any], target: sql.Composed, batches: Iterable[pa.RecordBatch], done: Done
) -> None:
    with cur.copy(sql.SQL("COPY {} FROM STDIN (FORMAT binary)").format(target)) as copy:
        typed = False
        for batch in batches:
            if not typed:
                copy.set_types(_pg_types(batch.schema))
                typed = True
            for row in zip(*(c.to_pylist() for c in batch.columns), strict=True):
                copy.write_row(row)
            done(batch.num_rows)


def _insert(
    cur: psycopg.Cursor[Any], target: sql.Composed, batches: Iterable[pa.RecordBatch], done: Done
) -> None:
    for batch in batches:
        marks = sql.SQL(", ").join(sql.Placeholder() * batch.num_columns)
        # OVERRIDING SYSTEM VALUE: GENERATED ALWAYS identity columns take the loaded ids
        # (as COPY does); a table without identity columns ignores it.
        query = sql.SQL("INSERT INTO {} OVERRIDING SYSTEM VALUE VALUES ({})").format(target, marks)
        cur.executemany(query, list(zip(*(c.to_pylist() for c in batch.columns), strict=True)))
        done(batch.num_rows)


def _pg_types(schema: pa.Schema) -> list[str]:
    """Binary COPY needs the exact wire type of every column."""
    names = []
    for field in schema:
        t = field.type
        if pa.types.is_timestamp(t):
            names.append("timestamptz" if t.tz else "timestamp")
        elif pa.types.is_decimal(t):
            names.append("numeric")
        else:
            names.append(_SIMPLE.get(str(t), "text"))
    return names


_SIMPLE = {
    "int32": "int4",
    "int64": "int8",
    "int16": "int2",
    "double": "float8",
    "float": "float4",
    "bool": "bool",
    "date32[day]": "date",
}
