"""Checks that construction could not guarantee: re-draw the failing rows, bounded.

Checks are grouped by the columns they read (two checks sharing a column are
one group) so that computing a subset of columns — when a child follows a
key — runs exactly the same re-draws as computing the whole table. A row
failing a check re-draws only that check's own columns — those it names, or
for a computed column the re-drawable columns it is computed from — from the
derived stream ``column.child('retry', k)``, then recomputes what depends on
them; a choice or enum the check does not read keeps its value, so declared
mixes stay as declared. The result is still a pure function of the row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from testdatagen.engine.analysis import TableAnalysis, same_row_refs
from testdatagen.engine.apart import apart_pair
from testdatagen.engine.expressions import as_array, evaluate, refs
from testdatagen.engine.values import TRUE, from_numpy, to_numpy, with_nulls
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
    #: Per check (same order): the columns a failing row of it re-draws.
    own: list[frozenset[str]] = field(default_factory=list)

    def touches(self, names: set[str]) -> bool:
        return bool(self.columns & names)


def _own_redraw(
    check: Check, table: Table, analysis: TableAnalysis, redrawable: set[str]
) -> frozenset[str]:
    """The re-drawable columns the check reads, looking through computed and other
    fixed columns to the re-drawable ones they are made from (never past one)."""
    out: set[str] = set()
    seen: set[str] = set()
    todo = list(same_row_refs(check.expr, table))
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if name in redrawable:
            out.add(name)
        else:
            todo.extend(analysis.deps[name])
    pair = apart_pair(check, list(table.column_names))
    if pair is not None and set(pair) <= out:
        out.discard(pair[0])  # ``a != b``: move b away from a, leave a's own mix alone
    followed = _followed_through_self(check, table)
    if out - followed:
        # ``manager_id.department_id = department_id``: re-draw the manager, never the
        # department. Earlier rows read their department through the same key, so a
        # department a check may change makes every follow run the earlier rows' checks,
        # which follow their managers, and so on: the chain never ended.
        out -= followed
    return frozenset(out)


def _followed_through_self(check: Check, table: Table) -> set[str]:
    """Columns the check reads of earlier rows through a self-reference."""
    selfs = {c.name for c, r in table.references if r.table == table.name}
    return {
        r.path[1]
        for r in refs(check.expr)
        if len(r.path) == 2 and r.path[0] in selfs and r.path[1] != r.path[0]
    }


def check_groups(table: Table, analysis: TableAnalysis, redrawable: set[str]) -> list[CheckGroup]:
    groups: list[CheckGroup] = []
    for check in table.checks:
        columns = analysis.closure(same_row_refs(check.expr, table))
        own = _own_redraw(check, table, analysis, redrawable)
        group = CheckGroup([check], columns, set(own), [own])
        for other in [g for g in groups if g.columns & columns]:
            groups.remove(other)
            group = CheckGroup(
                other.checks + group.checks,
                other.columns | group.columns,
                other.redraw | group.redraw,
                other.own + group.own,
            )
        groups.append(group)
    return groups


def _failing(group: CheckGroup, chunk: Chunk) -> list[np.ndarray]:
    """Per check of the group, which rows fail it (false; NULL passes)."""
    out = []
    chunk.strict_margin = True
    try:
        for check in group.checks:
            ok = as_array(evaluate(check.expr, chunk), chunk.size).fill_null(TRUE)
            out.append(~to_numpy(ok, True).astype(bool))
    finally:
        chunk.strict_margin = False
    return out


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
    for attempt in range(1, MAX_RETRIES + 2):
        fails = _failing(group, view)
        fail = np.logical_or.reduce(fails) if fails else np.zeros(view.size, dtype=bool)
        if not fail.any():
            return
        failed = [c.name for c, f in zip(group.checks, fails, strict=True) if f.any()]
        stuck = [
            c.name
            for c, f, o in zip(group.checks, fails, group.own, strict=True)
            if f.any() and not o
        ]
        if (
            attempt > MAX_RETRIES
            and not stuck
            and _let_go(gen, group, chunk, pending, fails, names)
        ):
            return
        if attempt > MAX_RETRIES or stuck:
            raise _unsatisfiable(gen, stuck or failed, int(fail.sum()), bool(stuck))
        # Rows failing the same checks re-draw the same columns: one pass per such set.
        signature = np.zeros(view.size, dtype=np.int64)
        for i, f in enumerate(fails):
            signature |= f.astype(np.int64) << i
        at = np.flatnonzero(fail)
        keep = pending[at]
        for sig in np.unique(signature[at]):
            rows_in = np.flatnonzero(signature == sig)
            redraw = frozenset().union(*(o for i, o in enumerate(group.own) if sig >> i & 1))
            _redraw(gen, chunk, pending[rows_in], redraw, names, attempt)
        pending = keep
        view = chunk.take(pending)


def _let_go(
    gen: TableGen,
    group: CheckGroup,
    chunk: Chunk,
    pending: np.ndarray,
    fails: list[np.ndarray],
    names: set[str],
) -> bool:
    """The last resort for a nullable self-reference (``manager_id is null or
    manager_id.department_id = department_id``): the first employee of a department
    has no earlier colleague, so no re-draw finds a manager; such rows get none
    (NULL), as a database would hold them. True when the group then holds."""
    selfs = {
        c.name
        for c, r in gen.table.references
        if r.table == gen.table.name and not (c.not_null or c.primary_key)
    }
    keys = {k for f, own in zip(fails, group.own, strict=True) if f.any() for k in own} & selfs
    if not keys:
        return False
    rows = pending[np.logical_or.reduce(fails)]
    mask = np.zeros(chunk.size, dtype=bool)
    mask[rows] = True
    for key in keys:
        chunk.values[key] = with_nulls(chunk.values[key], mask)
        if key in chunk.parents:
            chunk.parents[key] = np.where(mask, -1, chunk.parents[key])
            chunk.forget(key)
    view = chunk.take(rows)
    for name in [n for n in gen.analysis.order if n in gen.analysis.dependents(keys) & names]:
        if name in keys:
            continue
        view.values[name] = gen.column(name, view, gen.stream(name))
        chunk.values[name] = _scatter(chunk.values[name], view.values[name], rows)
        if name in view.parents:
            chunk.parents[name][rows] = view.parents[name]
            chunk.forget(name)
    return not np.logical_or.reduce(_failing(group, chunk.take(rows))).any()


def _redraw(
    gen: TableGen,
    chunk: Chunk,
    rows: np.ndarray,
    redraw: frozenset[str],
    names: set[str],
    attempt: int,
) -> None:
    """Re-draw ``redraw`` at chunk positions ``rows`` and recompute their dependents."""
    view = chunk.take(rows)
    affected = gen.analysis.dependents(set(redraw)) & names
    for name in [n for n in gen.analysis.order if n in affected]:
        stream = gen.stream(name)
        if name in redraw:
            stream = stream.child("retry", attempt)
        view.values[name] = gen.column(name, view, stream)
        chunk.values[name] = _scatter(chunk.values[name], view.values[name], rows)
        if name in view.parents:
            chunk.parents[name][rows] = view.parents[name]
            chunk.forget(name)


def _unsatisfiable(gen: TableGen, failed: list[str], rows: int, stuck: bool) -> GenerationError:
    table = gen.table
    spans = [c.span for c in table.checks if c.name in failed]
    if stuck:
        message = (
            f"check {', '.join(failed)} of {table.name} fails for {rows} rows and none of "
            "the columns it reads can be re-drawn (keys, sequences and values computed from them)"
        )
        hint = "make the check hold by construction (ranges, compute) or relax it"
    else:
        message = (
            f"check {', '.join(failed)} of {table.name} fails for {rows} rows after "
            f"{MAX_RETRIES} re-draws"
        )
        hint = "the check contradicts the columns' ranges; widen them or relax the check"
    return GenerationError(
        [Diagnostic("TDG540", message, span=spans[0] if spans else table.span, hint=hint)]
    )
