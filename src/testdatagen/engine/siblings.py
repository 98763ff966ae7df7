"""Row functions over a parent's children: ``child_index()`` and ``running_sum(x)``.

Both need the table's per-parent layout, where the children of each parent
are one contiguous run of rows. ``running_sum`` is computed over the whole
runs a chunk touches (the rows before the chunk's first row included), so a
row's value is a pure function of the row: the same for any chunk size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.engine.aggregates import carry, limbs, words_of
from testdatagen.engine.analysis import same_row_refs
from testdatagen.engine.expressions import ROW_FUNCTIONS, as_array, children, evaluate
from testdatagen.engine.layout import ParentLayout
from testdatagen.engine.references import segment_rows
from testdatagen.engine.values import decimal_array, from_numpy, to_numpy
from testdatagen.errors import Diagnostic, GenerationError, InputError
from testdatagen.model.expr import Call, Expr, Ref
from testdatagen.model.schema import Column, ComputeGen, Schema, Table

if TYPE_CHECKING:
    from testdatagen.engine.table import TableGen

__all__ = ["check_row_functions", "child_index", "running_sum"]

I64 = npt.NDArray[np.int64]


def _layout(gen: TableGen, name: str) -> ParentLayout:
    layout = gen.engine.plan.layouts.get(gen.table.name)
    if layout is None:
        users = [c for c in gen.table.columns for e in _exprs(c) if name in _calls(e)]
        raise GenerationError([_needs_per_parent(gen.table, name, users[0] if users else None)])
    return layout


def _needs_per_parent(
    table: Table, name: str, column: Column | None, check: str | None = None
) -> Diagnostic:
    """TDG515, naming the column (or check) that calls the row function and the fix."""
    if column is not None:
        where = f"column {table.name}.{column.name}"
    elif check is not None:
        where = f"check {check} of {table.name}"
    else:
        where = f"table {table.name}"
    refs = [c.name for c, _ in table.references]
    if refs:
        ref = next(r for c, r in table.references if c.name == refs[0])
        fix = (
            f"add per_parent to a reference of {table.name}, e.g. "
            f"{refs[0]} [references: {ref.table}.{ref.column}, per_parent: 1..5]"
        )
    else:
        fix = (
            f"give {table.name} a reference to its parent with per_parent, e.g. "
            "parent_id bigint [references: parents.id, per_parent: 1..5]"
        )
    return Diagnostic(
        "TDG515",
        f"{where} uses {name}() but {table.name} has no per_parent reference "
        f"({name}() works over a row's siblings under one parent)",
        span=column.span if column is not None else table.span,
        hint=f"{fix}; or remove {name}() from {column.name if column is not None else where}",
    )


def child_index(gen: TableGen, rows: I64) -> pa.Array:
    """0-based position of each row among its parent's children."""
    return from_numpy(_layout(gen, "child_index").parent_of(rows)[1])


def _segment_cumsum(
    values: npt.NDArray[np.int64 | np.float64], segment: I64
) -> npt.NDArray[np.int64 | np.float64]:
    """Cumulative sums restarting at every change of ``segment`` (rows are in order)."""
    total = np.cumsum(values)
    index = np.arange(values.size)
    first = np.ones(values.size, dtype=bool)
    first[1:] = segment[1:] != segment[:-1]
    start = np.maximum.accumulate(np.where(first, index, 0))
    result: npt.NDArray[np.int64 | np.float64] = total - (total[start] - values[start])
    return result


def running_sum(gen: TableGen, rows: I64, arg: Expr) -> pa.Array:
    """``arg`` summed over the row's earlier siblings and the row itself (NULL counts as 0).

    A plain decimal column is summed exactly in its unscaled integers (any
    precision); anything else as float64 (integers as int64)."""
    layout = _layout(gen, "running_sum")
    needed = same_row_refs(arg, gen.table)
    if gen.summing:
        raise GenerationError([_checked_sum(gen, needed)])
    full, segment = segment_rows(layout, rows)
    gen.summing = True
    try:
        sub = gen.compute(full, needed)
    finally:
        gen.summing = False
    at = np.searchsorted(full, rows)
    if isinstance(arg, Ref) and len(arg.path) == 1:
        raw = sub.values[arg.path[0]]
        if pa.types.is_decimal128(raw.type):
            return _decimal_running_sum(raw, segment, at)
    values = as_array(evaluate(arg, sub), full.size)
    exact = pa.types.is_integer(values.type) or pa.types.is_boolean(values.type)
    data = to_numpy(values.cast(pa.int64() if exact else pa.float64()), 0)
    return from_numpy(_segment_cumsum(data, segment)[at])


