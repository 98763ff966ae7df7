"""Long-tailed histograms → lognormal; the duplicate-key hint of a load into a populated table."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from testdatagen.outputs.db.failures import database_error
from testdatagen.outputs.db.url import parse_url
from testdatagen.outputs.introspect.stats import long_tail


def test_log_uniform_histogram_gets_lognormal_around_its_median() -> None:
    bounds = [math.exp(i / 10) for i in range(101)]  # 1 … e^10, median e^5
    shape = long_tail(bounds)
    assert shape is not None and shape.name == "lognormal"
    assert abs(shape.params["mu"] - 5.0) < 0.01
    assert 3.0 < shape.params["sigma"] < 4.5


@given(st.floats(min_value=-1e6, max_value=1e6), st.floats(min_value=1.0, max_value=1e6))
def test_even_histograms_stay_uniform(start: float, width: float) -> None:
    bounds = [start + width * i / 100 for i in range(101)]
    assert long_tail(bounds) is None


def test_zero_or_negative_values_are_never_lognormal() -> None:
    assert long_tail([0.0, 0.1, 0.2, 0.3, 1000.0]) is None
    assert long_tail([-5.0, 1.0, 1.1, 1.2, 1000.0]) is None


def test_duplicate_key_hint_names_truncate_and_collations() -> None:
    url = parse_url("postgresql://u@localhost/db")
    exc = RuntimeError('duplicate key value violates unique constraint "customers_pkey"')
    diagnostic = database_error(url, "load table 'customers'", exc).diagnostics[0]
    assert diagnostic.code == "TDG620"
    assert diagnostic.hint is not None
    assert "truncate" in diagnostic.hint and "_ci" in diagnostic.hint
