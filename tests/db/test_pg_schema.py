"""Regression (QA #8): ``--out postgresql://…`` chooses the PostgreSQL schema.

Three spellings, against the real server: ``?schema=S``, libpq's
``?options=-csearch_path%3DS``, and ``--db-schema S``. The schema is created
when missing and every table lands in it (none in ``public``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner, Result

from testdatagen.interfaces.cli.app import app
from testdatagen.outputs.db import load_options

pytestmark = pytest.mark.services

SOURCE = """\
schema Shop {
  table customers {
    id    integer  [primary_key, sequential]
    name  string(40) [format: name]
  }
  table orders {
    id           integer  [primary_key, sequential]
    customer_id  integer  [not_null, references: customers.id]
  }
}
generate dev {
  schema: Shop
  rows { customers: 5  orders: 12 }
}
"""


@pytest.fixture
def schema_name(postgres_url: str) -> Iterator[str]:
    name = f"tdg_s_{uuid.uuid4().hex[:10]}"
    yield name
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')  # type: ignore[arg-type]


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "shop.tdg"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def run(*args: str) -> Result:
    env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    return CliRunner().invoke(app, ["generate", *args], env=env)


def tables_in(url: str, schema: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        names = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (schema,),
        ).fetchall()
        return {
            n: conn.execute(f'SELECT count(*) FROM "{schema}"."{n}"').fetchone()[0]  # type: ignore[arg-type,index]
            for (n,) in names
        }


def with_query(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}"


@pytest.mark.parametrize("spelling", ["query", "libpq-options", "option"])
def test_out_loads_into_the_chosen_schema(
    postgres_url: str, schema_name: str, source: Path, spelling: str
) -> None:
    if spelling == "query":
        args = ["--out", with_query(postgres_url, f"schema={schema_name}")]
    elif spelling == "libpq-options":
        args = ["--out", with_query(postgres_url, f"options=-csearch_path%3D{schema_name}")]
    else:
        args = ["--out", postgres_url, "--db-schema", schema_name]
    result = run(str(source), *args)
    assert result.exit_code == 0, result.output
    assert tables_in(postgres_url, schema_name) == {"customers": 5, "orders": 12}
    again = run(str(source), *args, "--if-exists", "replace")
    assert again.exit_code == 0, again.output
    assert tables_in(postgres_url, schema_name) == {"customers": 5, "orders": 12}


def test_foreign_keys_point_into_the_same_schema(
    postgres_url: str, schema_name: str, source: Path
) -> None:
    result = run(str(source), "--out", postgres_url, "--db-schema", schema_name)
    assert result.exit_code == 0, result.output
    with psycopg.connect(postgres_url) as conn:
        row = conn.execute(
            "SELECT ccu.table_schema FROM information_schema.table_constraints tc "
            "JOIN information_schema.constraint_column_usage ccu "
            "ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.constraint_schema "
            "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = %s",
            (schema_name,),
        ).fetchone()
    assert row == (schema_name,)


def test_contradicting_schemas_are_a_usage_error(
    postgres_url: str, schema_name: str, source: Path
) -> None:
    url = with_query(postgres_url, f"schema={schema_name}")
    result = run(str(source), "--out", url, "--db-schema", "other")
    assert result.exit_code == 2
    assert "contradicts the URL's schema" in result.stderr
    assert tables_in(postgres_url, schema_name) == {}


def test_db_schema_needs_a_schema_database(source: Path) -> None:
    sqlite = run(str(source), "--out", "x.db", "--db-schema", "s")
    assert sqlite.exit_code == 2 and "has no schemas" in sqlite.stderr
    files = run(str(source), "--out", "out/", "--db-schema", "s")
    assert files.exit_code == 2 and "no output of this run is a database" in files.stderr
    assert not Path("x.db").exists() and not Path("out").exists()


@pytest.mark.parametrize(
    ("query", "schema"),
    [
        ("schema=Sales", "Sales"),
        ("options=-csearch_path%3DSales", "sales"),
        ("options=-c%20search_path%3D%22Sales%22,public", "Sales"),
        ("options=--search_path%3Da,b", "a"),
        ("options=-c%20search_path%3D%22%24user%22,public", None),
        ("sslmode=prefer", None),
    ],
)
def test_schema_from_the_url(query: str, schema: str | None) -> None:
    options = load_options({"url": f"postgresql://u@h/db?{query}"}, kind="postgresql")
    assert options.schema == schema
    assert "schema" not in options.url.query  # libpq would refuse it


def test_introspect_reads_the_urls_schema(
    postgres_url: str, schema_name: str, source: Path
) -> None:
    from testdatagen.outputs.introspect import introspect

    url = with_query(postgres_url, f"schema={schema_name}")
    assert run(str(source), "--out", url).exit_code == 0
    project = introspect(url)
    assert sorted(project.schemas[0].table_names) == ["customers", "orders"]
