"""MySQL/MariaDB: staged tables, checked, then published by one atomic ``RENAME TABLE``.

MySQL commits implicitly on every DDL statement, so "drop, create, load in
one transaction" is impossible. A load therefore runs in three steps:

1. **Stage** (invisible to applications): every table this load creates is
   built as ``_tdg_stage_<name>`` with its primary key and checks, filled,
   and given its unique and foreign keys (mysql_stage.py).
2. **Transaction**: rows for tables that already exist (``append``,
   ``truncate``) are written in one InnoDB transaction, and the staged
   tables' foreign keys are validated inside it, so they see those rows.
3. **Publish**: ``COMMIT`` and, as the very next statement, one multi-table
   ``RENAME TABLE`` (atomic on InnoDB) swaps the staged tables in; replaced
   tables are renamed away in it and dropped after.

Everything that can fail on the data fails in steps 1–2, before anything is
visible. The one window left is between step 3's two statements: when a
load both appends to existing tables and creates new ones, a reader (or a
kill) in that instant can see the appended rows without the new tables
(docs/databases.md states it). A failure drops the staging tables; a
killed run leaves only ``_tdg_stage_*``/``_tdg_old_*`` tables, which the
next load drops (a per-database lock guarantees they are not a live run's).
"""

from __future__ import annotations

import contextlib
import dataclasses
from typing import Any

import pymysql

from testdatagen.engine.dataset import Dataset
from testdatagen.errors import DatabaseError, Diagnostic
from testdatagen.outputs.base import Progress, WrittenItem
from testdatagen.outputs.db.base import Loader, existing_tables_error
from testdatagen.outputs.db.failures import database_error, load_error
from testdatagen.outputs.db.mysql_rows import q, write_rows
from testdatagen.outputs.db.mysql_stage import (
    OLD_PREFIX,
    STAGE_PREFIX,
    add_keys,
    check_references,
    drop_leftovers,
    drop_tables,
    load_lock,
)
from testdatagen.outputs.db.url import mysql_connect_args
from testdatagen.outputs.sql.compile import dialect_for
from testdatagen.outputs.sql.ddl import Ddl, build_ddl
from testdatagen.outputs.sql.deferred import deferred_ddl

__all__ = ["LOADER", "OLD_PREFIX", "STAGE_PREFIX", "MysqlLoader"]

_DIALECT = dialect_for("mysql")
_KEEP = frozenset({"primary", "check"})


