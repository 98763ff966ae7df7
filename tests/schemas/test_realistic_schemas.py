"""End to end over realistic schemas (tests/schemas/cases): each passes ``tdg check``,
generates, and its data keeps every declared invariant — verified by DuckDB queries
independent of the engine — identically whatever the chunk size or worker count,
and it reads back the same from Parquet, CSV, JSON Lines and SQLite.

These schemas found real bugs: an ISO text date plus a duration joined as text;
``min(date, 'ISO text')`` crashed; ``gross = net + tax`` over decimals failed as
floats; an org chart whose checks read two manager columns took 2**depth; two
composite uniques sharing columns silently repeated values; poisson over negative
bounds wrote values outside them; a reply whose parent must be in the same post
(forum) or a lead in the same team (teams) failed or ran for minutes.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from testdatagen.interfaces.cli.app import app

from .expectations import CASES
from .harness import CASES as CASE_DIR
from .harness import load_case, produce, violations

NAMES = sorted(CASES)
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": ""}


@functools.cache
def _tables(
    name: str, chunk_rows: int = 1000, workers: int = 1, seed: int | None = None
) -> dict[str, pa.Table]:
    path, _ = load_case(name)
    return produce(path, chunk_rows=chunk_rows, workers=workers, seed=seed)


def _assert_sound(name: str, tables: dict[str, pa.Table]) -> None:
    case = CASES[name]
    _, project = load_case(name)
    assert violations(project, tables, case.sql) == []
    for table, count in case.rows.items():
        assert tables[table].num_rows == count, table
    for table, (parent, low, high) in case.per_parent.items():
        parents = tables[parent].num_rows
        assert low * parents <= tables[table].num_rows <= high * parents, table


def test_every_case_file_has_expectations() -> None:
    files = {p.stem for p in CASE_DIR.glob("*.tdg")} - {"common_types"}
    assert files == set(CASES)


@pytest.mark.parametrize("name", NAMES)
def test_check_accepts(name: str) -> None:
    result = CliRunner().invoke(app, ["check", str(CASE_DIR / f"{name}.tdg")], env=ENV)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", NAMES)
def test_invariants_hold(name: str) -> None:
    _assert_sound(name, _tables(name))


@pytest.mark.parametrize("name", NAMES)
def test_same_data_whatever_the_chunk_size(name: str) -> None:
    small, large = _tables(name), _tables(name, chunk_rows=65_536)
    assert small.keys() == large.keys()
    for table in small:
        assert small[table].equals(large[table]), table


@pytest.mark.parametrize("name", ["timetable", "org_chart", "ecommerce_returns"])
def test_same_data_with_two_workers(name: str) -> None:
    one, two = _tables(name), _tables(name, chunk_rows=777, workers=2)
    for table in one:
        assert one[table].equals(two[table]), table


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_other_seeds_and_workers(name: str) -> None:
    for seed in (1, 2, 3):
        tables = _tables(name, seed=seed)
        _assert_sound(name, tables)
        two = _tables(name, chunk_rows=65_536, workers=2, seed=seed)
        for table in tables:
            assert tables[table].equals(two[table]), (seed, table)


def _generate(name: str, out: str, *extra: str) -> None:
    args = ["generate", str(CASE_DIR / f"{name}.tdg"), "-o", out, "-q", "--chunk-rows", "1000"]
    result = CliRunner().invoke(app, [*args, *extra], env=ENV)
    assert result.exit_code == 0, result.output


def _read_back(name: str, tmp_path: Path) -> dict[str, dict[str, int]]:
    """Row counts per table as each output reads back; Parquet must equal the API's
    Arrow tables exactly, and every JSON line must parse."""
    tables = _tables(name)
    for fmt in ("parquet", "csv", "jsonl"):
        _generate(name, str(tmp_path / fmt), "-f", fmt)
    _generate(name, f"sqlite:///{tmp_path / 'out.db'}")
    counts: dict[str, dict[str, int]] = {}
    con = sqlite3.connect(tmp_path / "out.db")
    try:
        for table, data in tables.items():
            assert pq.read_table(tmp_path / "parquet" / f"{table}.parquet").equals(data), table
            lines = (tmp_path / "jsonl" / f"{table}.jsonl").read_text().splitlines()
            records = [json.loads(line) for line in lines]
            assert all(set(r) == set(data.column_names) for r in records), table
            csv_path = tmp_path / "csv" / f"{table}.csv"
            csv_rows = pacsv.read_csv(csv_path).num_rows if data.num_rows else 0
            row = con.execute(f'select count(*) from "{table}"').fetchone()
            counts[table] = {
                "arrow": data.num_rows,
                "jsonl": len(records),
                "csv": csv_rows,
                "sqlite": row[0] if row else -1,
            }
    finally:
        con.close()
    return counts


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.slow)
        if n not in ("ecommerce_returns", "saas_tenants", "geography", "zero_rows", "subscriptions")
        else n
        for n in NAMES
    ],
)
def test_outputs_read_back(name: str, tmp_path: Path) -> None:
    for table, counts in _read_back(name, tmp_path).items():
        assert len(set(counts.values())) == 1, (table, counts)


def test_sqlite_keeps_composite_foreign_keys(tmp_path: Path) -> None:
    """The composite foreign key resolves in the database too, as SQLite reads it."""
    _generate("saas_tenants", f"sqlite:///{tmp_path / 'saas.db'}")
    con = sqlite3.connect(tmp_path / "saas.db")
    dangling = con.execute(
        "select count(*) from issues i left join projects p"
        " on p.tenant_id = i.tenant_id and p.project_no = i.project_no where p.name is null"
    ).fetchone()
    assert dangling == (0,)
    assert con.execute("pragma foreign_key_check").fetchall() == []
    con.close()


@pytest.mark.slow
def test_unique_formats_at_200k_rows() -> None:
    path, project = load_case("unique_formats")
    tables = produce(path, params={"n": 200_000})
    assert tables["logins"].num_rows == 200_000
    assert violations(project, tables) == []
