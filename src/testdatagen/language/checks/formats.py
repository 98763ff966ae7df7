"""Formats against string(n): a value the column cannot hold is cut, or fails the run.

Free text (names, sentences) is cut to fit by design and not reported. Short
codes (country_code) would lose meaning when cut: a warning. Structured
values (slugs, IBANs, UUIDs) are never cut: the provider shortens what it can
and otherwise stops the run, depending on the rows drawn, so a column shorter
than the format needs is an error here rather than a seed-dependent failure
later. The lengths come from ``model.catalog`` (measured, and test-enforced
against the providers). A ``prefix``/``suffix`` takes room from the value.
"""

from __future__ import annotations

from testdatagen.language.checks.context import CheckContext, ColumnSite
from testdatagen.model import FormatGen, TypeKind
from testdatagen.model.catalog import FORMATS

__all__ = ["run"]


def run(ctx: CheckContext) -> None:
    for site in ctx.columns():
        if not ctx.is_broken(site):
            _fits(ctx, site)


def _room(site: ColumnSite) -> tuple[int, str] | None:
    """Characters left for the format's value, and how to say where they went."""
    dtype = site.column.type
    if dtype.kind is not TypeKind.STRING or dtype.length is None:
        return None
    affixes = [a for a in (site.column.options.get(k) for k in ("prefix", "suffix")) if a]
    taken = sum(len(str(a)) for a in affixes)
    if not taken:
        return dtype.length, f"{site.qualified} holds {dtype.length}"
    room = dtype.length - taken
    return room, f"{site.qualified} holds {dtype.length}, {room} after its prefix/suffix"


def _fits(ctx: CheckContext, site: ColumnSite) -> None:
    gen = site.column.generator
    info = FORMATS.get(gen.name) if isinstance(gen, FormatGen) else None
    if info is None or info.max_length is None:
        return
    room = _room(site)
    if room is None:
        return
    holds, said = room
    length, longest = site.column.type.length or 0, info.max_length
    need = info.fits_from or longest
    if not info.never_cut and longest > holds:
        ctx.sink.warning(
            "TDG204",
            f"{info.name} values run up to {longest} characters; {said}, longer ones are cut",
            site.value_span("format"),
            hint=f"widen the column to string({length + longest - holds})",
        )
    elif info.never_cut and need > holds:
        what = (
            f"need at least {need} characters (up to {longest})"
            if need < longest
            else f"run up to {longest} characters"
        )
        ctx.sink.error(
            "TDG204",
            f"{info.name} values are never cut and {what}; {said}, so generation would fail",
            site.value_span("format"),
            hint=f"widen the column to string({length + need - holds}), "
            "or use a format or pattern that fits",
        )
