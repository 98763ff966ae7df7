"""``tdg convert``: between a .tdg file and the JSON/YAML config form, either way."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from testdatagen.interfaces.cli.console import make_consoles
from testdatagen.interfaces.cli.failures import reporting
from testdatagen.interfaces.cli.options import DebugOpt, QuietOpt, SourceArg

__all__ = ["convert"]


def convert(
    source: SourceArg,
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="Target file; its extension (.tdg, .json, .yaml) picks the form."
        ),
    ],
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Convert a description between .tdg and JSON/YAML."""
    consoles = make_consoles(quiet=quiet, debug=debug)
    with reporting(consoles):
        from testdatagen.interfaces.cli import layers

        layers.convert(source, out)
        consoles.note(f"[ok]✓[/] wrote [path]{out}[/]")
