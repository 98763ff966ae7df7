"""Values that the column type cannot hold, and settings that leave rows without a value.

A numeric min/max (or, without them, the engine's default range) must fit the
column type: int32 for integer, int64 for bigint, ±(10^(p−s) − 10^−s) for
decimal(p,s). A sequential column must not run past that range within the
rows a generate block asks for. A not_null column with ``when:`` needs a
``default:`` for the rows where the condition is false. Time zones name an
IANA zone.
"""

from __future__ import annotations

import zoneinfo
from functools import cache

from testdatagen.language.checks.context import CheckContext, ColumnSite
from testdatagen.language.checks.rowcounts import minimum_rows
from testdatagen.language.lower_values import number_of
from testdatagen.language.suggest import did_you_mean
from testdatagen.model import SequentialGen, TypeKind

__all__ = ["representable", "run"]

_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) | {"UTC"}


Bounds = tuple[int | float, int | float]


def representable(site: ColumnSite) -> Bounds | None:
    """The lowest and highest value the column type holds; None when unbounded or unknown."""
    dtype = site.column.type
    if dtype.kind is TypeKind.INTEGER:
        return _INT32
    if dtype.kind is TypeKind.BIGINT:
        return _INT64
    if dtype.kind is TypeKind.DECIMAL:
        p, s = dtype.precision or 18, dtype.scale or 0
        if not 1 <= p <= 38 or not 0 <= s <= p:
            return None  # TDG202 reports it
        top = 10.0 ** (p - s) - 10.0**-s
        return -top, top
    return None


def _default_range(site: ColumnSite) -> tuple[float, float]:
    """The engine's range for a numeric column without min/max (engine.bounds.default_range)."""
    dtype = site.column.type
    if dtype.kind is TypeKind.DECIMAL:
        p, s = dtype.precision or 18, dtype.scale or 0
        return 0.0, float(min(10 ** (p - s) - 10.0**-s, 1000.0))
    return 0.0, 1_000_000.0


def _show(x: int | float, site: ColumnSite) -> str:
    dtype = site.column.type
    if dtype.kind is TypeKind.DECIMAL and dtype.scale:
        return f"{x:.{dtype.scale}f}"
    if x == int(x):
        return str(int(x))
    return repr(x)


def _outside(x: int | float, bounds: Bounds) -> bool:
    """Outside the bounds (exactly for integers; decimals allow float noise)."""
    lo, hi = bounds
    slack = 0.0 if isinstance(hi, int) else 1e-9 * max(1.0, abs(hi))
    return x < lo - slack or x > hi + slack


def run(ctx: CheckContext) -> None:
    rows = _rows(ctx)
    for site in ctx.columns():
        if ctx.is_broken(site):
            continue
        _range_fits(ctx, site)
        _sequential(ctx, site, rows.get((site.schema.name, site.table.name)))
        _when_default(ctx, site)
        _timezone(ctx, site)


def _rows(ctx: CheckContext) -> dict[tuple[str, str], int]:
    """The most rows any generate block asks of each table (where it can be known)."""
    found: dict[tuple[str, str], int] = {}
    for plan in ctx.project.plans:
        try:
            schema = ctx.project.schema_named(plan.schema_name)
        except KeyError:
            continue
        for table, n in minimum_rows(schema, plan).items():
            key = (schema.name, table)
            found[key] = max(found.get(key, 0), n)
    return found


