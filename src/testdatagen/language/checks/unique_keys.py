"""Composite keys: ``unique (a, b)`` needs as many combinations as rows.

The combinations are at most the product of the columns' domains (see
``feasibility.domain``); a foreign key column offers one value per parent
row, known when the generate block gives the parent an explicit count. A
column that may be NULL, or whose domain is not known, makes the product
unknown, and nothing is reported: only a certain impossibility is an error.
"""

from __future__ import annotations

from math import prod

from testdatagen.language import ast
from testdatagen.language.checks.context import CheckContext, ColumnSite
from testdatagen.language.checks.feasibility import domain
from testdatagen.language.checks.rowcounts import minimum_rows
from testdatagen.model import Schema, Table

__all__ = ["run"]


def run(ctx: CheckContext) -> None:
    sites = {s.key: s for s in ctx.columns()}
    for plan in ctx.project.plans:
        try:
            schema = ctx.project.schema_named(plan.schema_name)
        except KeyError:
            continue
        counts = minimum_rows(schema, plan)
        exact = {t: n for t, n in counts.items() if t in plan.rows}
        for table in schema.tables:
            rows = counts.get(table.name, 0)
            for key in _keys(ctx, schema, table):
                columns = [sites.get((schema.name, table.name, c.name)) for c in key.columns]
                if rows and all(columns):
                    _check(ctx, table, key, [c for c in columns if c], rows, exact)


def _keys(ctx: CheckContext, schema: Schema, table: Table) -> list[ast.KeyDecl]:
    found = ctx.index.keys.get((schema.name, table.name), [])
    return [k for k in found if isinstance(k, ast.KeyDecl) and len(k.columns) > 1]


def _check(
    ctx: CheckContext,
    table: Table,
    key: ast.KeyDecl,
    columns: list[ColumnSite],
    rows: int,
    exact: dict[str, int],
) -> None:
    parts: list[tuple[int, str]] = []
    for site in columns:
        found = _domain(ctx, site, exact)
        if found is None:
            return
        parts.append(found)
    total = prod(n for n, _ in parts)
    if total >= rows:
        return
    names = ", ".join(s.column.name for s in columns)
    said = " × ".join(
        f"{n} {'values' if i == 0 else ''} of {s.column.name}".replace("  ", " ")
        for i, (s, (n, _)) in enumerate(zip(columns, parts, strict=True))
    )
    ctx.sink.error(
        "TDG400",
        f"{table.name} ({names}) is {key.kind} but {said} make {total} combinations "
        f"for {rows} rows",
        key.span,
        hint="widen a column's range, add a column to the key, or ask for fewer rows",
    )


def _domain(ctx: CheckContext, site: ColumnSite, exact: dict[str, int]) -> tuple[int, str] | None:
    column = site.column
    if column.nullable and (column.null_rate > 0 or column.when is not None):
        return None
    ref = column.reference
    if ref is not None:
        parents = exact.get(ref.table)
        return (parents, f"{ref.table} rows") if parents is not None else None
    return domain(site, ctx)
