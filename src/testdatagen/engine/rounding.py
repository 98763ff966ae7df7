"""Rounding as SQL does it: halves go away from zero, on the decimal the float stands for.

Expressions read decimals as float64 (``engine.expressions``), so an exact decimal
product such as 3048.50 × 0.17 = 518.245 arrives as 518.24499999999995, and
Arrow's and NumPy's default (half to even, on the binary value) would store
518.24 where PostgreSQL, MySQL and DuckDB store 518.25. A relative nudge far
below any digit a decimal column keeps carries such values past the half they
stand for; then halves round away from zero, as ``ROUND`` and ``CAST`` do.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["NUDGE", "round_array", "round_scaled"]

F64 = npt.NDArray[np.float64]

#: About 4500 ulps of float64: larger than the error of a few decimal operations read
#: as floats, smaller than any digit a decimal(38, s) keeps at float64's 15-16 digits.
NUDGE = 1e-12


def round_scaled(values: F64, scale: int) -> F64:
    """``values × 10**scale`` rounded half away from zero (NaN stays NaN).

    Only a value within the nudge of a half moves: nudging every value added
    ``1e-12 × magnitude``, a whole unit from 1e12 units on, so a decimal(38,10)
    computed as ``amount * 1`` read 1000000000001.0001317888 for 1e12. The nudge
    is capped at a quarter unit, and from 2**52 on a float is whole already."""
    scaled = values * 10.0**scale
    magnitude = np.abs(scaled)
    whole = np.floor(magnitude)
    half = np.abs(magnitude - whole - 0.5) <= np.minimum(magnitude * NUDGE, 0.25)
    rounded = np.where(half, whole + 1.0, np.floor(magnitude + 0.5))
    out: F64 = np.sign(scaled) * np.where(magnitude >= 2.0**52, magnitude, rounded)
    return out


def round_array(value: pa.Array | pa.Scalar, digits: int) -> pa.Array | pa.Scalar:
    """SQL ``round(x, digits)`` over an Arrow array or scalar; integers keep their type
    when no digit before the point is rounded away."""
    if pa.types.is_integer(value.type) and digits >= 0:
        return value
    factor = 10.0**digits
    scaled = pc.multiply(pc.cast(value, pa.float64()), pa.scalar(factor))
    magnitude = pc.floor(
        pc.add(pc.multiply(pc.abs(scaled), pa.scalar(1.0 + NUDGE)), pa.scalar(0.5))
    )
    rounded = pc.divide(pc.multiply(pc.sign(scaled), magnitude), pa.scalar(factor))
    if pa.types.is_integer(value.type):
        return pc.cast(rounded, value.type)
    return rounded
