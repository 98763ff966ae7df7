"""How a command ends: exit codes, and errors shown without tracebacks.

Exit codes (documented in docs/cli.md):

====  ==========================================================
0     success
1     a user error in the input (schema, config, params, data)
2     usage: unknown option, bad argument (Typer/Click), or an argument
      that cannot work (``--out x.txt``, ``--rows`` of a per_parent table)
3     an output or database failed, or a dependency is missing
4     an internal error — a bug in tdg (``--debug`` shows it)
130   interrupted with Ctrl-C; outputs left nothing partial
====  ==========================================================
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import typer
from rich.markup import escape

from testdatagen.errors import Diagnostic, TdgError
from testdatagen.interfaces.cli.console import Consoles
from testdatagen.interfaces.cli.render import diagnostic_json, print_diagnostics

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "EXIT_USER",
    "UsageProblem",
    "fail",
    "locate",
    "reporting",
]

EXIT_OK = 0
EXIT_USER = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130


class UsageProblem(TdgError):
    """A command-line argument that cannot work (``--out x.txt``, ``--rows`` for a
    per_parent table): exit 2 like Click's own usage errors, but rendered as a
    diagnostic with a stable code, so ``--json`` reports it too."""

    exit_code = EXIT_USAGE
    default_code = "TDG607"


def locate(error: TdgError, source: Path | None) -> TdgError:
    """Point every diagnostic that has no location at ``source``, the file the user ran.

    Errors raised while generating or writing often know no line; shown as
    ``<input>:`` they leave the user guessing which file failed.
    """
    if source is not None:
        error.diagnostics = tuple(_at(d, str(source)) for d in error.diagnostics)
    return error


def _at(diagnostic: Diagnostic, where: str) -> Diagnostic:
    if diagnostic.span is not None or diagnostic.path is not None:
        return diagnostic
    return dataclasses.replace(diagnostic, path=where)


def fail(consoles: Consoles, error: TdgError) -> NoReturn:
    """Show every diagnostic of ``error`` and leave with its exit code."""
    print_diagnostics(consoles.err, error.diagnostics, error.sources)
    if consoles.json:
        payload = {
            "status": "error",
            "exit_code": error.exit_code,
            "diagnostics": [diagnostic_json(d) for d in error.diagnostics],
        }
        # Plain text, never print_json: its colours (under FORCE_COLOR) would make
        # the payload on stdout invalid JSON for the program reading it.
        consoles.out.print(
            json.dumps(payload, indent=2, ensure_ascii=False), markup=False, soft_wrap=True
        )
    raise typer.Exit(error.exit_code)


@contextmanager
def reporting(consoles: Consoles, source: Path | None = None) -> Iterator[None]:
    """Turn anything a command raises into a message and an exit code.

    ``source`` is the file the command was given: diagnostics that know no
    location of their own are reported against it.
    """
    try:
        yield
    except TdgError as exc:
        if consoles.debug:
            consoles.err.print_exception()
        fail(consoles, locate(exc, source))
    except KeyboardInterrupt:
        consoles.err.print("[warning]interrupted[/] — stopped; no partial output was left")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise
    except Exception as exc:
        if consoles.debug:
            raise
        consoles.err.print(
            f"[error]internal error:[/] {type(exc).__name__}: {escape(str(exc))}\n"
            "This is a bug in tdg. Run again with --debug for the traceback and report it."
        )
        raise typer.Exit(EXIT_INTERNAL) from None
