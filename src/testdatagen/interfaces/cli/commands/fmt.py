"""``tdg fmt``: one canonical layout for .tdg files, like ruff format or gofmt."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from testdatagen.interfaces.cli.console import make_consoles
from testdatagen.interfaces.cli.failures import EXIT_OK, EXIT_USER, reporting
from testdatagen.interfaces.cli.options import DebugOpt, QuietOpt

__all__ = ["fmt"]


def fmt(
    files: Annotated[list[Path], typer.Argument(help=".tdg files to format in place.")],
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 if a file would change.")
    ] = False,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Format .tdg files in place (or only report with --check)."""
    consoles = make_consoles(quiet=quiet, debug=debug)
    changed: list[Path] = []
    with reporting(consoles):
        from testdatagen.errors import Diagnostic, InputError
        from testdatagen.interfaces.cli import layers

        for path in files:
            if path.suffix.lower() != ".tdg" or not path.is_file():
                raise InputError(
                    [
                        Diagnostic(
                            "TDG002", f"not a .tdg file: {path}", hint="fmt formats .tdg files"
                        )
                    ]
                )
            text = path.read_text(encoding="utf-8")
            formatted = layers.format_text(text, str(path))
            if formatted == text:
                continue
            changed.append(path)
            if check:
                consoles.note(f"would reformat [path]{path}[/]")
            else:
                path.write_text(formatted, encoding="utf-8")
                consoles.note(f"reformatted [path]{path}[/]")
    verb = "would be reformatted" if check else "reformatted"
    consoles.note(f"{len(changed)} file(s) {verb}, {len(files) - len(changed)} unchanged")
    raise typer.Exit(EXIT_USER if check and changed else EXIT_OK)
