"""QA regressions on real databases: introspect, generate, load into an empty copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from testdatagen.engine import generate
from testdatagen.language.api import load_text
from testdatagen.model import OutputSpec
from testdatagen.model.schema import Table
from testdatagen.model.types import TypeKind
from testdatagen.outputs.db.url import parse_url
from testdatagen.outputs.introspect import introspect, to_tdg
from testdatagen.outputs.registry import create_output

from .conftest import Pair, _mysql_pair, _postgres_pair

pytestmark = pytest.mark.services

ROWS = 200

PG_DDL = [
    "CREATE DOMAIN {s}code8 AS varchar(8) NOT NULL CHECK (VALUE IN ('AB', 'CD', 'EFGH'))",
    "CREATE DOMAIN {s}posint AS integer CHECK (VALUE > 0 AND VALUE < 500)",
    "CREATE DOMAIN {s}money2 AS numeric(10,2) CHECK (VALUE >= -5)",
    "CREATE TABLE {s}accounts (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
    "balance integer NOT NULL CHECK (balance >= -1000 AND balance <= -10), "
    "code {s}code8, qty {s}posint NOT NULL, price {s}money2, "
    "doubled integer GENERATED ALWAYS AS (qty * 2) STORED)",
    'CREATE TABLE {s}"user" (id serial PRIMARY KEY, email varchar(120) NOT NULL)',
    'CREATE UNIQUE INDEX user_email_lower ON {s}"user" (lower(email::text))',
]

MYSQL_DDL = [
    "CREATE TABLE accounts (id integer AUTO_INCREMENT PRIMARY KEY, qty integer NOT NULL, "
    "v integer AS (qty * 2) VIRTUAL, s integer AS (qty + 1) STORED)",
]


def _load(pair: Pair, kind: str, tmp_path: Path) -> Table:
    project = load_text(to_tdg(introspect(pair.url, schema=pair.schema)))
    names = project.schema_named().table_names
    dataset = generate(project, rows=dict.fromkeys(names, ROWS), seed=3)
    create_output(OutputSpec(kind=kind, options=dict(pair.copy_options)), base_dir=tmp_path).write(
        dataset
    )
    engine = sa.create_engine(parse_url(pair.copy_url).sqlalchemy_url())
    schema = pair.copy_options.get("schema")
    prefix = f'"{schema}".' if schema else ""
    try:
        with engine.connect() as conn:
            count = conn.exec_driver_sql(f"SELECT count(*) FROM {prefix}accounts").scalar()
    finally:
        engine.dispose()
    assert count == ROWS
    return project.schema_named().table("accounts")


@pytest.fixture
def pg_qa_pair(postgres_url: str) -> Iterator[Pair]:
    yield from _postgres_pair(postgres_url, PG_DDL)


@pytest.fixture
def mysql_qa_pair(mysql_url: str) -> Iterator[Pair]:
    yield from _mysql_pair(mysql_url, MYSQL_DDL)


def test_pg_generated_columns_domains_and_negative_checks_load(
    pg_qa_pair: Pair, tmp_path: Path
) -> None:
    table = _load(pg_qa_pair, "postgresql", tmp_path)
    assert "doubled" not in [c.name for c in table.columns]
    assert table.comment is not None and "generated column doubled" in table.comment
    code = table.column("code")
    assert code.type.kind is TypeKind.STRING and code.type.length == 8 and code.not_null
    assert table.column("qty").type.kind is TypeKind.INTEGER
    price = table.column("price").type
    assert (price.kind, price.precision, price.scale) == (TypeKind.DECIMAL, 10, 2)


def test_pg_unique_lower_email_index_loads(pg_qa_pair: Pair) -> None:
    user = introspect(pg_qa_pair.url, schema=pg_qa_pair.schema).schema_named().table("user")
    assert user.column("email").unique


def test_mariadb_virtual_and_stored_generated_columns_are_left_out(
    mysql_qa_pair: Pair, tmp_path: Path
) -> None:
    table = _load(mysql_qa_pair, "mysql", tmp_path)
    assert [c.name for c in table.columns] == ["id", "qty"]
