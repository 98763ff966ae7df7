"""Registries: formats, distributions (and their parameters), locales, output kinds.

Names are looked up in ``model.catalog`` — the same tables the providers,
writers and the reference page read — so a name accepted here always works.
"""

from __future__ import annotations

from testdatagen.errors import Span
from testdatagen.language import ast
from testdatagen.language.checks.context import CheckContext, ColumnSite
from testdatagen.language.checks.exprs import walk
from testdatagen.language.suggest import did_you_mean, format_suggestion, listing
from testdatagen.model import Distribution, FormatGen, Ref
from testdatagen.model.catalog import DISTRIBUTIONS, FORMATS, LOCALES, OUTPUT_KINDS
from testdatagen.model.expr import Expr, Lit, Unary

__all__ = ["POPULAR_FORMATS", "run"]

#: Shown first in hints: the formats people reach for most.
POPULAR_FORMATS = ("email", "phone", "name", "address", "company", "url", "ipv4")


def run(ctx: CheckContext) -> None:
    for site in ctx.columns():
        _format(ctx, site)
        _distributions(ctx, site)
        locale = site.column.options.get("locale")
        if isinstance(locale, str):
            _locale(ctx, locale, site.value_span("locale"))
    for plan in ctx.project.plans:
        decl = ctx.index.plans.get(plan.name)
        if decl is None:
            continue
        for kv in decl.settings:
            if kv.name == "locale" and isinstance(getattr(kv.value, "value", None), str):
                _locale(ctx, plan.locale, kv.value_span)
        for out in decl.outputs:
            if out.kind not in OUTPUT_KINDS:
                ctx.sink.error(
                    "TDG104",
                    f"unknown output kind '{out.kind}'{did_you_mean(out.kind, OUTPUT_KINDS)}",
                    out.kind_span,
                    hint=listing("outputs", OUTPUT_KINDS, limit=12),
                )
            else:
                _output_options(ctx, out)


def _output_options(ctx: CheckContext, out: ast.OutputDecl) -> None:
    """A misspelt option would stop the run after planning; say so while checking."""
    known = OUTPUT_KINDS[out.kind].options
    if known is None:
        return
    for kv in out.options:
        if kv.name not in known:
            ctx.sink.error(
                "TDG425",
                f"output {out.kind} has no option '{kv.name}'{did_you_mean(kv.name, known)}",
                kv.name_span,
                hint=listing(f"{out.kind} options", sorted(known), limit=20),
            )


def _format(ctx: CheckContext, site: ColumnSite) -> None:
    gen = site.column.generator
    if not isinstance(gen, FormatGen) or gen.name in FORMATS:
        return
    ordered = [*POPULAR_FORMATS, *(f for f in FORMATS if f not in POPULAR_FORMATS)]
    meant = format_suggestion(gen.name, FORMATS)
    ctx.sink.error(
        "TDG101",
        f"unknown format '{gen.name}'" + (f" — did you mean '{meant}'?" if meant else ""),
        site.value_span("format"),
        hint=listing("formats", ordered),
    )


def _distributions(ctx: CheckContext, site: ColumnSite) -> None:
    column, ref = site.column, site.column.reference
    if column.distribution is not None:
        _distribution(ctx, column.distribution, site.value_span("distribution"), False)
        _discrete(ctx, site, column.distribution)
    if ref is not None and ref.distribution is not None:
        _distribution(ctx, ref.distribution, site.value_span("distribution"), True)
    if ref is not None and isinstance(ref.per_parent, Distribution):
        _distribution(ctx, ref.per_parent, site.value_span("per_parent"), False)


