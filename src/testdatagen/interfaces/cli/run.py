"""One generate run: model → dataset → every output, with progress and a summary.

Every output is created (and so validated) before the first one writes, so
a typo in the last target cannot leave the first half written.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING

from testdatagen.errors import Diagnostic, InputError
from testdatagen.interfaces.cli import layers

if TYPE_CHECKING:
    from testdatagen.engine.dataset import Dataset
    from testdatagen.interfaces.cli.progress import Reporter
    from testdatagen.model.expr import Scalar
    from testdatagen.model.plan import OutputSpec, Project
    from testdatagen.outputs.base import Output, OutputResult

__all__ = [
    "RunRequest",
    "RunSummary",
    "execute",
    "output_label",
    "resolve_plan_name",
    "select_outputs",
]

TARGET_KEYS = ("file", "dir", "path", "url", "target")


@dataclass(frozen=True)
class RunRequest:
    source: Path
    plan: str | None = None
    rows: Mapping[str, int] = field(default_factory=dict)
    params: Mapping[str, Scalar] = field(default_factory=dict)
    seed: int | None = None
    locale: str | None = None
    out: str | None = None
    format: str | None = None
    workers: int = 1
    chunk_rows: int = 65_536
    if_exists: str | None = None


@dataclass
class RunSummary:
    source: str
    plan: str | None
    seed: int
    locale: str
    tables: dict[str, int]
    seconds: float
    outputs: list[OutputResult]

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


def output_label(spec: OutputSpec) -> str:
    for key in TARGET_KEYS:
        if key in spec.options:
            return f"{spec.kind} → {spec.options[key]}"
    return spec.kind


def resolve_plan_name(project: Project, wanted: str | None) -> str | None:
    if wanted is None or any(p.name == wanted for p in project.plans):
        return wanted if wanted is not None else (project.plans[0].name if project.plans else None)
    names = [p.name for p in project.plans]
    close = get_close_matches(wanted, names, n=1)
    hint = (
        f"did you mean '{close[0]}'?" if close else f"generate blocks: {', '.join(names) or 'none'}"
    )
    raise InputError([Diagnostic("TDG412", f"no generate block named '{wanted}'", hint=hint)])


def select_outputs(project: Project, request: RunRequest, plan: str | None) -> list[OutputSpec]:
    """``--out`` replaces the file's output blocks; otherwise they are used as written."""
    if request.out is not None:
        specs = [layers.output_spec_for_target(request.out, request.format)]
    else:
        chosen = project.plan_named(plan) if plan else None
        specs = list(chosen.outputs) if chosen else []
    if not specs:
        raise InputError(
            [
                Diagnostic(
                    "TDG440",
                    "nothing to write: the generate block has no output and --out was not given",
                    hint="pass --out out/ (with --format csv, parquet, …) or a database URL "
                    "such as sqlite:///data.db, or add an output block to the file",
                )
            ]
        )
    if request.if_exists is None:
        return specs
    return [_with_if_exists(s, request.if_exists) for s in specs]


def _with_if_exists(spec: OutputSpec, mode: str) -> OutputSpec:
    """Databases take ``if_exists``; files are always replaced whole, atomically."""
    from testdatagen.model.catalog import OUTPUT_KINDS

    info = OUTPUT_KINDS.get(spec.kind)
    if info is None or not info.database:
        return spec
    return spec.model_copy(update={"options": {**spec.options, "if_exists": mode}})


def execute(project: Project, request: RunRequest, reporter: Reporter) -> RunSummary:
    started = time.perf_counter()
    plan = resolve_plan_name(project, request.plan)
    specs = select_outputs(project, request, plan)
    dataset = layers.generate(
        project,
        plan=plan,
        rows=dict(request.rows) or None,
        params=dict(request.params) or None,
        seed=request.seed,
        locale=request.locale,
        workers=request.workers,
        chunk_rows=request.chunk_rows,
    )
    outputs = [layers.create_output(spec, base_dir=Path.cwd()) for spec in specs]
    totals = {table: dataset.row_count(table) for table in dataset.tables}
    results = _write_all(outputs, specs, dataset, totals, reporter)
    return RunSummary(
        source=str(request.source),
        plan=plan,
        seed=dataset.seed,
        locale=dataset.locale,
        tables=totals,
        seconds=time.perf_counter() - started,
        outputs=results,
    )


def _write_all(
    outputs: Sequence[Output],
    specs: Sequence[OutputSpec],
    dataset: Dataset,
    totals: Mapping[str, int],
    reporter: Reporter,
) -> list[OutputResult]:
    results = []
    try:
        for output, spec in zip(outputs, specs, strict=True):
            reporter.start_output(output_label(spec), totals)
            results.append(output.write(dataset, progress=reporter.update))
    finally:
        reporter.close()
    return results
