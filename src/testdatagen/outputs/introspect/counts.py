"""How many rows to generate per table: the database's own estimate, else 100.

PostgreSQL keeps ``pg_class.reltuples`` (refreshed by ANALYZE and autovacuum),
MySQL/MariaDB ``information_schema.TABLES.TABLE_ROWS`` — both are free to
read and close enough for test data. SQLite has no estimate, but a
``count(*)`` on a local file is cheap.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from testdatagen.model.plan import DEFAULT_ROWS

__all__ = ["row_counts"]

_PG = sa.text(
    "SELECT c.relname AS name, c.reltuples AS n FROM pg_class c "
    "JOIN pg_namespace s ON s.oid = c.relnamespace "
    "WHERE s.nspname = :schema AND c.relkind IN ('r', 'p')"
)
_MYSQL = sa.text(
    "SELECT TABLE_NAME AS name, TABLE_ROWS AS n FROM information_schema.TABLES "
    "WHERE TABLE_SCHEMA = :schema"
)


def row_counts(
    conn: sa.Connection, dialect: str, schema: str | None, tables: Sequence[str]
) -> dict[str, int]:
    """Rows per table, ``DEFAULT_ROWS`` where the table is empty or never analysed."""
    if dialect == "postgresql":
        found = _estimates(conn, _PG, schema or "public")
    elif dialect == "mysql":
        found = _estimates(
            conn, _MYSQL, schema or str(conn.exec_driver_sql("SELECT DATABASE()").scalar())
        )
    else:
        found = {t: _count(conn, t) for t in tables}
    return {t: found[t] if found.get(t, 0) > 0 else DEFAULT_ROWS for t in tables}


def _estimates(conn: sa.Connection, query: sa.TextClause, schema: str) -> dict[str, int]:
    rows = conn.execute(query, {"schema": schema}).mappings()
    return {str(r["name"]): round(float(r["n"] or 0)) for r in rows}


def _count(conn: sa.Connection, table: str) -> int:
    name = conn.dialect.identifier_preparer.quote(table)
    return int(conn.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar() or 0)
