"""SQLite loader: exact round trip, if_exists modes, atomicity."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testdatagen.engine.dataset import ArrowDataset
from testdatagen.errors import DatabaseError
from testdatagen.model import OutputSpec
from testdatagen.outputs.db import DatabaseOutput, load_dataset, load_options

from .data import SCHEMA, make_dataset, make_tables
from .readback import comparable, expected_rows, normalize, sqlite_value


def _load(path: Path, dataset: ArrowDataset, **options: object) -> None:
    opts = load_options({"url": f"sqlite:///{path}", **options}, kind="sqlite")  # type: ignore[dict-item]
    load_dataset(dataset, opts)


def _read(path: Path, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f'SELECT * FROM "{table}"').fetchall()


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_round_trip_equals_arrow_data(tmp_path: Path) -> None:
    path = tmp_path / "out.db"
    dataset = make_dataset()
    _load(path, dataset)
    for table in dataset.tables:
        got = normalize(_read(path, table), dataset.arrow_schema(table), sqlite_value)
        assert comparable(got) == comparable(expected_rows(dataset, table)), table


def test_constraints_are_in_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "out.db"
    _load(path, make_dataset())
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        fks = conn.execute("PRAGMA foreign_key_list(entries)").fetchall()
        assert {(r[2], r[3], r[4]) for r in fks} == {
            ("accounts", "acc_region", "region"),
            ("accounts", "acc_number", "number"),
        }
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO entries VALUES (99, 'eu', 1, -5000, 'x')")  # check
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO people (id, name, mood) VALUES (99, 'x', 'angry')")  # enum


def test_output_from_spec_relative_file(tmp_path: Path) -> None:
    output = DatabaseOutput(OutputSpec(kind="sqlite", options={"file": "sub/dev.db"}), tmp_path)
    result = output.write(make_dataset())
    assert [i.table for i in result.items] == ["people", "accounts", "entries"]
    assert [i.rows for i in result.items] == [14, 8, 20]
    assert _tables(tmp_path / "sub" / "dev.db") == {"people", "accounts", "entries"}


def test_fail_mode_refuses_existing_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "out.db"
    _load(path, make_dataset())
    before = _read(path, "people")
    with pytest.raises(DatabaseError) as info:
        _load(path, make_dataset(3))
    assert info.value.diagnostics[0].code == "TDG630"
    assert _read(path, "people") == before


@pytest.mark.parametrize("mode", ["replace", "truncate"])
def test_replace_and_truncate_leave_only_the_new_rows(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "out.db"
    _load(path, make_dataset())
    _load(path, make_dataset(5), if_exists=mode)
    assert len(_read(path, "people")) == 5
    assert len(_read(path, "entries")) == 20


def test_append_adds_rows(tmp_path: Path) -> None:
    path = tmp_path / "out.db"
    people = make_tables(6)["people"]
    first = ArrowDataset(SCHEMA, {"people": people.slice(0, 3)})
    second = ArrowDataset(SCHEMA, {"people": people.slice(3)})
    _load(path, first)
    _load(path, second, if_exists="append")
    assert sorted(r[0] for r in _read(path, "people")) == [1, 2, 3, 4, 5, 6]


def test_failure_in_third_table_rolls_back_everything(tmp_path: Path) -> None:
    path = tmp_path / "out.db"
    with pytest.raises(DatabaseError) as info:
        _load(path, make_dataset(bad_entry=True))
    assert "entries" in info.value.diagnostics[0].message
    assert _tables(path) == set()


def test_failure_during_replace_keeps_old_data(tmp_path: Path) -> None:
    path = tmp_path / "out.db"
    _load(path, make_dataset())
    before = {t: _read(path, t) for t in ("people", "accounts", "entries")}
    with pytest.raises(DatabaseError):
        _load(path, make_dataset(4, bad_entry=True), if_exists="replace")
    assert {t: _read(path, t) for t in before} == before


def test_per_table_transactions_keep_finished_tables(tmp_path: Path) -> None:
    path = tmp_path / "out.db"
    with pytest.raises(DatabaseError):
        _load(path, make_dataset(bad_entry=True), transaction="table")
    assert _tables(path) == {"people", "accounts"}
    assert len(_read(path, "accounts")) == 8


def test_bad_option_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError) as info:
        load_options({"url": "sqlite:///x.db", "if_exists": "overwrite"}, kind="sqlite")
    assert "replace" in (info.value.diagnostics[0].hint or "")


_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.lists(st.one_of(st.none(), _text), min_size=1, max_size=20))
def test_any_text_round_trips(tmp_path: Path, values: list[str | None]) -> None:
    table = make_tables(len(values))["people"]
    table = table.set_column(2, "bio", pa.array(values, pa.string()))
    path = tmp_path / f"h{abs(hash(tuple(values)))}.db"
    _load(path, ArrowDataset(SCHEMA, {"people": table}))
    assert [r[2] for r in sorted(_read(path, "people"))] == values


@pytest.mark.parametrize("bad", ["duplicate_token", "orphan_entry"])
def test_keys_built_after_insert_still_reject_bad_rows(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "out.db"
    with pytest.raises(DatabaseError) as info:
        _load(path, make_dataset(**{bad: True}))
    assert info.value.diagnostics[0].code == "TDG620"
    assert ("people" if bad == "duplicate_token" else "entries") in info.value.diagnostics[
        0
    ].message
    assert _tables(path) == set()


def test_unique_keys_are_enforced_after_the_load(tmp_path: Path) -> None:
    path = tmp_path / "out.db"
    _load(path, make_dataset())
    with sqlite3.connect(path) as conn:
        unique = {
            tuple(r[2] for r in conn.execute(f"PRAGMA index_info('{row[1]}')"))
            for row in conn.execute("PRAGMA index_list('entries')")
            if row[2] and row[3] == "c"  # unique, created by CREATE INDEX
        }
        assert unique == {("acc_region", "acc_number", "note")}
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO people (id, name, token) SELECT 99, 'x', token FROM people "
                "WHERE token IS NOT NULL LIMIT 1"
            )


def test_sqlite_missing_parent_directories(tmp_path: Path) -> None:
    """Issue: sqlite:////nonexistent/dir/x.db creates directories: kept (documented); an
    uncreatable directory is a clear TDG612."""
    _load(tmp_path / "new" / "dir" / "x.db", make_dataset())
    assert (tmp_path / "new" / "dir" / "x.db").is_file()
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(DatabaseError) as info:
        _load(blocker / "dir" / "x.db", make_dataset())
    assert info.value.diagnostics[0].code == "TDG612"
    assert "directory" in info.value.diagnostics[0].message
