"""``tdg explain``: order, row counts, fan-out, size and time — before making anything.

Size and time come from generating a small sample (``--no-measure`` skips
it and estimates size from the column types), so the figures reflect this
machine and this schema rather than a guess.
"""

from __future__ import annotations

import json as jsonlib
import time
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from testdatagen.interfaces.cli.console import make_consoles
from testdatagen.interfaces.cli.failures import reporting
from testdatagen.interfaces.cli.options import (
    DebugOpt,
    GenerateOpt,
    JsonOpt,
    SetOpt,
    SourceArg,
    parse_params,
    parse_rows,
)

if TYPE_CHECKING:
    from testdatagen.interfaces.cli.explain_model import ExplainReport
    from testdatagen.model.expr import Scalar
    from testdatagen.model.plan import Project

__all__ = ["SAMPLE_ROWS", "explain", "measure", "render_explain"]

SAMPLE_ROWS = 20_000


def _report(
    project: Project, plan: str | None, rows: dict[str, int], params: dict[str, Scalar]
) -> ExplainReport:
    from testdatagen.errors import MissingDependencyError
    from testdatagen.interfaces.cli import explain_model, layers
    from testdatagen.interfaces.cli.run import resolve_plan_name
    from testdatagen.model.evaluate import resolve_params

    chosen = project.plan_named(resolve_plan_name(project, plan))
    env = resolve_params(chosen.params if chosen else {}, params)
    name = chosen.name if chosen else None
    try:
        run = layers.build_run_plan(project, plan=name, rows=rows or None, params=params or None)
    except MissingDependencyError:
        return explain_model.analyse(project, plan=name, rows=rows, params=params)
    return explain_model.from_run_plan(run, name, env)


def measure(project: Project, report: ExplainReport) -> None:
    """Time a capped sample of every table; record rows/s and bytes per row."""
    from testdatagen.interfaces.cli import layers

    capped = {t.name: min(t.rows, SAMPLE_ROWS) for t in report.tables if t.derived_from is None}
    started = time.perf_counter()
    dataset = layers.generate(
        project, plan=report.plan, rows=capped, params=report.params, seed=None,
        locale=None, workers=1, chunk_rows=65_536,
    )  # fmt: skip
    sampled = 0
    widths: dict[str, float] = {}
    for name in dataset.tables:
        size = rows = 0
        for batch in dataset.batches(name):
            size, rows = size + batch.nbytes, rows + batch.num_rows
        sampled += rows
        widths[name] = size / rows if rows else 0.0
    elapsed = time.perf_counter() - started
    for table in report.tables:
        table.bytes_per_row = widths.get(table.name, table.bytes_per_row)
    report.measured_rows_per_s = sampled / elapsed if elapsed > 0 else None
    report.measured_sample_rows = sampled


def render_explain(console: Console, report: ExplainReport) -> None:
    from testdatagen.interfaces.cli.summary import human_size

    params = ", ".join(f"{k}={v}" for k, v in report.params.items())
    console.print(
        f"[bold]plan[/] {report.plan or '(defaults)'} · schema {report.schema} · "
        f"seed {report.seed} · locale {report.locale}" + (f" · params {params}" if params else "")
    )
    console.print()
    order = Table(box=box.SIMPLE_HEAD, show_edge=False)
    for column, justify in (("#", "right"), ("load order", "left"), ("rows", "right")):
        order.add_column(column, justify=justify)  # type: ignore[arg-type]
    order.add_column("from")
    order.add_column("est. size", justify="right")
    for i, t in enumerate(report.tables, 1):
        rows = f"{t.rows:,}" if t.exact else f"≈{t.rows:,}"
        source = f"per_parent of {t.derived_from}" if t.derived_from else "rows"
        order.add_row(str(i), t.name, rows, source, human_size(int(t.rows * t.bytes_per_row)))
    console.print(order)
    if report.edges:
        fan = Table(box=box.SIMPLE_HEAD, show_edge=False)
        fan.add_column("reference")
        fan.add_column("parent")
        fan.add_column("how")
        for e in report.edges:
            fan.add_row(f"{e.child}.{e.column}", e.parent, e.how)
        console.print()
        console.print(fan)
    console.print()
    console.print(_totals(report))


def _totals(report: ExplainReport) -> str:
    from testdatagen.interfaces.cli.summary import human_size

    line = f"total {report.rows:,} rows · ≈{human_size(report.bytes)} in memory"
    if report.seconds is None:
        return line + " · time not measured"
    return (
        f"{line} · ≈{report.seconds:.1f}s at {report.measured_rows_per_s:,.0f} rows/s "
        f"(measured on a {report.measured_sample_rows:,}-row sample)"
    )


def explain(
    file: SourceArg,
    plan: GenerateOpt = None,
    rows: Annotated[
        list[str] | None, typer.Option("--rows", "-r", metavar="TABLE=N", help="Row count.")
    ] = None,
    params: SetOpt = None,
    no_measure: Annotated[
        bool, typer.Option("--no-measure", help="Skip the timing sample; estimate size from types.")
    ] = False,
    json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Show what generate would do: table order, rows, fan-out, size and time."""
    consoles = make_consoles(json=json, debug=debug)
    with reporting(consoles, source=file):
        from testdatagen.interfaces.cli import layers
        from testdatagen.interfaces.cli.overrides import check_param_overrides
        from testdatagen.interfaces.cli.rows import check_row_overrides
        from testdatagen.interfaces.cli.run import resolve_plan_name

        project = layers.load_project(file)
        counts = parse_rows(rows)
        overrides = parse_params(params)
        check_param_overrides(project, resolve_plan_name(project, plan), overrides)
        check_row_overrides(project, resolve_plan_name(project, plan), counts)
        report = _report(project, plan, counts, overrides)
        if not no_measure:
            measure(project, report)
        if json:
            payload = asdict(report) | {"rows": report.rows, "bytes": report.bytes}
            payload["seconds"] = report.seconds
            consoles.out.print(jsonlib.dumps(payload, default=str), markup=False, soft_wrap=True)
        else:
            render_explain(consoles.out, report)
