"""One generate run: model → dataset → every output, with progress and a summary.

Every output is created (and so validated) before the first one writes, so
a typo in the last target cannot leave the first half written.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING

from testdatagen.errors import Diagnostic, InputError, OutputError, TdgError
from testdatagen.interfaces.cli import layers
from testdatagen.interfaces.cli.failures import UsageProblem
from testdatagen.interfaces.cli.overrides import (
    check_locale,
    check_param_overrides,
    check_url_scheme,
)
from testdatagen.interfaces.cli.rows import check_row_overrides

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
    db_schema: str | None = None
    now: str | None = None


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
    raise UsageProblem(
        [
            Diagnostic(
                "TDG412",
                f"no generate block named '{wanted}'",
                hint=hint,
                path=f"--generate {wanted}",
            )
        ]
    )


def select_outputs(project: Project, request: RunRequest, plan: str | None) -> list[OutputSpec]:
    """``--out`` replaces the file's output blocks; otherwise they are used as written."""
    if request.out is not None:
        specs = [_out_spec(request.out, request.format)]
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
                    "such as sqlite:///data.db, or "
                    + (
                        "add outputs: [{type: csv, dir: out/}] to the config"
                        if request.source.suffix.lower() in (".json", ".yaml", ".yml")
                        else "add an output block to the file: output csv { dir: 'out/' }"
                    ),
                )
            ]
        )
    given = {"if_exists": request.if_exists, "schema": request.db_schema}
    overrides = {k: v for k, v in given.items() if v is not None}
    if not overrides:
        return specs
    if request.db_schema is not None and not any(_is_database(s) for s in specs):
        raise UsageProblem(
            [
                Diagnostic(
                    "TDG602",
                    f"--db-schema {request.db_schema}: no output of this run is a database",
                    hint="use --db-schema with a database URL such as "
                    "--out postgresql://user@host/db",
                    path="--db-schema",
                )
            ]
        )
    return [_with_options(s, overrides) if _is_database(s) else s for s in specs]


def _out_spec(target: str, format: str | None) -> OutputSpec:
    """An ``--out``/``--format`` that cannot work is a usage error (exit 2), not an
    output failure: nothing has been generated or written yet."""
    try:
        spec = layers.output_spec_for_target(target, format)
    except OutputError as exc:
        raise UsageProblem(
            [
                _out_hint(
                    dataclasses.replace(d, path=d.path or _option_of(d, format)), target, format
                )
                for d in exc.diagnostics
            ]
        ) from None
    _check_out_path(spec, target)
    if _is_database(spec) and not {"url", "file"} & spec.options.keys():
        example = f"--out {Path(target.rstrip('/')).with_suffix('.db')}"
        what = f"--format {spec.kind}" if format else f"--out {target}"
        raise UsageProblem(
            [
                Diagnostic(
                    "TDG602",
                    f"{what} names a database, but '{target}' is no database URL or file",
                    hint=f"give the database: {example}, sqlite:///x.db, "
                    "postgresql://user@host/db or mysql://user@host/db",
                    path="--out",
                )
            ]
        )
    if "url" in spec.options:
        check_url_scheme(str(spec.options["url"]))
    return spec


def _check_out_path(spec: OutputSpec, target: str) -> None:
    """A directory target that is a file (or the reverse) fails only after every row is
    generated, with the OS's terse "File exists": refuse it now, saying which is which."""
    directory, file = spec.options.get("dir"), spec.options.get("file")
    if directory is not None and Path(str(directory)).is_file():
        raise UsageProblem(
            [
                Diagnostic(
                    "TDG607",
                    f"--out {target} names a directory (one file per table), but "
                    f"'{directory}' is a file",
                    hint=f"choose another directory, or give a file name with an extension "
                    f"(--out {Path(str(directory)).name}.{spec.kind})",
                    path="--out",
                )
            ]
        )
    if file is not None and Path(str(file)).is_dir():
        raise UsageProblem(
            [
                Diagnostic(
                    "TDG607",
                    f"--out {target} names a file, but '{file}' is a directory",
                    hint=f"to write into it, end the path with a slash: --out {file}/ "
                    f"--format {spec.kind}",
                    path="--out",
                )
            ]
        )


#: What people type for --format, and the format they mean (its extension, a short form).
_FORMAT_ALIASES = {
    "xlsx": "excel",
    "xls": "excel",
    "ndjson": "jsonl",
    "jsonlines": "jsonl",
    "pq": "parquet",
    "parq": "parquet",
    "sqlite3": "sqlite",
    "db": "sqlite",
    "postgres": "postgresql",
    "pg": "postgresql",
    "mariadb": "mysql",
}


