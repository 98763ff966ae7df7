"""MariaDB/MySQL loader against the real server: round trip, modes, staging + atomic rename."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa
import pymysql
import pytest

from testdatagen.engine.dataset import ArrowDataset
from testdatagen.errors import DatabaseError
from testdatagen.outputs.db import load_dataset, load_options

from .data import SCHEMA, make_dataset, make_tables
from .readback import comparable, expected_rows, normalize, server_value

pytestmark = pytest.mark.services


def _connect(url: str, database: str | None = None) -> Any:
    parts = urlsplit(url)
    return pymysql.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=parts.username or "root",
        password=parts.password or "",
        database=database,
        charset="utf8mb4",
    )


@pytest.fixture
def my_db(mysql_url: str) -> Iterator[str]:
    """A fresh database; yields its URL."""
    name = f"tdg_t_{uuid.uuid4().hex[:10]}"
    conn = _connect(mysql_url)
    conn.cursor().execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
    yield mysql_url.rsplit("/", 1)[0] + "/" + name
    conn.cursor().execute(f"DROP DATABASE IF EXISTS `{name}`")
    conn.close()


def _load(url: str, dataset: ArrowDataset, **options: Any) -> None:
    load_dataset(dataset, load_options({"url": url, **options}, kind="mysql"))


def _query(url: str, sql: str) -> list[tuple[Any, ...]]:
    conn = _connect(url, url.rsplit("/", 1)[1])
    try:
        cur = conn.cursor()
        cur.execute(sql)
        return list(cur.fetchall())
    finally:
        conn.close()


def _tables(url: str) -> set[str]:
    return {r[0] for r in _query(url, "SHOW TABLES")}


@pytest.mark.parametrize("method", ["load_data", "insert"])
def test_round_trip_equals_arrow_data(my_db: str, method: str) -> None:
    dataset = make_dataset()
    _load(my_db, dataset, method=method)
    for table in dataset.tables:
        got = normalize(
            _query(my_db, f"SELECT * FROM `{table}`"), dataset.arrow_schema(table), server_value
        )
        assert comparable(got) == comparable(expected_rows(dataset, table)), table
    assert _tables(my_db) == {"people", "accounts", "entries"}


def test_constraints_exist(my_db: str) -> None:
    _load(my_db, make_dataset())
    ddl = _query(my_db, "SHOW CREATE TABLE entries")[0][1]
    assert "FOREIGN KEY (`acc_region`, `acc_number`) REFERENCES `accounts`" in ddl
    assert "CHECK" in ddl and "UNIQUE KEY" in ddl
    people = _query(my_db, "SHOW CREATE TABLE people")[0][1]
    assert "enum('happy','it''s ok')" in people and "REFERENCES `people`" in people


def test_fail_mode_changes_nothing(my_db: str) -> None:
    _load(my_db, make_dataset())
    before = _query(my_db, "SELECT * FROM people ORDER BY id")
    with pytest.raises(DatabaseError) as info:
        _load(my_db, make_dataset(3))
    assert info.value.diagnostics[0].code == "TDG630"
    assert _query(my_db, "SELECT * FROM people ORDER BY id") == before


@pytest.mark.parametrize("mode", ["replace", "truncate"])
def test_replace_and_truncate(my_db: str, mode: str) -> None:
    _load(my_db, make_dataset())
    _load(my_db, make_dataset(5), if_exists=mode)
    _load(my_db, make_dataset(4), if_exists=mode)  # twice: constraint names must not collide
    assert len(_query(my_db, "SELECT * FROM people")) == 4
    assert _tables(my_db) == {"people", "accounts", "entries"}


def test_append(my_db: str) -> None:
    people = make_tables(6)["people"]
    _load(my_db, ArrowDataset(SCHEMA, {"people": people.slice(0, 3)}))
    _load(my_db, ArrowDataset(SCHEMA, {"people": people.slice(3)}), if_exists="append")
    assert sorted(r[0] for r in _query(my_db, "SELECT id FROM people")) == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("method", ["load_data", "insert"])
def test_failure_in_third_table_leaves_nothing(my_db: str, method: str) -> None:
    with pytest.raises(DatabaseError) as info:
        _load(my_db, make_dataset(bad_entry=True), method=method)
    assert "entries" in info.value.diagnostics[0].message
    assert _tables(my_db) == set()  # no final tables and no staging left behind


@pytest.mark.parametrize("mode", ["replace", "truncate", "append"])
def test_failure_keeps_old_data(my_db: str, mode: str) -> None:
    _load(my_db, make_dataset())
    before = {t: _query(my_db, f"SELECT * FROM `{t}`") for t in ("people", "accounts", "entries")}
    with pytest.raises(DatabaseError):
        _load(my_db, make_dataset(4, bad_entry=True), if_exists=mode)
    assert {t: _query(my_db, f"SELECT * FROM `{t}`") for t in before} == before
    assert _tables(my_db) == set(before)


def test_wrong_password_is_clear_and_redacted(mysql_url: str) -> None:
    parts = urlsplit(mysql_url)
    bad = f"mysql://root:s3cr3t-pw@{parts.hostname}:{parts.port}/test"
    with pytest.raises(DatabaseError) as info:
        load_dataset(make_dataset(), load_options({"url": bad}, kind="mysql"))
    text = str(info.value) + repr(info.value.diagnostics)
    assert "s3cr3t-pw" not in text
    assert info.value.diagnostics[0].code == "TDG611"


@pytest.mark.parametrize("bad", ["orphan_entry", "duplicate_token"])
@pytest.mark.parametrize("method", ["load_data", "insert"])
def test_keys_added_after_load_still_reject_bad_rows(my_db: str, bad: str, method: str) -> None:
    """Unique and foreign keys come after the data now; a bad row still fails everything."""
    with pytest.raises(DatabaseError) as info:
        _load(my_db, make_dataset(**{bad: True}), method=method)
    diagnostic = info.value.diagnostics[0]
    assert diagnostic.code == "TDG620"
    assert ("people" if bad == "duplicate_token" else "entries") in diagnostic.message
    assert _tables(my_db) == set()


def test_every_key_is_enforced_after_the_load(my_db: str) -> None:
    _load(my_db, make_dataset())
    conn = _connect(my_db, my_db.rsplit("/", 1)[1])
    try:
        cur = conn.cursor()
        for statement in (
            "INSERT INTO entries VALUES (1, 'eu', 1, 1, 'x')",  # primary key
            "INSERT INTO entries VALUES (99, 'zz', 9, 1, 'x')",  # foreign key
            "INSERT INTO entries VALUES (98, 'eu', 1, -5000, 'y')",  # check
            "INSERT INTO people (id, name, token) SELECT 99, 'x', token FROM people "
            "WHERE token IS NOT NULL LIMIT 1",  # unique
        ):
            with pytest.raises(pymysql.err.MySQLError):
                cur.execute(statement)
    finally:
        conn.close()


def _people_then_accounts(orphan: bool) -> tuple[ArrowDataset, ArrowDataset]:
    tables = make_tables(6)
    accounts = tables["accounts"]
    if orphan:
        owners = accounts.column("owner_id").to_pylist()
        accounts = accounts.set_column(
            2, accounts.schema.field(2), pa.array([*owners[:-1], 999], pa.int64())
        )
    first = ArrowDataset(SCHEMA, {"people": tables["people"].slice(0, 3)})
    second = ArrowDataset(SCHEMA, {"people": tables["people"].slice(3), "accounts": accounts})
    return first, second


def test_new_table_may_reference_rows_appended_in_the_same_load(my_db: str) -> None:
    first, second = _people_then_accounts(orphan=False)
    _load(my_db, first)
    _load(my_db, second, if_exists="append")  # accounts point at people 4..6, appended here
    assert _query(my_db, "SELECT count(*) FROM people")[0][0] == 6
    assert _query(my_db, "SELECT count(*) FROM accounts")[0][0] == 8


def test_bad_new_table_keeps_appended_rows_uncommitted(my_db: str) -> None:
    """The staged table's foreign keys are checked before the append is committed."""
    first, second = _people_then_accounts(orphan=True)
    _load(my_db, first)
    with pytest.raises(DatabaseError) as info:
        _load(my_db, second, if_exists="append")
    assert "accounts" in info.value.diagnostics[0].message
    assert _query(my_db, "SELECT count(*) FROM people")[0][0] == 3
    assert _tables(my_db) == {"people"}


