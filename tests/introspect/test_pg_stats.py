"""pg_stats → null rates, weighted choices and ranges, after ANALYZE on a filled table."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from testdatagen.model import ChoiceGen, FormatGen, Lit, RandomGen
from testdatagen.model.schema import Table
from testdatagen.outputs.introspect import introspect

pytestmark = pytest.mark.services

# 1000 rows: kind cycles a/b/b/c/c/c/c (weights 1:2:4 ≈ .143/.286/.571),
# note is NULL on every 4th row, score runs 10..1009, email is unique.
FILL = """
INSERT INTO {s}.facts (id, kind, note, score, bounded, day, email, flag, code)
SELECT i,
       (ARRAY['a','b','b','c','c','c','c'])[1 + mod(i, 7)],
       CASE WHEN mod(i, 4) = 0 THEN NULL ELSE 'n' || i END,
       10 + i,
       least(greatest(mod(i, 50), 5), 40),
       DATE '2024-01-01' + mod(i, 366),
       'user' || i || '@example.com',
       mod(i, 5) = 0,
       (ARRAY['x','y'])[1 + mod(i, 2)]
FROM generate_series(0, 999) AS i
"""


@pytest.fixture
def analysed(postgres_engine: sa.Engine) -> Iterator[str]:
    schema = f"tdg_intro_stats_{uuid.uuid4().hex[:8]}"
    with postgres_engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        conn.exec_driver_sql(
            f"CREATE TABLE {schema}.facts (id integer PRIMARY KEY, kind varchar(5) NOT NULL, "
            "note varchar(20), score integer NOT NULL, "
            "bounded integer CHECK (bounded >= 5 AND bounded <= 40), "
            "day date, email varchar(60) UNIQUE, flag boolean NOT NULL, "
            "code varchar(3) NOT NULL, UNIQUE (code, id))"
        )
        conn.exec_driver_sql(FILL.format(s=schema))
        conn.exec_driver_sql(f"ANALYZE {schema}.facts")
    try:
        yield schema
    finally:
        with postgres_engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture
def facts(postgres_url: str, analysed: str) -> Table:
    return introspect(postgres_url, schema=analysed).schema_named().table("facts")


def test_weighted_choice_from_common_values(facts: Table) -> None:
    kind = facts.column("kind").generator
    assert isinstance(kind, ChoiceGen) and kind.weights is not None
    weights = dict(zip(kind.values, kind.weights, strict=True))
    assert set(weights) == {"a", "b", "c"}
    assert weights["c"] > weights["b"] > weights["a"]
    assert weights["c"] == pytest.approx(4 / 7, abs=0.02)
    assert sum(kind.weights) == pytest.approx(1.0, abs=0.01)


def test_null_rate_only_where_nullable(facts: Table) -> None:
    assert facts.column("note").null_rate == pytest.approx(0.25, abs=0.01)
    assert all(c.null_rate == 0 for c in facts.columns if c.not_null)


def test_ranges_from_histogram_stay_inside_checks(facts: Table) -> None:
    score = facts.column("score")
    assert (score.min, score.max) == (Lit(value=10), Lit(value=1009))
    bounded = facts.column("bounded")  # CHECK 5..40, values 5..40: the two agree
    assert (bounded.min, bounded.max) == (Lit(value=5), Lit(value=40))
    day = facts.column("day")
    assert (day.min, day.max) == (Lit(value="2024-01-01"), Lit(value="2024-12-31"))


def test_keys_are_never_choices(facts: Table) -> None:
    email = facts.column("email")
    assert email.unique and email.generator == FormatGen(name="email")
    assert email.null_rate == 0  # unique columns are left as the schema says
    assert not isinstance(facts.column("code").generator, ChoiceGen)  # in unique (code, id)
    assert not isinstance(facts.column("id").generator, ChoiceGen)


def test_boolean_share(facts: Table) -> None:
    assert facts.column("flag").options["true_rate"] == pytest.approx(0.2, abs=0.01)


def test_statistics_can_be_switched_off(postgres_url: str, analysed: str) -> None:
    table = introspect(postgres_url, schema=analysed, use_statistics=False).schema_named()
    kind = table.table("facts").column("kind")
    assert isinstance(kind.generator, RandomGen) and kind.null_rate == 0


def test_row_estimate_after_analyze(postgres_url: str, analysed: str) -> None:
    plan = introspect(postgres_url, schema=analysed).plans[0]
    assert plan.rows == {"facts": Lit(value=1000)}


def test_enum_weights_and_foreign_key_nulls_come_from_statistics(
    postgres_engine: sa.Engine, postgres_url: str
) -> None:
    schema = f"tdg_intro_enum_{uuid.uuid4().hex[:8]}"
    with postgres_engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        conn.exec_driver_sql(f"CREATE TYPE {schema}.mood AS ENUM ('sad', 'ok', 'happy')")
        conn.exec_driver_sql(
            f"CREATE TABLE {schema}.notes (id integer PRIMARY KEY, mood {schema}.mood NOT NULL, "
            f"parent_id integer REFERENCES {schema}.notes (id))"
        )
        # mood: happy 80%, ok 20%, sad never; parent_id NULL on 3 rows of 4.
        conn.exec_driver_sql(
            f"INSERT INTO {schema}.notes SELECT i, "
            "CASE WHEN mod(i, 5) = 0 THEN 'ok' ELSE 'happy' END::" + schema + ".mood, "
            "CASE WHEN mod(i, 4) = 3 THEN i - 1 END FROM generate_series(0, 999) AS i"
        )
        conn.exec_driver_sql(f"ANALYZE {schema}.notes")
    try:
        notes = introspect(postgres_url, schema=schema).schema_named().table("notes")
    finally:
        with postgres_engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    mood = notes.column("mood").generator
    assert isinstance(mood, ChoiceGen) and mood.weights is not None
    weights = dict(zip(mood.values, mood.weights, strict=True))
    assert weights["happy"] == pytest.approx(0.8, abs=0.01)
    assert weights["ok"] == pytest.approx(0.2, abs=0.01)
    assert 0 < weights["sad"] < 0.01  # allowed by the type, so kept possible
    assert notes.column("parent_id").null_rate == pytest.approx(0.75, abs=0.01)
