"""The ``tdg`` program: commands registered on one Typer app, and ``main``.

Each command lives in ``commands/<name>.py`` and imports the heavy layers
only when it runs, so ``tdg --help`` and shell completion stay instant.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import typer
from typer._click import Command, Context
from typer._click.exceptions import UsageError  # typer vendors click; amend its message
from typer.core import TyperGroup

from testdatagen.interfaces.cli.commands import (
    check,
    convert,
    explain,
    fmt,
    formats,
    generate,
    introspect,
    preview,
    version,
)

__all__ = ["app", "main"]


class _Commands(TyperGroup):
    """Typer's did-you-mean, plus the two slips it misses: an abbreviation (``tdg gen``)
    and a file given where the command goes (``tdg shop.tdg``)."""

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            if args and "Did you mean" not in exc.message:
                exc.message = exc.message.rstrip(".") + "." + _suggestion(args[0], self.commands)
            raise


def _suggestion(word: str, commands: Mapping[str, object]) -> str:
    starts = [name for name in commands if name.startswith(word.lower())] if word else []
    if starts:
        return f" Did you mean {', '.join(repr(n) for n in starts)}?"
    if word.lower().endswith((".tdg", ".json", ".yaml", ".yml")) or Path(word).is_file():
        return f" To generate from a file, name the command first: tdg generate {word}"
    return ""


app = typer.Typer(
    name="tdg",
    cls=_Commands,
    help="TestDataGen: declarative, relational, reproducible test data at any volume.",
    epilog="Exit codes: 0 ok · 1 error in the input · 2 usage · 3 output/database failure · "
    "130 interrupted. Docs: docs/cli.md",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

_MAIN = "Generate"
_AUTHOR = "Write and check"
_INSPECT = "Inspect"

app.command("generate", rich_help_panel=_MAIN)(generate.generate)
app.command("preview", rich_help_panel=_MAIN)(preview.preview)
app.command("explain", rich_help_panel=_MAIN)(explain.explain)
app.command("check", rich_help_panel=_AUTHOR)(check.check)
app.command("fmt", rich_help_panel=_AUTHOR)(fmt.fmt)
app.command("convert", rich_help_panel=_AUTHOR)(convert.convert)
app.command("introspect", rich_help_panel=_AUTHOR)(introspect.introspect)
app.command("formats", rich_help_panel=_INSPECT)(formats.formats)
app.command("version", rich_help_panel=_INSPECT)(version.version)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point (``tdg`` and ``testdatagen``)."""
    app(args=list(argv) if argv is not None else None, prog_name="tdg")
