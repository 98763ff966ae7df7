"""Existing MyISAM tables (real schemas still have them) cannot roll back: they are written
last, after every step that can fail on InnoDB, and a failure says which rows stay."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import sqlalchemy as sa

from testdatagen.engine import generate
from testdatagen.errors import DatabaseError
from testdatagen.language.api import load_text
from testdatagen.model import OutputSpec
from testdatagen.outputs.db.url import parse_url
from testdatagen.outputs.registry import create_output

pytestmark = pytest.mark.services

TDG = """
schema s {
  table a_plain {
    id integer [primary_key, sequential]
    v  integer [not_null, min: 1, max: 10]
  }
  table b_strict {
    id integer [primary_key, sequential]
    v  integer [not_null, min: 1, max: 10]
  }
}
"""


@pytest.fixture
def engines_db(mysql_url: str) -> Iterator[tuple[str, sa.Engine]]:
    database = f"tdg_engines_{uuid.uuid4().hex[:8]}"
    url = urlunsplit(urlsplit(mysql_url)._replace(path=f"/{database}"))
    admin = sa.create_engine(parse_url(mysql_url).sqlalchemy_url())
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE `{database}`")
    engine = sa.create_engine(parse_url(url).sqlalchemy_url())
    try:
        yield url, engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS `{database}`")
        admin.dispose()


def _load(url: str, tmp_path: Path) -> None:
    project = load_text(TDG)
    dataset = generate(project, rows={"a_plain": 10, "b_strict": 10}, seed=1)
    spec = OutputSpec(kind="mysql", options={"url": url, "if_exists": "append"})
    create_output(spec, base_dir=tmp_path).write(dataset)


def _create(engine: sa.Engine, a_check: str, b_check: str) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(
            f"CREATE TABLE a_plain (id INT PRIMARY KEY, v INT NOT NULL {a_check}) ENGINE=MyISAM"
        )
        conn.exec_driver_sql(
            f"CREATE TABLE b_strict (id INT PRIMARY KEY, v INT NOT NULL {b_check}) ENGINE=InnoDB"
        )


def _count(engine: sa.Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0)


def test_a_failing_innodb_table_leaves_the_myisam_table_untouched(
    engines_db: tuple[str, sa.Engine], tmp_path: Path
) -> None:
    url, engine = engines_db
    _create(engine, "", "CHECK (v < 0)")
    with pytest.raises(DatabaseError) as caught:
        _load(url, tmp_path)
    assert "b_strict" in caught.value.diagnostics[0].message
    assert _count(engine, "a_plain") == 0  # was 10: MyISAM rows were written first


def test_a_failure_in_a_myisam_table_says_its_rows_stay(
    engines_db: tuple[str, sa.Engine], tmp_path: Path
) -> None:
    url, engine = engines_db
    _create(engine, "CHECK (v < 0)", "")
    with pytest.raises(DatabaseError) as caught:
        _load(url, tmp_path)
    hint = caught.value.diagnostics[0].hint or ""
    assert "'a_plain'" in hint and "cannot roll back" in hint
    assert _count(engine, "b_strict") == 0  # rolled back
