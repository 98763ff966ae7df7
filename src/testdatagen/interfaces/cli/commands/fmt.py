"""``tdg fmt``: one canonical layout for .tdg files, like ruff format or gofmt."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from testdatagen.interfaces.cli.console import make_consoles
from testdatagen.interfaces.cli.failures import EXIT_OK, EXIT_USER, reporting
from testdatagen.interfaces.cli.options import DebugOpt, QuietOpt

if TYPE_CHECKING:
    from testdatagen.errors import Diagnostic

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
                raise InputError([_not_formattable(path, Diagnostic)])
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


def _not_formattable(path: Path, diagnostic: type[Diagnostic]) -> Diagnostic:
    """Say why, and what the user likely wants instead (a config has no fmt)."""
    if not path.exists():
        return diagnostic("TDG002", f"no such file: {path}", hint="check the path", path=str(path))
    if path.is_dir():
        return diagnostic(
            "TDG002",
            f"{path} is a directory",
            hint=f"name the files: tdg fmt {path}/*.tdg",
            path=str(path),
        )
    if path.suffix.lower() in (".json", ".yaml", ".yml"):
        return diagnostic(
            "TDG002",
            f"fmt formats .tdg files, and {path.name} is a JSON/YAML config",
            hint=f"for the canonical .tdg layout of it: tdg convert {path} "
            f"-o {path.with_suffix('.tdg')}",
            path=str(path),
        )
    return diagnostic(
        "TDG002", f"not a .tdg file: {path}", hint="fmt formats .tdg files", path=str(path)
    )
