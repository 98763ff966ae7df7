"""Read a database's catalog through SQLAlchemy's Inspector into plain records.

Everything database-specific about *structure* stays here; building the
model from these records (build.py) is pure and unit-testable without a
server. Tables referenced by a foreign key are read too even when not asked
for, because a .tdg whose keys point nowhere cannot generate valid data.
"""

from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import sqlalchemy as sa
import sqlglot
from sqlalchemy.sql.sqltypes import NullType
from sqlglot import exp

from testdatagen.errors import DatabaseError, Diagnostic
from testdatagen.outputs.introspect.types import DeclaredType, map_type

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
    #: The parent's key values now (single-column keys into another schema, up to
    #: ``_PARENT_VALUES``): the child picks among them, so the key holds wherever
    #: the parent table holds these rows.
    parent_values: tuple[int | str, ...] | None = None


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
    #: MySQL unique indexes on a prefix (``UNIQUE (code(4))``): column → prefix length.
    key_prefixes: dict[str, int] = field(default_factory=dict)
    #: Text columns the database compares ignoring case (a ``_ci`` collation, ``NOCASE``,
    #: ``citext``): keys that differ only in case collide there.
    case_insensitive: list[str] = field(default_factory=list)
    #: A PostgreSQL table partitioned by range on one column: (column, [(from, to), …]),
    #: bounds as the server prints them (None for MINVALUE/MAXVALUE).
    partitions: tuple[str, list[tuple[str | None, str | None]]] | None = None
    #: A PostgreSQL table partitioned by list on one column: (column, values the
    #: partitions accept, as SQL literals), when no DEFAULT partition takes the rest.
    partition_values: tuple[str, tuple[str, ...]] | None = None
    #: PostgreSQL EXCLUDE constraints: (name, columns, operators); a column is ``None``
    #: where the element is an expression.
    exclusions: list[tuple[str, tuple[str | None, ...], tuple[str, ...]]] = field(
        default_factory=list
    )


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
    available = sorted(
        set(inspector.get_table_names(schema=schema)) - _partitions(inspector, schema)
    )
    wanted = _selected(available, tables, schema)
    raw: dict[str, RawTable] = {}
    queue = list(wanted)
    while queue:
        table = queue.pop(0)
        if table in raw:
            continue
        with warnings.catch_warnings():
            # "Did not recognize type 'point'": such columns are named by _declared_types.
            warnings.simplefilter("ignore", sa.exc.SAWarning)
            raw[table] = _table(inspector, table, schema)
        queue += [fk.table for fk in raw[table].foreign_keys if fk.other_schema is None]
    ordered = [raw[t] for t in available if t in raw]
    return RawSchema(dialect, name, schema, ordered)


_PARTITIONS = sa.text(
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relispartition AND n.nspname = COALESCE(:schema, current_schema())"
)


def _partitions(inspector: sa.Inspector, schema: str | None) -> set[str]:
    """PostgreSQL partitions: rows go through their partitioned parent, which routes
    each row; loading a partition directly fails for rows outside its bounds."""
    if inspector.dialect.name != "postgresql":
        return set()
    conn = inspector.bind
    assert isinstance(conn, sa.Connection)
    return {str(r[0]) for r in conn.execute(_PARTITIONS, {"schema": schema})}


_PARTITION_BOUNDS = sa.text(
    "SELECT pg_get_partkeydef(p.oid) AS key, pg_get_expr(c.relpartbound, c.oid) AS bound "
    "FROM pg_class p JOIN pg_namespace n ON n.oid = p.relnamespace "
    "JOIN pg_inherits i ON i.inhparent = p.oid JOIN pg_class c ON c.oid = i.inhrelid "
    "WHERE p.relkind = 'p' AND p.relname = :table AND n.nspname = COALESCE(:schema, current_schema())"
)
_RANGE_KEY = re.compile(r'RANGE \("?(\w+)"?\)')
_RANGE_BOUND = re.compile(r"FOR VALUES FROM \((.+)\) TO \((.+)\)")


def _partition_bounds(
    inspector: sa.Inspector, name: str, schema: str | None, key_form: re.Pattern[str]
) -> tuple[re.Match[str], list[sa.RowMapping]] | None:
    """The partition key (matched by ``key_form``: RANGE or LIST of one plain column) and
    every partition's bound text; None on other servers or other partitionings."""
    if inspector.dialect.name != "postgresql":
        return None
    conn = inspector.bind
    assert isinstance(conn, sa.Connection)
    rows = list(conn.execute(_PARTITION_BOUNDS, {"table": name, "schema": schema}).mappings())
    key = key_form.fullmatch(str(rows[0]["key"])) if rows else None
    return None if key is None else (key, rows)


