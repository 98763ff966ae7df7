"""``tdg introspect``: read a database's tables and write them as a .tdg schema."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from testdatagen.interfaces.cli.console import make_consoles
from testdatagen.interfaces.cli.failures import reporting
from testdatagen.interfaces.cli.options import DebugOpt, QuietOpt

__all__ = ["introspect"]

T = TypeVar("T")


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

        _check_url(url)
        project = _at_url(
            url, lambda: layers.introspect(url, schema=schema, tables=tables), bool(tables)
        )
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


def _check_url(url: str) -> None:
    """A URL that cannot be parsed is a usage error (exit 2), named as the argument;
    nothing has been connected to."""
    from testdatagen.errors import DatabaseError
    from testdatagen.interfaces.cli.failures import UsageProblem
    from testdatagen.outputs.db.url import parse_url, redact

    try:
        parse_url(url)
    except DatabaseError as exc:
        raise UsageProblem(
            [dataclasses.replace(d, path=d.path or f"URL {redact(url)}") for d in exc.diagnostics]
        ) from None


def _at_url(url: str, run: Callable[[], T], tables: bool) -> T:
    """Errors that know no place (connect, authenticate, no tables) name the URL,
    its password hidden, instead of an anonymous ``<input>``; an unknown schema or
    table names the option that asked for it."""
    from testdatagen.errors import TdgError
    from testdatagen.outputs.db.url import redact

    try:
        return run()
    except TdgError as exc:
        where = redact(url)
        exc.diagnostics = tuple(
            d
            if d.span is not None or d.path is not None
            else dataclasses.replace(d, path=_option_for(d.code, d.message, tables) or where)
            for d in exc.diagnostics
        )
        raise


def _option_for(code: str, message: str, tables: bool) -> str | None:
    if code == "TDG660":
        return "--schema"
    if code == "TDG661" and tables and message.startswith("no table "):
        return "--tables"
    return None
