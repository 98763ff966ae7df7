"""SIGKILL a process midway through a large load: no table may be left partial and visible."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
import pymysql
import pytest

from testdatagen.outputs.db import load_dataset, load_options

from .data import make_dataset

WORKER = Path(__file__).with_name("kill_worker.py")
ROOT = Path(__file__).parents[2]


def _kill_midway(url: str, *options: str, sig: signal.Signals = signal.SIGKILL) -> list[str]:
    """Start the load, wait until the second table is being written, then signal it.

    Returns the worker's remaining output lines.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with subprocess.Popen(
        [sys.executable, str(WORKER), url, *options], stdout=subprocess.PIPE, text=True, env=env
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            table, rows = line.split()
            if table == "child" and int(rows) >= 50_000:
                proc.send_signal(sig)
                break
        rest = proc.stdout.read().splitlines()
        proc.wait(timeout=60)
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    return rest


def _assert_all_or_nothing(count: Callable[[str], int | None]) -> None:
    parent, child = count("parent"), count("child")
    # Either nothing is visible, or (never here, as we killed it) everything.
    assert (parent, child) in ((None, None), (20_000, 400_000)), (parent, child)


def test_sqlite_kill(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    _kill_midway(f"sqlite:///{path}")
    conn = sqlite3.connect(path)  # rolls the hot journal back

    def count(table: str) -> int | None:
        try:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        except sqlite3.OperationalError:
            return None

    _assert_all_or_nothing(count)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


@pytest.mark.services
def test_postgres_kill(postgres_url: str) -> None:
    schema = f"tdg_k_{uuid.uuid4().hex[:10]}"
    try:
        _kill_midway(postgres_url, f"schema={schema}")
        with psycopg.connect(postgres_url) as conn:

            def count(table: str) -> int | None:
                row = conn.execute("SELECT to_regclass(%s)", (f'"{schema}".{table}',)).fetchone()
                if row is None or row[0] is None:
                    return None
                return int(conn.execute(f'SELECT count(*) FROM "{schema}".{table}').fetchone()[0])  # type: ignore[arg-type,index]

            _assert_all_or_nothing(count)
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')  # type: ignore[arg-type]


def _staging(cur: Any) -> set[str]:
    cur.execute("SHOW TABLES")
    return {r[0] for r in cur.fetchall() if r[0].startswith(("_tdg_stage_", "_tdg_old_"))}


def _assert_next_load_cleans_up(cur: Any, url: str) -> None:
    """The killed run's staging tables stay (invisible) until the next load drops them."""
    assert _staging(cur) == {"_tdg_stage_parent", "_tdg_stage_child"}
    load_dataset(make_dataset(), load_options({"url": url}, kind="mysql"))
    assert _staging(cur) == set()


@pytest.mark.services
def test_mysql_kill(mysql_url: str) -> None:
    parts = urlsplit(mysql_url)
    name = f"tdg_k_{uuid.uuid4().hex[:10]}"
    conn = pymysql.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=parts.username or "root",
        password=parts.password or "",
        autocommit=True,
    )
    cur = conn.cursor()
    cur.execute(f"CREATE DATABASE `{name}`")
    try:
        url = mysql_url.rsplit("/", 1)[0] + "/" + name
        _kill_midway(url)
        cur.execute(f"USE `{name}`")

        def count(table: str) -> int | None:
            cur.execute("SHOW TABLES LIKE %s", (table,))
            if not cur.fetchall():
                return None
            cur.execute(f"SELECT count(*) FROM `{table}`")
            return int(cur.fetchone()[0])

        _assert_all_or_nothing(count)
        _assert_next_load_cleans_up(cur, url)
    finally:
        cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        conn.close()


@pytest.mark.services
def test_mysql_sigint_drops_staging_tables(mysql_url: str) -> None:
    """Issue: Ctrl-C gave TDG620 "(0, '')" and left _tdg_stage_* tables behind."""
    parts = urlsplit(mysql_url)
    name = f"tdg_k_{uuid.uuid4().hex[:10]}"
    conn = pymysql.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=parts.username or "root",
        password=parts.password or "",
        autocommit=True,
    )
    cur = conn.cursor()
    cur.execute(f"CREATE DATABASE `{name}`")
    try:
        url = mysql_url.rsplit("/", 1)[0] + "/" + name
        for method in ("load_data", "insert"):
            rest = _kill_midway(url, f"method={method}", sig=signal.SIGINT)
            assert rest[-1:] == ["KeyboardInterrupt"], rest
            cur.execute(f"USE `{name}`")
            cur.execute("SHOW TABLES")
            assert {r[0] for r in cur.fetchall()} == set()
    finally:
        cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        conn.close()
