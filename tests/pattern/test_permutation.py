"""The keyed Feistel permutation: a bijection of [0, domain), keyed, invertible."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.engine.permutation import MAX_DOMAIN, KeyedPermutation

keys = st.integers(0, 2**64 - 1)


@settings(max_examples=200, deadline=None)
@given(keys, st.integers(1, 100_000))
def test_apply_is_a_bijection_and_invert_undoes_it(key: int, domain: int) -> None:
    perm = KeyedPermutation(key, domain)
    everything = np.arange(domain, dtype=np.int64)
    image = perm.apply(everything)
    assert image.dtype == np.int64
    assert np.array_equal(np.sort(image), everything)
    assert np.array_equal(perm.invert(image), everything)
    assert np.array_equal(perm.apply(perm.invert(everything)), everything)


@given(keys, st.integers(2**40, MAX_DOMAIN), st.lists(st.integers(0, 2**40 - 1), min_size=1))
def test_large_domains_round_trip(key: int, domain: int, picked: list[int]) -> None:
    perm = KeyedPermutation(key, domain)
    indices = np.array(picked, dtype=np.int64)
    image = perm.apply(indices)
    assert ((image >= 0) & (image < domain)).all()
    assert np.array_equal(perm.invert(image), indices)
    assert len(np.unique(image)) == len(np.unique(indices))


@given(keys, st.integers(1, 10_000), st.lists(st.integers(0, 9_999), max_size=50))
def test_each_index_is_mapped_alone(key: int, domain: int, picked: list[int]) -> None:
    perm = KeyedPermutation(key, domain)
    indices = np.array([i % domain for i in picked], dtype=np.int64)
    whole = perm.apply(np.arange(domain))
    assert np.array_equal(perm.apply(indices), whole[indices])


@pytest.mark.parametrize("domain", [10, 1000, 10**6])
def test_different_keys_give_different_permutations(domain: int) -> None:
    everything = np.arange(domain)
    images = {KeyedPermutation(k, domain).apply(everything).tobytes() for k in range(20)}
    assert len(images) == 20


def test_the_permutation_looks_shuffled() -> None:
    """Neighbouring indices land far apart, and few stay where they were."""
    image = KeyedPermutation(99, 10**6).apply(np.arange(10**6))
    assert np.count_nonzero(image == np.arange(10**6)) < 20
    assert abs(np.corrcoef(np.arange(10**6), image)[0, 1]) < 0.01


def test_domain_of_one_and_the_limits() -> None:
    assert KeyedPermutation(5, 1).apply(np.zeros(3, dtype=np.int64)).tolist() == [0, 0, 0]
    assert KeyedPermutation(5, MAX_DOMAIN).apply(np.array([MAX_DOMAIN - 1]))[0] < MAX_DOMAIN
    for bad in (0, MAX_DOMAIN + 1):
        with pytest.raises(ValueError, match="domain"):
            KeyedPermutation(1, bad)


def test_indices_outside_the_domain_are_refused() -> None:
    perm = KeyedPermutation(1, 100)
    for bad in ([100], [-1]):
        with pytest.raises(ValueError, match="indices"):
            perm.apply(np.array(bad))
