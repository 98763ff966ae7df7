"""Arrow arrays and scalars straight from NumPy buffers, without ``pa.array``.

In pyarrow 26 the first ``pa.array``, ``pa.scalar`` or ``Array.to_numpy`` call
imports pandas (~0.4 CPU-s and ~50 MB per process) only to ask whether its
input is a pandas object; so does a compute kernel given a Python literal.
The engine's own paths use these helpers instead, which work on buffers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "EMPTY",
    "FALSE",
    "TRUE",
    "from_numpy",
    "iso_to_days",
    "iso_to_us",
    "scalar",
    "strings_from_codes",
    "text_array",
    "to_numpy",
    "valid_mask",
    "validity",
    "with_nulls",
]

I64 = npt.NDArray[np.int64]
U8 = npt.NDArray[np.uint8]
Mask = npt.NDArray[np.bool_]
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def iso_to_us(text: str) -> int:
    """``'2022-01-01'`` or ``'2022-01-01T10:00:00'`` → microseconds since the epoch (UTC)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def iso_to_days(text: str) -> int:
    return (date.fromisoformat(text[:10]) - date(1970, 1, 1)).days


_ARROW_OF = {
    np.dtype(np.int8): pa.int8(),
    np.dtype(np.int16): pa.int16(),
    np.dtype(np.int32): pa.int32(),
    np.dtype(np.int64): pa.int64(),
    np.dtype(np.uint8): pa.uint8(),
    np.dtype(np.uint64): pa.uint64(),
    np.dtype(np.float64): pa.float64(),
}


def validity(valid: Mask | None) -> pa.Buffer | None:
    if valid is None or bool(valid.all()):
        return None
    return pa.py_buffer(np.packbits(valid, bitorder="little"))


def from_numpy(
    values: npt.NDArray[Any], type_: pa.DataType | None = None, valid: Mask | None = None
) -> pa.Array:
    """An Arrow array over a NumPy buffer (booleans are bit-packed); ``type_`` must have the same width as the NumPy dtype (int64 for timestamps,
    int32 for date32).
    """
    if values.dtype == np.bool_:
        data = pa.py_buffer(np.packbits(values, bitorder="little"))
        return pa.Array.from_buffers(pa.bool_(), values.size, [validity(valid), data])
    values = np.ascontiguousarray(values)
    target = _ARROW_OF[values.dtype] if type_ is None else type_
    return pa.Array.from_buffers(target, values.size, [validity(valid), pa.py_buffer(values)])


def to_numpy(values: pa.Array | pa.ChunkedArray, fill: object = 0) -> npt.NDArray[Any]:
    """A fixed-width Arrow array's values as NumPy, NULLs replaced by ``fill``
    (read from the buffers, for the same reason as :func:`from_numpy`)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    type_ = values.type
    if not (pa.types.is_primitive(type_) and type_.bit_width >= 1):
        return np.asarray(values.fill_null(fill).to_numpy(zero_copy_only=False))
    if pa.types.is_boolean(type_):
        bits = np.frombuffer(values.buffers()[1], dtype=np.uint8)
        out = np.unpackbits(bits, bitorder="little", count=values.offset + len(values))
        data: npt.NDArray[Any] = out[values.offset :].astype(bool)
    else:
        dtype = np.dtype(type_.to_pandas_dtype()) if not _is_temporal(type_) else _temporal(type_)
        raw = np.frombuffer(values.buffers()[1], dtype=dtype)
        data = raw[values.offset : values.offset + len(values)]
    if values.null_count:
        data = np.where(valid_mask(values), data, np.asarray(fill).astype(data.dtype))
    return data


def _is_temporal(type_: pa.DataType) -> bool:
    return bool(
        pa.types.is_timestamp(type_) or pa.types.is_date(type_) or pa.types.is_duration(type_)
    )


def _temporal(type_: pa.DataType) -> np.dtype[Any]:
    return np.dtype(np.int32) if pa.types.is_date32(type_) else np.dtype(np.int64)


def valid_mask(values: pa.Array) -> Mask:
    bitmap = values.buffers()[0]
    if bitmap is None:
        return np.ones(len(values), dtype=bool)
    bits = np.frombuffer(bitmap, dtype=np.uint8)
    out = np.unpackbits(bits, bitorder="little", count=values.offset + len(values))
    return out[values.offset :].astype(bool)


def scalar(value: object, type_: pa.DataType | None = None) -> pa.Scalar:
    """``pa.scalar`` for the literals expressions use, built from buffers (see
    :func:`from_numpy`); other values go through ``pa.scalar`` itself."""
    made: pa.Scalar | None = None
    if value is None:
        made = pa.nulls(1, type_ or pa.null())[0]
    elif isinstance(value, bool):
        made = from_numpy(np.array([value]))[0]
    elif isinstance(value, int) and -(2**63) <= value < 2**63:
        made = from_numpy(np.array([value], dtype=np.int64))[0]
    elif isinstance(value, float):
        made = from_numpy(np.array([value], dtype=np.float64))[0]
    elif isinstance(value, str):
        made = text_array([value])[0]
    elif isinstance(value, datetime):
        micros = iso_to_us(value.isoformat())
        made = from_numpy(np.array([micros], dtype=np.int64), pa.timestamp("us"))[0]
    elif isinstance(value, date):
        days = (value - date(1970, 1, 1)).days
        made = from_numpy(np.array([days], dtype=np.int32), pa.date32())[0]
    if made is None:
        return pa.scalar(value, type_)
    return made if type_ is None or made.type == type_ else made.cast(type_)


def text_array(values: Sequence[str]) -> pa.Array:
    """A small string array from Python text (choice options), without ``pa.array``."""
    encoded = [v.encode() for v in values]
    lengths = np.fromiter((len(b) for b in encoded), dtype=np.int64, count=len(encoded))
    codes = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    return strings_from_codes(codes, lengths)


def strings_from_codes(codes: U8, lengths: I64, valid: Mask | None = None) -> pa.Array:
    """A string array from concatenated UTF-8 bytes and per-row lengths."""
    offsets = np.zeros(lengths.size + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return pa.Array.from_buffers(
        pa.large_string(),
        lengths.size,
        [validity(valid), pa.py_buffer(offsets), pa.py_buffer(np.ascontiguousarray(codes))],
    ).cast(pa.string())


def with_nulls(values: pa.Array, null: Mask) -> pa.Array:
    """``values`` with the rows where ``null`` is true set to NULL."""
    if not bool(null.any()):
        return values
    return pc.if_else(from_numpy(null), pa.nulls(1, values.type)[0], values)


#: Constants for compute kernels (a Python literal there goes through ``pa.scalar``).
TRUE = scalar(True)
FALSE = scalar(False)
EMPTY = scalar("")
