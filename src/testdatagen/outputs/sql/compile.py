"""Ddl → SQL text per dialect: the statements both a load and a script run.

Compiling (rather than ``metadata.create_all``) lets the SQLite loader use
the raw sqlite3 connection, the script writer stream text, and everyone run
the same statements in the same order: enum types, tables parents first,
then the foreign keys of table cycles as ``ALTER TABLE``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import mssql, mysql, postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.schema import AddConstraint, CreateTable, DropTable

from testdatagen.outputs.sql.ddl import Ddl

__all__ = [
    "create_statements",
    "dialect_for",
    "drop_statements",
    "enum_statements",
    "ordered_tables",
    "quote_name",
    "statement_text",
]

_DIALECTS: dict[str, Any] = {
    "sqlite": sqlite.dialect,
    "postgresql": postgresql.psycopg.dialect,
    "mysql": mysql.pymysql.dialect,
    "mssql": mssql.dialect,
}


#: Every keyword of SQLite's grammar (https://sqlite.org/lang_keywords.html), lower case.
SQLITE_KEYWORDS = frozenset(
    [
        "abort",
        "action",
        "add",
        "after",
        "all",
        "alter",
        "always",
        "analyze",
        "and",
        "as",
        "asc",
        "attach",
        "autoincrement",
        "before",
        "begin",
        "between",
        "by",
        "cascade",
        "case",
        "cast",
        "check",
        "collate",
        "column",
        "commit",
        "conflict",
        "constraint",
        "create",
        "cross",
        "current",
        "current_date",
        "current_time",
        "current_timestamp",
        "database",
        "default",
        "deferrable",
        "deferred",
        "delete",
        "desc",
        "detach",
        "distinct",
        "do",
        "drop",
        "each",
        "else",
        "end",
        "escape",
        "except",
        "exclude",
        "exclusive",
        "exists",
        "explain",
        "fail",
        "filter",
        "first",
        "following",
        "for",
        "foreign",
        "from",
        "full",
        "generated",
        "glob",
        "group",
        "groups",
        "having",
        "if",
        "ignore",
        "immediate",
        "in",
        "index",
        "indexed",
        "initially",
        "inner",
        "insert",
        "instead",
        "intersect",
        "into",
        "is",
        "isnull",
        "join",
        "key",
        "last",
        "left",
        "like",
        "limit",
        "match",
        "materialized",
        "natural",
        "no",
        "not",
        "nothing",
        "notnull",
        "null",
        "nulls",
        "of",
        "offset",
        "on",
        "or",
        "order",
        "others",
        "outer",
        "over",
        "partition",
        "plan",
        "pragma",
        "preceding",
        "primary",
        "query",
        "raise",
        "range",
        "recursive",
        "references",
        "regexp",
        "reindex",
        "release",
        "rename",
        "replace",
        "restrict",
        "returning",
        "right",
        "rollback",
        "row",
        "rows",
        "savepoint",
        "select",
        "set",
        "table",
        "temp",
        "temporary",
        "then",
        "ties",
        "to",
        "transaction",
        "trigger",
        "unbounded",
        "union",
        "unique",
        "update",
        "using",
        "vacuum",
        "values",
        "view",
        "virtual",
        "when",
        "where",
        "window",
        "with",
        "without",
    ]
)


def dialect_for(name: str) -> Dialect:
    """A SQLAlchemy dialect object for compiling text (no driver connection needed).

    The ``named`` paramstyle keeps ``%`` in literals as written: statements
    are run without parameters or written to scripts, never %-formatted.
    """
    dialect: Any = _DIALECTS[name](paramstyle="named")
    if name == "mysql":
        # Compile as for a modern server so CHECK constraints and fsp are rendered.
        dialect.server_version_info = (10, 11, 0)
        dialect.is_mariadb = True
    if name == "sqlite":
        # SQLAlchemy's list misses keywords such as NOTHING: `CREATE TABLE nothing` fails.
        preparer = dialect.identifier_preparer
        preparer.reserved_words = preparer.reserved_words | SQLITE_KEYWORDS
    result: Dialect = dialect
    return result


def ordered_tables(ddl: Ddl, tables: Iterable[str] | None = None) -> list[sa.Table]:
    """The tables of ``ddl`` (model names; default all), parents before children."""
    wanted = {ddl.tables[name].key for name in (tables if tables is not None else ddl.tables)}
    return [t for t in ddl.metadata.sorted_tables if t.key in wanted]


def _native_enums(tables: list[sa.Table]) -> list[sa.Enum]:
    found: dict[str, sa.Enum] = {}
    for table in tables:
        for column in table.columns:
            if isinstance(column.type, sa.Enum) and column.type.native_enum and column.type.name:
                found.setdefault(column.type.name, column.type)
    return list(found.values())


def enum_statements(tables: list[sa.Table], dialect: Dialect) -> list[str]:
    """CREATE TYPE for the native enums ``tables`` use (PostgreSQL only; others inline them)."""
    if dialect.name != "postgresql":
        return []
    return [statement_text(postgresql.CreateEnumType(e), dialect) for e in _native_enums(tables)]


def create_statements(
    ddl: Ddl, dialect: Dialect, tables: Iterable[str] | None = None, *, enums: bool = True
) -> list[str]:
    """CREATE statements for ``tables`` (model names; default all), in a valid order."""
    ordered = ordered_tables(ddl, tables)
    out: list[str] = []
    if enums:
        out += enum_statements(ordered, dialect)
    out += [statement_text(CreateTable(t), dialect) for t in ordered]
    if dialect.name != "sqlite":
        for table in ordered:
            out += [
                statement_text(AddConstraint(fk), dialect)
                for fk in table.foreign_key_constraints
                if fk.use_alter
            ]
    return out


def drop_statements(ddl: Ddl, dialect: Dialect, tables: Iterable[str] | None = None) -> list[str]:
    """DROP statements, children first (enum types are left alone: others may use them)."""
    ordered = ordered_tables(ddl, tables)
    return [statement_text(DropTable(t, if_exists=True), dialect) for t in reversed(ordered)]


def quote_name(dialect: Dialect, name: str) -> str:
    return str(dialect.identifier_preparer.quote(name))


def statement_text(element: Any, dialect: Dialect) -> str:
    """One DDL element compiled for ``dialect``, without a trailing newline."""
    return str(element.compile(dialect=dialect)).strip()
