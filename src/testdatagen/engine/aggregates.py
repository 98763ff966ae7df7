"""Reducing a parent's children: ``sum/avg/min/max/count(child.col)`` per parent.

The children of a chunk's parents arrive as one array, contiguous per parent
(``counts`` children each). ``sum`` of decimals is exact: the unscaled
integers are added per parent (in int64 when the precision and the largest
parent's child count bound the sum below 2**63, else in 32-bit limbs carried
into 128 bits), and the result is a ``decimal128(38, s)`` as in SQL, so a
``decimal(38,10)`` total is the exact sum of its children. Other ``sum``/``avg``
add numbers as float64 (results are cast back to the column's type). ``min``/``max`` work for every orderable
type — dates, datetimes, decimals, strings, booleans — by ranking the values
(their sorted distinct values) and reducing the ranks, so the result keeps
the child's own type and is exact (a decimal or a bigint never goes through
float64, a date is never cast to a number, which Arrow refuses). Floats keep
the float path, where NaN is skipped like NULL.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from testdatagen.engine.buffers import valid_mask
from testdatagen.engine.values import decimal_to_float, from_numpy, to_numpy
from testdatagen.errors import Diagnostic, GenerationError

__all__ = ["carry", "limbs", "reduce_children", "summable", "words_of"]

I64 = npt.NDArray[np.int64]


def summable(type_: pa.DataType) -> bool:
    """Types ``sum``/``avg`` add up (the language check rejects others, TDG211)."""
    return bool(
        pa.types.is_integer(type_)
        or pa.types.is_floating(type_)
        or pa.types.is_decimal(type_)
        or pa.types.is_boolean(type_)
        or pa.types.is_null(type_)
    )


def reduce_children(func: str, values: pa.Array, counts: I64) -> pa.Array:
    """One value per parent; a parent without children (or only NULL children) gets
    NULL, except ``sum``, which is 0 as the sum of nothing."""
    if func in ("min", "max") and not pa.types.is_floating(values.type):
        return _ordered(func, values, counts)
    if not summable(values.type):
        raise GenerationError(
            [
                Diagnostic(
                    "TDG513",
                    f"{func}() cannot add up values of type {values.type}",
                    hint="use min/max/count over such a column",
                )
            ]
        )
    if func == "sum" and pa.types.is_decimal128(values.type):
        return _decimal_sum(values, counts)
    return _numeric(func, values, counts)


#: The widest decimal SQL sums into (``sum(decimal(p, s))`` is ``decimal(38, s)``).
WIDEST = 38
_LIMB = np.int64(0xFFFFFFFF)


def _decimal_sum(values: pa.Array, counts: I64) -> pa.Array:
    """Exact per-parent sums of a decimal128 array, as ``decimal128(38, scale)``."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    type_ = values.type
    words = words_of(values)
    most = int(counts.max()) if counts.size else 0
    if type_.precision <= 18 and most * 10**type_.precision < 2**63:
        low = _per_group(np.add, words[:, 0].copy(), counts, 0)
        high = low >> 63
    else:
        low, high = _limb_sums(words, counts)
    packed = np.ascontiguousarray(np.stack([low, high], axis=1))
    return pa.Array.from_buffers(
        pa.decimal128(WIDEST, type_.scale), counts.size, [None, pa.py_buffer(packed)]
    )


def words_of(values: pa.Array) -> npt.NDArray[np.int64]:
    """(low, high) int64 words of each value; NULL children as 0 (SQL skips them)."""
    raw = np.frombuffer(values.buffers()[1], dtype=np.int64)
    words = raw[2 * values.offset : 2 * (values.offset + len(values))].reshape(-1, 2)
    if values.null_count:
        words = np.where(valid_mask(values)[:, None], words, 0)
    return words


def _limb_sums(words: npt.NDArray[np.int64], counts: I64) -> tuple[I64, I64]:
    """128-bit sums per parent, limb by limb (see :func:`limbs`)."""
    return carry([_per_group(np.add, limb, counts, 0) for limb in limbs(words)])


def limbs(words: npt.NDArray[np.int64]) -> list[I64]:
    """Each 128-bit value cut into four 32-bit limbs (the top one signed): sums of up
    to 2**31 values of each limb are exact in int64, and :func:`carry` joins them."""
    low, high = words[:, 0], words[:, 1]
    return [low & _LIMB, (low >> 32) & _LIMB, high & _LIMB, high >> 32]


