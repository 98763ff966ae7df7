"""Checks over a self-reference (an org chart) generate instead of recursing forever.

Regression tests for QA: ``tdg check`` accepted both tables below and ``tdg generate``
died with "internal error: RecursionError". Reading ``id`` of the earlier rows ran
``check manager_id != id``, which picked managers again; and computing no rows at all
(below row 0 of the chain) still followed the key of none, without end.
"""

from __future__ import annotations

from datetime import date, datetime

import pyarrow as pa
import pytest

from testdatagen.engine import generate
from testdatagen.language.api import load_text

SOURCE = """
schema HR {
  table employees {
    id          integer  [primary_key, sequential]
    manager_id  integer  [references: employees.id, null_rate: 2%, distribution: DIST]
    hired_on    date     [not_null, min: '2010-01-01', max: '2025-01-01']
    check not_own_manager: manager_id is null or manager_id != id
    CHAIN
  }
}
"""
CHAIN = "check boss_first: manager_id is null or manager_id.hired_on <= hired_on"


def _employees(dist: str, chain: bool, *, chunk_rows: int = 65_536, workers: int = 1) -> pa.Table:
    source = SOURCE.replace("DIST", dist).replace("CHAIN", CHAIN if chain else "")
    dataset = generate(
        load_text(source, filename="hr.tdg"),
        rows={"employees": 3_000},
        seed=5,
        chunk_rows=chunk_rows,
        workers=workers,
        now=datetime(2025, 2, 1),
    )
    with dataset:
        return pa.Table.from_batches(
            list(dataset.batches("employees")), dataset.arrow_schema("employees")
        )


@pytest.mark.parametrize("dist", ["zipf(s: 1.0)", "uniform", "normal(mean: 0.9, sd: 0.05)"])
@pytest.mark.parametrize("chain", [False, True])
def test_org_chart_checks_hold(dist: str, chain: bool) -> None:
    t = _employees(dist, chain)
    ids = t.column("id").to_pylist()
    bosses = t.column("manager_id").to_pylist()
    hired = dict(zip(ids, t.column("hired_on").to_pylist(), strict=True))
    assert t.num_rows == 3_000
    assert bosses[0] is None
    for row, boss in zip(ids, bosses, strict=True):
        if boss is not None:
            assert boss < row
            if chain:
                assert hired[boss] <= hired[row]
    assert all(date(2010, 1, 1) <= d <= date(2025, 1, 1) for d in hired.values())


def test_chunks_and_workers_do_not_change_the_chart() -> None:
    base = _employees("zipf(s: 1.0)", True)
    assert base.equals(_employees("zipf(s: 1.0)", True, chunk_rows=111))
    assert base.equals(_employees("zipf(s: 1.0)", True, chunk_rows=500, workers=2))
