"""A config table → a model ``Table``: columns, keys, foreign keys and checks.

Conventions shared with the .tdg lowering: a ``primary_key`` column is
``not_null`` and ``unique`` and is listed in ``Table.primary_key``. A
composite primary key (``primary_key: [a, b]`` on the table, or the flag on
several columns) marks each member ``primary_key`` and ``not_null`` but not
``unique`` — only the combination is unique.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from testdatagen.language.config.codes import TDG701, TDG704, TDG708, TDG709
from testdatagen.language.config.context import Context, did_you_mean
from testdatagen.language.config.lower_column import lower_column
from testdatagen.language.config.positions import Path
from testdatagen.language.config.spec import ColumnSpec, ForeignKeySpec, TableSpec
from testdatagen.language.config.values import lower_distribution, lower_per_parent
from testdatagen.language.lower_values import fk_group
from testdatagen.model.schema import (
    Check,
    Column,
    Enum,
    ReferenceGen,
    Table,
)

__all__ = ["TableDraft", "lower_table"]


@dataclass
class TableDraft:
    """A table whose foreign-key columns may still lack a type (taken from the target)."""

    table: Table
    path: Path
    untyped: set[str] = field(default_factory=set)
    #: Where a column's foreign key was written when ``foreign_keys`` declared it
    #: (``tables[1].foreign_keys[0].references``), so its errors point there.
    fk_paths: dict[str, Path] = field(default_factory=dict)


def _known_columns(names: list[str], columns: dict[str, Column], ctx: Context, path: Path) -> bool:
    ok = True
    for index, name in enumerate(names):
        if name not in columns:
            ctx.error(
                TDG704, f"unknown column '{name}'", (*path, index), did_you_mean(name, columns)
            )
            ok = False
    return ok


def _as_list(value: list[str] | str) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _target(fk: ForeignKeySpec, ctx: Context, path: Path) -> tuple[str, list[str]] | None:
    if isinstance(fk.references, str):
        table, dot, column = fk.references.rpartition(".")
        if not dot or not table or not column:
            ctx.error(
                TDG701,
                f"references '{fk.references}' must be 'table.column'",
                (*path, "references"),
            )
            return None
        return table, [column]
    return fk.references.table, _as_list(fk.references.columns)


def _apply_foreign_key(
    fk: ForeignKeySpec,
    columns: dict[str, Column],
    specs: dict[str, ColumnSpec],
    ctx: Context,
    path: Path,
) -> None:
    own = _as_list(fk.columns)
    target = _target(fk, ctx, path)
    if target is None or not _known_columns(own, columns, ctx, (*path, "columns")):
        return
    table, theirs = target
    if len(own) != len(theirs):
        ctx.error(
            TDG701, f"{len(own)} columns reference {len(theirs)} columns", (*path, "references")
        )
        return
    dist = (
        lower_distribution(fk.distribution, ctx, (*path, "distribution"))
        if fk.distribution
        else None
    )
    per = (
        lower_per_parent(fk.per_parent, ctx, (*path, "per_parent"))
        if fk.per_parent is not None
        else None
    )
    group = fk_group(tuple(own))
    for index, (mine, other) in enumerate(zip(own, theirs, strict=True)):
        if specs[mine].rule is not None:
            ctx.error(
                TDG708,
                f"column '{mine}' has a rule and a foreign key",
                (*path, "columns"),
                "drop the column's rule",
            )
            continue
        first = index == 0
        ref = ReferenceGen(
            table=table,
            column=other,
            distribution=dist if first else None,
            per_parent=per if first else None,
            group=group,
        )
        columns[mine] = columns[mine].model_copy(update={"generator": ref})


def _primary_key(
    spec: TableSpec, columns: dict[str, Column], ctx: Context, path: Path
) -> tuple[str, ...]:
    """Flagged columns each stay primary_key (unique, not_null); a table-level key
    makes its columns not_null and only the combination unique."""
    flagged = tuple(c.name for c in spec.columns if c.primary_key)
    if spec.primary_key is None:
        return flagged
    if flagged:
        ctx.error(
            TDG708,
            "primary_key is set on the table and on columns",
            (*path, "primary_key"),
            "keep one: the table's list for a composite key, the column flag for one column",
        )
        return flagged
    if not _known_columns(spec.primary_key, columns, ctx, (*path, "primary_key")):
        return ()
    for name in spec.primary_key:
        columns[name] = columns[name].model_copy(update={"not_null": True})
    return tuple(spec.primary_key)


def _checks(spec: TableSpec, ctx: Context, path: Path) -> tuple[Check, ...]:
    checks: list[Check] = []
    seen: set[str] = set()
    for index, item in enumerate(spec.checks):
        where = (*path, "checks", index)
        if item.name in seen:
            ctx.error(TDG709, f"two checks are named '{item.name}'", (*where, "name"))
        seen.add(item.name)
        expr = ctx.expr(item.expr, (*where, "expr"), "check")
        if expr is not None:
            checks.append(Check(name=item.name, expr=expr, span=ctx.span(where)))
    return tuple(checks)


def lower_table(spec: TableSpec, enums: dict[str, Enum], ctx: Context, path: Path) -> TableDraft:
    columns: dict[str, Column] = {}
    untyped: set[str] = set()
    fk_columns = {name for fk in spec.foreign_keys for name in _as_list(fk.columns)}
    for index, col in enumerate(spec.columns):
        where = (*path, "columns", index)
        if col.name in columns:
            ctx.error(
                TDG709, f"table '{spec.name}' has two columns named '{col.name}'", (*where, "name")
            )
            continue
        result = lower_column(col, enums, ctx, where, deferred=col.name in fk_columns)
        if result is not None:
            columns[col.name] = result[0].model_copy(update={"span": ctx.span(where)})
            if result[1]:
                untyped.add(col.name)
    specs = {c.name: c for c in spec.columns}
    fk_paths: dict[str, Path] = {}
    for index, fk in enumerate(spec.foreign_keys):
        where = (*path, "foreign_keys", index)
        twice = [name for name in _as_list(fk.columns) if name in fk_paths]
        if twice:  # the second would silently replace the first
            ctx.error(
                TDG708,
                f"column '{twice[0]}' already has a foreign key (foreign_keys"
                f"[{fk_paths[twice[0]][-1]}])",
                (*where, "columns"),
                "keep one foreign key per column",
            )
            continue
        _apply_foreign_key(fk, columns, specs, ctx, where)
        fk_paths.update(dict.fromkeys(_as_list(fk.columns), where))
        untyped.update(n for n in _as_list(fk.columns) if n in columns and specs[n].type is None)
    primary_key = _primary_key(spec, columns, ctx, path)
    for index, key in enumerate(spec.unique_keys):
        _known_columns(key, columns, ctx, (*path, "unique_keys", index))
    table = Table(
        name=spec.name,
        columns=tuple(columns.values()),
        checks=_checks(spec, ctx, path),
        unique_keys=tuple(tuple(k) for k in spec.unique_keys),
        primary_key=primary_key,
        comment=spec.comment,
        span=ctx.span(path),
    )
    return TableDraft(table, path, untyped, fk_paths)
