"""CREATE TABLE without keys, then the keys and checks: how pg_dump loads fast.

Maintaining a primary key, unique indexes and foreign-key lookups row by row
while bulk-loading costs more than building each index once by sorting and
validating each foreign key once with a set-based join afterwards. So the
loaders create the tables they own with columns and NOT NULL only, fill
them, and then run the statements here — inside the same transaction (or,
on MySQL, before the staged tables are published), so every constraint is
still checked against every row before anyone can see the data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.schema import AddConstraint, CreateIndex, CreateTable

from testdatagen.outputs.sql.compile import enum_statements, ordered_tables, statement_text
from testdatagen.outputs.sql.ddl import Ddl

__all__ = ["KEEPABLE", "DeferredDdl", "Keep", "deferred_ddl", "index_statements"]

Keep = frozenset[str]
#: Constraint kinds a CREATE may keep (foreign keys need their parents in the same MetaData).
KEEPABLE: Keep = frozenset({"primary", "unique", "check"})


@dataclass(slots=True)
class DeferredDdl:
    """Statements in the order a fast load runs them, keyed by model table name."""

    #: CREATE TYPE for enums (PostgreSQL), to run before any table.
    types: list[str] = field(default_factory=list)
    #: Per table, CREATE TABLE with columns, NOT NULL and the kept constraints only.
    tables: dict[str, str] = field(default_factory=dict)
    #: Per table, to run once it is filled: primary key, unique keys, checks, own foreign keys.
    keys: dict[str, list[str]] = field(default_factory=dict)
    #: Per table, foreign keys inside a cycle of tables: run after every table is filled.
    cyclic: dict[str, list[str]] = field(default_factory=dict)

    @property
    def create(self) -> list[str]:
        """Every CREATE in a valid order (types, then tables parents first)."""
        return [*self.types, *self.tables.values()]


def deferred_ddl(
    ddl: Ddl, dialect: Dialect, tables: Iterable[str] | None = None, *, keep: Keep = frozenset()
) -> DeferredDdl:
    """Split the DDL of ``tables`` into bare CREATEs and the keys to add after the data.

    ``keep`` names constraint kinds left in the CREATE, among ``primary``,
    ``unique`` and ``check``. MySQL keeps ``primary`` (InnoDB clusters rows
    by it: adding it later rebuilds the table) and ``check`` (evaluated per
    row as it arrives, while adding one later copies the table). Foreign
    keys always come after: they are the point of the exercise.
    """
    if not keep <= KEEPABLE:
        raise ValueError(f"keep must be among {sorted(KEEPABLE)}, not {sorted(keep)}")
    by_key = {t.key: name for name, t in ddl.tables.items()}
    ordered = ordered_tables(ddl, tables)
    out = DeferredDdl(types=enum_statements(ordered, dialect))
    for table in ordered:
        name = by_key[table.key]
        kept, later = _split(table, keep)
        out.tables[name] = statement_text(CreateTable(_bare(table, kept)), dialect)
        out.keys[name] = [_add(c, dialect) for c in later]
        cyclic = [_add(fk, dialect) for fk in table.foreign_key_constraints if fk.use_alter]
        if cyclic:
            out.cyclic[name] = cyclic
    return out


def _split(table: sa.Table, keep: Keep) -> tuple[list[sa.Constraint], list[sa.Constraint]]:
    """(kept in the CREATE, added later) in the order keys must be added: referenced first."""
    kinds: list[tuple[str, list[sa.Constraint]]] = [
        ("primary", [table.primary_key] if table.primary_key.columns else []),
        ("unique", [c for c in table.constraints if isinstance(c, sa.UniqueConstraint)]),
        ("check", [c for c in table.constraints if isinstance(c, sa.CheckConstraint)]),
        ("foreign", [fk for fk in table.foreign_key_constraints if not fk.use_alter]),
    ]
    kept = [c for kind, cs in kinds if kind in keep for c in cs]
    later = [c for kind, cs in kinds if kind not in keep for c in cs]
    return kept, later


def _bare(table: sa.Table, kept: list[sa.Constraint]) -> sa.Table:
    """The same columns (types, NOT NULL) in a throw-away MetaData, with only ``kept``."""
    meta = sa.MetaData(schema=table.schema)
    items: list[Any] = [_column(c) for c in table.columns]
    items += [c._copy() for c in kept]
    return sa.Table(table.name, meta, *items)


def _column(column: sa.Column[Any]) -> sa.Column[Any]:
    kind = column.type
    if isinstance(kind, sa.Enum) and not kind.native_enum:
        kind = sa.String(kind.length)  # its CHECK is added with the other checks
    return sa.Column(
        column.name, kind, nullable=column.nullable, autoincrement=False, comment=column.comment
    )


def _add(constraint: Any, dialect: Dialect) -> str:
    return statement_text(AddConstraint(constraint), dialect)


def index_statements(table: sa.Table, dialect: Dialect) -> list[str]:
    """CREATE UNIQUE INDEX for each unique key (SQLite cannot add constraints later)."""
    result = []
    for constraint in table.constraints:
        if isinstance(constraint, sa.UniqueConstraint) and constraint.name:
            index = sa.Index(str(constraint.name), *constraint.columns, unique=True)
            result.append(statement_text(CreateIndex(index), dialect))
    return result
