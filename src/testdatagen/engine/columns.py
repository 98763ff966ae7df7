"""Column strategies: random, sequential, choice, pattern, format, compute.

Each strategy turns row indices into one Arrow column at once. Randomness is
drawn from the column's stream at the row indices themselves, so the value
of row ``i`` never depends on which other rows are in the chunk. ``unique``
columns map the row index through a keyed bijection onto their domain.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.engine.bounds import Range, column_range
from testdatagen.engine.distributions import clip_to_int64, continuous, discrete, in_column_unit
from testdatagen.engine.expressions import Scope, as_array, evaluate, evaluate_exact
from testdatagen.engine.job import ColumnJob, cast_to_column, domain_error, permuted
from testdatagen.engine.permutation import MAX_DOMAIN
from testdatagen.engine.rng import Stream
from testdatagen.engine.textual import TEXTUAL
from testdatagen.engine.values import (
    FALSE,
    decimal_from_whole,
    from_numpy,
    iso_to_days,
    iso_to_us,
    text_array,
    to_numpy,
)
from testdatagen.errors import Diagnostic, GenerationError
from testdatagen.model.expr import Lit
from testdatagen.model.schema import ChoiceGen, ComputeGen, FormatGen, PatternGen, SequentialGen
from testdatagen.model.types import TypeKind

__all__ = ["STRATEGIES", "Strategy"]

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
_SECOND = 1_000_000


def _numbers(job: ColumnJob, rng: Range, rows: I64, stream: Stream) -> npt.NDArray[Any]:
    """Draw in the column's unit on its grid (integers, cents, days, seconds)."""
    kind = job.column.type.kind
    dist = in_column_unit(job.column.distribution, kind)  # dates and datetimes: days
    if kind is TypeKind.FLOAT:
        if rng.scalar and float(rng.hi) < float(rng.lo):
            raise _empty(job, rng)
        return continuous(dist, stream.uniform(rows), rng.lo, np.maximum(rng.hi, rng.lo))
    step = _grid(job, rng)
    lo = np.ceil(np.asarray(rng.lo) / step)
    hi = np.floor(np.asarray(rng.hi) / step)
    if kind is TypeKind.DECIMAL and not job.unique and _past_int64(lo, hi):
        # More grid steps than int64 holds (decimal(38,10) up to 1e9 is 1e19 cents of
        # a cent): integer draws wrapped to negative amounts. Draw as floats in the
        # column's unit; the caller rounds them to the scale.
        return continuous(dist, stream.uniform(rows), lo * step, np.maximum(hi, lo) * step)
    if rng.scalar:
        # Integer columns use the exact bounds: float64 cannot hold every int64 above 2**53.
        lo_i, hi_i = rng.exact if rng.exact is not None else (int(lo), int(hi))
        if hi_i < lo_i:
            raise _empty(job, rng)
        if job.unique:
            span = min(hi_i - lo_i + 1, MAX_DOMAIN)
            return (permuted(job, rows, stream, span, f"{lo_i}..{hi_i}") + lo_i) * step
        if dist is None or dist.name == "uniform":
            return stream.integers(rows, lo_i, hi_i) * step
        if kind in (TypeKind.INTEGER, TypeKind.BIGINT):
            return discrete(dist, stream.uniform(rows), lo_i, hi_i)
    hi = np.maximum(hi, lo)
    # On the column's grid: spread over [lo - .5, hi + .5) grid steps, shaped in the
    # column's own unit (so normal(mean: 80) means 80.00 for a decimal), then round.
    u = stream.uniform(rows)
    x = continuous(dist, u, (lo - 0.5) * step, (hi + 0.5 - 1e-6) * step) / step
    return clip_to_int64(np.floor(x + 0.5), lo, hi) * step


def _past_int64(lo: npt.NDArray[Any], hi: npt.NDArray[Any]) -> bool:
    """Bounds beyond ±2**62 grid steps, where int64 draws (and their span) overflow."""
    return bool(np.any(np.abs(lo) >= 2.0**62) or np.any(np.abs(hi) >= 2.0**62))


def _grid(job: ColumnJob, rng: Range) -> int | float:
    kind = job.column.type.kind
    if kind is TypeKind.DECIMAL:
        return 10.0 ** -(job.column.type.scale or 0)
    if kind is TypeKind.DATETIME:
        width = np.asarray(rng.hi) - np.asarray(rng.lo)
        if rng.null is not None:
            width = width[~rng.null]
        return _SECOND if np.all(width >= _SECOND) else 1
    return 1


def _empty(job: ColumnJob, rng: Range) -> GenerationError:
    return GenerationError(
        [
            Diagnostic(
                "TDG521", f"{job.name}: min {rng.lo} is above max {rng.hi}", span=job.column.span
            )
        ]
    )


