"""Rounding of computed decimals agrees with SQL (half away from zero, on the exact decimal).

Regression test for QA: ``round(price * 0.17, 2)`` with price 3048.50 stored 518.24
where PostgreSQL, MySQL and DuckDB give 518.25 — the float64 product is
518.24499999999995 and Arrow rounded it half to even; a decimal column filled by
a compute without round() had the same fault.
"""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.engine import generate
from testdatagen.engine.rounding import round_array, round_scaled
from testdatagen.language.api import load_text

SOURCE = """
schema S {
  table t {
    id      integer       [primary_key, sequential]
    price   decimal(12,2) [not_null, min: 1, max: 9000]
    rate    decimal(6,4)  [not_null, min: 0.01, max: 2]
    rounded decimal(14,2) [compute: round(price * rate, 2)]
    stored  decimal(14,2) [compute: price * rate]
    whole   integer       [compute: price * 0.5]
  }
}
"""


def _exact(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def test_computed_decimals_round_like_sql() -> None:
    dataset = generate(
        load_text(SOURCE, filename="r.tdg"), rows={"t": 20_000}, seed=4, now=datetime(2025, 1, 1)
    )
    with dataset:
        t = pa.Table.from_batches(list(dataset.batches("t")), dataset.arrow_schema("t"))
    rows = zip(
        *(t.column(n).to_pylist() for n in ("price", "rate", "rounded", "stored", "whole")),
        strict=False,
    )
    for price, rate, rounded, stored, whole in rows:
        assert rounded == _exact(price * rate, "0.01"), (price, rate)
        assert stored == _exact(price * rate, "0.01"), (price, rate)
        assert whole == int(_exact(price * Decimal("0.5"), "1")), price


def test_the_reported_value() -> None:
    value = pa.array([3048.50 * 0.17, -3048.50 * 0.17, 2.5, -2.5, 0.125])
    assert round_array(value, 2).to_pylist() == [518.25, -518.25, 2.5, -2.5, 0.13]
    assert round_array(value, 0).to_pylist() == [518.0, -518.0, 3.0, -3.0, 0.0]
    assert round_array(pa.array([1234, -1250], pa.int64()), -2).to_pylist() == [1200, -1300]
    assert round_array(pa.scalar(7, pa.int32()), 1).as_py() == 7


@settings(max_examples=300, deadline=None)
@given(
    st.integers(-(10**9), 10**9),
    st.integers(0, 4),
    st.integers(1, 9_999),
)
def test_products_of_decimals_round_half_away(a: int, scale: int, b: int) -> None:
    """a / 10**scale × b / 10**4, read as floats, rounds as the exact product does."""
    x, y = Decimal(a).scaleb(-scale), Decimal(b).scaleb(-4)
    got = round_scaled(np.array([float(x) * float(y)]), 2)[0]
    assert Decimal(int(got)).scaleb(-2) == _exact(x * y, "0.01")