def _out_hint(diagnostic: Diagnostic, target: str, format: str | None) -> Diagnostic:
    """``--format xlsx`` means excel, ``--out x.xls`` means an .xlsx file: say so."""
    if diagnostic.code == "TDG602" and format and format.lower() in _FORMAT_ALIASES:
        meant = _FORMAT_ALIASES[format.lower()]
        hint = f"did you mean '{meant}'? --format names the format, not its extension"
        return dataclasses.replace(diagnostic, hint=hint)
    if diagnostic.code == "TDG607" and target.lower().endswith(".xls"):
        hint = f"tdg writes Excel as .xlsx: --out {target}x"
        return dataclasses.replace(diagnostic, hint=hint)
    return diagnostic


def _option_of(diagnostic: Diagnostic, format: str | None) -> str:
    """Which option to blame: an unknown format or a contradiction names ``--format``."""
    about_format = diagnostic.code == "TDG602" or diagnostic.message.startswith("--format")
    return "--format" if format is not None and about_format else "--out"


def _is_database(spec: OutputSpec) -> bool:
    from testdatagen.model.catalog import OUTPUT_KINDS

    info = OUTPUT_KINDS.get(spec.kind)
    return info is not None and info.database


def _with_options(spec: OutputSpec, options: Mapping[str, str]) -> OutputSpec:
    """Databases take ``if_exists`` and ``schema``; files are always replaced whole."""
    return spec.model_copy(update={"options": {**spec.options, **options}})


#: Codes a writer raises when its options are wrong: written in the file, a user error.
#: TDG614 while the output is being created is a database URL that cannot be parsed
#: (no database name, a bad port, an unknown parameter): no connection was tried.
_SPEC_CODES = frozenset({"TDG601", "TDG602", "TDG607", "TDG614"})


@contextmanager
def _at_output(spec: OutputSpec, *, creating: bool = False) -> Iterator[None]:
    """Errors of one output point at its ``output`` block when it came from the file.

    A target a writer refuses while being created or validated is an error in
    the input (exit 1) when the file wrote it, and a usage error (exit 2) when
    ``--out`` did: nothing has been written, so it is no output failure.
    """
    try:
        yield
    except TdgError as exc:
        exc.diagnostics = tuple(_with_option_note(d) for d in exc.diagnostics)
        if spec.span is not None:
            exc.diagnostics = tuple(
                d if d.span is not None else dataclasses.replace(d, span=spec.span)
                for d in exc.diagnostics
            )
        if not (creating and isinstance(exc, OutputError) and _is_spec_error(exc)):
            raise
        if spec.span is not None:
            raise InputError(exc.diagnostics, sources=exc.sources) from None
        raise UsageProblem(
            [dataclasses.replace(d, path=d.path or "--out") for d in exc.diagnostics]
        ) from None


#: Errors whose fix is a setting that the command line also has.
_OPTION_NOTES = {
    "TDG630": "on the command line: --if-exists replace (or truncate, append)",
}


def _with_option_note(diagnostic: Diagnostic) -> Diagnostic:
    note = _OPTION_NOTES.get(diagnostic.code)
    if note is None or note in diagnostic.notes:
        return diagnostic
    return dataclasses.replace(diagnostic, notes=(*diagnostic.notes, note))


def _is_spec_error(error: OutputError) -> bool:
    return all(d.code in _SPEC_CODES for d in error.diagnostics)


def execute(project: Project, request: RunRequest, reporter: Reporter) -> RunSummary:
    started = time.perf_counter()
    plan = resolve_plan_name(project, request.plan)
    check_locale(request.locale)
    check_param_overrides(project, plan, request.params)
    check_row_overrides(project, plan, request.rows)
    specs = select_outputs(project, request, plan)
    outputs = []
    for spec in specs:
        with _at_output(spec, creating=True):
            outputs.append(layers.create_output(spec, base_dir=Path.cwd()))
    dataset = layers.generate(
        project,
        plan=plan,
        rows=dict(request.rows) or None,
        params=dict(request.params) or None,
        seed=request.seed,
        locale=request.locale,
        workers=request.workers,
        chunk_rows=request.chunk_rows,
        now=request.now,
    )
    try:
        for output, spec in zip(outputs, specs, strict=True):
            validate = getattr(output, "validate", None)
            if validate is not None:
                with _at_output(spec, creating=True):
                    validate(dataset)
        totals = {table: dataset.row_count(table) for table in dataset.tables}
        results = _write_all(outputs, specs, dataset, totals, reporter)
    finally:
        # Workers shut down now, not when the collector gets to it (a late shutdown
        # printed "Exception ignored … Bad file descriptor" at exit now and then).
        close = getattr(dataset, "close", None)
        if close is not None:
            close()
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
            with _at_output(spec):
                results.append(output.write(dataset, progress=reporter.update))
    finally:
        reporter.close()
    return results