def _check_inverted(job: ColumnJob, rng: Range, scope: Scope) -> None:
    """Per-row bounds that cross (``min: p_id.d + days(400), max: p_id.d``) leave no
    value: say so instead of writing a value beyond ``max``. Rows where ``when`` is
    false are never generated, so their bounds may cross."""
    column = job.column
    if rng.scalar or column.min is None or column.max is None:
        return
    lo = np.broadcast_to(np.asarray(rng.lo, dtype=np.float64), (scope.size,))
    hi = np.broadcast_to(np.asarray(rng.hi, dtype=np.float64), (scope.size,))
    inverted = lo > hi
    if rng.null is not None:
        inverted &= ~rng.null
    if inverted.any() and column.when is not None:
        test = as_array(evaluate(column.when, scope), scope.size).fill_null(FALSE)
        inverted &= to_numpy(test, False).astype(bool)
    if not inverted.any():
        return
    first = int(np.flatnonzero(inverted)[0])
    raise GenerationError(
        [
            Diagnostic(
                "TDG521",
                f"{job.name}: min is above max for {int(inverted.sum())} of {scope.size} rows "
                f"(e.g. min {_unit_text(column.type.kind, lo[first])} > max "
                f"{_unit_text(column.type.kind, hi[first])})",
                span=column.span,
                hint="make min and max agree for every row (narrow the columns they read), "
                "or generate the column only where they do with when:",
            )
        ]
    )


def _unit_text(kind: TypeKind, value: float) -> str:
    """A bound in the column's unit (days, microseconds) as the user wrote it."""
    if kind is TypeKind.DATE:
        return (date(1970, 1, 1) + timedelta(days=int(value))).isoformat()
    if kind is TypeKind.DATETIME:
        return (datetime(1970, 1, 1) + timedelta(microseconds=int(value))).isoformat(" ")
    return f"{value:g}"


def _random(job: ColumnJob, scope: Scope, rows: I64, stream: Stream) -> pa.Array:
    kind = job.column.type.kind
    if kind in TEXTUAL:
        return TEXTUAL[kind](job, rows, stream)
    rng = column_range(job.column, scope, job.now_us, job.extra_min, job.extra_max)
    _check_inverted(job, rng, scope)
    values = _numbers(job, rng, rows, stream)
    null = rng.null
    if kind is TypeKind.DECIMAL:
        scaled = np.round(np.asarray(values) * 10.0 ** (job.column.type.scale or 0))
        return decimal_from_whole(scaled, job.arrow_type, None if null is None else ~null)
    valid = None if null is None else ~null
    if kind is TypeKind.DATETIME:
        arr = from_numpy(np.asarray(values, dtype=np.int64), pa.timestamp("us"), valid)
        return arr.cast(job.arrow_type)
    if kind is TypeKind.DATE:
        return from_numpy(np.asarray(values, dtype=np.int32), pa.date32(), valid)
    if kind is TypeKind.FLOAT:
        return from_numpy(np.asarray(values, dtype=np.float64), None, valid)
    return from_numpy(np.asarray(values, dtype=np.int64), None, valid).cast(job.arrow_type)


_DAY_US = 86_400 * _SECOND


def _temporal_sequence(job: ColumnJob, gen: SequentialGen, rows: I64) -> pa.Array:
    """Dates and datetimes: ``step`` counts days (fractions allowed for datetimes);
    a numeric ``start`` counts days since 1970-01-01, an ISO text start (for models
    built in Python or from configs) is parsed. The ``.tdg`` checks reject
    ``sequential`` on these types today (TDG200), so only those paths reach here."""
    start: object = gen.start
    if job.column.type.kind is TypeKind.DATE:
        first = iso_to_days(start) if isinstance(start, str) else int(float(start))  # type: ignore[arg-type]
        days = first + np.floor(rows * float(gen.step)).astype(np.int64)
        return from_numpy(days.astype(np.int32), pa.date32())
    first_us = iso_to_us(start) if isinstance(start, str) else round(float(start) * _DAY_US)  # type: ignore[arg-type]
    micros = first_us + np.round(rows * (float(gen.step) * _DAY_US)).astype(np.int64)
    return from_numpy(micros, pa.timestamp("us")).cast(job.arrow_type)


def _sequential(job: ColumnJob, scope: Scope, rows: I64, stream: Stream) -> pa.Array:
    gen = job.column.generator
    assert isinstance(gen, SequentialGen)
    if job.column.type.kind in (TypeKind.DATE, TypeKind.DATETIME):
        return _temporal_sequence(job, gen, rows)
    _within_bounds(job, gen)
    if isinstance(gen.start, int) and isinstance(gen.step, int):
        values: pa.Array = from_numpy(rows * gen.step + gen.start)
    else:
        values = from_numpy(rows * float(gen.step) + float(gen.start))
    return cast_to_column(values, job)


