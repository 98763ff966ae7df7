"""Registries: formats, distributions (and their parameters), locales, output kinds.

Names are looked up in ``model.catalog`` — the same tables the providers,
writers and the reference page read — so a name accepted here always works.
"""

from __future__ import annotations

from testdatagen.errors import Span
from testdatagen.language.checks.context import CheckContext, ColumnSite
from testdatagen.language.suggest import did_you_mean, listing
from testdatagen.model import Distribution, FormatGen
from testdatagen.model.catalog import DISTRIBUTIONS, FORMATS, LOCALES, OUTPUT_KINDS

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


def _format(ctx: CheckContext, site: ColumnSite) -> None:
    gen = site.column.generator
    if not isinstance(gen, FormatGen) or gen.name in FORMATS:
        return
    ordered = [*POPULAR_FORMATS, *(f for f in FORMATS if f not in POPULAR_FORMATS)]
    ctx.sink.error(
        "TDG101",
        f"unknown format '{gen.name}'{did_you_mean(gen.name, FORMATS)}",
        site.value_span("format"),
        hint=listing("formats", ordered),
    )


def _distributions(ctx: CheckContext, site: ColumnSite) -> None:
    column, ref = site.column, site.column.reference
    if column.distribution is not None:
        _distribution(ctx, column.distribution, site.value_span("distribution"), False)
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


def _signature(required: tuple[str, ...], optional: dict[str, float]) -> str:
    parts = [f"{p}: …" for p in required] + [f"{p}: {v:g}" for p, v in optional.items()]
    return ", ".join(parts)


def _locale(ctx: CheckContext, locale: str, span: Span | None) -> None:
    if locale not in LOCALES:
        ctx.sink.error(
            "TDG103",
            f"unknown locale '{locale}'{did_you_mean(locale, LOCALES)}",
            span,
            hint=listing("locales", LOCALES, limit=10),
        )
