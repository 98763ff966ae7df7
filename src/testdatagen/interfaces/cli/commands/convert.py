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
    force: Annotated[
        bool, typer.Option("--force", help="Replace OUT when it already exists.")
    ] = False,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Convert a description between .tdg and JSON/YAML.

    An existing OUT is replaced only with --force: a hand-written .tdg file
    overwritten by a converted one loses its comments and layout.
    """
    consoles = make_consoles(quiet=quiet, debug=debug)
    with reporting(consoles, source=source):
        from testdatagen.interfaces.cli import layers

        _check_target(source, out, force=force)
        layers.convert(source, out)
        consoles.note(f"[ok]✓[/] wrote [path]{out}[/]")


_FORMS = (".tdg", ".json", ".yaml", ".yml")


def _check_target(source: Path, out: Path, *, force: bool) -> None:
    """Refuse, before reading anything, a target that cannot or should not be written."""
    from testdatagen.errors import Diagnostic, OutputError
    from testdatagen.interfaces.cli.failures import UsageProblem

    def usage(code: str, message: str, hint: str) -> UsageProblem:
        return UsageProblem([Diagnostic(code, message, hint=hint, path="--out")])

    if out.is_dir():
        raise usage("TDG600", f"'{out}' is a directory", f"name a file in it: -o {out / 'x.tdg'}")
    if out.suffix.lower() not in _FORMS:
        raise usage(
            "TDG713",
            f"cannot tell the form of '{out}' from its extension",
            f"end it in .tdg, .json, .yaml or .yml: -o {out.with_suffix('.tdg')}",
        )
    if out.exists() and source.exists() and out.resolve() == source.resolve():
        raise usage(
            "TDG600",
            f"'{out}' is the file being converted",
            "write to another file; to reformat a .tdg file in place, use tdg fmt",
        )
    if out.exists() and not force:
        raise usage("TDG600", f"'{out}' already exists", "pass --force to replace it")
    if not out.parent.is_dir():
        raise OutputError(
            [
                Diagnostic(
                    "TDG600",
                    f"cannot write {out}: the directory {out.parent} does not exist",
                    hint=f"create it first (mkdir -p {out.parent}) or choose another -o",
                    path="--out",
                )
            ]
        )
