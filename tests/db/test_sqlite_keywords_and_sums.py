"""SQLite loads what the model allows: keyword table names, sums over decimals in CHECKs.

Regressions from realistic schemas: a table named ``nothing`` (a keyword SQLAlchemy's
list misses) was left unquoted and the CREATE failed; ``check gross = net + tax`` over
decimals, which SQLite keeps as REAL, refused rows whose exact sums hold.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from testdatagen.engine import generate
from testdatagen.language.api import load_text
from testdatagen.outputs.db import load_dataset, load_options
from testdatagen.outputs.sql.compile import SQLITE_KEYWORDS, dialect_for, quote_name

SOURCE = """
schema s {
  table nothing {
    id     integer        [primary_key, sequential]
    net    decimal(12,2)  [not_null, min: 0.01, max: 5000]
    tax    decimal(12,2)  [not_null, compute: round(net * 0.19, 2)]
    gross  decimal(12,2)  [not_null, compute: net + tax]
    check sums: gross = net + tax
    check apart: gross != net * 3
  }
  table "order" {
    id   integer [primary_key, sequential]
    ref  integer [not_null, references: nothing.id]
  }
}
generate dev { schema: s  rows { nothing: 3000  "order": 10 } }
"""


def test_every_sqlite_keyword_is_quoted() -> None:
    dialect = dialect_for("sqlite")
    for word in SQLITE_KEYWORDS:
        assert quote_name(dialect, word) == f'"{word}"'
    assert quote_name(dialect, "customers") == "customers"


def test_keyword_names_and_decimal_sums_load(tmp_path: Path) -> None:
    target = tmp_path / "s.db"
    with generate(load_text(SOURCE), seed=7) as dataset:
        load_dataset(dataset, load_options({"file": str(target)}, kind="sqlite"))
    con = sqlite3.connect(target)
    try:
        net_plus_tax_differs = con.execute(
            'SELECT count(*) FROM "nothing" WHERE gross != net + tax'
        ).fetchone()[0]
        assert con.execute('SELECT count(*) FROM "order"').fetchone() == (10,)
        assert con.execute('SELECT count(*) FROM "nothing"').fetchone() == (3000,)
    finally:
        con.close()
    # Float sums differ from the stored exact values in some rows (the reason for the
    # tolerance): without it, the CHECK would have refused them.
    assert net_plus_tax_differs > 0


def test_the_tolerant_check_still_refuses_a_wrong_sum(tmp_path: Path) -> None:
    target = tmp_path / "s.db"
    with generate(load_text(SOURCE), seed=7) as dataset:
        load_dataset(dataset, load_options({"file": str(target)}, kind="sqlite"))
    con = sqlite3.connect(target)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            con.execute('UPDATE "nothing" SET gross = gross + 0.01 WHERE id = 1')
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            con.execute('UPDATE "nothing" SET gross = net * 3 WHERE id = 2')
    finally:
        con.close()