def _within_bounds(job: ColumnJob, gen: SequentialGen) -> None:
    """The row count a run asks (``--rows`` too) keeps the sequence inside min/max: a
    ``tinyint``-like key introspected with ``max: 255`` must not load 300."""
    last = gen.start + gen.step * max(job.total_rows - 1, 0)
    for name, literal in (("min", job.column.min), ("max", job.column.max)):
        bound = literal.value if isinstance(literal, Lit) else None
        if not isinstance(bound, int | float) or isinstance(bound, bool):
            continue
        reached = min(gen.start, last) if name == "min" else max(gen.start, last)
        if (reached < bound) if name == "min" else (reached > bound):
            raise GenerationError(
                [
                    Diagnostic(
                        "TDG405",
                        f"{job.name}: sequential from {gen.start} reaches {reached} for "
                        f"{job.total_rows} rows, past {name} {bound}",
                        span=job.column.span,
                        hint=f"raise {name}, change start/step, or ask for fewer rows",
                    )
                ]
            )


def _choice(job: ColumnJob, scope: Scope, rows: I64, stream: Stream) -> pa.Array:
    gen = job.column.generator
    assert isinstance(gen, ChoiceGen)
    table = job.cache.get("choice")
    if table is None:
        weights = np.asarray(gen.weights or [1.0] * len(gen.values), dtype=np.float64)
        cdf = np.cumsum(weights / weights.sum())
        cdf[-1] = np.inf
        table = (cdf, cast_to_column(_options(gen), job))
        job.cache["choice"] = table
    cdf, options = cast(tuple[F64, pa.Array], table)
    if job.unique:
        index = permuted(job, rows, stream, len(gen.values), "its choices")
    else:
        index = np.searchsorted(cdf, stream.uniform(rows), side="right")
    return options.take(from_numpy(np.asarray(index, dtype=np.int64)))


def _options(gen: ChoiceGen) -> pa.Array:
    if all(isinstance(v, str) for v in gen.values):
        return text_array([str(v) for v in gen.values])
    return pa.array(list(gen.values))


def _pattern(job: ColumnJob, scope: Scope, rows: I64, stream: Stream) -> pa.Array:
    from testdatagen.providers.pattern import compile_pattern

    gen = job.column.generator
    assert isinstance(gen, PatternGen)
    compiled: Any = job.cache.get("pattern")
    if compiled is None:
        compiled = job.cache["pattern"] = compile_pattern(gen.regex)
    if not job.unique:
        return cast_to_column(compiled.generate(stream, rows), job)
    # The pattern's own unique path: a keyed permutation onto its enumeration, with a
    # random head when the domain is beyond the permutation (so values do not share
    # a prefix); an ambiguous pattern it cannot enumerate raises a clear error.
    capacity = compiled.unique_capacity
    if capacity is not None and capacity < job.total_rows:
        raise domain_error(job, capacity, f"pattern '{gen.regex}'")
    return cast_to_column(compiled.unique(stream, rows), job)


def _format(job: ColumnJob, scope: Scope, rows: I64, stream: Stream) -> pa.Array:
    from testdatagen.providers.base import FormatRequest
    from testdatagen.providers.registry import get_provider

    gen = job.column.generator
    assert isinstance(gen, FormatGen)
    locale = str(job.column.options.get("locale") or job.locale)
    max_length = job.column.type.length
    if max_length is not None:
        # A prefix/suffix is added around the value (``table._affixed``): leave room for it.
        affix = sum(len(a) for a in _affixes(job))
        max_length = max(1, max_length - affix)
    request = FormatRequest(
        seed=job.seed,
        table=job.table,
        column=job.column.name,
        locale=locale,
        params=gen.params,
        max_length=max_length,
        unique=job.unique,
        total_rows=job.total_rows,
    )
    return cast_to_column(get_provider(gen.name).generate(request, rows), job)


def _affixes(job: ColumnJob) -> list[str]:
    options = job.column.options
    return [a for a in (options.get("prefix"), options.get("suffix")) if isinstance(a, str)]


def _compute(job: ColumnJob, scope: Scope, rows: I64, stream: Stream) -> pa.Array:
    gen = job.column.generator
    assert isinstance(gen, ComputeGen)
    return cast_to_column(as_array(evaluate_exact(gen.expr, scope), rows.size), job)


Strategy = Callable[[ColumnJob, Scope, I64, Stream], pa.Array]
STRATEGIES: dict[str, Strategy] = {
    "random": _random,
    "sequential": _sequential,
    "choice": _choice,
    "pattern": _pattern,
    "format": _format,
    "compute": _compute,
}
