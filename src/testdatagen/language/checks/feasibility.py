"""Feasibility: settings each fine alone but impossible together.

Unique columns need at least as many distinct values as rows; not_null
forbids a null_rate; percentages sum to 100%; per_parent ranges are sane;
a check must leave some room within the columns' min/max.
"""

from __future__ import annotations

import datetime as dt

from testdatagen.language import ast
from testdatagen.language.checks.context import CheckContext, ColumnSite
from testdatagen.language.checks.ranges import contradictions
from testdatagen.language.checks.rowcounts import minimum_rows
from testdatagen.language.lower_values import number_of
from testdatagen.model import ChoiceGen, FormatGen, IntRange, Lit, PatternGen, RandomGen, TypeKind
from testdatagen.model.catalog import FORMATS

__all__ = ["domain", "run"]


def run(ctx: CheckContext) -> None:
    for site in ctx.columns():
        _not_null_rate(ctx, site)
        _percentages(ctx, site)
        _per_parent(ctx, site)
    for _, table in ctx.tables():
        for check in table.checks:
            for message in contradictions(table, check.expr):
                ctx.sink.error(
                    "TDG404",
                    f"check {check.name} cannot hold: {message}",
                    check.span,
                    hint="fix the check or the columns' min/max",
                )
    unique_sites = [(s, d) for s in ctx.columns() if s.column.unique and (d := domain(s, ctx))]
    for plan in ctx.project.plans:
        try:
            schema = ctx.project.schema_named(plan.schema_name)
        except KeyError:
            continue
        counts = minimum_rows(schema, plan)
        for site, found in unique_sites:
            if site.schema is schema and site.table.name in counts:
                _unique(ctx, site, found, counts[site.table.name])


def _not_null_rate(ctx: CheckContext, site: ColumnSite) -> None:
    column = site.column
    if column.null_rate > 0 and not column.nullable:
        flag = "primary_key" if column.primary_key else "not_null"
        ctx.sink.error(
            "TDG401",
            f"{site.qualified} is {flag} but has null_rate {column.null_rate:.0%}",
            site.value_span("null_rate"),
            hint=f"remove null_rate or {flag}",
        )


def _percentages(ctx: CheckContext, site: ColumnSite) -> None:
    setting = site.setting("choice")
    if setting is None or not isinstance(setting.value, ast.WeightsValue):
        return
    items = setting.value.items
    percents = [w for w in items if w.percent]
    if not percents:
        return
    if len(percents) != len(items):
        ctx.sink.error(
            "TDG402",
            "choice mixes percentages and plain weights",
            setting.value_span,
            hint="write every weight as a percentage, or none",
        )
        return
    total = sum(w.weight for w in items)
    if abs(total - 100) > 1e-9:
        ctx.sink.error(
            "TDG402",
            f"choice percentages add up to {total:g}%, not 100%",
            setting.value_span,
            hint="adjust them to sum to 100%, or write plain weights (70, 25, 5)",
        )


def _per_parent(ctx: CheckContext, site: ColumnSite) -> None:
    ref = site.column.reference
    if ref is None or not isinstance(ref.per_parent, IntRange):
        return
    r = ref.per_parent
    if r.low < 0 or r.low > r.high:
        ctx.sink.error(
            "TDG403",
            f"per_parent {r.low}..{r.high} is not a valid range",
            site.value_span("per_parent"),
            hint="write low..high with 0 ≤ low ≤ high, e.g. 1..5",
        )


def domain(site: ColumnSite, ctx: CheckContext | None = None) -> tuple[int, str] | None:
    """How many distinct values the column can take, and how to say so; None if unbounded."""
    column, gen = site.column, site.column.generator
    if isinstance(gen, ChoiceGen):
        return len(set(gen.values)), f"its {len(gen.values)} choices allow"
    if column.type.kind is TypeKind.BOOLEAN and isinstance(gen, RandomGen):
        return 2, "a boolean allows"
    if isinstance(gen, PatternGen):
        return _pattern_domain(gen.regex, ctx)
    if isinstance(gen, FormatGen):
        info = FORMATS.get(gen.name)
        if info is None or info.distinct is None or info.uniqueable:
            return None
        return info.distinct, f"format {gen.name} makes at most"
    if not isinstance(gen, RandomGen):
        return None
    low, high = column.min, column.max
    if column.type.is_integer:
        lo, hi = number_of(low), number_of(high)
        if isinstance(lo, int) and isinstance(hi, int) and hi >= lo:
            return hi - lo + 1, f"{lo}..{hi} allows"
    if column.type.kind is TypeKind.DATE and isinstance(low, Lit) and isinstance(high, Lit):
        try:
            a = dt.date.fromisoformat(str(low.value))
            b = dt.date.fromisoformat(str(high.value))
        except ValueError:
            return None
        return (b - a).days + 1, f"{a}..{b} allows"
    return None


def _pattern_domain(regex_text: str, ctx: CheckContext | None) -> tuple[int, str] | None:
    try:
        from testdatagen.model import regex
    except ImportError:
        return None
    try:
        node = ctx.pattern(regex_text) if ctx else regex.parse_pattern(regex_text)
        size = regex.domain_size(node)
    except Exception:  # an invalid pattern is reported by the types pass
        return None
    return (size, f"pattern '{regex_text}' allows") if size is not None else None


def _unique(ctx: CheckContext, site: ColumnSite, found: tuple[int, str], rows: int) -> None:
    if rows == 0:
        return
    size, phrase = found
    if size < rows:
        values = "value" if size == 1 else "values"
        ctx.sink.error(
            "TDG400",
            f"{site.qualified} is unique but {phrase} {size} {values} for {rows} rows",
            site.name_span("unique") if site.setting("unique") else site.span,
            hint=_widen(site),
        )


def _widen(site: ColumnSite) -> str:
    gen = site.column.generator
    if not isinstance(gen, FormatGen):
        return "widen the range, drop unique, or ask for fewer rows"
    info = FORMATS.get(gen.name)
    if info is not None and info.distinct == 1:
        return f"{gen.name} is the locale's own, one per locale: drop unique, or use choice: {{…}}"
    return "drop unique, ask for fewer rows, or use a format or pattern with more values"
