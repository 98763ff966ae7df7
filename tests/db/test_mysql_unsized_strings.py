"""``string`` without a length loads into MySQL/MariaDB: VARCHAR needs one there.

Regression: ``tdg generate x.tdg --out mysql://…`` with a column ``name string``
died with "internal error: CompileError … VARCHAR requires a length".
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy.dialects import mysql

from testdatagen.engine import generate
from testdatagen.language.api import load_text
from testdatagen.outputs.db import load_dataset, load_options
from testdatagen.outputs.sql.ddl import build_ddl

from .test_mysql import _connect

pytestmark = pytest.mark.services

SOURCE = """
schema s {
  table tags {
    code  string  [primary_key, pattern: '[a-z]{3}-[0-9]{4}']
    label string  [unique, format: word]
  }
  table notes {
    id    integer [primary_key, sequential]
    tag   string  [not_null, references: tags.code]
    body  string  [format: paragraph]
    kind  string  [pattern: '[a-z]{6}']
    unique (tag, kind)
  }
}
generate dev { schema: s  rows { tags: 200  notes: 1000 } }
"""


@pytest.fixture
def database(mysql_url: str) -> Iterator[tuple[str, str]]:
    name = f"tdg_unsized_{uuid.uuid4().hex[:10]}"
    conn = _connect(mysql_url)
    cur = conn.cursor()
    cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
    yield mysql_url.rsplit("/", 1)[0] + "/" + name, name
    cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
    conn.close()


def test_unsized_strings_are_varchar_255_in_keys_and_text_elsewhere() -> None:
    project = load_text(SOURCE)
    ddl = build_ddl(project.schema_named(), "mysql")
    types = {
        (t.name, c.name): str(c.type.compile(dialect=mysql.dialect()))
        for t in ddl.tables.values()
        for c in t.columns
    }
    assert types[("tags", "code")] == "VARCHAR(255)"
    assert types[("tags", "label")] == "VARCHAR(255)"
    assert types[("notes", "tag")] == "VARCHAR(255)"
    assert types[("notes", "kind")] == "VARCHAR(255)"  # in the composite unique key
    assert types[("notes", "body")] == "TEXT"


def test_unsized_strings_load_with_keys_enforced(database: tuple[str, str]) -> None:
    url, name = database
    dataset = generate(load_text(SOURCE), seed=3)
    with dataset:
        load_dataset(dataset, load_options({"url": url}, kind="mysql"))
    conn = _connect(url, name)
    cur = conn.cursor()
    cur.execute("SELECT count(*) FROM notes n JOIN tags t ON t.code = n.tag")
    assert cur.fetchone()[0] == 1000
    cur.execute("SELECT count(*), count(DISTINCT label) FROM tags")
    assert cur.fetchone() == (200, 200)
    conn.close()
