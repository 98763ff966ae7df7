"""A column's range as numbers: ``min``/``max`` (and bounds derived from checks) per row.

Bounds are read in the column's own unit: integers and decimals as numbers,
dates as days and datetimes as microseconds since the epoch. A bound may be
a constant or a per-row column (``min: ordered_at + hours(2)``); a row whose
bound is NULL gets a NULL value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from testdatagen.engine.expressions import Scope, Value, evaluate
from testdatagen.engine.values import decimal_to_float, iso_to_days, iso_to_us, scalar, to_numpy
from testdatagen.errors import Diagnostic, GenerationError
from testdatagen.model.expr import Expr, Lit, Unary
from testdatagen.model.schema import Column
from testdatagen.model.types import TypeKind

__all__ = ["Range", "column_range", "default_range", "extreme_expr", "own_constant_range"]

F64 = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
_DAY_US = 86_400_000_000


@dataclass(frozen=True, slots=True)
class Range:
    """``lo``/``hi`` are floats or per-row arrays; ``null`` marks rows with no bound."""

    lo: F64 | float
    hi: F64 | float
    null: Mask | None = None
    #: Exact integer bounds when both are constant integers (integer columns): float64
    #: cannot hold every int64 above 2**53, so draws on such ranges use these.
    exact: tuple[int, int] | None = None

    @property
    def scalar(self) -> bool:
        return np.ndim(self.lo) == 0 and np.ndim(self.hi) == 0


#: Distributions whose own spread gives a number column without ``min``/``max`` its range.
_SPREAD = {"normal", "lognormal", "exponential"}
#: How far the default reaches into a distribution's tails: beyond it lies a share of
#: the mass below 1e-15, so truncating there is invisible but keeps values finite.
_TAIL_SD = 8.0
_FLOAT_MAX = float(np.finfo(np.float64).max)


def default_range(column: Column, now_us: int) -> tuple[float, float]:
    """The range of a column without ``min``/``max``; a normal, lognormal or exponential
    shape on a number column sets it from its own parameters (a fixed 0..1 would truncate
    ``normal(mean: 100, sd: 10)`` to a pile of values at 1), clipped to the type."""
    kind = column.type.kind
    spread = _distribution_range(column)
    if spread is not None:
        return spread
    if kind is TypeKind.FLOAT:
        return 0.0, 1.0
    if kind is TypeKind.DECIMAL:
        p, s = column.type.precision or 18, column.type.scale or 0
        return 0.0, float(min(10 ** (p - s) - 10.0**-s, 1000.0))
    if kind is TypeKind.DATE:
        return float(iso_to_days("2000-01-01")), float(now_us // _DAY_US)
    if kind is TypeKind.DATETIME:
        return float(iso_to_us("2000-01-01")), float(now_us)
    return 0.0, 1_000_000.0


def _distribution_range(column: Column) -> tuple[float, float] | None:
    dist = column.distribution
    kind = column.type.kind
    limit = _number_limit(column)
    if dist is None or dist.name not in _SPREAD or limit is None:
        return None
    params = {k: float(v) for k, v in dist.params.items() if isinstance(v, int | float)}
    if dist.name == "normal":
        if "mean" not in params or "sd" not in params:
            return None  # the draw reports the missing parameter (TDG220)
        mean, sd = params["mean"], abs(params["sd"])
        lo, hi = mean - _TAIL_SD * sd, mean + _TAIL_SD * sd
    elif dist.name == "lognormal":
        mu, sigma = params.get("mu", 0.0), abs(params.get("sigma", 1.0))
        lo, hi = 0.0, float(np.exp(min(mu + _TAIL_SD * sigma, 700.0)))
    else:
        lam = 1.0 / params["scale"] if params.get("scale") else params.get("lam", 1.0)
        lo, hi = 0.0, 36.0 / lam if lam > 0 else 1.0
    lo, hi = max(lo, -limit), min(hi, limit)
    if kind in (TypeKind.INTEGER, TypeKind.BIGINT):
        lo, hi = float(np.floor(lo)), float(np.ceil(hi))
    return (lo, hi) if lo < hi else None


def _number_limit(column: Column) -> float | None:
    """The largest magnitude the number type holds (None: not a number type)."""
    kind = column.type.kind
    if kind is TypeKind.FLOAT:
        return _FLOAT_MAX
    if kind is TypeKind.DECIMAL:
        p, s = column.type.precision or 18, column.type.scale or 0
        return float(10 ** (p - s) - 10.0**-s)
    if kind is TypeKind.INTEGER:
        return float(2**31 - 1)
    if kind is TypeKind.BIGINT:
        return float(2**63 - 1024)
    return None


def _to_number(value: Value, kind: TypeKind, expr: Expr) -> F64 | float:
    """Convert a bound to the column's unit (dates: days, datetimes: µs)."""
    if isinstance(value, pa.Scalar):
        if not value.is_valid:
            return np.nan
        py = value.as_py()
        if isinstance(py, str):
            if kind is TypeKind.DATE:
                return float(iso_to_days(py))
            if kind is TypeKind.DATETIME:
                return float(iso_to_us(py))
            raise GenerationError(
                [
                    Diagnostic(
                        "TDG518",
                        f"bound {py!r} is text but the column is {kind.value}",
                        span=getattr(expr, "span", None),
                    )
                ]
            )
        value = pa.repeat(value, 1)
        return float(_column_to_number(value, kind)[0])
    return _column_to_number(value, kind)


