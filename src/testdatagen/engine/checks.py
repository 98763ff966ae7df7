"""Checks that construction could not guarantee: re-draw the failing rows, bounded.

Checks are grouped by the columns they read (two checks sharing a column are
one group) so that computing a subset of columns — when a child follows a
key — runs exactly the same re-draws as computing the whole table. A failing
row re-draws the group's re-drawable columns from the derived stream
``column.child('retry', k)``; the result is still a pure function of the row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from testdatagen.engine.analysis import TableAnalysis, same_row_refs
from testdatagen.engine.expressions import as_array, evaluate
from testdatagen.engine.values import TRUE, from_numpy, to_numpy
from testdatagen.errors import Diagnostic, GenerationError
from testdatagen.model.schema import Check, Table

if TYPE_CHECKING:
    from testdatagen.engine.chunk import Chunk
    from testdatagen.engine.table import TableGen

__all__ = ["MAX_RETRIES", "CheckGroup", "check_groups", "enforce_checks"]

#: Re-draw rounds before a check is declared unsatisfiable.
MAX_RETRIES = 64


@dataclass
class CheckGroup:
    checks: list[Check]
    columns: set[str]
    redraw: set[str] = field(default_factory=set)

    def touches(self, names: set[str]) -> bool:
        return bool(self.columns & names)


def check_groups(table: Table, analysis: TableAnalysis, redrawable: set[str]) -> list[CheckGroup]:
    groups: list[CheckGroup] = []
    for check in table.checks:
        columns = analysis.closure(same_row_refs(check.expr, table))
        redraw = columns & redrawable
        group = CheckGroup([check], columns, redraw)
        for other in [g for g in groups if g.columns & columns]:
            groups.remove(other)
            group = CheckGroup(
                other.checks + group.checks,
                other.columns | group.columns,
                other.redraw | group.redraw,
            )
        groups.append(group)
    return groups


def _failing(group: CheckGroup, chunk: Chunk) -> tuple[np.ndarray, list[str]]:
    fail = np.zeros(chunk.size, dtype=bool)
    names = []
    chunk.strict_margin = True
    try:
        for check in group.checks:
            ok = as_array(evaluate(check.expr, chunk), chunk.size).fill_null(TRUE)
            bad = ~to_numpy(ok, True).astype(bool)
            if bad.any():
                names.append(check.name)
                fail |= bad
    finally:
        chunk.strict_margin = False
    return fail, names


def _scatter(old: pa.Array, new: pa.Array, at: np.ndarray) -> pa.Array:
    index = np.arange(len(old), dtype=np.int64)
    index[at] = len(old) + np.arange(at.size)
    return pa.concat_arrays([old, new.cast(old.type)]).take(
        from_numpy(np.asarray(index, dtype=np.int64))
    )


def enforce_checks(gen: TableGen, group: CheckGroup, chunk: Chunk, names: set[str]) -> None:
    """Make every row of ``chunk`` pass the group's checks, or raise naming them."""
    pending = np.arange(chunk.size)
    view = chunk
    order = [n for n in gen.analysis.order if n in gen.analysis.dependents(group.redraw) & names]
    for attempt in range(1, MAX_RETRIES + 2):
        fail, failed = _failing(group, view)
        if not fail.any():
            return
        pending = pending[fail]
        if attempt > MAX_RETRIES or not group.redraw:
            raise _unsatisfiable(gen, failed, pending.size)
        view = chunk.take(pending)
        for name in order:
            stream = gen.stream(name)
            if name in group.redraw:
                stream = stream.child("retry", attempt)
            view.values[name] = gen.column(name, view, stream)
            chunk.values[name] = _scatter(chunk.values[name], view.values[name], pending)
            if name in view.parents:
                chunk.parents[name][pending] = view.parents[name]


def _unsatisfiable(gen: TableGen, failed: list[str], rows: int) -> GenerationError:
    table = gen.table
    spans = [c.span for c in table.checks if c.name in failed]
    return GenerationError(
        [
            Diagnostic(
                "TDG540",
                f"check {', '.join(failed)} of {table.name} fails for {rows} rows after "
                f"{MAX_RETRIES} re-draws",
                span=spans[0] if spans else table.span,
                hint="the check contradicts the columns' ranges; widen them or relax the check",
            )
        ]
    )