def _partitions_of(
    inspector: sa.Inspector, name: str, schema: str | None
) -> tuple[str, list[tuple[str | None, str | None]]] | None:
    """The ranges a range-partitioned table accepts; None when any value has a partition
    (a DEFAULT partition) or the key is not one plain column."""
    found = _partition_bounds(inspector, name, schema, _RANGE_KEY)
    if found is None:
        return None
    key, rows = found
    ranges = []
    for row in rows:
        bound = _RANGE_BOUND.fullmatch(str(row["bound"]))
        if bound is None:  # DEFAULT
            return None
        ranges.append((_bound_value(bound[1]), _bound_value(bound[2])))
    return key[1], ranges


_LIST_KEY = re.compile(r'LIST \("?(\w+)"?\)')
_LIST_BOUND = re.compile(r"FOR VALUES IN \((.+)\)")
_LITERAL = re.compile(r"'(?:[^']|'')*'(?:::[\w ]+)?|[^,\s]+")


def _list_partitions_of(
    inspector: sa.Inspector, name: str, schema: str | None
) -> tuple[str, tuple[str, ...]] | None:
    """The values a list-partitioned table accepts (``FOR VALUES IN ('a', 'b')`` of every
    partition); None without list partitions or with a DEFAULT partition."""
    found = _partition_bounds(inspector, name, schema, _LIST_KEY)
    if found is None:
        return None
    key, rows = found
    values: list[str] = []
    for row in rows:
        bound = _LIST_BOUND.fullmatch(str(row["bound"]))
        if bound is None:  # DEFAULT: every value has a partition
            return None
        for literal in _LITERAL.findall(bound[1]):
            text = literal.split("::")[0] if literal.startswith("'") else literal
            if text.upper() != "NULL":
                values.append(_bound_value(text) or text)
    return key[1], tuple(dict.fromkeys(values))


_EXCLUSIONS = sa.text(
    "SELECT c.conname AS name, "
    "ARRAY(SELECT COALESCE(a.attname, '') FROM unnest(c.conkey) WITH ORDINALITY k(n, i) "
    "LEFT JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n "
    "ORDER BY k.i) AS columns, "
    "ARRAY(SELECT o.oprname FROM unnest(c.conexclop) WITH ORDINALITY x(op, i) "
    "JOIN pg_operator o ON o.oid = x.op ORDER BY x.i) AS ops "
    "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
    "JOIN pg_namespace n ON n.oid = t.relnamespace "
    "WHERE c.contype = 'x' AND t.relname = :table "
    "AND n.nspname = COALESCE(:schema, current_schema()) ORDER BY c.conname"
)


def _exclusions(
    inspector: sa.Inspector, name: str, schema: str | None
) -> list[tuple[str, tuple[str | None, ...], tuple[str, ...]]]:
    """EXCLUDE constraints: no two rows may match under the operators (``&&`` overlap)."""
    if inspector.dialect.name != "postgresql":
        return []
    conn = inspector.bind
    assert isinstance(conn, sa.Connection)
    rows = conn.execute(_EXCLUSIONS, {"table": name, "schema": schema}).mappings()
    return [
        (
            str(r["name"]),
            tuple(str(c) or None for c in r["columns"]),
            tuple(str(o) for o in r["ops"]),
        )
        for r in rows
    ]


def _bound_value(text: str) -> str | None:
    """``'2020-01-01 00:00:00+00'`` → the text; ``100`` → ``100``; MINVALUE/MAXVALUE → None."""
    text = text.strip()
    if text.upper() in ("MINVALUE", "MAXVALUE"):
        return None
    return text[1:-1].replace("''", "'") if text.startswith("'") else text


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
    infos: list[Any] = list(inspector.get_columns(name, schema=schema))
    if any(isinstance(c["type"], NullType) for c in infos):
        infos = _declared_types(inspector, name, schema, infos)
    if inspector.dialect.name == "sqlite":
        infos = _sqlite_text_decimals(inspector, name, infos)
        # Text does not load into a STRICT table's BLOB column: no values for it here.
        infos = [
            {**c, "type": DeclaredType("BLOB", "sqlite")} if type(c["type"]) is sa.BLOB else c
            for c in infos
        ]
    columns = [_column(c) for c in infos if not c.get("computed")]
    if inspector.dialect.name == "mysql":
        columns = _mysql_bit_defaults(inspector, name, schema, columns)
    if inspector.dialect.name == "sqlite" and len(pk) == 1:
        columns = [_rowid_alias(c, pk[0]) for c in columns]
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
        case_insensitive=_case_insensitive(inspector, name, columns),
        key_prefixes=_key_prefixes(inspector, name, schema),
        partitions=_partitions_of(inspector, name, schema),
        partition_values=_list_partitions_of(inspector, name, schema),
        exclusions=_exclusions(inspector, name, schema),
    )


