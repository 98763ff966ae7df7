"""The counter-based RNG: pure per (key, row), independent across keys, uniform."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from testdatagen.engine.rng import Stream, mix64, stream_key


@given(st.integers(0, 2**32), st.integers(0, 10**6), st.integers(1, 5000))
def test_any_row_range_equals_the_slice_of_the_whole(seed: int, start: int, length: int) -> None:
    s = Stream.root(seed, "t", "c")
    whole = s.bits_range(0, start + length)
    assert np.array_equal(s.bits_range(start, start + length), whole[start:])
    rows = np.arange(start, start + length)[::-1]
    assert np.array_equal(s.bits(rows), whole[start:][::-1])


def test_streams_with_different_names_differ() -> None:
    rows = np.arange(10_000)
    a, b = Stream.root(1, "t", "a").bits(rows), Stream.root(1, "t", "b").bits(rows)
    assert np.count_nonzero(a == b) == 0
    assert stream_key("t", "ab") != stream_key("ta", "b")


def test_uniform_is_uniform_by_chi_square() -> None:
    u = Stream.root(42, "t", "c").uniform(np.arange(1_000_000))
    assert u.min() >= 0.0 and u.max() < 1.0
    counts = np.bincount((u * 100).astype(int), minlength=100)
    chi2 = float(((counts - 10_000) ** 2 / 10_000).sum())
    # 99 degrees of freedom: the 0.999 quantile is about 148.
    assert chi2 < 148


def test_integers_stay_in_bounds_and_cover_them() -> None:
    v = Stream.root(7, "x").integers(np.arange(100_000), -3, 3)
    assert set(np.unique(v).tolist()) == set(range(-3, 4))
    big = Stream.root(7, "y").integers(np.arange(1000), 0, 2**40)
    assert big.min() >= 0 and big.max() <= 2**40


def test_normal_has_unit_moments() -> None:
    z = Stream.root(3, "n").normal(np.arange(500_000))
    assert abs(z.mean()) < 0.01
    assert abs(z.std() - 1) < 0.01


def test_mix64_in_place_matches_copy() -> None:
    x = np.arange(100, dtype=np.uint64)
    expected = mix64(x)
    mix64(x, out=x)
    assert np.array_equal(x, expected)