def _column_to_number(value: pa.Array, kind: TypeKind) -> F64:
    t = value.type
    if pa.types.is_timestamp(t):
        micros = value.cast(pa.timestamp("us", tz=t.tz)).cast(pa.int64())
        if kind is TypeKind.DATE:
            micros = pc.floor(pc.divide(micros.cast(pa.float64()), scalar(float(_DAY_US))))
        value = micros
    elif pa.types.is_date(t):
        days = value.cast(pa.int32())
        value = (
            pc.multiply(days.cast(pa.int64()), scalar(_DAY_US))
            if kind is TypeKind.DATETIME
            else days
        )
    elif pa.types.is_decimal(t):
        value = decimal_to_float(value)
    # safe=False: an int64 beyond 2**53 becomes its nearest float instead of raising;
    # integer columns keep the exact value in ``Range.exact``.
    return np.asarray(to_numpy(value.cast(pa.float64(), safe=False), np.nan), dtype=np.float64)


def _combine(parts: list[F64 | float], pick: np.ufunc) -> F64 | float:
    out = parts[0]
    for p in parts[1:]:
        out = pick(out, p)
    return out


def column_range(
    column: Column,
    scope: Scope,
    now_us: int,
    extra_min: tuple[Expr, ...] = (),
    extra_max: tuple[Expr, ...] = (),
) -> Range:
    """The per-row range of ``column`` in its own unit; derived bounds tighten it."""
    kind = column.type.kind
    lo0, hi0 = default_range(column, now_us)
    lows: list[F64 | float] = [lo0] if column.min is None else []
    highs: list[F64 | float] = [hi0] if column.max is None else []
    exact_lo: int | None = int(lo0) if column.min is None else None
    exact_hi: int | None = int(hi0) if column.max is None else None
    if column.min is not None:
        value = evaluate(column.min, scope)
        exact_lo = _exact_int(value)
        lows.append(_to_number(value, kind, column.min))
    if column.max is not None:
        value = evaluate(column.max, scope)
        exact_hi = _exact_int(value)
        highs.append(_to_number(value, kind, column.max))
    if column.max is None and np.ndim(lows[0]) == 0 and float(lows[0]) > hi0:
        span = _default_span(kind, float(lows[0]))
        highs = [_finite(float(lows[0]) + span)]
        exact_hi = None if exact_lo is None else exact_lo + int(span)
    if column.min is None and np.ndim(highs[0]) == 0 and float(highs[0]) < lo0:
        span = _default_span(kind, float(highs[0]))
        lows = [_finite(float(highs[0]) - span)]
        exact_lo = None if exact_hi is None else exact_hi - int(span)
    own_lo, own_hi = _combine(lows, np.fmax), _combine(highs, np.fmin)
    derived_lo = [_to_number(evaluate(e, scope), kind, e) for e in extra_min]
    derived_hi = [_to_number(evaluate(e, scope), kind, e) for e in extra_max]
    lo, hi = _combine([own_lo, *derived_lo], np.fmax), _combine([own_hi, *derived_hi], np.fmin)
    if derived_lo or derived_hi:
        # A row whose derived bounds leave nothing keeps the column's own range: the
        # check then fails for it and the re-draw loop changes the other columns.
        empty = np.asarray(lo) > np.asarray(hi)
        lo, hi = np.where(empty, own_lo, lo), np.where(empty, own_hi, hi)
    null = None
    if np.ndim(lo) or np.ndim(hi):
        lo_a = np.broadcast_to(np.asarray(lo, dtype=np.float64), (scope.size,))
        hi_a = np.broadcast_to(np.asarray(hi, dtype=np.float64), (scope.size,))
        null = np.isnan(lo_a) | np.isnan(hi_a)
        null |= np.isnan(
            np.broadcast_to(np.asarray(own_lo + own_hi, dtype=np.float64), (scope.size,))
        )
        lo, hi = np.where(null, 0.0, lo_a), np.where(null, 0.0, hi_a)
    exact = None
    integral = kind in (TypeKind.INTEGER, TypeKind.BIGINT)
    if integral and exact_lo is not None and exact_hi is not None and not null_bounds(lo, hi):
        exact = _exact_range(exact_lo, exact_hi, lo, hi, derived_lo, derived_hi)
    return Range(lo, hi, null if null is not None and null.any() else None, exact)