def _lower_unique(inspector: sa.Inspector, name: str, schema: str | None) -> list[str]:
    """Columns of single-expression unique indexes ``ON t (lower(col))``."""
    if inspector.dialect.name == "sqlite":
        return _sqlite_lower_unique(inspector, name)
    found = []
    for index in inspector.get_indexes(name, schema=schema):
        expressions = index.get("expressions") or ()
        if index.get("unique") and len(expressions) == 1:
            column = lowered_column(str(expressions[0]), inspector.dialect.name)
            if column is not None:
                found.append(column)
    return found


_SQLITE_INDEX_SQL = sa.text(
    "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :table AND sql IS NOT NULL"
)
_INDEX_ON = re.compile(r"^\s*CREATE\s+UNIQUE\s+INDEX\s.*?\bON\s+\S+?\s*\((.*)\)", re.I | re.S)


def _sqlite_lower_unique(inspector: sa.Inspector, name: str) -> list[str]:
    """SQLAlchemy skips SQLite's expression indexes: read ``lower(col)`` from their SQL."""
    conn = inspector.bind
    assert isinstance(conn, sa.Connection)
    found = []
    for row in conn.execute(_SQLITE_INDEX_SQL, {"table": name}):
        match = _INDEX_ON.match(str(row[0]).split(" WHERE ")[0])
        column = lowered_column(match[1], "sqlite") if match else None
        if column is not None:
            found.append(column)
    return found


_SQLITE_TABLE_SQL = sa.text(
    "SELECT group_concat(sql, ' ') FROM sqlite_master WHERE tbl_name = :table AND sql IS NOT NULL"
)


def _case_insensitive(inspector: sa.Inspector, name: str, columns: list[RawColumn]) -> list[str]:
    """MySQL compares text by its collation, case-insensitive unless ``_bin``/``_cs``;
    SQLite by ``COLLATE NOCASE`` where declared (on the table or an index: any mention
    counts, erring towards one-case keys, which are always safe); PostgreSQL's citext."""
    dialect = inspector.dialect.name
    if dialect == "mysql":
        return [
            c.name
            for c in columns
            if _is_text(c.sa_type)
            and not re.search(
                r"(_bin|_cs|^binary)$", str(getattr(c.sa_type, "collation", "") or "")
            )
        ]
    if dialect == "sqlite":
        conn = inspector.bind
        assert isinstance(conn, sa.Connection)
        sql = str(conn.execute(_SQLITE_TABLE_SQL, {"table": name}).scalar() or "")
        return [c.name for c in columns if "nocase" in sql.lower()]
    return [c.name for c in columns if type(c.sa_type).__name__.upper() == "CITEXT"]


def _key_prefixes(inspector: sa.Inspector, name: str, schema: str | None) -> dict[str, int]:
    """Only the first n characters of a prefix-indexed column must differ."""
    if inspector.dialect.name != "mysql":
        return {}
    found: dict[str, int] = {}
    for index in inspector.get_indexes(name, schema=schema):
        lengths = (index.get("dialect_options") or {}).get("mysql_length") or {}
        if index.get("unique") and isinstance(lengths, dict):
            for column, n in lengths.items():
                found[str(column)] = min(int(n), found.get(str(column), int(n)))
    return found


def _is_text(sa_type: Any) -> bool:
    return isinstance(sa_type, sa.String) and not isinstance(sa_type, sa.Enum)


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
    out = replace(column, sa_type=base, nullable=nullable, comment=comment)
    if type(base).__name__ == "DOMAIN" and base is not domain:  # a domain over a domain
        return _domain(inspector, out, schema, checks)
    return out


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


