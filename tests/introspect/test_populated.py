"""Populated databases, as a QA team introspects a copy of staging.

The source is filled by SQL with skewed data (a 70/20/8/2 % status, NULL shares,
a long-tailed amount, two years of timestamps, foreign-key fan-out) and analysed;
the introspected file then generates ten times the rows into an empty copy with
every constraint, and the copy's shares must match the source's.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from testdatagen.engine import generate
from testdatagen.language.api import load_text
from testdatagen.model import ChoiceGen, FormatGen, Lit, OutputSpec, PatternGen, Project
from testdatagen.outputs.db.url import parse_url
from testdatagen.outputs.introspect import introspect, to_tdg
from testdatagen.outputs.registry import create_output

from .conftest import Pair, _mysql_pair, _postgres_pair

pytestmark = pytest.mark.services

PG_DDL = [
    "CREATE TABLE {s}customers (id serial PRIMARY KEY, email varchar(120) NOT NULL UNIQUE, "
    "segment text, birth date, created_at timestamptz NOT NULL)",
    "CREATE TABLE {s}orders (id bigserial PRIMARY KEY, "
    "customer_id integer NOT NULL REFERENCES {s}customers (id), "
    "status varchar(12) NOT NULL, amount numeric(12,2) NOT NULL CHECK (amount >= 0), "
    "discount numeric(5,2), placed_at timestamp NOT NULL, shipped_on date)",
]

# Deterministic skew: status by i mod 50 (35/10/4/1 of 50 = 70/20/8/2 %), amount
# log-uniform over 1 … e^10 (median ≈ 148, max ≈ 22000), discount NULL on 60 %.
PG_FILL = [
    "INSERT INTO {s}customers (email, segment, birth, created_at) "
    "SELECT 'u' || g || '@example.com', "
    "CASE WHEN mod(g, 3) = 0 THEN NULL WHEN mod(g, 7) = 0 THEN 'vip' ELSE 'retail' END, "
    "CASE WHEN mod(g, 5) = 0 THEN NULL ELSE DATE '1950-01-01' + mod(g * 7, 20000) END, "
    "TIMESTAMPTZ '2023-01-01 00:00+00' + g * INTERVAL '35 minutes' "
    "FROM generate_series(1, 3000) AS g",
    "INSERT INTO {s}orders (customer_id, status, amount, discount, placed_at, shipped_on) "
    "SELECT 1 + mod(g * g, 3000), "
    "CASE WHEN mod(g, 50) < 35 THEN 'new' WHEN mod(g, 50) < 45 THEN 'paid' "
    "WHEN mod(g, 50) < 49 THEN 'shipped' ELSE 'cancelled' END, "
    "round(exp(mod(g * 7919, 10000) / 1000.0)::numeric, 2), "
    "CASE WHEN mod(g, 5) < 3 THEN NULL ELSE mod(g, 5000) / 100.0 END, "
    "TIMESTAMP '2023-01-01' + mod(g * 7, 730) * INTERVAL '1 day' + g * INTERVAL '1 second', "
    "CASE WHEN mod(g, 10) < 3 THEN NULL ELSE DATE '2023-01-01' + mod(g, 730) END "
    "FROM generate_series(1, 10000) AS g",
]

STATUS = {"new": 0.70, "paid": 0.20, "shipped": 0.08, "cancelled": 0.02}


def _engine(url: str) -> sa.Engine:
    return sa.create_engine(parse_url(url).sqlalchemy_url())


def _load(
    project: Project, rows: dict[str, int], kind: str, options: dict[str, str], tmp: Path
) -> None:
    dataset = generate(project, rows=rows, seed=SEED)
    create_output(OutputSpec(kind=kind, options=dict(options)), base_dir=tmp).write(dataset)


@pytest.fixture
def pg_populated(postgres_url: str) -> Iterator[Pair]:
    for pair in _postgres_pair(postgres_url, PG_DDL):
        engine = _engine(postgres_url)
        try:
            with engine.begin() as conn:
                for statement in PG_FILL:
                    conn.exec_driver_sql(statement.format(s=f'"{pair.schema}".'))
                conn.exec_driver_sql(f'ANALYZE "{pair.schema}".customers, "{pair.schema}".orders')
        finally:
            engine.dispose()
        yield pair


def test_pg_statistics_of_a_populated_schema_shape_ten_times_the_rows(
    pg_populated: Pair, tmp_path: Path
) -> None:
    project = load_text(to_tdg(introspect(pg_populated.url, schema=pg_populated.schema)))
    schema = project.schema_named()
    orders, customers = schema.table("orders"), schema.table("customers")
    status = orders.column("status").generator
    assert isinstance(status, ChoiceGen)
    weights = dict(zip(status.values, status.weights, strict=True))
    assert all(abs(weights[k] - v) < 0.02 for k, v in STATUS.items()), weights
    assert abs(orders.column("discount").null_rate - 0.6) < 0.03
    assert orders.column("amount").null_rate == 0  # NOT NULL stays NOT NULL
    amount = orders.column("amount")
    # A long tail: uniform over 1 … 22000 would put the median near 11000.
    assert amount.distribution is not None and amount.distribution.name == "lognormal"
    assert isinstance(amount.max, Lit) and isinstance(amount.max.value, float | int)
    assert 1000 < amount.max.value < 10**10  # within numeric(12,2), not an absurd bound
    shipped = orders.column("shipped_on").min  # a date, not a day number
    assert isinstance(shipped, Lit) and isinstance(shipped.value, str)
    assert date(2023, 1, 1) <= date.fromisoformat(shipped.value) <= date(2023, 1, 10)
    assert customers.column("segment").null_rate == pytest.approx(1 / 3, abs=0.03)

    rows = {"customers": 30_000, "orders": 100_000}
    _load(project, rows, "postgresql", pg_populated.copy_options, tmp_path)
    copy = f'"{pg_populated.copy_options["schema"]}"'
    engine = _engine(pg_populated.url)
    try:
        with engine.connect() as conn:
            shares = dict(
                conn.exec_driver_sql(
                    f"SELECT status, count(*)::float / 100000 FROM {copy}.orders GROUP BY 1"
                ).all()
            )
            counts = conn.exec_driver_sql(
                f"SELECT (SELECT count(*) FROM {copy}.customers), count(*), "
                "avg((discount IS NULL)::int), avg((shipped_on IS NULL)::int), "
                f"percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM {copy}.orders"
            ).one()
    finally:
        engine.dispose()
    assert counts[0] == 30_000 and counts[1] == 100_000
    assert all(abs(shares[k] - v) < 0.01 for k, v in STATUS.items()), shares
    assert abs(float(counts[2]) - 0.6) < 0.01 and abs(float(counts[3]) - 0.3) < 0.01
    assert 50 < counts[4] < 500  # the source's median is ≈ 148


MYSQL_DDL = [
    "CREATE TABLE people (id integer AUTO_INCREMENT PRIMARY KEY, "
    "last_name varchar(60) NOT NULL, first_name varchar(60) NOT NULL, "
    "city varchar(60) NOT NULL, company varchar(80), amount decimal(10,2), "
    "created_at datetime NOT NULL, "
    "UNIQUE KEY (last_name, first_name)) "
    "DEFAULT CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci",
]

MYSQL_FILL = (
    "INSERT INTO people (last_name, first_name, city, company, amount, created_at) "
    "SELECT concat('n', seq), 'x', 'c', IF(MOD(seq, 4) = 0, NULL, concat('c', seq)), "
    "IF(MOD(seq, 5) = 0, NULL, 1 + MOD(seq, 900)), '2023-01-01' + INTERVAL seq HOUR "
    "FROM seq_1_to_2000"
)


@pytest.fixture
def mysql_populated(mysql_url: str) -> Iterator[Pair]:
    for pair in _mysql_pair(mysql_url, MYSQL_DDL):
        engine = _engine(pair.url)
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql(MYSQL_FILL)
            with engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE TABLE people PERSISTENT FOR ALL").all()
        finally:
            engine.dispose()
        yield pair


def test_mariadb_statistics_and_accent_insensitive_composite_keys(
    mysql_populated: Pair, tmp_path: Path
) -> None:
    project = load_text(to_tdg(introspect(mysql_populated.url)))
    people = project.schema_named().table("people")
    # mysql.column_stats: NULL shares and the value range (1 + seq mod 900 where seq is
    # no multiple of 5: 2 … 900), no table row read.
    assert people.column("amount").null_rate == pytest.approx(0.2, abs=0.01)
    assert people.column("amount").min == Lit(value=2) and people.column("amount").max == Lit(
        value=900
    )
    assert people.column("created_at").min == Lit(value="2023-01-01 01:00:00")
    assert people.column("company").null_rate == pytest.approx(0.25, abs=0.01)
    # unicode_ci: ('Trüb', 'Meryem') = ('Trub', 'Meryem'); en_US values are ASCII.
    for name in ("last_name", "first_name"):
        column = people.column(name)
        assert isinstance(column.generator, FormatGen) and column.options["locale"] == "en_US"

    plan = project.plans[0].model_copy(update={"locale": "de_DE"})
    project = project.model_copy(update={"plans": (plan,)})
    rows = {"people": ROWS}
    # Without the column locale, these de_DE names collide under the collation.
    assert _folded_duplicates(_without_column_locale(project), rows) > 0
    assert _folded_duplicates(project, rows) == 0
    _load(project, rows, "mysql", mysql_populated.copy_options, tmp_path)
    engine = _engine(mysql_populated.copy_url)
    try:
        with engine.connect() as conn:
            count = conn.exec_driver_sql("SELECT count(*) FROM people").scalar()
    finally:
        engine.dispose()
    assert count == ROWS


ROWS = 12_000
#: A seed whose de_DE names collide under the collation (deterministic: same seed, same data).
SEED = 1


def _fold(text: str) -> str:
    """What an accent- and case-insensitive collation compares (near enough)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _folded_duplicates(project: Project, rows: dict[str, int]) -> int:
    dataset = generate(project, rows=rows, seed=SEED)
    keys: list[tuple[str, str]] = []
    for batch in dataset.batches("people"):
        last, first = batch.column("last_name").to_pylist(), batch.column("first_name").to_pylist()
        names = zip(last, first, strict=True)
        keys += [(_fold(a), _fold(b)) for a, b in names]
    dataset.close()
    return len(keys) - len(set(keys))


def _without_column_locale(project: Project) -> Project:
    schema = project.schema_named()
    table = schema.table("people")
    columns = tuple(c.model_copy(update={"options": {}}) for c in table.columns)
    table = table.model_copy(update={"columns": columns})
    schema = schema.model_copy(update={"tables": (table,)})
    return project.model_copy(update={"schemas": (schema,)})


def test_mariadb_unique_name_columns_under_ci_are_one_case(mysql_url: str) -> None:
    ddl = [
        "CREATE TABLE firms (id integer PRIMARY KEY, company varchar(80) UNIQUE, "
        "city varchar(60) NOT NULL UNIQUE) COLLATE utf8mb4_general_ci"
    ]
    for pair in _mysql_pair(mysql_url, ddl):
        firms = introspect(pair.url).schema_named().table("firms")
        for name in ("company", "city"):
            assert firms.column(name).generator == PatternGen(regex="[a-z0-9]{16}")