class MysqlLoader(Loader):
    #: What the load is doing, for the error message if it fails.
    current = "(prepare the load)"

    def load(self, dataset: Dataset, progress: Progress | None) -> list[WrittenItem]:
        conn = self._connect()
        try:
            cur = conn.cursor()
            with load_lock(cur, f"database {self.url.where()}"):
                drop_leftovers(cur)
                return self._load(conn, dataset, progress)
        except pymysql.MySQLError as exc:
            raise load_error(self.url, "(prepare the load)", exc) from None
        finally:
            with contextlib.suppress(Exception):  # already closed after an interrupt
                conn.close()

    def _connect(self) -> pymysql.connections.Connection[Any]:
        url = self.url
        # charset, ssl_* and timeouts from the URL's query (checked by parse_url).
        params: dict[str, Any] = {"charset": "utf8mb4", "connect_timeout": 10}
        params.update(mysql_connect_args(url))
        try:
            return pymysql.connect(
                host=url.host or "localhost",
                port=url.port or 3306,
                user=url.user,
                password=url.password or "",
                database=url.database,
                local_infile=True,
                autocommit=False,
                init_command="SET SESSION time_zone = '+00:00'",
                **params,
            )
        except pymysql.MySQLError as exc:
            raise database_error(url, "connect", exc) from None

    def _load(
        self, conn: pymysql.connections.Connection[Any], dataset: Dataset, progress: Progress | None
    ) -> list[WrittenItem]:
        names = dataset.tables
        cur = conn.cursor()
        existing = self._existing(cur, names)
        create = [n for n in names if n in self._plan(existing, names)]
        physical = {n: STAGE_PREFIX + n for n in create}
        ddl = build_ddl(
            dataset.schema, "mysql", tables=names, names=physical, name_foreign_keys=False
        )
        rows: dict[str, int] = {}
        self.current = "(prepare the tables)"
        try:
            use_load = self._use_load_data(cur)
            self._stage(cur, ddl, dataset, create, use_load, rows, progress)
            conn.begin()
            kept = existing - set(create)
            plain = self._non_transactional(cur, kept)
            self._existing_rows(cur, dataset, kept - plain, use_load, rows, progress)
            for name in create:
                self.current = name
                check_references(cur, ddl.tables[name], {v: k for k, v in physical.items()})
            # Last: MyISAM/Aria rows cannot be rolled back (and no InnoDB key can point at them).
            self._existing_rows(cur, dataset, plain, use_load, rows, progress, written=True)
            self.current = "(publish the staged tables)"
            conn.commit()
            self._publish(cur, set(create), existing)
        except BaseException as exc:
            # Ctrl-C may have cut a statement off midway: then the session is unusable.
            self._clean_up(conn, list(physical.values()), usable=isinstance(exc, Exception))
            if isinstance(exc, pymysql.MySQLError):
                raise self._unrolled(load_error(self.url, self.current, exc)) from None
            raise
        return [self.item(name, rows[name]) for name in names]

    def _clean_up(
        self, conn: pymysql.connections.Connection[Any], tables: list[str], *, usable: bool
    ) -> None:
        """Best effort: roll back and drop the staging tables, never masking the cause.

        After an interrupt (KeyboardInterrupt) the session may be in the middle
        of a statement, so a fresh connection kills it (releasing its locks and
        rolling it back) and drops the staging tables instead.
        """
        if usable:
            try:
                conn.rollback()
                drop_tables(conn.cursor(), tables)
                return
            except Exception:
                pass
        try:
            fresh = self._connect()
        except Exception:
            with contextlib.suppress(Exception):
                conn.close()
            return
        try:
            cur = fresh.cursor()
            with contextlib.suppress(Exception):
                cur.execute("KILL %s", (int(conn.server_thread_id[0]),))
            with contextlib.suppress(Exception):
                conn.close()
            cur.execute("SET SESSION lock_wait_timeout = 30")
            drop_tables(cur, tables)
        except Exception:
            pass
        finally:
            with contextlib.suppress(Exception):
                fresh.close()

    def _stage(
        self,
        cur: Any,
        ddl: Ddl,
        dataset: Dataset,
        create: list[str],
        use_load: bool,
        rows: dict[str, int],
        progress: Progress | None,
    ) -> None:
        """Create, fill and key the staged tables (step 1; nothing is visible yet)."""
        plan = deferred_ddl(ddl, _DIALECT, create, keep=_KEEP)
        for statement in plan.create:
            cur.execute(statement)
        for name in create:
            self.current = name
            rows[name] = self._write(cur, dataset, name, STAGE_PREFIX + name, use_load, progress)
            add_keys(cur, STAGE_PREFIX + name, plan.keys[name])
        for name, statements in plan.cyclic.items():
            add_keys(cur, STAGE_PREFIX + name, statements)

    #: Non-transactional tables this load has started to change (a failure cannot undo them).
    unrolled: tuple[str, ...] = ()

    def _non_transactional(self, cur: Any, kept: set[str]) -> set[str]:
        cur.execute(
            "SELECT t.TABLE_NAME FROM information_schema.TABLES t "
            "JOIN information_schema.ENGINES e ON e.ENGINE = t.ENGINE "
            "WHERE t.TABLE_SCHEMA = DATABASE() AND e.TRANSACTIONS <> 'YES'"
        )
        return {r[0] for r in cur.fetchall()} & kept

    def _unrolled(self, error: DatabaseError) -> DatabaseError:
        """'Nothing was committed' is false once a MyISAM/Aria table was written: say so."""
        if not self.unrolled:
            return error
        first = error.diagnostics[0]
        names = ", ".join(repr(n) for n in self.unrolled)
        hint = (
            f"the rows written to {names} stay: their storage engine cannot roll back "
            "(convert them with ALTER TABLE … ENGINE=InnoDB); nothing else was committed"
        )
        return DatabaseError([dataclasses.replace(first, hint=hint)])

    def _existing_rows(
        self,
        cur: Any,
        dataset: Dataset,
        kept: set[str],
        use_load: bool,
        rows: dict[str, int],
        progress: Progress | None,
        *,
        written: bool = False,
    ) -> None:
        """Step 2: truncate and fill the tables that exist and stay, keys in place.

        ``written``: the tables cannot roll back; they are recorded before changing.
        """
        targets = [n for n in dataset.tables if n in kept]
        if written:
            self.unrolled = tuple(targets)
        if self.options.if_exists == "truncate":
            # Self-references make a row-by-row DELETE fail; every row goes anyway.
            cur.execute("SET SESSION foreign_key_checks = 0")
            for name in reversed(targets):
                cur.execute(f"DELETE FROM {q(name)}")
            cur.execute("SET SESSION foreign_key_checks = 1")
        keys = _foreign_keys(cur, targets)
        ahead = {k.table for k in keys if k.ahead(targets)}
        for name in targets:
            self.current = name
            if name in ahead:
                # A parent loaded later (a NOT NULL cycle the model cut): its keys are
                # checked below, once every table is filled, inside the transaction.
                cur.execute("SET SESSION foreign_key_checks = 0")
            try:
                rows[name] = self._write(cur, dataset, name, name, use_load, progress)
            finally:
                if name in ahead:
                    cur.execute("SET SESSION foreign_key_checks = 1")
        for key in keys:
            if key.table in ahead:
                self.current = key.table
                key.check(cur)

    def _write(
        self,
        cur: Any,
        dataset: Dataset,
        name: str,
        target: str,
        use_load: bool,
        progress: Progress | None,
    ) -> int:
        def done(total: int) -> None:
            if progress is not None:
                progress(name, total)

        return write_rows(
            cur,
            dataset,
            name,
            target,
            use_load=use_load,
            batch_rows=self.options.batch_rows,
            done=done,
        )

    def _existing(self, cur: Any, names: tuple[str, ...]) -> set[str]:
        cur.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
        )
        present = {r[0] for r in cur.fetchall()}
        return {n for n in names if n in present}

    def _plan(self, existing: set[str], names: tuple[str, ...]) -> set[str]:
        mode = self.options.if_exists
        if existing and mode == "fail":
            found = [n for n in names if n in existing]
            raise existing_tables_error(f"database {self.url.where()}", found)
        return set(names) if mode == "replace" else set(names) - existing

    def _use_load_data(self, cur: Any) -> bool:
        if self.options.method == "insert":
            return False
        cur.execute("SELECT @@GLOBAL.local_infile")
        allowed = bool(cur.fetchone()[0])
        if not allowed and self.options.method == "load_data":
            raise DatabaseError(
                [
                    Diagnostic(
                        "TDG640",
                        f"the server at {self.url.where()} does not allow LOAD DATA LOCAL INFILE",
                        hint="SET GLOBAL local_infile = 1 on the server, or use method: 'insert'",
                    )
                ]
            )
        return allowed

    def _publish(self, cur: Any, create: set[str], existing: set[str]) -> None:
        """One RENAME TABLE swaps every staged table in; replaced ones are dropped after."""
        if not create:
            return
        pairs = [f"{q(n)} TO {q(OLD_PREFIX + n)}" for n in sorted(create & existing)]
        pairs += [f"{q(STAGE_PREFIX + n)} TO {q(n)}" for n in sorted(create)]
        cur.execute("RENAME TABLE " + ", ".join(pairs))
        drop_tables(cur, [OLD_PREFIX + n for n in create & existing])