def _range_fits(ctx: CheckContext, site: ColumnSite) -> None:
    holds = representable(site)
    if holds is None:
        return
    kind = str(site.column.type)
    given = False
    for name in ("min", "max"):
        value = number_of(getattr(site.column, name))
        if value is None:
            given = given or getattr(site.column, name) is not None
            continue
        given = True
        if _outside(value, holds):
            span_range = _holds(holds, site)
            ctx.sink.error(
                "TDG210",
                f"{site.qualified}: {name} {value} does not fit {kind}, which holds {span_range}",
                site.value_span(name),
                hint=f"keep {name} within {span_range}{_widen(site)}",
            )
    if given or isinstance(site.column.generator, SequentialGen):
        return
    lo, hi = _default_range(site)
    if _outside(lo, holds) or _outside(hi, holds):
        span_range = _holds(holds, site)
        ctx.sink.error(
            "TDG210",
            f"{site.qualified}: the default range {_show(lo, site)}..{_show(hi, site)} "
            f"does not fit {kind}, which holds {span_range}",
            site.span,
            hint=f"set min and max within {span_range}",
        )


def _holds(holds: Bounds, site: ColumnSite) -> str:
    """``lo..hi`` as the message shows it (formatted only when there is a message)."""
    return f"{_show(holds[0], site)}..{_show(holds[1], site)}"


def _sequential(ctx: CheckContext, site: ColumnSite, rows: int | None) -> None:
    gen = site.column.generator
    holds = representable(site)
    if not isinstance(gen, SequentialGen) or holds is None:
        return
    span = site.value_span("sequential")
    kind = str(site.column.type)
    last = gen.start + gen.step * (rows - 1) if rows else gen.start
    if not _outside(gen.start, holds) and not _outside(last, holds):
        _sequential_bounds(ctx, site, gen, rows, last)
        return
    room = f"{kind} holds {_show(holds[0], site)}..{_show(holds[1], site)}"
    if rows and not _outside(gen.start, holds):
        message = (
            f"{site.qualified}: sequential from {gen.start} reaches {last} at row {rows}; {room}"
        )
    else:
        message = f"{site.qualified}: sequential start {gen.start} does not fit; {room}"
    ctx.sink.error("TDG405", message, span, hint=f"lower start or the row count{_widen(site)}")


def _sequential_bounds(
    ctx: CheckContext, site: ColumnSite, gen: SequentialGen, rows: int | None, last: int | float
) -> None:
    """A sequence passing the column's own min/max (``tinyint``-like keys introspected
    with ``max: 255``) would load values the database refuses."""
    low, high = number_of(site.column.min), number_of(site.column.max)
    first_bad = None
    if low is not None and min(gen.start, last) < low:
        first_bad = ("min", low, min(gen.start, last))
    elif high is not None and max(gen.start, last) > high:
        first_bad = ("max", high, max(gen.start, last))
    if first_bad is None:
        return
    name, bound, reached = first_bad
    at = f" at row {rows}" if rows and reached == last and last != gen.start else ""
    ctx.sink.error(
        "TDG405",
        f"{site.qualified}: sequential from {gen.start} reaches {reached}{at}, past {name} {bound}",
        site.value_span(name),
        hint=f"raise {name}, change start/step, or ask for fewer rows",
    )


def _widen(site: ColumnSite) -> str:
    kind = site.column.type.kind
    if kind is TypeKind.INTEGER:
        return ", or make the column bigint"
    if kind is TypeKind.DECIMAL:
        return ", or widen the column's precision"
    return ""


def _when_default(ctx: CheckContext, site: ColumnSite) -> None:
    column = site.column
    if column.when is None or column.nullable or column.default is not None:
        return
    flag = "primary_key" if column.primary_key else "not_null"
    ctx.sink.error(
        "TDG406",
        f"{site.qualified} is {flag} but has when: without default:; "
        "rows where the condition is false would be NULL",
        site.name_span("when"),
        hint="add default: VALUE for those rows",
    )


def _timezone(ctx: CheckContext, site: ColumnSite) -> None:
    tz = site.column.type.timezone
    if tz is None or tz in _zones():
        return
    ctx.sink.error(
        "TDG108",
        f"unknown time zone '{tz}'{did_you_mean(tz, _zones())}",
        site.value_span("timezone"),
        hint="use an IANA zone such as 'UTC' or 'Europe/Berlin'",
    )
