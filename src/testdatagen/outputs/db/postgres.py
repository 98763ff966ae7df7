"""PostgreSQL: DDL and ``COPY … FROM STDIN`` inside one psycopg 3 transaction.

PostgreSQL's DDL is transactional, so drop/truncate, create, copy and the
keys all commit together; other sessions see the old tables (or none) until
then, and a killed client's transaction is rolled back by the server.

Tables this load creates are loaded the way pg_dump's output restores:
created with columns and NOT NULL only, filled by COPY, then given their
primary, unique and foreign keys and checks (sql/deferred.py). Each index is
built once by sorting and each foreign key validated by one join, instead
of per row — about 4x faster at a million rows — and every row is still
checked before the commit. Tables that already exist (append, truncate) keep
their keys and are loaded as they are. Rows travel by CSV COPY (pg_copy.py);
binary COPY and INSERT are selectable by ``method``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from testdatagen.engine.dataset import Dataset
from testdatagen.errors import DatabaseError, Diagnostic
from testdatagen.outputs.base import Progress, WrittenItem
from testdatagen.outputs.db.base import Loader, existing_tables_error
from testdatagen.outputs.db.failures import database_error, load_error
from testdatagen.outputs.db.pg_copy import write_table
from testdatagen.outputs.sql.compile import dialect_for
from testdatagen.outputs.sql.ddl import Ddl, build_ddl
from testdatagen.outputs.sql.deferred import deferred_ddl

__all__ = ["LOADER", "PostgresLoader", "connect"]

_DIALECT = dialect_for("postgresql")


def connect(loader: Loader) -> psycopg.Connection[Any]:
    """Open a connection; failures become DatabaseError without the password."""
    url = loader.url
    # Every libpq parameter of the URL's query (sslmode, options, …) reaches libpq.
    params: dict[str, Any] = {"connect_timeout": 10, "application_name": "testdatagen"}
    params.update(url.query)
    try:
        return psycopg.connect(
            host=url.host,
            port=url.port,
            dbname=url.database,
            user=url.user,
            password=url.password,
            **params,
        )
    except psycopg.Error as exc:
        raise database_error(url, "connect", exc) from None


class PostgresLoader(Loader):
    def load(self, dataset: Dataset, progress: Progress | None) -> list[WrittenItem]:
        conn = connect(self)
        try:
            return self._load(conn, dataset, progress)
        finally:
            conn.close()

    def _load(
        self, conn: psycopg.Connection[Any], dataset: Dataset, progress: Progress | None
    ) -> list[WrittenItem]:
        names = dataset.tables
        current = "(prepare the tables)"
        items: list[WrittenItem] = []
        try:
            schema = self._schema(conn)
            ddl = build_ddl(dataset.schema, "postgresql", db_schema=schema, tables=names)
            create = self._prepare(conn, schema, names)
            plan = deferred_ddl(ddl, _DIALECT, [n for n in names if n in create])
            self._run(conn, plan.types)
            ahead = self._keys_ahead(conn, schema, [n for n in names if n not in create])
            for key in ahead:
                conn.execute(key.drop)
            for name in names:
                current = name
                # Created just before it is filled: per-table commits never show an empty table.
                self._run(conn, [plan.tables[name]] if name in plan.tables else [])
                items.append(self.item(name, self._copy(conn, ddl, dataset, name, progress)))
                current = f"(advance the sequences of table '{name}')"
                self._advance_sequences(conn, schema, name, dataset.arrow_schema(name).names)
                current = f"(add the keys and checks of table '{name}')"
                self._run(conn, plan.keys.get(name, []))
                if self.options.transaction == "table":
                    conn.commit()
            current = "(add the foreign keys between tables)"
            for statements in plan.cyclic.values():
                self._run(conn, statements)
            for key in ahead:
                current = f"(restore foreign key {key.name} of table '{key.table}')"
                conn.execute(key.add)
            conn.commit()
        except psycopg.Error as exc:
            conn.rollback()
            raise load_error(self.url, current, exc) from None
        except BaseException:
            conn.rollback()
            raise
        return items

    def _keys_ahead(
        self, conn: psycopg.Connection[Any], schema: str, kept: list[str]
    ) -> list[_KeyAhead]:
        """Foreign keys of existing tables whose parent is loaded later (a cycle the
        model cut, e.g. Sakila's store ↔ staff): dropped for the load and added back
        before the commit, which checks every row. Per-table commits would leave a
        window without the key, so ``transaction: table`` keeps them (and may fail)."""
        if len(kept) < 2 or self.options.transaction == "table":
            return []
        order = {name: i for i, name in enumerate(kept)}
        rows = conn.execute(
            "SELECT c.conname, cl.relname, pl.relname, pg_get_constraintdef(c.oid) "
            "FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid "
            "JOIN pg_namespace n ON n.oid = cl.relnamespace "
            "JOIN pg_class pl ON pl.oid = c.confrelid "
            "JOIN pg_namespace pn ON pn.oid = pl.relnamespace "
            "WHERE c.contype = 'f' AND NOT c.condeferred "
            "AND n.nspname = %s AND pn.nspname = %s AND cl.relname = ANY(%s) "
            "AND pl.relname = ANY(%s) ORDER BY c.conname",
            (schema, schema, kept, kept),
        ).fetchall()
        found = []
        for name, child, parent, definition in rows:
            if order[parent] > order[child]:
                table = sql.Identifier(schema, child)
                constraint = sql.Identifier(name)
                drop = sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(table, constraint)
                add = sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
                    table, constraint, sql.SQL(definition)
                )
                found.append(_KeyAhead(name, child, drop, add))
        return found

    def _schema(self, conn: psycopg.Connection[Any]) -> str:
        if self.options.schema:
            # Looked up first: CREATE SCHEMA IF NOT EXISTS needs CREATE on the
            # database even when the schema exists and the user may use it.
            return self._named_schema(conn, self.options.schema)
        row = conn.execute("SELECT current_schema()").fetchone()
        if row is None or not row[0]:
            # current_schema() is NULL when no schema on the search path is usable.
            path = conn.execute("SHOW search_path").fetchone()
            message = (
                f"user '{self.url.user}' may not use any schema on its search path "
                f"({path[0] if path else '?'}) at {self.url.where()}"
            )
            hint = (
                f"GRANT USAGE, CREATE ON SCHEMA <schema> TO {self.url.user}, "
                "or set the 'schema' option to a schema the user may use"
            )
            raise DatabaseError([Diagnostic("TDG613", message, hint=hint)])
        return str(row[0])

    def _named_schema(self, conn: psycopg.Connection[Any], schema: str) -> str:
        found = conn.execute(
            "SELECT has_schema_privilege(oid, 'USAGE') FROM pg_namespace WHERE nspname = %s",
            (schema,),
        ).fetchone()
        if found is None:
            conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
        elif not found[0]:
            message = f"user '{self.url.user}' may not use schema '{schema}' at {self.url.where()}"
            hint = (
                f"GRANT USAGE, CREATE ON SCHEMA {schema} TO {self.url.user}, or load into "
                "another schema (?schema=S in the URL or --db-schema S)"
            )
            raise DatabaseError([Diagnostic("TDG613", message, hint=hint)])
        return schema

    def _prepare(
        self, conn: psycopg.Connection[Any], schema: str, names: tuple[str, ...]
    ) -> set[str]:
        """Apply ``if_exists`` inside the transaction; return the tables to create."""
        rows = conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND c.relname = ANY(%s)",
            (schema, list(names)),
        ).fetchall()
        present = {r[0] for r in rows}
        existing = [n for n in names if n in present]
        mode = self.options.if_exists
        if existing and mode == "fail":
            raise existing_tables_error(f"schema {schema} of {self.url.where()}", existing)
        idents = [sql.Identifier(schema, n) for n in reversed(existing)]
        if existing and mode == "replace":
            conn.execute(sql.SQL("DROP TABLE {}").format(sql.SQL(", ").join(idents)))
        elif existing and mode == "truncate":
            conn.execute(sql.SQL("TRUNCATE {}").format(sql.SQL(", ").join(idents)))
        return set(names) if mode == "replace" else set(names) - present

    def _advance_sequences(
        self, conn: psycopg.Connection[Any], schema: str, name: str, columns: list[str]
    ) -> None:
        """Set each serial/identity sequence owned by a loaded column to max(column).

        COPY writes the ids itself, so the sequence would otherwise hand out
        ids that now exist (pg_dump restores them with setval the same way).
        """
        rows = conn.execute(
            "SELECT a.attname, pg_get_serial_sequence(format('%%I.%%I', n.nspname, c.relname), "
            "a.attname) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s "
            "AND c.relname = %s AND a.attnum > 0 AND NOT a.attisdropped AND a.attname = ANY(%s)",
            (schema, name, columns),
        ).fetchall()
        for column, sequence in rows:
            if sequence is None:
                continue
            conn.execute(
                sql.SQL("SELECT setval(%s, max({})) FROM {} HAVING max({}) IS NOT NULL").format(
                    sql.Identifier(column), sql.Identifier(schema, name), sql.Identifier(column)
                ),
                (sequence,),
            )

    def _run(self, conn: psycopg.Connection[Any], statements: list[str]) -> None:
        """Run DDL; an enum type that already exists is kept (other tables may share it)."""
        for statement in statements:
            if statement.startswith("CREATE TYPE"):
                statement = (
                    f"DO $tdg$ BEGIN {statement}; "
                    "EXCEPTION WHEN duplicate_object THEN NULL; END $tdg$"
                )
            conn.execute(statement.encode())

    def _copy(
        self,
        conn: psycopg.Connection[Any],
        ddl: Ddl,
        dataset: Dataset,
        name: str,
        progress: Progress | None,
    ) -> int:
        table = ddl.tables[name]
        columns = dataset.arrow_schema(name).names
        target = sql.SQL("{} ({})").format(
            sql.Identifier(*(table.schema, table.name) if table.schema else (table.name,)),
            sql.SQL(", ").join(sql.Identifier(c) for c in columns),
        )
        done = 0

        def report(rows: int) -> None:
            nonlocal done
            done += rows
            if progress is not None:
                progress(name, done)

        with conn.cursor() as cur:
            if not columns:  # CREATE TABLE t (): rows without values; COPY t () is a syntax error
                rows = dataset.row_count(name)
                qualified = sql.Identifier(
                    *(table.schema, table.name) if table.schema else (table.name,)
                )
                cur.execute(
                    sql.SQL("INSERT INTO {} SELECT FROM generate_series(1, %s)").format(qualified),
                    (rows,),
                )
                report(rows)
                return done
            write_table(cur, target, dataset.batches(name), self.options.method, report)
        return done


@dataclass(frozen=True, slots=True)
class _KeyAhead:
    name: str
    table: str
    drop: sql.Composed
    add: sql.Composed


LOADER = PostgresLoader
