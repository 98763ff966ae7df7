"""Strategies for strings, UUIDs and booleans drawn without a provider.

Strings are alphanumeric with the column's lengths; unique strings start
with the permuted row index in base 62. UUIDs are RFC 9562 v4 (or
time-ordered v7) from 128 counter bits.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from testdatagen.engine.job import ColumnJob, domain_error, permuted
from testdatagen.engine.rng import Stream
from testdatagen.engine.values import (
    ALPHANUMERIC,
    EMPTY,
    base_digits,
    from_numpy,
    random_strings,
    strings_from_codes,
    uuid_strings,
)
from testdatagen.model.types import TypeKind

__all__ = ["TEXTUAL"]

I64 = npt.NDArray[np.int64]


def _boolean(job: ColumnJob, rows: I64, stream: Stream) -> pa.Array:
    rate = float(job.column.options.get("true_rate", 0.5) or 0.0)
    if job.unique and job.total_rows > 2:
        raise domain_error(job, 2, "boolean")
    return from_numpy(stream.uniform(rows) < rate)


def _lengths(job: ColumnJob, rows: I64, stream: Stream) -> tuple[I64, int]:
    col = job.column
    cap = col.type.length or (1000 if col.type.kind is TypeKind.TEXT else 255)
    if col.length is not None:
        lo, hi = col.length.low, min(col.length.high, cap)
    elif col.type.kind is TypeKind.TEXT:
        lo, hi = min(20, cap), min(200, cap)
    else:
        lo, hi = min(8, cap), min(16, cap)
    return stream.child("length").integers(rows, lo, max(lo, hi)), max(lo, hi)


def _text(job: ColumnJob, rows: I64, stream: Stream) -> pa.Array:
    lengths, longest = _lengths(job, rows, stream)
    if not job.unique:
        return random_strings(stream, rows, lengths, longest)
    # A unique head: the permuted row index in base 62, as wide as the row count needs
    # (a property of the column, never of the chunk); random characters fill the rest.
    width = 1
    while ALPHANUMERIC.size**width < max(job.total_rows, 1) and width < 10:
        width += 1
    if width > longest:
        raise domain_error(job, ALPHANUMERIC.size**longest, f"length {longest}")
    lengths = np.maximum(lengths, width)
    domain = ALPHANUMERIC.size**width
    head = base_digits(permuted(job, rows, stream, domain, f"{width} characters"), width)
    tail = random_strings(stream, rows, lengths - width, longest)
    return pc.binary_join_element_wise(
        strings_from_codes(head.ravel(), np.full(rows.size, width)), tail, EMPTY
    )


def _uuid(job: ColumnJob, rows: I64, stream: Stream) -> pa.Array:
    hi, lo = stream.child("hi").bits(rows), stream.child("lo").bits(rows)
    if job.column.options.get("version") == 7:
        millis = (np.int64(job.now_us // 1000) + rows).astype(np.uint64)
        hi = (millis << np.uint64(16)) | (hi & np.uint64(0xFFFF))
        return uuid_strings(hi, lo, 7)
    return uuid_strings(hi, lo, 4)


TEXTUAL: dict[TypeKind, Callable[[ColumnJob, I64, Stream], pa.Array]] = {
    TypeKind.STRING: _text,
    TypeKind.TEXT: _text,
    TypeKind.UUID: _uuid,
    TypeKind.BOOLEAN: _boolean,
}
