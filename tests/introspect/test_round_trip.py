"""The acceptance of issue 4 on PostgreSQL, MariaDB and SQLite.

A schema made by real DDL (composite keys, a self-reference, CHECKs, an enum,
unique constraints and a unique index) is introspected, printed as .tdg,
parsed back, generated and loaded into an empty copy made by the same DDL
with every constraint enforced: the load succeeding is the zero-violations
proof, and the copy holds exactly the rows asked for.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from testdatagen.engine import generate
from testdatagen.model import ChoiceGen, Lit, OutputSpec, Ref
from testdatagen.outputs.introspect import introspect
from testdatagen.outputs.registry import create_output

from .conftest import Pair
from .roundtrip import TABLES, counts, round_trip, round_trip_project, self_references

pytestmark = pytest.mark.services

ROWS = 300


def _assert_loaded(pair: Pair) -> None:
    assert counts(pair) == dict.fromkeys(TABLES, ROWS)
    managed, found = self_references(pair)
    assert 0 < managed == found


def test_postgres_round_trip(postgres_pair: Pair, tmp_path: Path) -> None:
    round_trip(postgres_pair, "postgresql", ROWS, tmp_path)
    _assert_loaded(postgres_pair)


def test_mysql_round_trip(mysql_pair: Pair, tmp_path: Path) -> None:
    round_trip(mysql_pair, "mysql", ROWS, tmp_path)
    _assert_loaded(mysql_pair)


def test_sqlite_round_trip(sqlite_pair: Pair, tmp_path: Path) -> None:
    round_trip(sqlite_pair, "sqlite", ROWS, tmp_path)
    _assert_loaded(sqlite_pair)


def test_postgres_round_trip_with_statistics(
    postgres_pair: Pair, postgres_engine: sa.Engine, tmp_path: Path
) -> None:
    """Fill the source, ANALYZE, introspect with pg_stats: shaped data still loads cleanly."""
    fill = dict(postgres_pair.copy_options, schema=postgres_pair.schema)
    project = introspect(postgres_pair.url, schema=postgres_pair.schema)
    spec = OutputSpec(kind="postgresql", options=fill)
    create_output(spec, base_dir=tmp_path).write(generate(project, rows=dict.fromkeys(TABLES, 400)))
    with postgres_engine.begin() as conn:
        for table in TABLES:
            conn.exec_driver_sql(f'ANALYZE "{postgres_pair.schema}".{table}')
    shaped = introspect(postgres_pair.url, schema=postgres_pair.schema)
    assert shaped.plans[0].rows == dict.fromkeys(TABLES, Lit(value=400))
    customers = shaped.schema_named().table("customers")
    assert isinstance(customers.column("active").options.get("true_rate"), float)
    assert customers.column("last_name").null_rate == 0  # no NULLs were loaded
    assert customers.column("updated_at").min == Ref(path=("created_at",))
    segment = customers.column("segment").generator
    assert isinstance(segment, ChoiceGen) and segment.weights is not None
    assert sum(segment.weights) == pytest.approx(1.0, abs=0.001)
    round_trip_project(shaped, postgres_pair, "postgresql", ROWS, tmp_path)
    _assert_loaded(postgres_pair)