def test_leftover_staging_tables_are_dropped_by_the_next_load(my_db: str) -> None:
    conn = _connect(my_db, my_db.rsplit("/", 1)[1])
    try:
        cur = conn.cursor()
        cur.execute("CREATE TABLE _tdg_stage_people (id INT)")  # as a killed run leaves them
        cur.execute("CREATE TABLE _tdg_old_orders (id INT)")
        cur.execute("CREATE TABLE keep_me (id INT)")
    finally:
        conn.close()
    _load(my_db, make_dataset())
    assert _tables(my_db) == {"people", "accounts", "entries", "keep_me"}


def test_a_running_load_holds_the_database(my_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from testdatagen.outputs.db import mysql_stage

    monkeypatch.setattr(mysql_stage, "LOCK_WAIT_SECONDS", 1)
    other = _connect(my_db, my_db.rsplit("/", 1)[1])
    try:
        cur = other.cursor()
        cur.execute("SELECT GET_LOCK(CONCAT('tdg_load:', DATABASE()), 0)")
        assert cur.fetchone()[0] == 1
        cur.execute("CREATE TABLE _tdg_stage_people (id INT)")  # a live run's staging table
        with pytest.raises(DatabaseError) as info:
            _load(my_db, make_dataset())
        assert "another tdg load" in info.value.diagnostics[0].message
        assert "_tdg_stage_people" in _tables(my_db)  # not dropped: its owner is alive
    finally:
        other.close()


@pytest.mark.parametrize("method", ["load_data", "insert"])
def test_sequences_advanced_after_load(my_db: str, method: str) -> None:
    """Issue (PG serial sequences): MariaDB's AUTO_INCREMENT must follow loaded ids by itself."""
    people = make_tables(6)["people"]
    _load(my_db, ArrowDataset(SCHEMA, {"people": people.slice(0, 3)}))
    _query(my_db, "ALTER TABLE people MODIFY id BIGINT NOT NULL AUTO_INCREMENT")
    _load(
        my_db,
        ArrowDataset(SCHEMA, {"people": people.slice(3)}),
        if_exists="append",
        method=method,
    )
    conn = _connect(my_db, my_db.rsplit("/", 1)[1])
    try:
        cur = conn.cursor()
        cur.execute("INSERT INTO people (name) VALUES ('plain')")
        assert cur.lastrowid == 7
        conn.rollback()
    finally:
        conn.close()


def test_url_query_parameters_reach_pymysql(my_db: str) -> None:
    """Issue: query parameters were silently dropped (MySQL side: charset, ssl_*)."""
    _load(my_db + "?charset=utf8mb4&read_timeout=30", make_dataset())
    with pytest.raises(DatabaseError) as info:
        _load(my_db + "?sslmode=require", make_dataset())
    assert info.value.diagnostics[0].code == "TDG614"
