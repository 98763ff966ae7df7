"""The generic SQLAlchemy loader, exercised with SQLite through ``sqlite+pysqlite:///``."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from testdatagen.engine.dataset import ArrowDataset
from testdatagen.errors import DatabaseError
from testdatagen.model import OutputSpec
from testdatagen.outputs.db import DatabaseOutput, load_dataset, load_options
from testdatagen.outputs.sql.ddl import build_ddl

from .data import SCHEMA, make_dataset, make_tables
from .readback import comparable, expected_rows


def _options(path: Path, **options: Any) -> Any:
    url = f"sqlite+pysqlite:///{path}"
    return load_options({"url": url, "method": "generic", **options}, kind="database")


def _load(path: Path, dataset: ArrowDataset, **options: Any) -> None:
    load_dataset(dataset, _options(path, **options))


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _read_typed(path: Path, dataset: ArrowDataset, table: str) -> list[tuple[Any, ...]]:
    """Read back through SQLAlchemy's own result processors (an independent typed reader)."""
    ddl = build_ddl(dataset.schema, "sqlite", tables=dataset.tables)
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.select(ddl.tables[table]))]
    finally:
        engine.dispose()


def _plain(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """SQLite keeps no zone: compare aware timestamps as naive UTC on both sides."""
    import datetime as dt

    def fix(v: Any) -> Any:
        if isinstance(v, dt.datetime) and v.tzinfo is not None:
            return v.astimezone(dt.UTC).replace(tzinfo=None)
        return v

    return sorted((tuple(fix(v) for v in r) for r in rows), key=repr)


def test_routes_to_the_generic_loader(tmp_path: Path) -> None:
    options = _options(tmp_path / "g.db")
    assert options.method == "generic" and options.url.dialect == "generic"
    assert options.url.sqlalchemy_url().startswith("sqlite+pysqlite:///")


def test_round_trip_equals_arrow_data(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    dataset = make_dataset()
    output = DatabaseOutput(
        OutputSpec(
            kind="database",
            options={"url": "sqlite+pysqlite:///g.db", "method": "generic", "batch_rows": 3},
        ),
        tmp_path,
    )
    result = output.write(dataset)
    assert [(i.table, i.rows) for i in result.items] == [
        ("people", 14),
        ("accounts", 8),
        ("entries", 20),
    ]
    for table in dataset.tables:
        got = _read_typed(path, dataset, table)
        assert _plain(comparable(got)) == _plain(expected_rows(dataset, table)), table


def test_constraints_are_created(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    _load(path, make_dataset())
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO entries VALUES (99, 'zz', 9, 1, 'x')")  # foreign key
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO entries VALUES (98, 'eu', 1, -5000, 'y')")  # check


def test_bad_row_fails_the_whole_load_and_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with pytest.raises(DatabaseError) as info:
        _load(path, make_dataset(bad_entry=True))
    assert info.value.diagnostics[0].code == "TDG620"
    assert "entries" in info.value.diagnostics[0].message
    assert _tables(path) == set()


def test_failure_during_replace_keeps_old_data(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    _load(path, make_dataset())
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT * FROM people ORDER BY id").fetchall()
    with pytest.raises(DatabaseError):
        _load(path, make_dataset(4, bad_entry=True), if_exists="replace")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT * FROM people ORDER BY id").fetchall() == before


@pytest.mark.parametrize(("mode", "expected"), [("replace", 5), ("truncate", 5), ("append", None)])
def test_if_exists_modes(tmp_path: Path, mode: str, expected: int | None) -> None:
    path = tmp_path / "g.db"
    people = make_tables(10)["people"]
    _load(path, ArrowDataset(SCHEMA, {"people": people.slice(0, 5)}))
    second = people.slice(5) if mode == "append" else people.slice(0, 5)
    _load(path, ArrowDataset(SCHEMA, {"people": second}), if_exists=mode)
    with sqlite3.connect(path) as conn:
        count = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    assert count == (expected or 10)


def test_fail_mode_refuses_existing_tables(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    _load(path, make_dataset())
    with pytest.raises(DatabaseError) as info:
        _load(path, make_dataset())
    assert info.value.diagnostics[0].code == "TDG630"


def test_per_table_transactions_keep_finished_tables(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with pytest.raises(DatabaseError):
        _load(path, make_dataset(bad_entry=True), transaction="table")
    assert _tables(path) == {"people", "accounts"}


def test_unknown_scheme_goes_generic_and_names_the_missing_driver() -> None:
    options = load_options({"url": "nosuchdb+nodriver://u:pw-123@h/db"}, kind="database")
    assert options.method == "generic"
    with pytest.raises(DatabaseError) as info:
        load_dataset(make_dataset(), options)
    text = str(info.value) + repr(info.value.diagnostics)
    assert info.value.diagnostics[0].code == "TDG614"
    assert "pw-123" not in text and "***" in text


def test_generic_method_only_for_database_kind() -> None:
    with pytest.raises(DatabaseError) as info:
        load_options({"url": "sqlite:///x.db", "method": "generic"}, kind="sqlite")
    assert info.value.diagnostics[0].code == "TDG602"


@pytest.mark.services
def test_generic_path_on_postgresql_round_trips_and_replaces(postgres_url: str) -> None:
    import uuid

    import psycopg

    from .readback import normalize, server_value

    schema = f"tdg_g_{uuid.uuid4().hex[:10]}"
    url = postgres_url.replace("postgresql://", "postgresql+psycopg://", 1)
    options = {"url": url, "method": "generic", "schema": schema}
    try:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"'.encode())
        dataset = make_dataset()
        load_dataset(dataset, load_options(options, kind="database"))
        load_dataset(dataset, load_options({**options, "if_exists": "replace"}, kind="database"))
        with psycopg.connect(postgres_url) as conn:
            for table in dataset.tables:
                rows = conn.execute(f'SELECT * FROM "{schema}"."{table}"'.encode()).fetchall()
                got = normalize(rows, dataset.arrow_schema(table), server_value)
                assert comparable(got) == comparable(expected_rows(dataset, table)), table
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'.encode())


@pytest.mark.services
def test_generic_path_on_mariadb_round_trips(mysql_url: str) -> None:
    import uuid
    from urllib.parse import urlsplit

    import pymysql

    from .readback import normalize, server_value

    parts = urlsplit(mysql_url)
    name = f"tdg_g_{uuid.uuid4().hex[:10]}"
    conn = pymysql.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=parts.username or "root",
        password=parts.password or "",
        charset="utf8mb4",
        autocommit=True,
    )
    cur = conn.cursor()
    cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
    try:
        url = mysql_url.replace("mysql://", "mysql+pymysql://", 1).rsplit("/", 1)[0] + "/" + name
        dataset = make_dataset()
        load_dataset(dataset, load_options({"url": url, "method": "generic"}, kind="database"))
        cur.execute(f"USE `{name}`")
        for table in dataset.tables:
            cur.execute(f"SELECT * FROM `{table}`")
            got = normalize(list(cur.fetchall()), dataset.arrow_schema(table), server_value)
            assert comparable(got) == comparable(expected_rows(dataset, table)), table
    finally:
        cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        conn.close()
