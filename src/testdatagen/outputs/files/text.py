"""Vectorized text rendering of Arrow columns, shared by the CSV, JSON and XML writers.

Every conversion is a column operation (Arrow compute), never a loop over
rows: a batch becomes one ``bytes`` object through ``concat_rows``, which
reads the joined string column's data buffer directly.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "concat_rows",
    "is_numeric",
    "is_text",
    "iso_text",
    "join_columns",
    "quote",
    "to_text",
]


def is_numeric(data_type: pa.DataType) -> bool:
    return bool(
        pa.types.is_integer(data_type)
        or pa.types.is_floating(data_type)
        or pa.types.is_decimal(data_type)
    )


def is_text(data_type: pa.DataType) -> bool:
    """Columns whose values may hold any character (the others render plainly)."""
    return bool(
        pa.types.is_string(data_type)
        or pa.types.is_large_string(data_type)
        or pa.types.is_dictionary(data_type)
        or pa.types.is_binary(data_type)
        or pa.types.is_large_binary(data_type)
    )


def iso_text(array: pa.Array) -> pa.Array:
    """Timestamps as ISO 8601 (``2024-05-01T12:30:00.000000``, ``…Z`` when zoned).

    Zoned timestamps are written in UTC with a ``Z``: Arrow stores them as UTC
    instants, so this is exact and avoids the ``+0100`` basic-format offsets
    that Arrow's own cast produces.
    """
    data_type = array.type
    zoned = data_type.tz is not None
    if zoned:
        array = array.cast(pa.timestamp(data_type.unit))
    text = pc.replace_substring(array.cast(pa.string()), " ", "T", max_replacements=1)
    return pc.binary_join_element_wise(text, pa.scalar("Z"), "") if zoned else text


def to_text(array: pa.Array) -> pa.Array:
    """Any column as strings, nulls kept: numbers as Arrow prints them, times in ISO."""
    data_type = array.type
    if pa.types.is_string(data_type):
        return array
    if pa.types.is_large_string(data_type) or pa.types.is_dictionary(data_type):
        return array.cast(pa.string())
    if pa.types.is_timestamp(data_type):
        return iso_text(array)
    return array.cast(pa.string())


def quote(text: pa.Array, quote_char: str) -> pa.Array:
    """Wrap in quotes, doubling quotes inside (RFC 4180, also fine for XML attributes)."""
    doubled = pc.replace_substring(text, quote_char, quote_char * 2)
    q = pa.scalar(quote_char)
    return pc.binary_join_element_wise(q, doubled, q, "")


def join_columns(
    columns: list[pa.Array], separator: str, prefix: str, suffix: str, num_rows: int
) -> pa.Array:
    """Row strings ``prefix + c1 + sep + c2 … + suffix``; columns must hold no nulls."""
    if not columns:
        return pa.repeat(pa.scalar(prefix + suffix), num_rows)
    joined = pc.binary_join_element_wise(*columns, separator) if len(columns) > 1 else columns[0]
    if not prefix and not suffix:
        return joined
    return pc.binary_join_element_wise(pa.scalar(prefix), joined, pa.scalar(suffix), "")


def concat_rows(rows: pa.Array) -> bytes:
    """All strings of a null-free string array back to back, straight from its buffer."""
    if len(rows) == 0:
        return b""
    if isinstance(rows, pa.ChunkedArray):
        rows = rows.combine_chunks()
    _, offsets_buffer, data = rows.buffers()
    width = np.int64 if pa.types.is_large_string(rows.type) else np.int32
    offsets = np.frombuffer(offsets_buffer, dtype=width)
    start, end = int(offsets[rows.offset]), int(offsets[rows.offset + len(rows)])
    return bytes(memoryview(data)[start:end])
