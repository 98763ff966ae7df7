"""The staging side of a MySQL/MariaDB load: lock, leftovers, keys, checks, publish.

Staged tables (``_tdg_stage_<name>``) are created with their primary key and
CHECKs (InnoDB clusters rows by the primary key; checks are evaluated per
row as it arrives) but without unique and foreign keys. Once filled, the
unique keys are added (each index built once by sorting; a duplicate fails
the ALTER) and the foreign keys are declared with ``foreign_key_checks=0``,
which lets InnoDB add them in place instead of copying the table. That
switch skips only the check of rows already there, so every foreign key is
then validated by one anti-join (``check_references``) before anything is
published — the rows are ours, and they are all checked.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

import pymysql
import sqlalchemy as sa

from testdatagen.errors import DatabaseError, Diagnostic
from testdatagen.outputs.db.mysql_rows import q

__all__ = [
    "OLD_PREFIX",
    "STAGE_PREFIX",
    "add_keys",
    "check_references",
    "drop_leftovers",
    "drop_tables",
    "load_lock",
]

STAGE_PREFIX = "_tdg_stage_"
OLD_PREFIX = "_tdg_old_"
LOCK_WAIT_SECONDS = 30


@contextlib.contextmanager
def load_lock(cur: Any, where: str) -> Iterator[None]:
    """One tdg load per database at a time (released by the server if we are killed).

    Holding it is what makes every ``_tdg_stage_*`` table found at the start
    a leftover of a dead run, safe to drop.
    """
    cur.execute("SELECT GET_LOCK(CONCAT('tdg_load:', DATABASE()), %s)", (LOCK_WAIT_SECONDS,))
    if cur.fetchone()[0] != 1:
        message = f"another tdg load into {where} is still running"
        hint = f"waited {LOCK_WAIT_SECONDS} s; run the loads one after the other"
        raise DatabaseError([Diagnostic("TDG620", message, hint=hint)])
    try:
        yield
    finally:
        with contextlib.suppress(pymysql.MySQLError):
            cur.execute("SELECT RELEASE_LOCK(CONCAT('tdg_load:', DATABASE()))")


def drop_leftovers(cur: Any) -> list[str]:
    """Drop staging and swapped-out tables left by killed runs; return their names."""
    cur.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
        "AND (table_name LIKE %s OR table_name LIKE %s)",
        (_like(STAGE_PREFIX), _like(OLD_PREFIX)),
    )
    names = sorted(r[0] for r in cur.fetchall())
    drop_tables(cur, names)
    return names


def drop_tables(cur: Any, tables: Iterable[str], *, quiet: bool = False) -> None:
    names = list(tables)
    if not names:
        return
    try:
        with _no_fk_checks(cur):
            cur.execute("DROP TABLE IF EXISTS " + ", ".join(q(n) for n in names))
    except pymysql.MySQLError:
        if not quiet:
            raise


def add_keys(cur: Any, table: str, statements: list[str]) -> None:
    """All of one staged table's keys in one ALTER TABLE (one pass over its rows)."""
    if not statements:
        return
    head = f"ALTER TABLE {q(table)} "
    assert all(s.startswith(head) for s in statements), statements
    with _no_fk_checks(cur):
        cur.execute(head + ", ".join(s[len(head) :] for s in statements))


def check_references(cur: Any, table: sa.Table, model: dict[str, str]) -> None:
    """Fail if any row of ``table`` has a non-NULL foreign key with no parent row.

    ``model`` maps physical (staged) names back to the names people know.
    """
    for fk in table.foreign_key_constraints:
        pairs = [(e.parent.name, e.column.name) for e in fk.elements]
        parent = fk.referred_table.name
        present = " AND ".join(f"c.{q(c)} IS NOT NULL" for c, _ in pairs)
        match = " AND ".join(f"p.{q(p)} = c.{q(c)}" for c, p in pairs)
        cur.execute(
            f"SELECT {', '.join(f'c.{q(c)}' for c, _ in pairs)} FROM {q(table.name)} c "
            f"WHERE {present} AND NOT EXISTS "
            f"(SELECT 1 FROM {q(parent)} p WHERE {match}) LIMIT 1"
        )
        orphan = cur.fetchone()
        if orphan is not None:
            columns = ", ".join(c for c, _ in pairs)
            raise pymysql.err.IntegrityError(
                1452,
                f"foreign key ({columns}) = {tuple(orphan)!r} has no row in "
                f"'{model.get(parent, parent)}'",
            )


@contextlib.contextmanager
def _no_fk_checks(cur: Any) -> Iterator[None]:
    cur.execute("SET SESSION foreign_key_checks = 0")
    try:
        yield
    finally:
        with contextlib.suppress(pymysql.MySQLError):  # keep the original error
            cur.execute("SET SESSION foreign_key_checks = 1")


def _like(prefix: str) -> str:
    return prefix.replace("_", "\\_") + "%"