def _mysql_bit_defaults(
    inspector: sa.Inspector, name: str, schema: str | None, columns: list[RawColumn]
) -> list[RawColumn]:
    """SQLAlchemy drops MySQL's ``DEFAULT b'1'``; without it a NOT NULL ``BIT`` column
    (no text form loads into it) could not be left to the server."""
    wanted = [c.name for c in columns if c.default is None and map_type(c.sa_type).null_only]
    if not wanted:
        return columns
    conn = inspector.bind
    assert isinstance(conn, sa.Connection)
    query = sa.text(
        "SELECT COLUMN_NAME AS name, COLUMN_DEFAULT AS def FROM information_schema.COLUMNS "
        "WHERE TABLE_SCHEMA = COALESCE(:schema, DATABASE()) AND TABLE_NAME = :table"
    )
    rows = conn.execute(query, {"schema": schema, "table": name}).mappings()
    found = {str(r["name"]): r["def"] for r in rows if r["def"] not in (None, "NULL")}
    return [
        replace(c, default=str(found[c.name])) if c.name in wanted and c.name in found else c
        for c in columns
    ]


def _rowid_alias(column: RawColumn, key: str) -> RawColumn:
    """SQLite's ``INTEGER PRIMARY KEY`` is the rowid: numbered 1, 2, 3 … like a serial."""
    if column.name == key and type(column.sa_type).__name__ == "INTEGER":
        return replace(column, autoincrement=True)
    return column


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


_DECLARED = {
    "postgresql": "SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, "
    "(SELECT count(*) FROM pg_attribute f WHERE f.attrelid = t.typrelid AND f.attnum > 0 "
    "AND NOT f.attisdropped) AS fields "
    "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
    "WHERE a.attrelid = CAST(:table AS regclass) AND a.attnum > 0",
    "mysql": "SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type FROM information_schema.COLUMNS "
    "WHERE TABLE_SCHEMA = COALESCE(:schema, DATABASE()) AND TABLE_NAME = :table",
}


def _declared_types(
    inspector: sa.Inspector, name: str, schema: str | None, infos: list[Any]
) -> list[Any]:
    """Types SQLAlchemy does not know (``point``, ``int4range``) by their declared name."""
    conn = inspector.bind
    assert isinstance(conn, sa.Connection)
    dialect = inspector.dialect.name
    if dialect == "sqlite":
        quoted = conn.dialect.identifier_preparer.quote(name)
        rows = conn.exec_driver_sql(f"PRAGMA table_info({quoted})").mappings()
    elif dialect in _DECLARED:
        prep = conn.dialect.identifier_preparer
        table = prep.quote(name) if schema is None else f"{prep.quote(schema)}.{prep.quote(name)}"
        params = {"table": table if dialect == "postgresql" else name, "schema": schema}
        rows = conn.execute(sa.text(_DECLARED[dialect]), params).mappings()
    else:
        return infos
    declared = {
        str(r["name"]): DeclaredType(
            str(r["type"] or "unknown"), dialect, int(r.get("fields") or 0)
        )
        for r in rows
    }
    return [
        {**info, "type": declared.get(str(info["name"]), DeclaredType("unknown", dialect))}
        if isinstance(info["type"], NullType)
        else info
        for info in infos
    ]


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
        other = other if other not in (None, schema) else None
        targets = tuple(fk["referred_columns"])
        values = None
        if other is not None and len(targets) == 1:
            values = _parent_values(inspector, other, fk["referred_table"], targets[0])
        out.append(
            RawForeignKey(
                columns=tuple(fk["constrained_columns"]),
                table=fk["referred_table"],
                targets=targets,
                other_schema=other,
                parent_values=values,
            )
        )
    return out


#: At most this many parent key values are read for a key into another schema.
_PARENT_VALUES = 1000


def _parent_values(
    inspector: sa.Inspector, schema: str, table: str, column: str
) -> tuple[int | str, ...] | None:
    """The distinct key values of a parent outside the introspected schema, or None when
    they are not plain integers/strings (the column is then left unlinked)."""
    conn = inspector.bind
    assert isinstance(conn, sa.Connection)
    prep = conn.dialect.identifier_preparer
    col = prep.quote(column)
    sql = (
        f"SELECT DISTINCT {col} FROM {prep.quote(schema)}.{prep.quote(table)} "
        f"WHERE {col} IS NOT NULL ORDER BY {col} LIMIT {_PARENT_VALUES}"
    )
    try:
        with conn.begin_nested():
            values = [r[0] for r in conn.exec_driver_sql(sql)]
    except sa.exc.DBAPIError:  # no SELECT privilege on the other schema: leave it unlinked
        return None
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values) or all(
        isinstance(v, str) for v in values
    ):
        return tuple(values)
    return None


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
