"""Dependency graphs: inside a row (compute/when/min/max/default) and across tables.

A cycle inside a row has no order to compute in. A cycle of foreign keys is
fine while some key in it is nullable (that table goes first with NULLs);
when every key is not_null no table can be generated first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from testdatagen.language.checks.context import CheckContext
from testdatagen.language.checks.exprs import refs
from testdatagen.model import Column, ComputeGen, Table
from testdatagen.model.expr import Expr

__all__ = ["find_cycles", "row_dependencies", "run"]


def run(ctx: CheckContext) -> None:
    for schema, table in ctx.tables():
        deps = row_dependencies(table)
        for cycle in find_cycles(deps):
            decl = ctx.index.columns.get((schema.name, table.name, cycle[0]))
            ctx.sink.error(
                "TDG310",
                f"columns of '{table.name}' depend on each other: {' → '.join(cycle)}",
                decl.name.span if decl else table.span,
                hint="break the circle: compute one of them without the other",
            )
    for schema in ctx.project.schemas:
        edges: dict[str, set[str]] = {t.name: set() for t in schema.tables}
        for t in schema.tables:
            for column, ref in t.references:
                if column.not_null and ref.table != t.name and ref.table in edges:
                    edges[t.name].add(ref.table)
        for cycle in find_cycles(edges):
            table_decl = ctx.index.tables.get((schema.name, cycle[0]))
            ctx.sink.error(
                "TDG311",
                f"reference cycle {' → '.join(cycle)}: every key in it is not_null, "
                "so no table can be generated first",
                table_decl.name.span if table_decl else None,
                hint="make one of these foreign keys nullable",
            )


def _exprs(column: Column) -> Iterable[Expr]:
    if isinstance(column.generator, ComputeGen):
        yield column.generator.expr
    for e in (column.when, column.min, column.max, column.default):
        if e is not None:
            yield e


def row_dependencies(table: Table) -> dict[str, set[str]]:
    """column → columns of the same row it needs first (keys it follows included)."""
    names = set(table.column_names)
    deps: dict[str, set[str]] = {}
    for column in table.columns:
        needed = {
            ref.path[0]
            for expr in _exprs(column)
            for ref, in_aggregate in refs(expr)
            if not in_aggregate and ref.path[0] in names
        }
        deps[column.name] = needed
    return deps


def find_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Each elementary cycle found by depth-first search, once, as ``[a, b, a]``.

    The search keeps its own stack of successor iterators instead of recursing:
    a chain of thousands of tables referencing the next one is a valid schema,
    not "input nested too deeply" (and a recursive closure is a reference cycle
    the garbage collector would have to find).
    """
    cycles: list[list[str]] = []
    seen_sets: set[frozenset[str]] = set()
    state: dict[str, int] = {}
    for root in graph:
        if root in state:
            continue
        state[root] = 1
        stack = [root]
        pending = [iter(sorted(graph.get(root, ())))]
        while pending:
            for nxt in pending[-1]:
                if state.get(nxt) == 1:
                    cycle = [*stack[stack.index(nxt) :], nxt]
                    key = frozenset(cycle)
                    if key not in seen_sets:
                        seen_sets.add(key)
                        cycles.append(cycle)
                elif nxt not in state and nxt in graph:
                    state[nxt] = 1
                    stack.append(nxt)
                    pending.append(iter(sorted(graph.get(nxt, ()))))
                    break
            else:  # every successor done: leave the node
                pending.pop()
                state[stack.pop()] = 2
    return cycles