def carry(sums: list[I64]) -> tuple[I64, I64]:
    """Limb sums → (low, high) words of decimal128, carries propagated from the lowest
    limb up; a total of more than 38 digits raises (SQL overflows there too)."""
    sums = list(sums)
    for i in range(3):
        sums[i + 1] = sums[i + 1] + (sums[i] >> 32)
        sums[i] = sums[i] & _LIMB
    # |sum| < 10**38 < 2**127 leaves the top limb within 31 bits and a sign; 2**126
    # (the top limb within ±2**30) is the cheap bound, the rest is checked exactly.
    near = (sums[3] >= 2**30) | (sums[3] < -(2**30))
    if near.any():
        _check_precision(sums, near)
    return sums[0] | (sums[1] << 32), sums[2] | (sums[3] << 32)


def _check_precision(sums: list[I64], near: npt.NDArray[np.bool_]) -> None:
    """A sum of 39 digits does not fit ``decimal128(38)``; SQL raises an overflow too.
    Only the few sums past 2**126 get here, so Python integers are cheap."""
    limbs = [[int(v) for v in limb[near]] for limb in sums]
    for l0, l1, l2, l3 in zip(*limbs, strict=True):
        if abs(l3 * 2**96 + l2 * 2**64 + l1 * 2**32 + l0) >= 10**WIDEST:
            raise GenerationError(
                [
                    Diagnostic(
                        "TDG522",
                        f"sum() of decimals passes {WIDEST} digits (decimal128's limit)",
                        hint="narrow the children's decimal(p, s) or min/max, or lower per_parent",
                    )
                ]
            )


def _per_group(
    reduce: np.ufunc, data: npt.NDArray[Any], counts: I64, fill: Any
) -> npt.NDArray[Any]:
    """``reduce`` over each parent's children; a parent with none gets ``fill``.

    ``reduceat`` reads a group up to the next start, so only the non-empty groups
    (strictly increasing starts, the last one running to the end) are passed to it:
    clamping the starts of empty groups instead cut the group before them short."""
    out = np.full(counts.size, fill, dtype=data.dtype)
    filled = counts > 0
    if filled.any():
        starts = (np.cumsum(counts) - counts)[filled]
        out[filled] = reduce.reduceat(data, starts)
    return out


def _numeric(func: str, values: pa.Array, counts: I64) -> pa.Array:
    as_float = decimal_to_float(values) if pa.types.is_decimal(values.type) else values
    data = to_numpy(as_float.cast(pa.float64()), np.nan).astype(np.float64)
    valid = ~np.isnan(data)
    if func == "sum":
        return from_numpy(_per_group(np.add, np.where(valid, data, 0.0), counts, 0.0))
    if func in ("min", "max"):
        out = _per_group(np.fmin if func == "min" else np.fmax, data, counts, np.nan)
    else:
        total = _per_group(np.add, np.where(valid, data, 0.0), counts, 0.0)
        seen = _per_group(np.add, valid.astype(np.int64), counts, 0)
        out = np.where(seen > 0, total / np.maximum(seen, 1), np.nan)
    return from_numpy(out, None, ~np.isnan(out))


def _ordered(func: str, values: pa.Array, counts: I64) -> pa.Array:
    """Exact min/max of any orderable type through ranks among the sorted distinct values."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if pa.types.is_dictionary(values.type):
        values = values.dictionary_decode()
    distinct = pc.drop_null(pc.unique(values))
    ordered = distinct.take(pc.sort_indices(distinct))
    ranks = pc.index_in(values, value_set=ordered).cast(pa.int64())
    valid = valid_mask(ranks) if len(ranks) else np.zeros(0, dtype=bool)
    sentinel = len(ordered) if func == "min" else -1
    data = np.where(valid, to_numpy(ranks, 0), sentinel).astype(np.int64)
    picked = _per_group(np.minimum if func == "min" else np.maximum, data, counts, sentinel)
    found = picked != sentinel
    index = from_numpy(np.where(found, picked, 0).astype(np.int64), None, found)
    return ordered.take(index)
