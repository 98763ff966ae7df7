"""MySQL ``BIT(n)`` columns take numbers: text would load as bytes ('1' is 0x31)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pyarrow as pa
import pytest

from testdatagen.engine.dataset import ArrowDataset
from testdatagen.language.api import load_text
from testdatagen.outputs.db import load_dataset, load_options

from .test_mysql import _connect, _query

pytestmark = pytest.mark.services

SCHEMA = load_text(
    """
schema s {
  table flags {
    id   integer [primary_key]
    on   boolean
    mask integer [not_null]
    note text
  }
}
"""
).schema_named()


@pytest.fixture
def bit_db(mysql_url: str) -> Iterator[str]:
    name = f"tdg_bits_{uuid.uuid4().hex[:10]}"
    conn = _connect(mysql_url)
    cur = conn.cursor()
    cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
    cur.execute(
        f"CREATE TABLE `{name}`.flags (id int PRIMARY KEY, `on` bit(1), "
        "mask bit(10) NOT NULL, note text)"
    )
    yield mysql_url.rsplit("/", 1)[0] + "/" + name
    cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
    conn.close()


@pytest.mark.parametrize("method", ["load_data", "insert"])
def test_bit_columns_load_numbers_and_nulls(bit_db: str, method: str) -> None:
    table = pa.table(
        {
            "id": pa.array([1, 2, 3], pa.int32()),
            "on": pa.array([True, False, None]),
            "mask": pa.array([0, 1, 1023], pa.int32()),
            "note": pa.array(["1", None, "x"]),
        }
    )
    dataset = ArrowDataset(SCHEMA, {"flags": table})
    options = {"url": bit_db, "if_exists": "append", "method": method}
    load_dataset(dataset, load_options(options, kind="mysql"))
    rows = _query(bit_db, "SELECT id, `on` + 0, mask + 0, note FROM flags ORDER BY id")
    assert rows == [(1, 1, 0, "1"), (2, 0, 1, None), (3, None, 1023, "x")]