def _decimal_running_sum(raw: pa.Array, segment: I64, at: I64) -> pa.Array:
    """Exact running sums of a decimal column, as ``decimal128(38, s)`` like ``sum``: in
    int64 when the precision and the rows summed bound every sum below 2**63, else
    limb by limb into 128 bits (``aggregates.limbs``), so a decimal(38,10) balance
    keeps all its digits."""
    if isinstance(raw, pa.ChunkedArray):
        raw = raw.combine_chunks()
    words = words_of(raw)
    wide = pa.decimal128(38, raw.type.scale)
    if raw.type.precision <= 18 and len(raw) * 10**raw.type.precision < 2**63:
        sums = _segment_cumsum(words[:, 0].copy(), segment)[at].astype(np.int64)
        return decimal_array(sums, wide)
    parts = [_segment_cumsum(limb, segment)[at].astype(np.int64) for limb in limbs(words)]
    low, high = carry(parts)
    packed = np.ascontiguousarray(np.stack([low, high], axis=1))
    return pa.Array.from_buffers(wide, at.size, [None, pa.py_buffer(packed)])


def _checked_sum(gen: TableGen, needed: set[str]) -> Diagnostic:
    """Computing a running sum re-entered itself: a check reads a running-sum column,
    so computing the summed rows runs that check, which needs the sum again."""
    table = gen.table
    sums = {c.name for c in table.columns for e in _exprs(c) if "running_sum" in _calls(e)}
    readers = [g for g in gen.groups if g.columns & sums] or [
        g for g in gen.groups if g.touches(needed)
    ]
    checks = sorted({c.name or "(unnamed)" for g in readers for c in g.checks})
    read = sorted(sums & {n for g in readers for n in g.columns}) or sorted(sums)
    columns = ", ".join(f"{table.name}.{n}" for n in read) or "a running_sum() column"
    summed = ", ".join(sorted(needed)) or "the summed value"
    return Diagnostic(
        "TDG516",
        f"{table.name}: check {', '.join(checks) or '(unnamed)'} reads running_sum() column "
        f"{columns}; a re-drawn row would change the sums of every later sibling",
        span=next((c.span for g in readers for c in g.checks if c.span), table.span),
        hint=f"drop the check on {', '.join(read) or 'the running sum'}, or bound the summed "
        f"column ({summed}) itself with min/max",
    )


def _calls(expr: Expr) -> set[str]:
    found = {expr.name} if isinstance(expr, Call) and expr.name in ROW_FUNCTIONS else set()
    for child in children(expr):
        found |= _calls(child)
    return found


def _exprs(column: Column) -> list[Expr]:
    out = [e for e in (column.min, column.max, column.when, column.default) if e is not None]
    if isinstance(column.generator, ComputeGen):
        out.append(column.generator.expr)
    return out


def check_row_functions(schema: Schema) -> None:
    """Before any work: ``child_index``/``running_sum`` only where a per-parent layout
    exists (``tdg check`` should report the same; the engine does not rely on it)."""
    problems = [
        _needs_per_parent(table, name, column)
        for table in schema.tables
        if table.per_parent is None
        for column in table.columns
        for expr in _exprs(column)
        for name in sorted(_calls(expr))
    ]
    problems += [
        _needs_per_parent(table, name, None, check.name or "(unnamed)")
        for table in schema.tables
        if table.per_parent is None
        for check in table.checks
        for name in sorted(_calls(check.expr))
    ]
    if problems:
        raise InputError(problems)
