"""``tdg introspect``: read a database's tables and write them as a .tdg schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from testdatagen.interfaces.cli.console import make_consoles
from testdatagen.interfaces.cli.failures import reporting
from testdatagen.interfaces.cli.options import DebugOpt, QuietOpt

__all__ = ["introspect"]


def introspect(
    url: Annotated[str, typer.Argument(help="Database URL, e.g. postgresql://user@host/db.")],
    schema: Annotated[
        str | None, typer.Option("--schema", help="Database schema (default: the default one).")
    ] = None,
    tables: Annotated[
        list[str] | None, typer.Option("--tables", "-t", help="Only these tables (repeatable).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the .tdg here (default: stdout).")
    ] = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Describe an existing database as a .tdg schema to generate more of it."""
    consoles = make_consoles(quiet=quiet, debug=debug)
    with reporting(consoles):
        from testdatagen.interfaces.cli import layers
        from testdatagen.outputs.atomic import write_atomically

        project = layers.introspect(url, schema=schema, tables=tables)
        text = layers.introspected_text(project)
        if not text.endswith("\n"):
            text += "\n"
        if out is None:
            consoles.out.print(text, markup=False, highlight=False, soft_wrap=True, end="")
            return
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(out, text.encode("utf-8"))
        count = sum(len(s.tables) for s in project.schemas)
        consoles.note(f"[ok]✓[/] wrote {count} table(s) to [path]{out}[/]")
