"""Read a database's catalog through SQLAlchemy's Inspector into plain records.

Everything database-specific about *structure* stays here; building the
model from these records (build.py) is pure and unit-testable without a
server. Tables referenced by a foreign key are read too even when not asked
for, because a .tdg whose keys point nowhere cannot generate valid data.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import sqlalchemy as sa
import sqlglot
from sqlglot import exp

from testdatagen.errors import DatabaseError, Diagnostic

__all__ = ["RawColumn", "RawForeignKey", "RawSchema", "RawTable", "read_schema"]


@dataclass(frozen=True, slots=True)
class RawColumn:
    name: str
    sa_type: Any
    nullable: bool
    default: str | None = None
    comment: str | None = None
    autoincrement: bool = False


@dataclass(frozen=True, slots=True)
class RawForeignKey:
    columns: tuple[str, ...]
    table: str
    targets: tuple[str, ...]
    #: Set when the parent lives in another schema than the one read.
    other_schema: str | None = None


@dataclass(slots=True)
class RawTable:
    name: str
    columns: list[RawColumn]
    primary_key: tuple[str, ...] = ()
    unique_keys: list[tuple[str, ...]] = field(default_factory=list)
    foreign_keys: list[RawForeignKey] = field(default_factory=list)
    checks: list[tuple[str, str]] = field(default_factory=list)
    comment: str | None = None
    #: Generated (computed) columns: the database fills them, so the model leaves them out.
    generated: list[str] = field(default_factory=list)
    #: Columns under a unique index on ``lower(col)`` (case-insensitive uniqueness).
    lower_unique: list[str] = field(default_factory=list)


@dataclass(slots=True)
class RawSchema:
    dialect: str
    name: str
    db_schema: str | None
    tables: list[RawTable]


def read_schema(
    inspector: sa.Inspector,
    dialect: str,
    name: str,
    schema: str | None,
    tables: Sequence[str] | None,
) -> RawSchema:
    """Read ``tables`` (default: all) of ``schema`` plus every table they reference."""
    available = sorted(inspector.get_table_names(schema=schema))
    wanted = _selected(available, tables, schema)
    raw: dict[str, RawTable] = {}
    queue = list(wanted)
    while queue:
        table = queue.pop(0)
        if table in raw:
            continue
        raw[table] = _table(inspector, table, schema)
        queue += [fk.table for fk in raw[table].foreign_keys if fk.other_schema is None]
    ordered = [raw[t] for t in available if t in raw]
    return RawSchema(dialect, name, schema, ordered)


def _selected(available: list[str], tables: Sequence[str] | None, schema: str | None) -> list[str]:
    if not tables:
        return list(available)
    missing = [t for t in tables if t not in available]
    if missing:
        where = f"schema '{schema}'" if schema else "the database"
        close = difflib.get_close_matches(missing[0], available, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"tables: {', '.join(available[:12])}"
        message = f"no table {', '.join(repr(t) for t in missing)} in {where}"
        raise DatabaseError([Diagnostic("TDG661", message, hint=hint)])
    return list(tables)


def _table(inspector: sa.Inspector, name: str, schema: str | None) -> RawTable:
    pk = tuple(inspector.get_pk_constraint(name, schema=schema).get("constrained_columns") or ())
    infos = inspector.get_columns(name, schema=schema)
    if inspector.dialect.name == "sqlite":
        infos = _sqlite_text_decimals(inspector, name, infos)
    columns = [_column(c) for c in infos if not c.get("computed")]
    checks = _checks(inspector, name, schema)
    if inspector.dialect.name == "postgresql":
        columns = [_domain(inspector, c, schema, checks) for c in columns]
    return RawTable(
        name=name,
        columns=columns,
        generated=[str(c["name"]) for c in infos if c.get("computed")],
        primary_key=pk,
        unique_keys=_unique_keys(inspector, name, schema),
        foreign_keys=_foreign_keys(inspector, name, schema),
        checks=checks,
        comment=_comment(inspector, name, schema),
        lower_unique=_lower_unique(inspector, name, schema),
    )


def _lower_unique(inspector: sa.Inspector, name: str, schema: str | None) -> list[str]:
    """Columns of single-expression unique indexes ``ON t (lower(col))``."""
    found = []
    for index in inspector.get_indexes(name, schema=schema):
        expressions = index.get("expressions") or ()
        if index.get("unique") and len(expressions) == 1:
            column = lowered_column(str(expressions[0]), inspector.dialect.name)
            if column is not None:
                found.append(column)
    return found


def lowered_column(sql: str, dialect: str) -> str | None:
    """``lower((email)::text)`` → ``email``; anything else → None."""
    read = {"postgresql": "postgres"}.get(dialect, dialect)
    try:
        tree = sqlglot.parse_one(sql, read=read)
    except sqlglot.errors.SqlglotError:
        return None
    while isinstance(tree, exp.Paren):
        tree = tree.this
    if not isinstance(tree, exp.Lower):
        return None
    inner = tree.this
    while isinstance(inner, exp.Paren | exp.Cast):
        inner = inner.this
    return inner.name if isinstance(inner, exp.Column) else None


_DOMAIN = sa.text(
    "SELECT format_type(t.typbasetype, t.typtypmod) AS base, t.typnotnull AS notnull, "
    "c.conname AS name, pg_get_constraintdef(c.oid) AS def "
    "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
    "LEFT JOIN pg_constraint c ON c.contypid = t.oid AND c.contype = 'c' "
    "WHERE t.typtype = 'd' AND t.typname = :name AND n.nspname = :schema "
    "ORDER BY c.conname"
)


def _domain(
    inspector: sa.Inspector, column: RawColumn, schema: str | None, checks: list[tuple[str, str]]
) -> RawColumn:
    """A PostgreSQL domain column → its base type (with length), NOT NULL and CHECKs."""
    domain = column.sa_type
    if type(domain).__name__ != "DOMAIN":
        return column
    conn = inspector.bind
    assert isinstance(conn, sa.Connection)
    where = getattr(domain, "schema", None) or schema or inspector.default_schema_name or "public"
    rows = list(conn.execute(_DOMAIN, {"name": domain.name, "schema": where}).mappings())
    if not rows:
        return column
    base = base_type(str(rows[0]["base"]), domain.data_type)
    for row in rows:
        if row["name"] is not None:
            sql = str(row["def"]).removeprefix("CHECK").strip()
            checks.append((f"{domain.name}_{row['name']}", value_as_column(sql, column.name)))
    nullable = column.nullable and not bool(rows[0]["notnull"])
    comment = "; ".join([*([column.comment] if column.comment else []), f"domain {domain.name}"])
    return replace(column, sa_type=base, nullable=nullable, comment=comment)


_SIZED = re.compile(
    r"(character varying|varchar|character|char|numeric|decimal)\((\d+)(?:,(\d+))?\)"
)


def base_type(formatted: str, fallback: Any) -> Any:
    """``character varying(8)`` / ``numeric(10,2)`` as SQLAlchemy types; else ``fallback``."""
    match = _SIZED.fullmatch(formatted.strip())
    if match is None:
        return fallback
    kind, first, second = match[1], int(match[2]), match[3]
    if kind in ("numeric", "decimal"):
        return sa.NUMERIC(first, int(second or 0))
    return sa.VARCHAR(first) if "var" in kind else sa.CHAR(first)


def value_as_column(sql: str, column: str) -> str:
    """A domain CHECK speaks of ``VALUE``; on a table it is the column."""
    try:
        tree = sqlglot.parse_one(sql, read="postgres")
    except sqlglot.errors.SqlglotError:
        return sql

    def swap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and not node.table and node.name.upper() == "VALUE":
            return exp.column(column, quoted=True)
        return node

    return tree.transform(swap).sql(dialect="postgres")


def _column(info: Any) -> RawColumn:
    default = info.get("default")
    return RawColumn(
        name=info["name"],
        sa_type=info["type"],
        nullable=bool(info.get("nullable", True)),
        default=str(default) if default is not None else None,
        comment=info.get("comment") or None,
        autoincrement=info.get("autoincrement") is True,
    )


def _unique_keys(inspector: sa.Inspector, name: str, schema: str | None) -> list[tuple[str, ...]]:
    """Unique constraints plus unique indexes on plain columns (expression indexes are skipped)."""
    keys = [tuple(u["column_names"]) for u in inspector.get_unique_constraints(name, schema=schema)]
    for index in inspector.get_indexes(name, schema=schema):
        columns = tuple(c for c in index.get("column_names") or () if c is not None)
        plain = len(columns) == len(index.get("column_names") or ()) and columns
        if index.get("unique") and plain and columns not in keys:
            keys.append(columns)
    if inspector.dialect.name == "sqlite":
        keys += [k for k in _sqlite_autoindexes(inspector, name) if k not in keys]
    return keys


_TEXT_DECIMAL = re.compile(r"DECIMAL\s+TEXT\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)", re.I)


def _sqlite_text_decimals(inspector: sa.Inspector, name: str, infos: list[Any]) -> list[Any]:
    """``DECIMAL TEXT(p, s)`` (how tdg stores wide decimals exactly in SQLite) reflects
    as TEXT in SQLAlchemy; read the declared type so it comes back as decimal(p,s)."""
    conn = inspector.bind
    assert isinstance(conn, sa.Connection)
    quoted = conn.dialect.identifier_preparer.quote(name)
    declared = {
        str(r["name"]): str(r["type"] or "")
        for r in conn.exec_driver_sql(f"PRAGMA table_info({quoted})").mappings()
    }
    out = []
    for info in infos:
        match = _TEXT_DECIMAL.fullmatch(declared.get(str(info["name"]), "").strip())
        if match:
            info = {**info, "type": sa.Numeric(int(match[1]), int(match[2]))}
        out.append(info)
    return out


def _sqlite_autoindexes(inspector: sa.Inspector, name: str) -> list[tuple[str, ...]]:
    """Column-level ``UNIQUE`` in SQLite lives only in an automatic index SQLAlchemy skips."""
    conn = inspector.bind
    assert isinstance(conn, sa.Connection)
    quoted = conn.dialect.identifier_preparer.quote(name)
    keys = []
    for row in conn.exec_driver_sql(f"PRAGMA index_list({quoted})").mappings():
        if row["unique"] and row["origin"] == "u":
            index = conn.dialect.identifier_preparer.quote(row["name"])
            info = conn.exec_driver_sql(f"PRAGMA index_info({index})").mappings()
            keys.append(tuple(str(r["name"]) for r in sorted(info, key=lambda r: r["seqno"])))
    return keys


def _foreign_keys(inspector: sa.Inspector, name: str, schema: str | None) -> list[RawForeignKey]:
    out = []
    for fk in inspector.get_foreign_keys(name, schema=schema):
        other = fk.get("referred_schema")
        out.append(
            RawForeignKey(
                columns=tuple(fk["constrained_columns"]),
                table=fk["referred_table"],
                targets=tuple(fk["referred_columns"]),
                other_schema=other if other not in (None, schema) else None,
            )
        )
    return out


#: MariaDB keeps column-level CHECKs inline in SHOW CREATE TABLE, where SQLAlchemy
#: does not look; information_schema lists every check (MariaDB ≥ 10.2, MySQL ≥ 8.0.16).
_MYSQL_CHECKS = (
    "SELECT cc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS sqltext "
    "FROM information_schema.CHECK_CONSTRAINTS cc "
    "JOIN information_schema.TABLE_CONSTRAINTS tc "
    "ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME "
    "AND tc.CONSTRAINT_TYPE = 'CHECK' "
    "WHERE cc.CONSTRAINT_SCHEMA = :schema AND tc.TABLE_NAME = :table {extra}"
    "ORDER BY cc.CONSTRAINT_NAME"
)


def _mysql_checks(inspector: sa.Inspector, name: str, schema: str | None) -> list[tuple[str, str]]:
    conn = inspector.bind
    assert isinstance(conn, sa.Connection)
    database = schema or inspector.default_schema_name
    mariadb = bool(getattr(conn.dialect, "is_mariadb", False))
    extra = "AND cc.TABLE_NAME = tc.TABLE_NAME " if mariadb else ""
    query = sa.text(_MYSQL_CHECKS.format(extra=extra))
    rows = conn.execute(query, {"schema": database, "table": name}).mappings()
    return [(str(r["name"]), str(r["sqltext"])) for r in rows]


def _checks(inspector: sa.Inspector, name: str, schema: str | None) -> list[tuple[str, str]]:
    if inspector.dialect.name == "mysql":
        return _mysql_checks(inspector, name, schema)
    try:
        found = inspector.get_check_constraints(name, schema=schema)
    except NotImplementedError:
        return []
    return [(c.get("name") or f"check_{i + 1}", c["sqltext"]) for i, c in enumerate(found)]


def _comment(inspector: sa.Inspector, name: str, schema: str | None) -> str | None:
    try:
        text = inspector.get_table_comment(name, schema=schema).get("text")
    except NotImplementedError:
        return None
    return str(text) if text else None