@dataclasses.dataclass(frozen=True, slots=True)
class _ForeignKey:
    table: str
    name: str
    columns: tuple[str, ...]
    parent: str
    targets: tuple[str, ...]

    def ahead(self, order: list[str]) -> bool:
        """The parent is filled after this table in this load."""
        return (
            self.parent in order
            and self.table in order
            and order.index(self.parent) > order.index(self.table)
        )

    def check(self, cur: Any) -> None:
        """What InnoDB would have checked row by row: every non-NULL key has a parent."""
        present = " AND ".join(f"c.{q(c)} IS NOT NULL" for c in self.columns)
        match = " AND ".join(
            f"p.{q(t)} = c.{q(c)}" for c, t in zip(self.columns, self.targets, strict=True)
        )
        cur.execute(
            f"SELECT {', '.join(f'c.{q(c)}' for c in self.columns)} FROM {q(self.table)} c "
            f"WHERE {present} AND NOT EXISTS (SELECT 1 FROM {q(self.parent)} p WHERE {match}) "
            "LIMIT 1"
        )
        orphan = cur.fetchone()
        if orphan is not None:
            raise pymysql.err.IntegrityError(
                1452,
                f"foreign key {self.name} ({', '.join(self.columns)}) = {tuple(orphan)!r} "
                f"has no row in '{self.parent}'",
            )


def _foreign_keys(cur: Any, tables: list[str]) -> list[_ForeignKey]:
    """The foreign keys of ``tables`` (in this database), columns in key order."""
    if not tables:
        return []
    marks = ", ".join(["%s"] * len(tables))
    cur.execute(
        "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, "
        "REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
        "WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_SCHEMA = DATABASE() "
        f"AND TABLE_NAME IN ({marks}) ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION",
        tables,
    )
    grouped: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for table, name, column, parent, target in cur.fetchall():
        grouped.setdefault((table, name), []).append((column, parent, target))
    return [
        _ForeignKey(
            table=table,
            name=name,
            columns=tuple(c for c, _, _ in parts),
            parent=parts[0][1],
            targets=tuple(t for _, _, t in parts),
        )
        for (table, name), parts in grouped.items()
    ]


LOADER = MysqlLoader
