"""Truncated distributions by inverse CDF: one uniform in, one value out.

Truncation maps the uniform onto the CDF interval ``[F(lo), F(hi)]`` before
inverting, so values are spread over the range the distribution gives them
and never pile up on the bounds (clipping would). Bounds may be arrays (per
row, e.g. ``max: price / 1.1``) or scalars. Discrete distributions (zipf,
poisson) use a cumulative table and ``searchsorted``; tables are cached.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from testdatagen.errors import Diagnostic, InputError
from testdatagen.model.schema import Distribution
from testdatagen.model.types import TypeKind

__all__ = [
    "ZIPF_TABLE_MAX",
    "continuous",
    "discrete",
    "in_column_unit",
    "ndtr",
    "ndtri",
    "zipf_continuous",
    "zipf_index",
    "zipf_table",
]

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
Bound = F64 | float
#: Largest rank count with an exact cumulative table; beyond it a continuous power law.
ZIPF_TABLE_MAX = 1 << 22

# Acklam's rational approximation of the normal quantile (relative error < 1.2e-9).
_A = (
    -39.69683028665376,
    220.9460984245205,
    -275.9285104469687,
    138.3577518672690,
    -30.66479806614716,
    2.506628277459239,
)
_B = (
    -54.47609879822406,
    161.5858368580409,
    -155.6989798598866,
    66.80131188771972,
    -13.28068155288572,
)
_C = (
    -0.007784894002430293,
    -0.3223964580411365,
    -2.400758277161838,
    -2.549732539343734,
    4.374664141464968,
    2.938163982698783,
)
_D = (0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416)
_PLOW = 0.02425


def _poly(coeffs: tuple[float, ...], x: F64) -> F64:
    out = np.full_like(x, coeffs[0])
    for c in coeffs[1:]:
        out = out * x + c
    return out


def ndtri(p: F64) -> F64:
    """Standard normal quantile, vectorized; ``p`` is clipped into (0, 1)."""
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-300, 1 - 1e-16)
    out = np.empty_like(p)
    low, high = p < _PLOW, p > 1 - _PLOW
    mid = ~(low | high)
    q = p[mid] - 0.5
    r = q * q
    out[mid] = _poly(_A, r) * q / (_poly(_B, r) * r + 1.0)
    for mask, sign, tail in ((low, 1.0, p[low]), (high, -1.0, 1.0 - p[high])):
        t = np.sqrt(-2.0 * np.log(tail))
        out[mask] = sign * _poly(_C, t) / (_poly(_D, t) * t + 1.0)
    return out


def ndtr(x: F64 | float) -> F64:
    """Standard normal CDF via a Chebyshev erfc fit (relative error < 1.2e-7)."""
    z = np.abs(np.asarray(x, dtype=np.float64)) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = (0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806,
            0.09678418, 0.37409196, 1.00002368, -1.26551223)  # fmt: skip
    erfc = t * np.exp(-z * z + _poly(poly, t))
    half = 0.5 * erfc
    return np.where(np.asarray(x) >= 0, 1.0 - half, half)


def _param(dist: Distribution, name: str, default: float | None = None) -> float:
    if name in dist.params:
        return float(dist.params[name])
    if default is None:
        raise InputError(
            [
                Diagnostic(
                    "TDG220",
                    f"distribution {dist.name} needs the parameter '{name}'",
                    span=dist.span,
                    hint=f"write {dist.name}({name}: …)",
                )
            ]
        )
    return default


#: Microseconds in a day: a datetime column's unit, while its shape is given in days.
_DAY_US = 86_400_000_000.0


def in_column_unit(dist: Distribution | None, kind: TypeKind) -> Distribution | None:
    """Shape parameters on date and datetime columns count days (``mean`` in days since
    1970-01-01, ``sd``/``scale`` in days, ``lam`` per day) for both types; a datetime
    is drawn in microseconds, so its parameters are rescaled to that unit here."""
    if dist is None or kind is not TypeKind.DATETIME:
        return dist
    params = dict(dist.params)
    if dist.name == "normal":
        params.update({k: params[k] * _DAY_US for k in ("mean", "sd") if k in params})
    elif dist.name == "lognormal":
        params["mu"] = params.get("mu", 0.0) + math.log(_DAY_US)
    elif dist.name == "exponential":
        if "scale" in params:
            params["scale"] *= _DAY_US
        params["lam"] = params.get("lam", 1.0) / _DAY_US
    else:
        return dist
    return dist.model_copy(update={"params": params})


def continuous(dist: Distribution | None, u: F64, lo: Bound, hi: Bound) -> F64:
    """A value in [lo, hi] per uniform ``u``, shaped by ``dist`` (None: uniform)."""
    name = dist.name if dist is not None else "uniform"
    lo_a = np.asarray(lo, dtype=np.float64)
    hi_a = np.asarray(hi, dtype=np.float64)
    if name == "uniform" or dist is None:
        with np.errstate(over="ignore", invalid="ignore"):
            width = hi_a - lo_a
            out: F64 = lo_a + u * width
        if not np.all(np.isfinite(width)):
            # A range wider than float64 holds (min: -1e308, max: 1e308): interpolate
            # without forming the width, else every value would be ±inf.
            out = np.where(np.isfinite(width), out, lo_a * (1.0 - u) + hi_a * u)
    elif name == "normal":
        out = _truncated_normal(u, _param(dist, "mean"), _param(dist, "sd"), lo_a, hi_a)
    elif name == "lognormal":
        mu, sigma = _param(dist, "mu", 0.0), _param(dist, "sigma", 1.0)
        safe_lo = np.log(np.maximum(lo_a, 1e-300))
        out = np.exp(_truncated_normal(u, mu, sigma, safe_lo, np.log(np.maximum(hi_a, 1e-300))))
    elif name == "exponential":
        lam = _param(dist, "lam", 1.0)
        if "scale" in dist.params:
            lam = 1.0 / float(dist.params["scale"])
        mass = -np.expm1(-lam * (hi_a - lo_a))
        out = lo_a - np.log1p(-u * mass) / lam
    else:
        raise InputError(
            [Diagnostic("TDG221", f"distribution {name} does not apply to continuous values")]
        )
    return np.clip(out, lo_a, hi_a)


def _truncated_normal(u: F64, mean: float, sd: float, lo: F64, hi: F64) -> F64:
    if sd <= 0:
        return np.clip(np.full_like(u, mean), lo, hi)
    f_lo = ndtr((lo - mean) / sd)
    f_hi = ndtr((hi - mean) / sd)
    return mean + sd * ndtri(f_lo + u * (f_hi - f_lo))


def discrete(dist: Distribution | None, u: F64, lo: int, hi: int) -> I64:
    """An integer in [lo, hi] (scalar bounds) per uniform ``u``."""
    name = dist.name if dist is not None else "uniform"
    span = hi - lo + 1
    if name == "uniform" or dist is None:
        return np.minimum((u * span).astype(np.int64), span - 1) + lo
    if name == "zipf":
        s = _param(dist, "s", 1.0)
        if span <= ZIPF_TABLE_MAX:
            return zipf_index(span, s, u) + lo
        return zipf_continuous(u, s, span) + lo
    if name == "poisson":
        table, first = _poisson_table(_param(dist, "lam"), lo, hi)
        idx = np.searchsorted(table, u, side="right").astype(np.int64)
        return np.minimum(idx, table.size - 1) + first
    # Continuous shapes on integers: spread over [lo - .5, hi + .5) and round.
    x = continuous(dist, u, lo - 0.5, hi + 0.5 - 1e-9)
    return clip_to_int64(np.floor(x + 0.5), lo, hi)


#: The largest float64 below 2**63 (float64 cannot hold 2**63 - 1).
_FLOAT_BELOW_2_63 = float(2**63 - 1024)


def clip_to_int64(x: npt.ArrayLike, lo: npt.ArrayLike, hi: npt.ArrayLike) -> I64:
    """Whole floats to int64, clipped to ``[lo, hi]`` without overflow: clip in float
    into int64's range first, then exactly in integers (bounds above 2**53 included)."""
    xf = np.clip(np.asarray(x, dtype=np.float64), -(2.0**63), _FLOAT_BELOW_2_63)
    ints = np.nan_to_num(xf).astype(np.int64)
    lo_a, hi_a = np.asarray(lo), np.asarray(hi)
    if lo_a.dtype.kind == "f":
        lo_a = np.clip(lo_a, -(2.0**63), _FLOAT_BELOW_2_63).astype(np.int64)
    if hi_a.dtype.kind == "f":
        hi_a = np.clip(hi_a, -(2.0**63), _FLOAT_BELOW_2_63).astype(np.int64)
    result: I64 = np.clip(ints, lo_a, hi_a).astype(np.int64)
    return result


