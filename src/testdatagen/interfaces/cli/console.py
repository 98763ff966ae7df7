"""Consoles for results (stdout) and for diagnostics and progress (stderr).

Rich already honours ``NO_COLOR``, ``FORCE_COLOR`` and ``COLUMNS``; building
the consoles per invocation (never at import) lets tests swap the streams.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from rich.console import Console
from rich.theme import Theme

__all__ = ["PIPE_WIDTH", "Consoles", "make_console", "make_consoles"]

THEME = Theme(
    {
        "error": "bold red",
        "warning": "bold yellow",
        "ok": "bold green",
        "muted": "dim",
        "path": "cyan",
        "number": "bold",
    }
)


def _no_color() -> bool:
    # https://no-color.org: any non-empty value disables colour.
    return bool(os.environ.get("NO_COLOR"))


@dataclass
class Consoles:
    """``out`` carries results a user may pipe; ``err`` carries everything else."""

    out: Console = field(default_factory=lambda: make_console(stderr=False))
    err: Console = field(default_factory=lambda: make_console(stderr=True))
    quiet: bool = False
    json: bool = False
    debug: bool = False

    def note(self, message: str) -> None:
        """A human-facing status line; silenced by ``--quiet`` and ``--json``."""
        if not (self.quiet or self.json):
            self.err.print(message)


def make_console(*, stderr: bool, width: int | None = None) -> Console:
    return Console(
        stderr=stderr,
        theme=THEME,
        no_color=_no_color(),
        width=width,
        highlight=False,
        soft_wrap=False,
    )


#: Width of tables written to a pipe or file when COLUMNS is not set. Rich would
#: use 80, which cut every preview column to a few characters in ``tdg preview > x``;
#: tables take only the width they need, so a wide limit costs nothing.
PIPE_WIDTH = 200


def make_consoles(
    *,
    quiet: bool = False,
    json: bool = False,
    debug: bool = False,
    width: int | None = None,
    wide_when_piped: bool = False,
) -> Consoles:
    """``width`` fixes stdout's width; ``wide_when_piped`` lifts Rich's 80-column
    default when stdout is no terminal and COLUMNS is unset."""
    out = make_console(stderr=False, width=width)
    if width is None and wide_when_piped and not out.is_terminal and not _columns_set():
        out.width = PIPE_WIDTH
    return Consoles(out=out, quiet=quiet, json=json, debug=debug)


def _columns_set() -> bool:
    return os.environ.get("COLUMNS", "").strip().isdigit()
