"""Options shared by several commands, and parsers for ``NAME=VALUE`` pairs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from testdatagen.model.expr import Scalar

__all__ = [
    "DebugOpt",
    "GenerateOpt",
    "JsonOpt",
    "LocaleOpt",
    "NowOpt",
    "QuietOpt",
    "SeedOpt",
    "SetOpt",
    "SourceArg",
    "parse_params",
    "parse_rows",
    "parse_scalar",
]

SourceArg = Annotated[
    Path,
    typer.Argument(
        help="A .tdg file, or a JSON/YAML config (.json, .yaml, .yml).",
        dir_okay=False,
        show_default=False,
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print a machine-readable JSON summary on stdout.")
]
DebugOpt = Annotated[
    bool, typer.Option("--debug", help="Show tracebacks (for reporting bugs in tdg).")
]
GenerateOpt = Annotated[
    str | None,
    typer.Option(
        "--generate", "-g", metavar="NAME", help="Which generate block to run (default: the first)."
    ),
]
SeedOpt = Annotated[
    int | None, typer.Option("--seed", help="Seed overriding the file's (same seed, same data).")
]


def _now(value: str | None) -> str | None:
    from testdatagen.model.plan import parse_now

    if value is not None and parse_now(value) is None:
        raise typer.BadParameter(
            f"'{value}' is not an ISO date or timestamp; e.g. 2025-06-30 or '2025-06-30 12:00:00'"
        )
    return value


NowOpt = Annotated[
    str | None,
    typer.Option(
        "--now",
        metavar="ISO",
        callback=_now,
        help="What now() and today() mean (default: the file's now:, else today 00:00 UTC).",
    ),
]
LocaleOpt = Annotated[
    str | None, typer.Option("--locale", metavar="L", help="Locale such as en_US or de_DE.")
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set", "-s", metavar="PARAM=VALUE", help="Override a param of the generate block."
    ),
]


def _split(pair: str, option: str) -> tuple[str, str]:
    name, sep, value = pair.partition("=")
    if not sep or not name.strip() or not value.strip():
        form = "TABLE=N" if option == "--rows" else "PARAM=VALUE"
        raise typer.BadParameter(
            f"expected {form}, got {pair!r}{_example(pair, option)}", param_hint=option
        )
    return name.strip(), value.strip()


def _example(pair: str, option: str) -> str:
    """``users:10`` and ``users 10`` are the usual slips: show the pair as it is written."""
    for sep in (":", " "):
        name, found, value = pair.partition(sep)
        if found and name.strip() and value.strip():
            return f"; write {option} {name.strip()}={value.strip()}"
    example = "customers=500" if option == "--rows" else "scale=10"
    return f"; e.g. {option} {example}"


def parse_rows(pairs: Sequence[str] | None) -> dict[str, int]:
    """``--rows customers=500`` → ``{"customers": 500}``; underscores allowed (1_000_000)."""
    rows: dict[str, int] = {}
    for pair in pairs or ():
        table, value = _split(pair, "--rows")
        try:
            count = int(value.replace("_", ""))
        except ValueError:
            raise typer.BadParameter(
                f"row count for {table!r} must be a whole number, got {value!r}"
                f"{_whole(table, value)}",
                param_hint="--rows",
            ) from None
        if count < 0:
            raise typer.BadParameter(f"row count for {table!r} is negative", param_hint="--rows")
        rows[table] = count
    return rows


def _whole(table: str, value: str) -> str:
    """``1e6`` and ``2.5k`` are numbers to a person: say the integer to write."""
    try:
        number = float(value.replace("_", "").replace(",", ""))  # 1,000 as people write it
    except ValueError:
        return f"; e.g. --rows {table}=1000 (underscores allowed: 1_000_000)"
    if number.is_integer() and number >= 0:
        return f"; write --rows {table}={int(number):_}"
    return f"; e.g. --rows {table}={max(int(number), 0):_}"


def parse_scalar(text: str) -> Scalar:
    """Numbers and booleans as such, ``null`` as None, anything else as a string.

    Quotes force a string: ``--set code='007'``.
    """
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered == "null":
        return None
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    for kind in (int, float):
        try:
            return kind(text.replace("_", "")) if text[:1] != "_" else text
        except ValueError:
            continue
    return text


def parse_params(pairs: Sequence[str] | None) -> dict[str, Scalar]:
    return {name: parse_scalar(value) for name, value in (_split(p, "--set") for p in pairs or ())}
