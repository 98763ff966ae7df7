"""``tdg preview``: the first rows of each table in the terminal, written nowhere.

Values are a pure function of (seed, table, column, row), so the first
``n`` rows shown here are exactly the first ``n`` rows a full run writes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from testdatagen.interfaces.cli.console import make_consoles
from testdatagen.interfaces.cli.failures import reporting
from testdatagen.interfaces.cli.options import (
    DebugOpt,
    GenerateOpt,
    LocaleOpt,
    NowOpt,
    SeedOpt,
    SetOpt,
    SourceArg,
    parse_params,
)

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["cell", "preview", "render_preview"]


def cell(value: Any) -> Text:
    """NULL stands out from the string 'None'; datetimes read as in SQL."""
    if value is None:
        return Text("NULL", style="muted")
    if isinstance(value, dt.datetime):
        return Text(value.isoformat(sep=" "))
    return Text(str(value))


def render_preview(console: Console, name: str, total: int, batch: pa.RecordBatch) -> None:
    console.print(f"[bold]{name}[/] · {total:,} rows (first {batch.num_rows})")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    for field in batch.schema:
        numeric = field.type.num_fields == 0 and str(field.type).startswith(
            ("int", "uint", "float", "double", "decimal")
        )
        table.add_column(field.name, justify="right" if numeric else "left", overflow="ellipsis")
    for row in batch.to_pylist():
        table.add_row(*(cell(v) for v in row.values()))
    console.print(table)
    console.print()


def preview(
    file: SourceArg,
    table: Annotated[
        list[str] | None, typer.Option("--table", "-t", help="Only this table (repeatable).")
    ] = None,
    n: Annotated[int, typer.Option("-n", min=1, max=10_000, help="Rows per table.")] = 10,
    plan: GenerateOpt = None,
    params: SetOpt = None,
    seed: SeedOpt = None,
    locale: LocaleOpt = None,
    now: NowOpt = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            min=20,
            help="Columns to render in (default: the terminal's, else COLUMNS, else 200).",
        ),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Show the first rows of each table without writing anything."""
    consoles = make_consoles(debug=debug, width=width, wide_when_piped=True)
    with reporting(consoles, source=file):
        from difflib import get_close_matches

        from testdatagen.errors import Diagnostic
        from testdatagen.interfaces.cli import layers
        from testdatagen.interfaces.cli.failures import UsageProblem
        from testdatagen.interfaces.cli.overrides import check_locale, check_param_overrides
        from testdatagen.interfaces.cli.run import resolve_plan_name

        project = layers.load_project(file)
        chosen = resolve_plan_name(project, plan)
        overrides = parse_params(params)
        check_locale(locale)
        check_param_overrides(project, chosen, overrides)
        dataset = layers.generate(
            project,
            plan=chosen,
            rows=None,
            params=overrides or None,
            seed=seed,
            locale=locale,
            workers=1,
            chunk_rows=n,
            now=now,
        )
        unknown = [t for t in table or () if t not in dataset.tables]
        if unknown:
            names = list(dataset.tables)
            raise UsageProblem(
                [
                    Diagnostic(
                        "TDG120",
                        f"no table named '{t}'",
                        hint=(
                            f"did you mean '{close[0]}'?"
                            if (close := get_close_matches(t, names, n=1))
                            else f"tables: {', '.join(names)}"
                        ),
                        path=f"--table {t}",
                    )
                    for t in unknown
                ]
            )
        for name in table or dataset.tables:
            stream = dataset.batches(name)
            batch = next(stream, None)
            getattr(stream, "close", lambda: None)()  # stop a generator's workers early
            if batch is not None:
                render_preview(consoles.out, name, dataset.row_count(name), batch.slice(0, n))
