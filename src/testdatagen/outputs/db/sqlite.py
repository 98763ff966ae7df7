"""SQLite, the embedded default: one sqlite3 transaction around DDL and data.

SQLite's DDL is transactional, so dropping, creating and filling every table
inside ``BEGIN IMMEDIATE … COMMIT`` makes the load atomic: a failure rolls
back and a killed process leaves a hot journal that the next opener rolls
back. ``PRAGMA synchronous=OFF`` is used only for a file this load creates
(a power cut could corrupt it, but nothing existed to lose); an existing file
keeps NORMAL durability unless the ``synchronous`` option says otherwise.

Unique keys of the tables a load creates are built as unique indexes once
the table is filled (SQLite cannot add a constraint to a table later; a
unique index enforces the same rule, and a duplicate fails its CREATE).
Primary keys, foreign keys and checks stay in the CREATE TABLE.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from testdatagen.engine.dataset import Dataset
from testdatagen.errors import DatabaseError, Diagnostic
from testdatagen.outputs.base import Progress, WrittenItem
from testdatagen.outputs.db.base import Loader, existing_tables_error
from testdatagen.outputs.db.convert import sqlite_rows
from testdatagen.outputs.db.failures import database_error, load_error
from testdatagen.outputs.db.url import redact
from testdatagen.outputs.sql.compile import create_statements, dialect_for, quote_name
from testdatagen.outputs.sql.ddl import build_ddl
from testdatagen.outputs.sql.deferred import index_statements

__all__ = ["LOADER", "SqliteLoader"]

_DIALECT = dialect_for("sqlite")


class SqliteLoader(Loader):
    def load(self, dataset: Dataset, progress: Progress | None) -> list[WrittenItem]:
        path = self.url.path
        new_file = not path.exists() or path.stat().st_size == 0
        conn = self._connect(path, new_file)
        try:
            return self._load(conn, dataset, progress)
        finally:
            conn.close()

    def _connect(self, path: Path, new_file: bool) -> sqlite3.Connection:
        # Missing parent directories are created, as for file outputs (docs/databases.md).
        try:
            if path.parent and not path.parent.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            message = f"cannot create the directory {path.parent} for the SQLite file {path}"
            hint = "check the path and that its existing parent directory is writable"
            text = redact(str(exc))
            raise DatabaseError([Diagnostic("TDG612", message, hint=hint, notes=(text,))]) from None
        try:
            conn = sqlite3.connect(path, isolation_level=None)
            sync = self.options.synchronous or ("OFF" if new_file else "NORMAL")
            conn.execute(f"PRAGMA synchronous={sync}")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA cache_size=-65536")
            conn.execute("PRAGMA temp_store=MEMORY")
        except (sqlite3.Error, OSError) as exc:
            raise database_error(self.url, "connect", exc) from None
        return conn

    def _load(
        self, conn: sqlite3.Connection, dataset: Dataset, progress: Progress | None
    ) -> list[WrittenItem]:
        names = dataset.tables
        ddl = build_ddl(dataset.schema, "sqlite", tables=names, unique_keys=False)
        keyed = build_ddl(dataset.schema, "sqlite", tables=names)
        items: list[WrittenItem] = []
        current = names[0] if names else ""
        try:
            conn.execute("BEGIN IMMEDIATE")
            create = self._prepare(conn, names)
            deferred = self.options.transaction == "all" and _keys_ahead(
                conn, [n for n in names if n not in create]
            )
            if deferred:
                # An existing table references one loaded later (a NOT NULL cycle that
                # introspection cut, e.g. store ↔ staff): keys are checked before COMMIT.
                conn.execute("PRAGMA defer_foreign_keys=ON")
            for name in names:
                current = name
                if name in create:
                    for statement in create_statements(ddl, _DIALECT, [name]):
                        conn.execute(statement)
                items.append(self.item(name, self._insert(conn, dataset, name, progress)))
                if name in create:  # one sorted build per index instead of per-row upkeep
                    for statement in index_statements(keyed.tables[name], _DIALECT):
                        conn.execute(statement)
                if self.options.transaction == "table":
                    conn.execute("COMMIT")
                    conn.execute("BEGIN IMMEDIATE")
            if deferred:
                current = _orphans(conn) or current
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            _rollback(conn)
            raise load_error(self.url, current, exc) from None
        except BaseException:
            _rollback(conn)
            raise
        return items

    def _prepare(self, conn: sqlite3.Connection, names: tuple[str, ...]) -> set[str]:
        """Apply ``if_exists``; return the tables that must be created."""
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        existing = [n for n in names if n in {r[0] for r in rows}]
        mode = self.options.if_exists
        if existing and mode == "fail":
            raise existing_tables_error(str(self.url.path), existing)
        for name in reversed(existing):  # children before parents
            if mode == "replace":
                conn.execute(f"DROP TABLE {quote_name(_DIALECT, name)}")
            elif mode == "truncate":
                conn.execute(f"DELETE FROM {quote_name(_DIALECT, name)}")
        return set(names) if mode == "replace" else set(names) - set(existing)

    def _insert(
        self, conn: sqlite3.Connection, dataset: Dataset, name: str, progress: Progress | None
    ) -> int:
        columns = dataset.arrow_schema(name).names
        sql = (
            f"INSERT INTO {quote_name(_DIALECT, name)} "
            f"({', '.join(quote_name(_DIALECT, c) for c in columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})"
        )
        done = 0
        for batch in dataset.batches(name):
            for start in range(0, batch.num_rows, self.options.batch_rows):
                part = batch.slice(start, self.options.batch_rows)
                conn.executemany(sql, sqlite_rows(part))
                done += part.num_rows
            if progress is not None:
                progress(name, done)
        return done


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):  # the connection may already be broken
            conn.execute("ROLLBACK")


LOADER = SqliteLoader


def _keys_ahead(conn: sqlite3.Connection, kept: list[str]) -> bool:
    """Does an existing table have a foreign key to a table filled after it?"""
    for i, name in enumerate(kept):
        rows = conn.execute(f"PRAGMA foreign_key_list({quote_name(_DIALECT, name)})").fetchall()
        if any(row[2] in kept[i + 1 :] for row in rows):
            return True
    return False


def _orphans(conn: sqlite3.Connection) -> str | None:
    """The first table with a row whose parent is missing (COMMIT then fails on it)."""
    row = conn.execute("PRAGMA foreign_key_check").fetchone()
    return None if row is None else str(row[0])