def _literal(expr: Expr | None) -> float | None:
    if isinstance(expr, Lit) and isinstance(expr.value, int | float):
        return None if isinstance(expr.value, bool) else float(expr.value)
    if isinstance(expr, Unary) and expr.op == "-":
        inner = _literal(expr.operand)
        return None if inner is None else -inner
    return None


def own_constant_range(column: Column) -> tuple[float, float] | None:
    """A number column's own range when it is the same for every row (constant or
    default ``min``/``max``), as ``column_range`` would give it; else None."""
    lo0, hi0 = default_range(column, 0)
    lo = lo0 if column.min is None else _literal(column.min)
    hi = hi0 if column.max is None else _literal(column.max)
    if lo is None or hi is None:
        return None
    if column.max is None and lo > hi0:
        hi = _finite(lo + _default_span(column.type.kind, lo))
    if column.min is None and hi < lo0:
        lo = _finite(hi - _default_span(column.type.kind, hi))
    return lo, hi


def extreme_expr(column: Column, low: bool) -> Expr:
    """The column's ``min`` (``low``) or ``max`` as an expression, defaults included."""
    own = column.min if low else column.max
    if own is not None:
        return own
    fixed = own_constant_range(column)
    lo0, hi0 = default_range(column, 0)
    value = (fixed[0] if low else fixed[1]) if fixed is not None else (lo0 if low else hi0)
    return Lit(value=int(value) if value.is_integer() and abs(value) < 2**53 else value)


def null_bounds(lo: F64 | float, hi: F64 | float) -> bool:
    """Per-row bounds (arrays) have no exact integer form here."""
    return bool(np.ndim(lo) or np.ndim(hi))


def _exact_int(value: Value) -> int | None:
    if isinstance(value, pa.Scalar) and value.is_valid and pa.types.is_integer(value.type):
        py = value.as_py()
        return py if isinstance(py, int) else None
    return None


def _exact_range(
    lo: int,
    hi: int,
    lo_f: F64 | float,
    hi_f: F64 | float,
    derived_lo: list[F64 | float],
    derived_hi: list[F64 | float],
) -> tuple[int, int] | None:
    """The own integer bounds, tightened by constant derived bounds (rounded inward);
    a derived range that leaves nothing keeps the own range, as ``column_range`` does."""
    if any(np.ndim(d) for d in (*derived_lo, *derived_hi)):
        return None
    if any(np.isnan(float(d)) for d in (*derived_lo, *derived_hi)):
        return None
    d_lo = [int(np.ceil(float(d))) for d in derived_lo]
    d_hi = [int(np.floor(float(d))) for d in derived_hi]
    new_lo, new_hi = max([lo, *d_lo]), min([hi, *d_hi])
    if (derived_lo or derived_hi) and new_lo > new_hi:
        return lo, hi
    return new_lo, new_hi


def _finite(x: float) -> float:
    return min(max(x, -_FLOAT_MAX), _FLOAT_MAX)


def _default_span(kind: TypeKind, anchor: float) -> float:
    """How far a one-sided range reaches; for floats it grows with the bound's magnitude
    (``min: 1e300`` plus 1000 is 1e300 again: every value would be the same)."""
    if kind is TypeKind.FLOAT:
        return max(1000.0, abs(anchor))
    if kind is TypeKind.DATE:
        return 3650.0
    if kind is TypeKind.DATETIME:
        return 3650.0 * _DAY_US
    return 1_000_000.0 if kind in (TypeKind.INTEGER, TypeKind.BIGINT) else 1000.0