@lru_cache(maxsize=32)
def zipf_table(n: int, s: float) -> F64:
    """Normalized cumulative weights of ranks 1..n (weight ∝ rank**-s)."""
    cdf = np.arange(1, n + 1, dtype=np.float64)  # in place throughout: one n-sized buffer
    np.power(cdf, -s, out=cdf)
    np.cumsum(cdf, out=cdf)
    cdf /= cdf[-1]
    cdf[-1] = np.inf  # u < 1 always lands inside
    cdf.setflags(write=False)
    return cdf


@lru_cache(maxsize=8)
def _zipf_guide(n: int, s: float) -> npt.NDArray[np.int32]:
    """For bucket ``b`` of ``[0, 1)``, the first rank whose cumulative weight exceeds ``b/K``.

    ``K`` is a power of two, so ``u * K`` and ``cdf * K`` are exact and a draw's
    bucket always brackets its rank. ``ceil(cdf * K)`` is sorted, so the guide is
    a run-length expansion of it: one pass over the ranks instead of ``K`` binary
    searches, with temporaries the size of the rank table, not of the guide."""
    buckets = min(1 << (4 * n - 1).bit_length(), 1 << 22)
    scaled = zipf_table(n, s)[:-1] * buckets
    keys = np.ceil(scaled, out=scaled).astype(np.int32)
    del scaled
    last = np.append(np.flatnonzero(keys[1:] != keys[:-1]), keys.size - 1)
    if keys.size == 0:
        out = np.zeros(buckets + 1, dtype=np.int32)
    else:
        ranks_at_most = np.append(0, last + 1).astype(np.int32)
        widths = np.diff(np.concatenate(([0], keys[last], [buckets + 1])))
        out = np.repeat(ranks_at_most, widths)
        np.minimum(out, n - 1, out=out)
    out.setflags(write=False)
    return out