def _distribution(ctx: CheckContext, d: Distribution, span: Span | None, for_key: bool) -> None:
    info = DISTRIBUTIONS.get(d.name)
    if info is None:
        ctx.sink.error(
            "TDG102",
            f"unknown distribution '{d.name}'{did_you_mean(d.name, DISTRIBUTIONS)}",
            span,
            hint=listing("distributions", DISTRIBUTIONS),
        )
        return
    if for_key and not info.for_references:
        usable = [n for n, i in DISTRIBUTIONS.items() if i.for_references]
        ctx.sink.error(
            "TDG102",
            f"distribution '{d.name}' cannot shape which parent a key picks",
            span,
            hint=listing("for keys use", usable),
        )
    known = set(info.required) | set(info.optional)
    for name in d.params:
        if name not in known:
            ctx.sink.error(
                "TDG106",
                f"{d.name}() has no parameter '{name}'{did_you_mean(name, known)}",
                span,
                hint=f"{d.name}({_signature(info.required, info.optional)})",
            )
    missing = [p for p in info.required if p not in d.params]
    if missing:
        ctx.sink.error(
            "TDG106",
            f"{d.name}() needs {', '.join(missing)}",
            span,
            hint=f"write {d.name}({_signature(info.required, info.optional)})",
        )


def _discrete(ctx: CheckContext, site: ColumnSite, d: Distribution) -> None:
    """zipf and poisson draw whole ranks: a column of integers within constant bounds."""
    info = DISTRIBUTIONS.get(d.name)
    if info is None or not info.discrete:
        return
    column, span = site.column, site.value_span("distribution")
    where = "integer/bigint columns, references (which parent) and per_parent"
    if not column.type.is_integer:
        ctx.sink.error(
            "TDG213",
            f"distribution '{d.name}' draws whole ranks and does not apply to "
            f"{column.type} column {site.qualified}",
            span,
            hint=f"{d.name} applies to {where}; for {column.type} use "
            + ", ".join(n for n, i in DISTRIBUTIONS.items() if not i.discrete),
        )
        return
    moving = [b for b in ("min", "max") if _reads_row(getattr(column, b))]
    if moving:
        ctx.sink.error(
            "TDG213",
            f"distribution '{d.name}' needs constant bounds, but the "
            f"{' and '.join(moving)} of {site.qualified} change from row to row",
            span,
            hint=f"give {site.qualified} number bounds, or use a continuous distribution",
        )
        return
    top = _constant(column.max)
    if d.name == "poisson" and top is not None and top < 0:
        ctx.sink.error(
            "TDG213",
            f"poisson draws counts 0, 1, 2, …, but {site.qualified} has max {top:g}: "
            "no count falls in its range",
            span,
            hint="give the column a range of counts (min: 0), compute a negative value "
            "from a count column, or use normal/uniform for negative numbers",
        )


def _constant(expr: Expr | None) -> float | None:
    """A number bound written as a literal (``-10`` included), else None."""
    sign = 1.0
    if isinstance(expr, Unary) and expr.op == "-":
        sign, expr = -1.0, expr.operand
    if isinstance(expr, Lit) and isinstance(expr.value, int | float) and expr.unit is None:
        return sign * float(expr.value)
    return None


def _reads_row(expr: Expr | None) -> bool:
    """A bound naming a column changes per row; ``10 * 2`` or ``today()`` do not."""
    return expr is not None and any(isinstance(node, Ref) for node, _ in walk(expr))


def _signature(required: tuple[str, ...], optional: dict[str, float]) -> str:
    parts = [f"{p}: …" for p in required] + [f"{p}: {v:g}" for p, v in optional.items()]
    return ", ".join(parts)


def _locale(ctx: CheckContext, locale: str, span: Span | None) -> None:
    if locale not in LOCALES:
        ctx.sink.error(
            "TDG103",
            f"unknown locale '{locale}'{_locale_guess(locale)}",
            span,
            hint=listing("locales", LOCALES, limit=10),
        )


def _locale_guess(locale: str) -> str:
    """'en-US' is a typo of en_US; 'de' names a language, whose locale is de_DE."""
    found = did_you_mean(locale, LOCALES)
    if found:
        return found
    language = locale.replace("-", "_").split("_")[0].lower()
    same = [name for name in LOCALES if name.split("_")[0] == language]
    return f" — did you mean '{same[0]}'?" if same else ""
