"""Calendar arithmetic: ``months(n)`` and ``years(n)`` added to dates and datetimes.

Arrow has no kernel adding a month interval to a timestamp, so the shift is
done in NumPy: move the month, keep the day of the month (clamped to the
target month's length, as SQL does: Jan 31 + 1 month = Feb 28/29), keep the
time of day. A month count travels as a ``month_day_nano_interval`` value.
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.engine.buffers import from_numpy, to_numpy, valid_mask

__all__ = ["INTERVAL", "month_interval", "shift_months"]

INTERVAL = pa.month_day_nano_interval()
_TS = pa.timestamp("us")
_LAYOUT = np.dtype([("months", "<i4"), ("days", "<i4"), ("nanos", "<i8")])
Value: TypeAlias = pa.Array | pa.Scalar


def _as_array(value: Value, size: int) -> pa.Array:
    return pa.repeat(value, size) if isinstance(value, pa.Scalar) else value


def month_interval(count: Value, per: int) -> Value:
    """``count × per`` months as an interval (``per`` is 1 for months, 12 for years)."""
    scalar = isinstance(count, pa.Scalar)
    counts = _as_array(count, 1) if scalar else count
    months = np.round(to_numpy(counts.cast(pa.float64()), 0.0) * per).astype(np.int32)
    raw = np.zeros(months.size, dtype=_LAYOUT)
    raw["months"] = months
    valid = valid_mask(counts) if counts.null_count else None
    out = pa.Array.from_buffers(
        INTERVAL,
        months.size,
        [None if valid is None else from_numpy(valid).buffers()[1], pa.py_buffer(raw)],
    )
    return out[0] if scalar else out


def _months_of(interval: pa.Array) -> npt.NDArray[np.int64]:
    raw = np.frombuffer(interval.buffers()[1], dtype=_LAYOUT)
    return raw["months"][interval.offset : interval.offset + len(interval)].astype(np.int64)


def shift_months(moment: Value, interval: Value, sign: int) -> Value:
    """``moment ± interval`` by the calendar; dates stay dates, NULL stays NULL."""
    size = max(len(v) if isinstance(v, pa.Array) else 1 for v in (moment, interval))
    both_scalar = isinstance(moment, pa.Scalar) and isinstance(interval, pa.Scalar)
    is_date = pa.types.is_date(moment.type)
    stamps = _as_array(moment, size).cast(_TS)
    months = _as_array(interval, size)
    micros = to_numpy(stamps.cast(pa.int64()), 0).astype("datetime64[us]")
    first = micros.astype("datetime64[M]")
    day = micros.astype("datetime64[D]") - first.astype("datetime64[D]")
    time = micros - micros.astype("datetime64[D]").astype("datetime64[us]")
    target = first + sign * _months_of(months)
    length = (target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")
    day = np.minimum(day, length - np.timedelta64(1, "D"))
    shifted = (target.astype("datetime64[D]") + day).astype("datetime64[us]") + time
    valid = valid_mask(stamps) & valid_mask(months)
    out = from_numpy(shifted.astype(np.int64), _TS, valid)
    if is_date:
        out = out.cast(pa.date32())
    return out[0] if both_scalar else out
