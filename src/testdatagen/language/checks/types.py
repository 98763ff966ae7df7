"""Types and settings: each setting fits the column's type, and its values fit too.

Applicability comes from the settings registry; value checks cover min ≤ max,
ISO date literals, choice values and patterns against string(n), and formats
against the column type (their lengths are the ``formats`` pass's).
"""

from __future__ import annotations

import datetime as dt
import math

from testdatagen.errors import Span
from testdatagen.language.checks.context import CheckContext, ColumnSite
from testdatagen.language.lower_values import number_of
from testdatagen.language.settings import SETTINGS, applies_to
from testdatagen.language.suggest import did_you_mean, listing
from testdatagen.model import ChoiceGen, FormatGen, Lit, PatternGen, TypeKind
from testdatagen.model.catalog import FORMATS
from testdatagen.model.expr import Binary

__all__ = ["pattern_offset", "run"]


def run(ctx: CheckContext) -> None:
    for site in ctx.columns():
        if ctx.is_broken(site):
            continue
        _applicable(ctx, site)
        _literals(ctx, site)
        _min_max(ctx, site)
        _choice(ctx, site)
        _pattern(ctx, site)
        _format(ctx, site)
        _length(ctx, site)


def _length(ctx: CheckContext, site: ColumnSite) -> None:
    r, dtype = site.column.length, site.column.type
    if r is None:
        return
    if r.low < 0 or r.low > r.high:
        ctx.sink.error(
            "TDG201",
            f"length {r.low}..{r.high} is not a valid range",
            site.value_span("length"),
            hint="write low..high with 0 ≤ low ≤ high",
        )
    elif dtype.kind is TypeKind.STRING and dtype.length is not None and r.high > dtype.length:
        ctx.sink.error(
            "TDG203",
            f"length up to {r.high} does not fit {site.qualified}, which holds {dtype.length}",
            site.value_span("length"),
            hint=f"use length: {min(r.low, dtype.length)}..{dtype.length}, "
            f"or widen the column to string({r.high})",
        )


def _applicable(ctx: CheckContext, site: ColumnSite) -> None:
    kind = site.column.type.kind
    for s in site.decl.settings if site.decl else ():
        info = SETTINGS.get(s.name)
        if info is not None and not applies_to(info, kind):
            fits = ", ".join(sorted(k.value for k in info.types or ()))
            ctx.sink.error(
                "TDG200",
                f"'{s.name}' does not apply to {site.column.type} column '{site.column.name}'",
                s.name_span,
                hint=f"{s.name} fits: {fits}",
            )


def _parse_temporal(kind: TypeKind, text: str) -> dt.date | None:
    try:
        if kind is TypeKind.DATE:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _literals(ctx: CheckContext, site: ColumnSite) -> None:
    kind = site.column.type.kind
    for name in ("min", "max", "default"):
        value = getattr(site.column, name)
        unquoted = _unquoted_date(value) if site.column.type.is_temporal else None
        if unquoted is not None:
            ctx.sink.error(
                "TDG205",
                f"{unquoted} without quotes is a subtraction, not a {kind.value}",
                site.value_span(name),
                hint=f"quote dates: {name}: '{unquoted}'",
            )
            continue
        if not isinstance(value, Lit) or value.value is None:
            continue
        span = site.value_span(name)
        if site.column.type.is_temporal and isinstance(value.value, str):
            if _parse_temporal(kind, value.value) is None:
                example = "'2024-01-31'" if kind is TypeKind.DATE else "'2024-01-31 08:30:00'"
                ctx.sink.error(
                    "TDG205",
                    f"'{value.value}' is not a valid {kind.value}",
                    span,
                    hint=f"write ISO dates, e.g. {example}",
                )
        elif site.column.type.is_temporal and name != "default":
            ctx.sink.error(
                "TDG206",
                f"{name} of a {kind.value} column is a date string",
                span,
                hint="e.g. '2024-01-31' or now()",
            )
        elif site.column.type.is_numeric and number_of(value) is None:
            ctx.sink.error("TDG206", f"{name} of a number column must be a number", span)
        elif name == "default" and isinstance(value.value, str):
            _text_default(ctx, site, value.value)


def _text_default(ctx: CheckContext, site: ColumnSite, text: str) -> None:
    """A string default the column cannot hold: longer than string(n), or no enum member."""
    dtype, span = site.column.type, site.value_span("default")
    if dtype.kind is TypeKind.STRING and dtype.length is not None and len(text) > dtype.length:
        ctx.sink.error(
            "TDG203",
            f"default '{text}' is {len(text)} characters; {site.qualified} holds {dtype.length}",
            span,
            hint=f"widen the column to string({len(text)}), or shorten the default",
        )
    enum = next((e for e in site.schema.enums if e.name == dtype.enum), None)
    if dtype.kind is TypeKind.ENUM and enum is not None:
        members = [str(m.value) for m in enum.members]
        if text not in members:
            ctx.sink.error(
                "TDG206",
                f"default '{text}' is not a member of enum {enum.name}"
                + did_you_mean(text, members),
                span,
                hint=listing("members", members),
            )


