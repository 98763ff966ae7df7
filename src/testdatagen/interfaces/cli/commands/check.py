"""``tdg check``: every diagnostic of every file, errors and warnings, in one run."""

from __future__ import annotations

import json as jsonlib
from pathlib import Path
from typing import Annotated

import typer

from testdatagen.errors import Diagnostic, TdgError
from testdatagen.interfaces.cli.console import Consoles, make_consoles
from testdatagen.interfaces.cli.failures import EXIT_OK, EXIT_USER, reporting
from testdatagen.interfaces.cli.options import DebugOpt, JsonOpt, QuietOpt

__all__ = ["check", "diagnose"]

CONFIG_SUFFIXES = (".json", ".yaml", ".yml")


def diagnose(path: Path) -> tuple[list[Diagnostic], dict[str, str]]:
    """Diagnostics of one file and the sources needed to show them.

    ``.tdg`` files go through the language checker, which reports warnings
    too; configs are loaded, and a failed load carries its diagnostics.
    """
    from testdatagen.interfaces.cli import layers

    if path.is_dir():
        hint = f"name the files: tdg check {path}/*.tdg"
        return [Diagnostic("TDG002", f"{path} is a directory", hint=hint, path=str(path))], {}
    if not path.is_file():
        missing = Diagnostic(
            "TDG002", f"no such file: {path}", hint="check the path", path=str(path)
        )
        return [missing], {}
    # The checker reads (and decodes) the file itself; undecodable text is its
    # diagnostic TDG022, so the caret source is optional here.
    text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    sources = {str(path): text}
    if path.suffix.lower() not in CONFIG_SUFFIXES:
        return layers.check_file(path), sources
    try:
        layers.load_project(path)
    except TdgError as exc:
        return list(exc.diagnostics), {**sources, **exc.sources}
    return [], sources


def _report(
    consoles: Consoles, path: Path, diags: list[Diagnostic], sources: dict[str, str]
) -> None:
    from testdatagen.interfaces.cli.render import print_diagnostics

    print_diagnostics(consoles.err, diags, sources)
    errors = sum(d.is_error for d in diags)
    warnings = len(diags) - errors
    if errors:
        consoles.note(f"[error]✗[/] [path]{path}[/]: {errors} error(s), {warnings} warning(s)")
    else:
        suffix = f" ({warnings} warning(s))" if warnings else ""
        consoles.note(f"[ok]✓[/] [path]{path}[/]: ok{suffix}")


def check(
    files: Annotated[list[Path], typer.Argument(help="Files to check (.tdg, .json, .yaml).")],
    quiet: QuietOpt = False,
    json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Check files without generating anything; exit 1 if any has an error."""
    from testdatagen.interfaces.cli.render import diagnostic_json

    consoles = make_consoles(quiet=quiet, json=json, debug=debug)
    failed = False
    report: list[dict[str, object]] = []
    with reporting(consoles):
        for path in files:
            diags, sources = diagnose(path)
            failed |= any(d.is_error for d in diags)
            _report(consoles, path, diags, sources)
            report.append(
                {
                    "file": str(path),
                    "ok": not any(d.is_error for d in diags),
                    "diagnostics": [diagnostic_json(d) for d in diags],
                }
            )
    if json:
        consoles.out.print(jsonlib.dumps({"files": report}), markup=False, soft_wrap=True)
    raise typer.Exit(EXIT_USER if failed else EXIT_OK)
