"""PostgreSQL loader against the real server: exact round trip, modes, atomicity."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from testdatagen.engine.dataset import ArrowDataset
from testdatagen.errors import DatabaseError
from testdatagen.outputs.db import load_dataset, load_options

from .data import SCHEMA, make_dataset, make_tables
from .readback import comparable, expected_rows, normalize, server_value

pytestmark = pytest.mark.services


@pytest.fixture
def pg_schema(postgres_url: str) -> Iterator[str]:
    name = f"tdg_t_{uuid.uuid4().hex[:10]}"
    yield name
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')  # type: ignore[arg-type]


def _load(url: str, schema: str, dataset: ArrowDataset, **options: Any) -> None:
    load_dataset(
        dataset, load_options({"url": url, "schema": schema, **options}, kind="postgresql")
    )


def _read(url: str, schema: str, table: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(url) as conn:
        return conn.execute(f'SELECT * FROM "{schema}"."{table}"').fetchall()  # type: ignore[arg-type]


def _tables(url: str, schema: str) -> set[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,)
        ).fetchall()
    return {r[0] for r in rows}


@pytest.mark.parametrize("method", ["copy", "insert"])
def test_round_trip_equals_arrow_data(postgres_url: str, pg_schema: str, method: str) -> None:
    dataset = make_dataset()
    _load(postgres_url, pg_schema, dataset, method=method)
    for table in dataset.tables:
        got = normalize(
            _read(postgres_url, pg_schema, table), dataset.arrow_schema(table), server_value
        )
        assert comparable(got) == comparable(expected_rows(dataset, table)), table


def test_native_types_and_constraints(postgres_url: str, pg_schema: str) -> None:
    _load(postgres_url, pg_schema, make_dataset())
    with psycopg.connect(postgres_url) as conn:
        types = dict(
            conn.execute(
                "SELECT column_name, udt_name FROM information_schema.columns "
                "WHERE table_schema = %s AND table_name = 'people'",
                (pg_schema,),
            ).fetchall()
        )
        assert types["token"] == "uuid" and types["mood"] == "mood"
        assert types["seen_tz"] == "timestamptz" and types["seen_at"] == "timestamp"
        kinds = {
            r[0]
            for r in conn.execute(
                "SELECT contype FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                "WHERE n.nspname = %s AND conrelid::regclass::text LIKE %s",
                (pg_schema, "%entries"),
            ).fetchall()
        }
        assert kinds == {"p", "f", "u", "c"}


def test_fail_mode_changes_nothing(postgres_url: str, pg_schema: str) -> None:
    _load(postgres_url, pg_schema, make_dataset())
    before = _read(postgres_url, pg_schema, "people")
    with pytest.raises(DatabaseError) as info:
        _load(postgres_url, pg_schema, make_dataset(3))
    assert info.value.diagnostics[0].code == "TDG630"
    assert _read(postgres_url, pg_schema, "people") == before


@pytest.mark.parametrize("mode", ["replace", "truncate"])
def test_replace_and_truncate(postgres_url: str, pg_schema: str, mode: str) -> None:
    _load(postgres_url, pg_schema, make_dataset())
    _load(postgres_url, pg_schema, make_dataset(5), if_exists=mode)
    assert len(_read(postgres_url, pg_schema, "people")) == 5


def test_append(postgres_url: str, pg_schema: str) -> None:
    people = make_tables(6)["people"]
    _load(postgres_url, pg_schema, ArrowDataset(SCHEMA, {"people": people.slice(0, 3)}))
    _load(
        postgres_url,
        pg_schema,
        ArrowDataset(SCHEMA, {"people": people.slice(3)}),
        if_exists="append",
    )
    assert sorted(r[0] for r in _read(postgres_url, pg_schema, "people")) == [1, 2, 3, 4, 5, 6]


def test_failure_in_third_table_leaves_nothing(postgres_url: str, pg_schema: str) -> None:
    with pytest.raises(DatabaseError) as info:
        _load(postgres_url, pg_schema, make_dataset(bad_entry=True))
    assert "entries" in info.value.diagnostics[0].message
    assert _tables(postgres_url, pg_schema) == set()


def test_failure_during_replace_keeps_old_data(postgres_url: str, pg_schema: str) -> None:
    _load(postgres_url, pg_schema, make_dataset())
    before = _read(postgres_url, pg_schema, "entries")
    with pytest.raises(DatabaseError):
        _load(postgres_url, pg_schema, make_dataset(4, bad_entry=True), if_exists="replace")
    assert _read(postgres_url, pg_schema, "entries") == before
    assert len(_read(postgres_url, pg_schema, "people")) == 14


def test_wrong_password_is_clear_and_redacted(postgres_url: str) -> None:
    bad = postgres_url.replace("://", "://nosuchuser:s3cr3t-pw@", 1).replace("postgres@", "")
    with pytest.raises(DatabaseError) as info:
        load_dataset(make_dataset(), load_options({"url": bad}, kind="postgresql"))
    text = str(info.value) + repr(info.value.diagnostics)
    assert "s3cr3t-pw" not in text
    assert info.value.diagnostics[0].code == "TDG611"
    assert "127.0.0.1" in text or "localhost" in text


def test_unknown_database_is_clear(postgres_url: str) -> None:
    url = postgres_url.rsplit("/", 1)[0] + "/no_such_db_tdg"
    with pytest.raises(DatabaseError) as info:
        load_dataset(make_dataset(), load_options({"url": url}, kind="postgresql"))
    assert info.value.diagnostics[0].code == "TDG612"
    assert "CREATE DATABASE" in (info.value.diagnostics[0].hint or "")


@pytest.mark.parametrize("bad", ["orphan_entry", "duplicate_token", "bad_entry"])
@pytest.mark.parametrize("transaction", ["all", "table"])
def test_keys_added_after_copy_still_reject_bad_rows(
    postgres_url: str, pg_schema: str, bad: str, transaction: str
) -> None:
    """Keys come after the data now; a violating row must still fail its load."""
    with pytest.raises(DatabaseError) as info:
        _load(postgres_url, pg_schema, make_dataset(**{bad: True}), transaction=transaction)
    diagnostic = info.value.diagnostics[0]
    assert diagnostic.code == "TDG620"
    table = "people" if bad == "duplicate_token" else "entries"
    assert table in diagnostic.message
    # Per-table commits keep the tables finished before the bad one, never an empty one.
    finished = {"people", "accounts"} if transaction == "table" and table == "entries" else set()
    assert _tables(postgres_url, pg_schema) == finished


def test_every_key_is_enforced_after_the_load(postgres_url: str, pg_schema: str) -> None:
    _load(postgres_url, pg_schema, make_dataset())
    bad_rows = [
        "INSERT INTO {s}.entries VALUES (1, 'eu', 1, 1, 'x')",  # primary key
        "INSERT INTO {s}.entries VALUES (99, 'zz', 9, 1, 'x')",  # foreign key
        "INSERT INTO {s}.entries VALUES (98, 'eu', 1, -5000, 'y')",  # check
        "INSERT INTO {s}.people (id, name, token) SELECT 99, 'x', token FROM {s}.people "
        "WHERE token IS NOT NULL LIMIT 1",  # unique
    ]
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        for statement in bad_rows:
            with pytest.raises(psycopg.errors.IntegrityError):
                conn.execute(statement.format(s=f'"{pg_schema}"').encode())


def test_append_into_existing_tables_keeps_their_keys(postgres_url: str, pg_schema: str) -> None:
    _load(postgres_url, pg_schema, make_dataset())
    with pytest.raises(DatabaseError):  # the same ids again: the existing primary key says no
        _load(postgres_url, pg_schema, make_dataset(), if_exists="append")
    assert len(_read(postgres_url, pg_schema, "people")) == 14


def test_url_sslmode_require_is_not_dropped(postgres_url: str) -> None:
    """Issue: ?sslmode=require was silently dropped and the load succeeded without SSL."""
    with psycopg.connect(postgres_url) as conn:
        ssl = conn.execute("SHOW ssl").fetchone()
    if ssl is None or ssl[0] != "off":
        pytest.skip("the test server has ssl on")
    url = postgres_url + ("&" if "?" in postgres_url else "?") + "sslmode=require"
    with pytest.raises(DatabaseError) as info:
        load_dataset(make_dataset(), load_options({"url": url}, kind="postgresql"))
    diagnostic = info.value.diagnostics[0]
    assert diagnostic.code == "TDG610"
    assert "ssl" in (diagnostic.message + (diagnostic.hint or "")).lower()


def test_url_options_search_path_takes_effect(postgres_url: str, pg_schema: str) -> None:
    """Issue: ?options=-csearch_path=… was silently dropped."""
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{pg_schema}"'.encode())
    url = postgres_url + ("&" if "?" in postgres_url else "?")
    url += f"options=-csearch_path%3D{pg_schema}&application_name=tdg_test"
    load_dataset(make_dataset(), load_options({"url": url}, kind="postgresql"))
    assert _tables(postgres_url, pg_schema) == {"people", "accounts", "entries"}


@pytest.mark.parametrize("identity", ["serial", "identity"])
@pytest.mark.parametrize("mode", ["truncate", "append"])
def test_sequences_advanced_after_load(
    postgres_url: str, pg_schema: str, identity: str, mode: str
) -> None:
    """Issue: serial/identity sequences stayed behind the loaded ids; INSERTs then collided."""
    people = make_tables(6)["people"]
    _load(postgres_url, pg_schema, ArrowDataset(SCHEMA, {"people": people.slice(0, 3)}))
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        table = f'"{pg_schema}".people'
        if identity == "serial":
            conn.execute(f"CREATE SEQUENCE {table}_id_seq OWNED BY {table}.id".encode())
            conn.execute(
                f"ALTER TABLE {table} ALTER id SET DEFAULT nextval('{table}_id_seq')".encode()
            )
        else:
            conn.execute(
                f"ALTER TABLE {table} ALTER id ADD GENERATED BY DEFAULT AS IDENTITY".encode()
            )
    _load(
        postgres_url,
        pg_schema,
        ArrowDataset(SCHEMA, {"people": people if mode == "truncate" else people.slice(3)}),
        if_exists=mode,
    )
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        new_id = conn.execute(
            f"INSERT INTO \"{pg_schema}\".people (name) VALUES ('plain') RETURNING id".encode()
        ).fetchone()
    assert new_id == (7,)


def test_no_usable_schema_is_permission_error(postgres_url: str, pg_schema: str) -> None:
    """Issue: a role without USAGE on its schema got 'internal error: AssertionError'."""
    role = f"tdg_r_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{pg_schema}"'.encode())
        conn.execute(f"CREATE ROLE {role} LOGIN".encode())
    try:
        parts = postgres_url.split("://", 1)[1].split("@", 1)[-1].split("?", 1)[0]
        url = f"postgresql://{role}@{parts}?options=-csearch_path%3D{pg_schema}"
        with pytest.raises(DatabaseError) as info:
            load_dataset(make_dataset(), load_options({"url": url}, kind="postgresql"))
        diagnostic = info.value.diagnostics[0]
        assert diagnostic.code == "TDG613"
        assert "GRANT USAGE" in (diagnostic.hint or "")
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f"DROP ROLE IF EXISTS {role}".encode())


@pytest.mark.parametrize("method", ["copy", "insert"])
def test_generated_always_identity_takes_the_loaded_ids(
    postgres_url: str, pg_schema: str, method: str
) -> None:
    """Issue: method 'insert' into an existing GENERATED ALWAYS identity column failed
    ("cannot insert a non-DEFAULT value"); COPY always loaded the given ids."""
    people = make_tables(6)["people"]
    _load(postgres_url, pg_schema, ArrowDataset(SCHEMA, {"people": people.slice(0, 3)}))
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(
            f'ALTER TABLE "{pg_schema}".people ALTER id ADD GENERATED ALWAYS AS IDENTITY'.encode()
        )
    rest = ArrowDataset(SCHEMA, {"people": people.slice(3)})
    _load(postgres_url, pg_schema, rest, if_exists="append", method=method)
    ids = sorted(r[0] for r in _read(postgres_url, pg_schema, "people"))
    assert ids == sorted(people.column("id").to_pylist())
