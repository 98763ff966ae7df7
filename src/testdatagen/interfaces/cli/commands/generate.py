"""``tdg generate``: the main job — make the data and write it everywhere asked."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from testdatagen.interfaces.cli.console import make_consoles
from testdatagen.interfaces.cli.failures import reporting
from testdatagen.interfaces.cli.options import (
    DebugOpt,
    GenerateOpt,
    JsonOpt,
    LocaleOpt,
    NowOpt,
    QuietOpt,
    SeedOpt,
    SetOpt,
    SourceArg,
    parse_params,
    parse_rows,
)

__all__ = ["IfExists", "generate"]


class IfExists(StrEnum):
    """What a database output does with tables that already exist (files are replaced)."""

    FAIL = "fail"
    REPLACE = "replace"
    TRUNCATE = "truncate"
    APPEND = "append"


def _if_exists(value: str | None) -> str | None:
    """One of the IfExists values, case-insensitively, or a message saying what each does."""
    if value is None:
        return None
    if value.lower() in {member.value for member in IfExists}:
        return value.lower()
    from difflib import get_close_matches

    close = get_close_matches(value.lower(), [m.value for m in IfExists], n=1)
    guess = f"did you mean '{close[0]}'? " if close else ""
    raise typer.BadParameter(
        f"{value!r} is not one of fail, replace, truncate, append. {guess}"
        "replace drops and recreates the tables, truncate empties them, append adds rows"
    )


def generate(
    file: SourceArg,
    plan: GenerateOpt = None,
    rows: Annotated[
        list[str] | None,
        typer.Option("--rows", "-r", metavar="TABLE=N", help="Row count for a table."),
    ] = None,
    params: SetOpt = None,
    seed: SeedOpt = None,
    locale: LocaleOpt = None,
    now: NowOpt = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR|URL",
            help="Write here instead of the file's outputs: a directory, a file, or a "
            "database URL (sqlite:///x.db, postgresql://…).",
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", metavar="F", help="Output format for --out (csv, parquet, json, …)."
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option("--workers", "-w", min=1, help="Worker processes (the data stays the same)."),
    ] = 1,
    chunk_rows: Annotated[
        int, typer.Option("--chunk-rows", min=1, help="Rows per batch (memory, not data).")
    ] = 65_536,
    if_exists: Annotated[
        str | None,
        typer.Option(
            "--if-exists",
            metavar="fail|replace|truncate|append",
            callback=_if_exists,
            help="Database tables that already exist: fail (default), replace, truncate, append.",
        ),
    ] = None,
    db_schema: Annotated[
        str | None,
        typer.Option(
            "--db-schema",
            metavar="S",
            help="PostgreSQL schema to load into (created if missing); also "
            "postgresql://…/db?schema=S.",
        ),
    ] = None,
    quiet: QuietOpt = False,
    json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Generate data and write it to the file's outputs (or to --out).

    Nothing is written when the file has errors; an interrupted run leaves no
    partial output.
    """
    if format is not None and out is None:
        raise typer.BadParameter(
            "--format applies to --out; add --out DIR|URL", param_hint="--format"
        )
    consoles = make_consoles(quiet=quiet, json=json, debug=debug)
    with reporting(consoles, source=file):
        from testdatagen.interfaces.cli import layers
        from testdatagen.interfaces.cli.progress import make_reporter
        from testdatagen.interfaces.cli.run import RunRequest, execute
        from testdatagen.interfaces.cli.summary import print_summary, summary_json

        request = RunRequest(
            source=file,
            plan=plan,
            rows=parse_rows(rows),
            params=parse_params(params),
            seed=seed,
            locale=locale,
            out=out,
            format=format,
            workers=workers,
            chunk_rows=chunk_rows,
            if_exists=if_exists,
            db_schema=db_schema,
            now=now,
        )
        project = layers.load_project(file)
        summary = execute(project, request, make_reporter(consoles))
        if json:
            consoles.out.print(summary_json(summary), markup=False, soft_wrap=True)
        elif not quiet:
            print_summary(consoles.out, summary)
