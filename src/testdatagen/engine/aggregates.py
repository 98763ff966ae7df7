"""Reducing a parent's children: ``sum/avg/min/max/count(child.col)`` per parent.

The children of a chunk's parents arrive as one array, contiguous per parent
(``counts`` children each). ``sum``/``avg`` add numbers as float64 (results
are cast back to the column's type). ``min``/``max`` work for every orderable
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

__all__ = ["reduce_children", "summable"]

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
    return _numeric(func, values, counts)


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
