"""``tdg formats``: every realistic-value format, with real samples in a locale."""

from __future__ import annotations

import json as jsonlib
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from testdatagen.interfaces.cli.console import make_consoles
from testdatagen.interfaces.cli.failures import reporting
from testdatagen.interfaces.cli.options import DebugOpt, JsonOpt

__all__ = ["FormatRow", "collect", "formats", "render_formats"]

FormatRow = tuple[str, str, str, list[str]]  # group, name, summary, samples


def collect(locale: str, n: int) -> list[FormatRow]:
    """Catalog formats first (grouped as documented), then any a plugin added."""
    from testdatagen.interfaces.cli import layers
    from testdatagen.model.catalog import FORMATS

    rows: list[FormatRow] = [
        (info.group, name, info.summary, layers.sample(name, locale=locale, n=n))
        for name, info in sorted(FORMATS.items(), key=lambda kv: (kv[1].group, kv[0]))
    ]
    extra = sorted(set(layers.provider_names()) - set(FORMATS))
    rows += [("plugin", name, "", layers.sample(name, locale=locale, n=n)) for name in extra]
    return rows


def render_formats(console: Console, rows: list[FormatRow], locale: str) -> None:
    table = Table(title=f"formats ({locale})", box=box.SIMPLE_HEAD, show_edge=False)
    widest = max((len(name) for _, name, _, _ in rows), default=6)
    table.add_column("group", style="muted", no_wrap=True, min_width=10)
    table.add_column("format", style="bold", no_wrap=True, min_width=widest)
    table.add_column("samples", overflow="ellipsis", no_wrap=True)
    for group, name, _summary, samples in rows:
        table.add_row(group, name, " · ".join(samples))
    console.print(table)


def formats(
    locale: Annotated[str, typer.Option("--locale", "-l", help="Locale of the samples.")] = "en_US",
    n: Annotated[int, typer.Option("-n", min=1, max=20, help="Samples per format.")] = 3,
    json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """List every format with sample values."""
    consoles = make_consoles(json=json, debug=debug)
    with reporting(consoles):
        from testdatagen.errors import Diagnostic
        from testdatagen.interfaces.cli.failures import UsageProblem
        from testdatagen.interfaces.cli.overrides import locale_hint
        from testdatagen.model.catalog import LOCALES

        if locale not in LOCALES:
            raise UsageProblem(
                [
                    Diagnostic(
                        "TDG103",
                        f"unknown locale '{locale}'",
                        hint=locale_hint(locale, tuple(LOCALES)),
                        path="--locale",
                    )
                ]
            )
        rows = collect(locale, n)
        if json:
            payload = [{"group": g, "format": f, "summary": s, "samples": v} for g, f, s, v in rows]
            consoles.out.print(
                jsonlib.dumps(payload, ensure_ascii=False), markup=False, soft_wrap=True
            )
        else:
            render_formats(consoles.out, rows, locale)
