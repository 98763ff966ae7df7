"""``share_rows``: one key-independent mixing round per chunk, the same bits."""

from __future__ import annotations

import gc

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from testdatagen.engine import rng
from testdatagen.engine.rng import Stream, share_rows


@given(
    st.lists(st.integers(min_value=0, max_value=2**62), min_size=1, max_size=50),
    st.integers(min_value=0, max_value=2**32),
)
def test_shared_rows_draw_the_same_bits(values: list[int], seed: int) -> None:
    rows = np.array(values, dtype=np.int64)
    stream = Stream.root(seed, "t", "c")
    expected = stream.bits(rows.copy()), stream.child("x").uniform(rows.copy())
    shared = share_rows(rows.copy())
    assert np.array_equal(stream.bits(shared), expected[0])
    assert np.array_equal(stream.child("x").uniform(shared), expected[1])


def test_shared_rows_are_frozen_and_forgotten_with_the_array() -> None:
    rows = share_rows(np.arange(10, dtype=np.int64))
    Stream.root(1, "t", "c").bits(rows)
    with pytest.raises(ValueError):
        rows[0] = 5
    key = id(rows)
    assert key in rng._SHARED
    del rows
    gc.collect()
    assert key not in rng._SHARED
