"""Any other SQLAlchemy URL: Core ``insert()`` executemany in batches, one transaction.

The native loaders know their server's bulk path (COPY, LOAD DATA); for
everything else (SQL Server, Oracle, DuckDB, … or a native database by
``method: 'generic'``) SQLAlchemy's dialect and driver do the work, and we
keep the guarantees that do not depend on the server: DDL from ddl.py,
``if_exists``, load order, one transaction (per table by option), and on
failure a rollback plus the removal of any table this load created, for
databases whose DDL commits on its own. Throughput is the driver's
executemany; that is the price of working everywhere.
"""

from __future__ import annotations

import contextlib
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from testdatagen.engine.dataset import Dataset
from testdatagen.errors import DatabaseError, Diagnostic
from testdatagen.outputs.base import Progress, WrittenItem
from testdatagen.outputs.db.base import Loader, existing_tables_error
from testdatagen.outputs.db.convert import generic_batch
from testdatagen.outputs.db.failures import database_error, load_error
from testdatagen.outputs.sql.ddl import Ddl, build_ddl

__all__ = ["LOADER", "GenericLoader"]


class GenericLoader(Loader):
    def load(self, dataset: Dataset, progress: Progress | None) -> list[WrittenItem]:
        engine = self._engine()
        try:
            try:
                conn = engine.connect()
            except sa.exc.DBAPIError as exc:
                raise database_error(self.url, "connect", exc.orig or exc) from None
            with conn:
                return self._load(conn, dataset, progress)
        finally:
            engine.dispose()

    def _engine(self) -> Engine:
        try:
            engine = sa.create_engine(self.url.sqlalchemy_url())
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
            text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise DatabaseError(
                [
                    Diagnostic(
                        "TDG614",
                        f"cannot use the database URL {self.url}: {text}",
                        hint="install the SQLAlchemy dialect and driver the URL names "
                        "(e.g. pip install pyodbc for mssql+pyodbc)",
                    )
                ]
            ) from None
        if engine.dialect.name == "sqlite":
            _transactional_sqlite(engine)
        return engine

    def _load(
        self, conn: Connection, dataset: Dataset, progress: Progress | None
    ) -> list[WrittenItem]:
        names = dataset.tables
        ddl = build_ddl(
            dataset.schema, conn.dialect.name, db_schema=self.options.schema, tables=names
        )
        created: list[str] = []
        current = "(prepare the tables)"
        items: list[WrittenItem] = []
        transaction = conn.begin()
        try:
            create, existing = self._prepare(conn, ddl, names)
            tables = [ddl.tables[n] for n in names if n in create]
            ddl.metadata.create_all(conn, tables=tables)  # checkfirst keeps enum types
            # New tables only: a rollback restores replaced ones where DDL is transactional.
            created = [n for n in names if n in create and n not in existing]
            for name in names:
                current = name
                items.append(self.item(name, self._insert(conn, ddl, dataset, name, progress)))
                if self.options.transaction == "table":
                    transaction.commit()
                    created = [n for n in created if n not in names[: names.index(name) + 1]]
                    transaction = conn.begin()
            transaction.commit()
        except sa.exc.SQLAlchemyError as exc:
            self._undo(conn, transaction, ddl, created)
            raise load_error(self.url, current, getattr(exc, "orig", None) or exc) from None
        except BaseException:
            self._undo(conn, transaction, ddl, created)
            raise
        return items

    def _prepare(
        self, conn: Connection, ddl: Ddl, names: tuple[str, ...]
    ) -> tuple[set[str], set[str]]:
        """Apply ``if_exists``; return (the tables to create, those that existed)."""
        present = set(sa.inspect(conn).get_table_names(schema=self.options.schema))
        existing = [n for n in names if ddl.tables[n].name in present]
        mode = self.options.if_exists
        if existing and mode == "fail":
            raise existing_tables_error(str(self.url), existing)
        for name in reversed(existing):  # children before parents
            if mode == "replace":
                ddl.tables[name].drop(conn)
            elif mode == "truncate":
                conn.execute(ddl.tables[name].delete())
        create = set(names) if mode == "replace" else set(names) - set(existing)
        return create, set(existing)

    def _insert(
        self, conn: Connection, ddl: Ddl, dataset: Dataset, name: str, progress: Progress | None
    ) -> int:
        statement = ddl.tables[name].insert()
        done = 0
        for batch in dataset.batches(name):
            batch = generic_batch(batch)
            for start in range(0, batch.num_rows, self.options.batch_rows):
                part = batch.slice(start, self.options.batch_rows)
                conn.execute(statement, part.to_pylist())
                done += part.num_rows
            if progress is not None:
                progress(name, done)
        return done

    def _undo(self, conn: Connection, transaction: Any, ddl: Ddl, created: list[str]) -> None:
        """Roll back; then drop tables created here if the server's DDL committed them."""
        with contextlib.suppress(sa.exc.SQLAlchemyError):
            if transaction.is_active:
                transaction.rollback()
        if not created:
            return
        with contextlib.suppress(sa.exc.SQLAlchemyError), conn.begin():
            present = set(sa.inspect(conn).get_table_names(schema=self.options.schema))
            for name in reversed(created):
                if ddl.tables[name].name in present:
                    ddl.tables[name].drop(conn)


def _transactional_sqlite(engine: Engine) -> None:
    """pysqlite commits before DDL by itself; take over BEGIN so DDL joins the transaction.

    This is SQLAlchemy's documented recipe for SAVEPOINT/transactional DDL
    with pysqlite; ``foreign_keys=ON`` makes SQLite check references.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")


LOADER = GenericLoader
