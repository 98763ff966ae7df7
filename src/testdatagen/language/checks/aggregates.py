"""Aggregates: ``sum(child.col)`` adds up this row's children, so ``child`` must be them.

A row's children are the rows of a table whose foreign key to this table
carries ``per_parent`` (that is what lays them out beside their parent).
``sum(t.id)`` inside ``t`` itself, or over a table with no such key, has no
children to add up; the engine would stop mid-run, so it is reported here.
Unknown tables and columns are the names pass's.
"""

from __future__ import annotations

from testdatagen.language.checks.context import CheckContext
from testdatagen.language.checks.exprs import walk
from testdatagen.language.functions import AGGREGATES
from testdatagen.model import Call, Column, ComputeGen, Ref, Schema, Table
from testdatagen.model.expr import Expr

__all__ = ["run"]

_EXPR_SETTINGS = ("when", "min", "max", "default")


def run(ctx: CheckContext) -> None:
    for site in ctx.columns():
        gen = site.column.generator
        exprs = [getattr(site.column, name) for name in _EXPR_SETTINGS]
        if gen.strategy == "compute":
            exprs.append(gen.expr)
        for expr in exprs:
            if expr is not None:
                _expression(ctx, site.schema, site.table, expr)
    for schema, table in ctx.tables():
        for check in table.checks:
            _expression(ctx, schema, table, check.expr)
        _checks_on_running_sums(ctx, table)


def _same_row(expr: Expr, table: Table) -> set[str]:
    """Columns of this row an expression reads (a followed key reads its key column)."""
    names = set(table.column_names)
    return {
        node.path[0]
        for node, _ in walk(expr)
        if isinstance(node, Ref) and node.path and node.path[0] in names
    }


def _column_exprs(column: Column) -> list[Expr]:
    exprs = [getattr(column, name) for name in _EXPR_SETTINGS]
    if isinstance(column.generator, ComputeGen):
        exprs.append(column.generator.expr)
    return [e for e in exprs if e is not None]


def _checks_on_running_sums(ctx: CheckContext, table: Table) -> None:
    """A check reading a running_sum() column, itself or through columns computed from
    it: a re-drawn row would change every later sibling's sum, so the engine refuses
    it (TDG516) — reported here as TDG307, where ``tdg check`` sees it, at the check."""
    if not table.checks:
        return
    summed = {
        c.name
        for c in table.columns
        for e in _column_exprs(c)
        for node, _ in walk(e)
        if isinstance(node, Call) and node.name == "running_sum"
    }
    if not summed:
        return
    deps: dict[str, set[str]] = {}
    for c in table.columns:
        deps[c.name] = set()
        for e in _column_exprs(c):
            deps[c.name] |= _same_row(e, table)
    for check in table.checks:
        seen: set[str] = set()
        todo = list(_same_row(check.expr, table))
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                todo.extend(deps.get(name, ()))
        read = [f"{table.name}.{n}" for n in sorted(seen & summed)]
        if read:
            ctx.sink.error(
                "TDG307",
                f"{table.name}: check {check.name} reads running_sum() column "
                f"{', '.join(read)}; a re-drawn row would change the sums of every later sibling",
                check.span,
                hint=f"drop the check on {', '.join(n.split('.')[1] for n in read)}, or bound the summed column itself "
                "with min/max",
            )


def _expression(ctx: CheckContext, schema: Schema, table: Table, expr: Expr) -> None:
    for node, _ in walk(expr):
        if not isinstance(node, Call) or node.name not in AGGREGATES or len(node.args) != 1:
            continue
        arg = node.args[0]
        if not isinstance(arg, Ref) or len(arg.path) != 2 or arg.path[0] in table.column_names:
            continue
        child = ctx.table_named(schema, arg.path[0])
        if child is not None:
            _children(ctx, table, child, node)


def _children(ctx: CheckContext, table: Table, child: Table, call: Call) -> None:
    link = child.per_parent
    if child is table or child.name == table.name:
        ctx.sink.error(
            "TDG306",
            f"{call.name}({call.args[0]}) aggregates over {table.name} itself; "
            f"an aggregate reads a row's children, and a row is not its own child",
            call.span,
            hint=f"aggregate a column of a table whose key references {table.name} with per_parent",
        )
    elif link is None or link[1].table != table.name:
        via = (
            f"its per_parent key points at {link[1].table}" if link else "it has no per_parent key"
        )
        ctx.sink.error(
            "TDG306",
            f"{call.name}({call.args[0]}) needs {child.name} to hold the children of "
            f"{table.name}, but {via}",
            call.span,
            hint=f"give {child.name} a key [references: {table.name}.{_key(table)}, "
            "per_parent: 1..5]",
        )


def _key(table: Table) -> str:
    return table.primary_key[0] if len(table.primary_key) == 1 else "id"
