"""References: a foreign key points at a key of a compatible type, and can be filled.

A self-reference picks an earlier row, so the first row has none: a
``not_null`` self-reference can never be satisfied.
"""

from __future__ import annotations

from testdatagen.language.checks.context import CheckContext, ColumnSite
from testdatagen.model import DataType, ReferenceGen, Table, TypeKind

__all__ = ["compatible", "run"]


def run(ctx: CheckContext) -> None:
    for site in ctx.columns():
        ref = site.column.reference
        if ref is None:
            if site.setting("per_parent") is not None:
                ctx.sink.error(
                    "TDG303",
                    f"{site.qualified} has per_parent but is not a foreign key",
                    site.name_span("per_parent"),
                    hint="add references: parent.id to this column",
                )
            continue
        _target(ctx, site, ref)
    for _, table in ctx.tables():
        keyed = [c.name for c, r in table.references if r.per_parent is not None]
        if len({r.group or c.name for c, r in table.references if r.per_parent}) > 1:
            ctx.sink.error(
                "TDG305",
                f"table '{table.name}' has per_parent on {', '.join(keyed)}",
                table.span,
                hint="a table's row count follows from one parent: keep per_parent on one key",
            )


def _is_key(table: Table, column: str, ref: ReferenceGen, group: list[str]) -> bool:
    if group:
        cols = set(group)
        return cols == set(table.primary_key) or any(cols == set(k) for k in table.unique_keys)
    col = table.column(column)
    return (
        col.primary_key
        or col.unique
        or table.primary_key == (column,)
        or (column,) in table.unique_keys
    )


def _target(ctx: CheckContext, site: ColumnSite, ref: ReferenceGen) -> None:
    parent = ctx.table_named(site.schema, ref.table)
    if parent is None:
        return  # reported by the names pass
    try:
        target = parent.column(ref.column)
    except KeyError:
        return  # reported by the names pass
    span = site.value_span("references") if site.setting("references") else site.span
    refs = site.table.references if ref.group else ()
    group = [r.column for _, r in refs if r.group == ref.group]
    if not _is_key(parent, ref.column, ref, group):
        what = f"({', '.join(group)})" if group else f"{ref.table}.{ref.column}"
        ctx.sink.error(
            "TDG300",
            f"{site.qualified} references {what}, which is not a primary key or unique",
            span,
            hint=f"mark {ref.table}.{ref.column} unique or primary_key, or reference the key",
        )
    if not ctx.is_broken(site) and not compatible(site.column.type, target.type):
        ctx.sink.error(
            "TDG301",
            f"{site.qualified} is {site.column.type} but {ref.table}.{ref.column} is {target.type}",
            span,
            hint=f"declare {site.column.name} as {target.type}",
        )
    if ref.table == site.table.name and site.column.not_null:
        ctx.sink.error(
            "TDG302",
            f"{site.qualified} is a not_null self-reference: the first row has no parent",
            span,
            hint="drop not_null (the first rows get NULL), e.g. null_rate: 5%",
        )


_FAMILIES = (
    frozenset({TypeKind.INTEGER, TypeKind.BIGINT}),
    frozenset({TypeKind.STRING, TypeKind.TEXT}),
)


def compatible(child: DataType, parent: DataType) -> bool:
    if child.kind is parent.kind:
        return child.kind is not TypeKind.ENUM or child.enum == parent.enum
    return any(child.kind in f and parent.kind in f for f in _FAMILIES)
