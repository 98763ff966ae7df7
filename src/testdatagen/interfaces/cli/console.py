"""Consoles for results (stdout) and for diagnostics and progress (stderr).

Rich already honours ``NO_COLOR``, ``FORCE_COLOR`` and ``COLUMNS``; building
the consoles per invocation (never at import) lets tests swap the streams.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from rich.console import Console
from rich.theme import Theme

__all__ = ["Consoles", "make_consoles"]

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


def make_consoles(*, quiet: bool = False, json: bool = False, debug: bool = False) -> Consoles:
    return Consoles(quiet=quiet, json=json, debug=debug)
