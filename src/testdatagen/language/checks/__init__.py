"""Semantic checks: ordered pure passes over the lowered model, one module each.

Each pass reads the ``Project`` and the ``SourceIndex`` (for spans) and adds
diagnostics to the sink; none changes the model. Order matters only for
readability of the output: names before types before graphs.
"""

from __future__ import annotations

from collections.abc import Callable

from testdatagen.errors import DiagnosticSink
from testdatagen.language.checks import (
    aggregates,
    feasibility,
    fit,
    formats,
    generate,
    graph,
    names,
    references,
    registries,
    types,
    unique_keys,
)
from testdatagen.language.checks.context import CheckContext
from testdatagen.language.lower import SourceIndex
from testdatagen.model import Project

__all__ = ["PASSES", "run_checks"]

Pass = Callable[[CheckContext], None]

PASSES: tuple[tuple[str, Pass], ...] = (
    ("names", names.run),
    ("registries", registries.run),
    ("types", types.run),
    ("fit", fit.run),
    ("formats", formats.run),
    ("references", references.run),
    ("graph", graph.run),
    ("aggregates", aggregates.run),
    ("generate", generate.run),
    ("feasibility", feasibility.run),
    ("unique_keys", unique_keys.run),
)


def run_checks(
    project: Project,
    index: SourceIndex,
    sink: DiagnosticSink,
    sources: dict[str, str] | None = None,
) -> None:
    ctx = CheckContext(project, index, sink, dict(sources or {}))
    for _, check in PASSES:
        check(ctx)
