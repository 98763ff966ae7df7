"""``sum(child.amount)`` and ``running_sum(amount)`` over decimals are exact.

Regression: a ``decimal(38,10)`` total computed as ``sum(entries.amount)`` went
through float64 (15-16 digits) and then int64 (which wraps past 2**63 units of
the scale): 1927 of 2000 accounts had a wrong total, many of them
-922337203.6854775808. The sums now add the unscaled integers, and a total is
compared here with Python's exact ``Decimal`` sum of the children read back from
Arrow.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.engine import generate
from testdatagen.engine.aggregates import reduce_children
from testdatagen.engine.rounding import round_scaled
from testdatagen.errors import GenerationError
from testdatagen.language.api import load_text

TYPES = [(38, 10), (12, 2)]


def _decimals(precision: int, scale: int) -> st.SearchStrategy[Decimal | None]:
    top = 10**precision - 1
    # Extremes on purpose: a sum of values near 10**precision is where float64 and
    # int64 give out first.
    unscaled = st.one_of(st.integers(-top, top), st.sampled_from([top, -top, top - 1]))
    wide = Context(prec=80)
    return st.one_of(st.none(), unscaled.map(lambda v: Decimal(v).scaleb(-scale, wide)))


@st.composite
def _groups(draw: st.DrawFn) -> tuple[int, int, list[list[Decimal | None]]]:
    precision, scale = draw(st.sampled_from(TYPES))
    # 38 digits: few children, or the exact sum itself passes decimal128 (tested below).
    most = 5 if precision == 38 else 40
    groups = draw(st.lists(st.lists(_decimals(precision, scale), max_size=most), max_size=12))
    return precision, scale, groups


@settings(max_examples=200, deadline=None)
@given(_groups())
def test_decimal_sum_per_parent_is_the_exact_decimal_sum(
    case: tuple[int, int, list[list[Decimal | None]]],
) -> None:
    precision, scale, groups = case
    flat = [v for group in groups for v in group]
    values = pa.array(flat, pa.decimal128(precision, scale))
    counts = np.array([len(g) for g in groups], dtype=np.int64)
    with localcontext(Context(prec=80)):
        exact = [sum((v for v in g if v is not None), Decimal(0)) for g in groups]
    if any(t.copy_abs() >= Decimal(10).scaleb(37 - scale) for t in exact):
        with pytest.raises(GenerationError, match="38 digits"):
            reduce_children("sum", values, counts)
        return
    result = reduce_children("sum", values, counts)
    assert result.type == pa.decimal128(38, scale)
    assert result.to_pylist() == exact


def test_a_sum_past_38_digits_is_an_error_not_a_wrapped_number() -> None:
    top = Decimal(10**38 - 1)
    values = pa.array([top, top, Decimal(1)], pa.decimal128(38, 0))
    with pytest.raises(GenerationError, match="38 digits") as err:
        reduce_children("sum", values, np.array([2, 1], dtype=np.int64))
    assert err.value.diagnostics[0].code == "TDG522"


SOURCE = """
schema S {
  table accounts {
    id     integer        [primary_key, sequential]
    total  decimal(38,10) [compute: sum(entries.amount)]
    cents  decimal(12,2)  [compute: sum(entries.cents)]
    least  decimal(38,10) [compute: min(entries.amount)]
    plus   decimal(38,10) [compute: sum(entries.cents) + 1]
    check total_is_the_sum: total = sum(entries.amount)
    check mixed_with_integers: cents + 1 > sum(entries.cents) and plus > 0 - 10000000
  }
  table entries {
    account_id integer        [not_null, references: accounts.id, per_parent: 0..30]
    amount     decimal(38,10) [min: -90000000, max: 90000000, null_rate: 5%]
    cents      decimal(12,2)  [not_null, min: -5000, max: 99999]
    balance    decimal(38,10) [compute: running_sum(amount)]
    bumped     decimal(14,2)  [compute: running_sum(cents) + 1]
  }
}
"""


@pytest.mark.parametrize("chunk_rows", [65_536, 97])
def test_parent_totals_equal_the_exact_sums_of_their_children(chunk_rows: int) -> None:
    dataset = generate(
        load_text(SOURCE, filename="a.tdg"), rows={"accounts": 600}, seed=3, chunk_rows=chunk_rows
    )
    accounts = dataset.to_arrow("accounts").to_pydict()
    entries = dataset.to_arrow("entries").to_pydict()
    total: defaultdict[int, Decimal] = defaultdict(Decimal)
    cents: defaultdict[int, Decimal] = defaultdict(Decimal)
    least: dict[int, Decimal] = {}
    names = ("account_id", "amount", "cents", "balance", "bumped")
    for parent, amount, cent, balance, bumped in zip(*(entries[n] for n in names), strict=True):
        if amount is not None:
            total[parent] += amount
            least[parent] = min(least.get(parent, amount), amount)
        cents[parent] += cent
        assert balance == total[parent]
        # running_sum(decimal) + integer used to fail: decimal128(38, 2) + int64.
        assert bumped == cents[parent] + 1
    assert accounts["total"] == [total[i] for i in accounts["id"]]
    assert accounts["cents"] == [cents[i] for i in accounts["id"]]
    assert accounts["least"] == [least.get(i) for i in accounts["id"]]
    # Enough digits that float64 could not have kept them: the fix is exercised.
    assert max(len(t.as_tuple().digits) for t in accounts["total"]) > 16


def test_a_total_wider_than_its_column_is_reported() -> None:
    source = """
    schema S {
      table parents {
        id    integer      [primary_key, sequential]
        total decimal(4,2) [compute: sum(kids.amount)]
      }
      table kids {
        parent_id integer      [not_null, references: parents.id, per_parent: 5..5]
        amount    decimal(6,2) [not_null, min: 900, max: 999]
      }
    }
    """
    dataset = generate(load_text(source, filename="w.tdg"), rows={"parents": 3}, seed=1)
    with pytest.raises(GenerationError, match=r"does not fit decimal\(4,2\)") as err:
        dataset.to_arrow("parents")
    assert err.value.diagnostics[0].code == "TDG522"


def test_wide_decimal_amounts_stay_inside_their_bounds() -> None:
    """decimal(38,10) up to 1e9 is 1e19 steps of its scale, past int64: amounts above
    922337203.6854775807 wrapped to negative numbers (min/max: -9.2e8..9.2e8)."""
    source = """
    schema S {
      table t {
        id     integer        [primary_key, sequential]
        amount decimal(38,10) [not_null, min: 0, max: 999999999]
        signed decimal(38,10) [not_null, min: -999999999999, max: 999999999999]
      }
    }
    """
    table = generate(load_text(source, filename="b.tdg"), rows={"t": 4000}, seed=5).to_arrow("t")
    amount, signed = table["amount"].to_pylist(), table["signed"].to_pylist()
    assert all(0 <= v <= 999999999 for v in amount)
    assert max(amount) > Decimal("922337203.6854775807")
    assert all(-999999999999 <= v <= 999999999999 for v in signed)
    assert min(signed) < -(10**11) and max(signed) > 10**11


@settings(max_examples=200, deadline=None)
@given(st.integers(-(10**15), 10**15), st.sampled_from([0, 2, 4]))
def test_rounding_a_wide_decimal_keeps_its_value(units: int, scale: int) -> None:
    """``x decimal(38,10) [compute: amount * 1]`` read 1000000000001.0001317888 for
    1e12: the half-away-from-zero nudge (1e-12 relative) was added to every value,
    a whole unit from 1e12 units on. A whole number of units now stays itself."""
    value = np.array([units / 10.0**scale])
    rounded = round_scaled(value, scale)[0]
    exact = Decimal(float(value[0])).scaleb(scale).to_integral_value(ROUND_HALF_UP)
    assert rounded == float(exact)


def test_a_computed_wide_decimal_equals_its_operand() -> None:
    source = """
    schema S {
      table t {
        id     integer        [primary_key, sequential]
        amount decimal(38,10) [not_null, min: -999999999999, max: 999999999999]
        same   decimal(38,10) [compute: amount * 1]
      }
    }
    """
    table = generate(load_text(source, filename="c.tdg"), rows={"t": 500}, seed=2).to_arrow("t")
    for amount, same in zip(table["amount"].to_pylist(), table["same"].to_pylist(), strict=True):
        # amount * 1 goes through float64: 15-16 significant digits survive, not 22.
        assert abs(same - amount) <= abs(amount) * Decimal("1e-15")
