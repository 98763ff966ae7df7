"""Zipf picks through the guide table equal an exact inverse-CDF search."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.engine.distributions import zipf_index, zipf_table


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=50_000),
    st.floats(min_value=0.3, max_value=3.0),
    st.integers(min_value=0, max_value=2**32),
)
def test_guided_zipf_equals_the_exact_search(n: int, s: float, seed: int) -> None:
    u = np.random.default_rng(seed).random(2_000)
    u[:3] = [0.0, np.nextafter(1.0, 0.0), 0.5]
    exact = np.minimum(np.searchsorted(zipf_table(n, s), u, side="right"), n - 1)
    assert np.array_equal(zipf_index(n, s, u), exact)
