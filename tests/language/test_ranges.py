"""Interval arithmetic behind "a check that contradicts the column ranges"."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.language.api import analyze_text
from testdatagen.language.checks.ranges import _bounds, contradictions
from testdatagen.model import Binary, Column, DataType, Lit, Ref, Table, TypeKind


def _table(**ranges: tuple[float, float]) -> Table:
    columns = tuple(
        Column(
            name=name,
            type=DataType(kind=TypeKind.FLOAT),
            min=Lit(value=lo),
            max=Lit(value=hi),
        )
        for name, (lo, hi) in ranges.items()
    )
    return Table(name="t", columns=columns)


bounds = st.tuples(st.integers(-50, 50), st.integers(-50, 50)).map(sorted).map(tuple)


@settings(max_examples=200, deadline=None)
@given(
    a=bounds,
    b=bounds,
    op=st.sampled_from(["+", "-", "*", "/"]),
    x=st.floats(0, 1),
    y=st.floats(0, 1),
)
def test_intervals_contain_every_value(
    a: tuple[int, int], b: tuple[int, int], op: str, x: float, y: float
) -> None:
    table = _table(a=a, b=b)
    expr = Binary(op=op, left=Ref(path=("a",)), right=Ref(path=("b",)))
    found = _bounds(table, expr, {})
    assert found is not None
    va, vb = a[0] + (a[1] - a[0]) * x, b[0] + (b[1] - b[0]) * y
    if op == "/" and vb == 0:
        return
    value = {"+": va + vb, "-": va - vb, "*": va * vb, "/": va / vb if vb else math.nan}[op]
    assert found[0] - 1e-9 <= value <= found[1] + 1e-9


def test_margin_against_cost_is_reported_with_ranges() -> None:
    table = _table(price=(1, 100), cost=(200, 300))
    expr = Binary(
        op=">=",
        left=Ref(path=("price",)),
        right=Binary(op="*", left=Ref(path=("cost",)), right=Lit(value=1.1)),
    )
    (message,) = contradictions(table, expr)
    assert "price (min 1, max 100)" in message
    assert "cost: min 200, max 300" in message


def test_boundaries_and_float_noise_do_not_count_as_contradictions() -> None:
    text = """schema S { table t {
      price float [min: 1, max: 220]
      cost  float [min: 200, max: 300]
      check at_edge: price >= cost * 1.1
      check halves: price * 2 >= cost
      check maybe_zero: price / (cost - 250) > 1000000
    } }"""
    assert not [d for d in analyze_text(text).diagnostics if d.code == "TDG404"]


def test_negated_sides_and_constants() -> None:
    text = """schema S { table t {
      a integer [min: 1, max: 10]
      check c: -a > 0
    } }"""
    codes = [d.code for d in analyze_text(text).diagnostics]
    assert "TDG404" in codes


def test_a_column_with_only_a_min_can_exceed_a_constant() -> None:
    """``ms > 0`` with ``min: 1`` and no max (from an introspected CHECK) is satisfiable:
    the open upper end is +inf, and inf minus float noise must not turn into nan."""
    column = Column(name="ms", type=DataType(kind=TypeKind.INTEGER), min=Lit(value=1))
    table = Table(name="t", columns=(column,))
    assert contradictions(table, Binary(op=">", left=Ref(path=("ms",)), right=Lit(value=0))) == []
    assert contradictions(table, Binary(op="<", left=Lit(value=0), right=Ref(path=("ms",)))) == []
    assert contradictions(table, Binary(op="<", left=Ref(path=("ms",)), right=Lit(value=1)))