def zipf_index(n: int, s: float, u: F64) -> I64:
    """Rank (0-based) per uniform: a guide table settles most draws with one lookup;
    only draws whose bucket spans several ranks fall back to binary search."""
    cdf, guide = zipf_table(n, s), _zipf_guide(n, s)
    bucket = (u * (guide.size - 1)).astype(np.int64)
    lo, hi = guide[bucket], guide[bucket + 1]
    out = lo.astype(np.int64)
    open_ = np.flatnonzero(lo < hi)
    out[open_] = _search_between(cdf, u[open_], out[open_], hi[open_].astype(np.int64))
    return out


def _search_between(cdf: F64, u: F64, lo: I64, hi: I64) -> I64:
    """``searchsorted(cdf, u, 'right')`` knowing the answer lies in ``[lo, hi]``: a
    vectorized binary search over each draw's few ranks, instead of one over the
    whole table (whose cache misses made zipf picks ~4× the cost of a uniform)."""
    while True:
        active = np.flatnonzero(lo < hi)
        if active.size == 0:
            return lo
        a, b = lo[active], hi[active]
        mid = (a + b) >> 1
        right = cdf[mid] <= u[active]
        lo[active] = np.where(right, mid + 1, a)
        hi[active] = np.where(right, b, mid)


def zipf_continuous(u: F64, s: float, span: int | I64) -> I64:
    """Bounded power law on [1, span+1) by inverse CDF; close to zipf for large spans
    (``span`` may differ per row)."""
    if abs(s - 1.0) < 1e-9:
        x = np.exp(u * np.log(np.asarray(span, dtype=np.float64) + 1.0))
    else:
        a = 1.0 - s
        x = (1.0 + u * ((span + 1.0) ** a - 1.0)) ** (1.0 / a)
    return np.clip(np.floor(x).astype(np.int64) - 1, 0, span - 1)


@lru_cache(maxsize=32)
def _poisson_table(lam: float, lo: int, hi: int) -> tuple[F64, int]:
    top = min(hi, int(lam + 12 * math.sqrt(lam) + 20))
    first = max(lo, 0)
    if top < first:
        top = first
    k = np.arange(first, top + 1, dtype=np.float64)
    log_fact = np.array([math.lgamma(v + 1.0) for v in k])
    logp = k * math.log(max(lam, 1e-300)) - lam - log_fact
    p = np.exp(logp - logp.max())
    cdf = np.cumsum(p)
    cdf /= cdf[-1]
    cdf[-1] = np.inf
    return cdf, first