def _unquoted_date(value: object) -> str | None:
    """``min: 2024-01-31`` reads as 2024 - 1 - 31; the ISO date it was meant to be, if so."""
    if not (isinstance(value, Binary) and value.op == "-" and isinstance(value.left, Binary)):
        return None
    inner = value.left
    if inner.op != "-":
        return None
    numbers = [
        p.value
        for p in (inner.left, inner.right, value.right)
        if isinstance(p, Lit) and isinstance(p.value, int) and not isinstance(p.value, bool)
    ]
    if len(numbers) != 3:
        return None
    year, month, day = numbers
    return f"{year:04d}-{month:02d}-{day:02d}"


def _bound(site: ColumnSite, name: str) -> float | dt.date | None:
    value = getattr(site.column, name)
    n = number_of(value)
    if n is not None:
        return float(n)
    if isinstance(value, Lit) and isinstance(value.value, str) and site.column.type.is_temporal:
        parsed = _parse_temporal(site.column.type.kind, value.value)
        if isinstance(parsed, dt.datetime):
            return parsed.replace(tzinfo=None)
        return parsed
    return None


def _min_max(ctx: CheckContext, site: ColumnSite) -> None:
    low, high = _bound(site, "min"), _bound(site, "max")
    if low is None or high is None or type(low) is not type(high):
        return
    if low > high:  # type: ignore[operator]
        ctx.sink.error(
            "TDG201",
            f"{site.qualified}: min is greater than max",
            site.value_span("min"),
            hint="swap them or fix one",
        )
    elif isinstance(low, float) and isinstance(high, float) and site.column.type.is_integer:
        _whole(ctx, site, low, high)


def _whole(ctx: CheckContext, site: ColumnSite, low: float, high: float) -> None:
    """An integer column keeps the whole numbers within min..max: none, if 1.5..1.7."""
    if low.is_integer() and high.is_integer():
        return
    lo, hi = math.ceil(low), math.floor(high)
    name = "min" if not low.is_integer() else "max"
    shown = f"{low:g}..{high:g}"
    if lo > hi:
        ctx.sink.error(
            "TDG212",
            f"{site.qualified} is {site.column.type} but {shown} holds no whole number; "
            "integer bounds are whole numbers",
            site.value_span(name),
            hint=f"write whole bounds such as min: {hi}, max: {lo}, or make the column "
            "float or decimal(p,s)",
        )
        return
    ctx.sink.warning(
        "TDG212",
        f"{site.qualified} is {site.column.type}: integer bounds are whole numbers, "
        f"so {shown} makes {lo}..{hi}",
        site.value_span(name),
        hint=f"write min: {lo}, max: {hi}, or make the column float or decimal(p,s)",
    )


def _choice(ctx: CheckContext, site: ColumnSite) -> None:
    gen = site.column.generator
    if not isinstance(gen, ChoiceGen) or site.setting("choice") is None:
        return
    span = site.value_span("choice")
    dtype = site.column.type
    limit = dtype.length if dtype.kind is TypeKind.STRING else None
    for value in gen.values:
        if value is None:
            ctx.sink.error(
                "TDG206",
                "choice values are literals such as 'a' or 5",
                span,
                hint="strings use single quotes",
            )
        elif dtype.is_numeric and not isinstance(value, int | float):
            ctx.sink.error(
                "TDG206",
                f"choice value {value!r} is not a number; {site.qualified} is {dtype}",
                span,
                hint="make the column string(n), or pick numbers: {1: 70%, 2: 30%}",
            )
        elif limit is not None and isinstance(value, str) and len(value) > limit:
            ctx.sink.error(
                "TDG203",
                f"choice value '{value}' is {len(value)} characters; "
                f"{site.qualified} holds {limit}",
                span,
                hint=f"widen the column to string({len(value)})",
            )


def pattern_offset(raw_source: str, position: int) -> int:
    """Column offset inside the quoted literal of regex offset ``position`` ('' counts twice)."""
    col, seen = 1, 0  # 1 skips the opening quote
    while seen < position and col < len(raw_source):
        col += 2 if raw_source[col] == "'" else 1
        seen += 1
    return col


def _pattern(ctx: CheckContext, site: ColumnSite) -> None:
    gen = site.column.generator
    if not isinstance(gen, PatternGen):
        return
    try:
        from testdatagen.model import regex
    except ImportError:  # the regex module is not there yet: nothing to check with
        return
    span = site.value_span("pattern")
    try:
        node = ctx.pattern(gen.regex)
    except regex.PatternError as exc:
        where = span
        if span is not None:
            off = pattern_offset(ctx.text_at(span), exc.position)
            where = Span(span.file, span.line, span.column + off, span.line, span.column + off + 1)
        ctx.sink.error("TDG240", f"unsupported pattern: {exc.message}", where, hint=exc.hint)
        return
    length = site.column.type.length
    longest = regex.max_length(node)
    if site.column.type.kind is TypeKind.STRING and length is not None and longest > length:
        ctx.sink.error(
            "TDG203",
            f"pattern makes strings up to {longest} characters; {site.qualified} holds {length}",
            span,
            hint=f"widen the column to string({longest}) or shorten the pattern",
        )


def _format(ctx: CheckContext, site: ColumnSite) -> None:
    gen = site.column.generator
    if not isinstance(gen, FormatGen) or gen.name not in FORMATS:
        return
    dtype, info = site.column.type, FORMATS[gen.name]
    if dtype.kind.value not in info.types and dtype.kind is not TypeKind.ENUM:
        ctx.sink.error(
            "TDG200",
            f"format '{gen.name}' does not fit {dtype} column '{site.column.name}'",
            site.value_span("format"),
            hint=f"{gen.name} fits: {', '.join(info.types)}",
        )
        return
