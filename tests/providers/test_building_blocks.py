"""Properties of the building blocks: permutations, masks, transliteration, checks."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.engine.rng import Stream
from testdatagen.errors import GenerationError
from testdatagen.providers.alias import AliasTable
from testdatagen.providers.checks import luhn_check, mod97
from testdatagen.providers.masks import MaskSet
from testdatagen.providers.translit import ascii_name
from testdatagen.providers.unique import unique_code_domain, unique_codes
from testdatagen.providers.vec import by_variant, decimal


@settings(max_examples=40, deadline=None)
@given(domain=st.integers(1, 5000), key=st.integers(0, 2**64 - 1))
def test_unique_codes_are_a_bijection(domain: int, key: int) -> None:
    out = unique_codes(np.arange(domain, dtype=np.int64), domain, key, "codes")
    assert out.dtype == np.uint64
    assert sorted(out.tolist()) == list(range(domain))


@settings(max_examples=8, deadline=None)
@given(key=st.integers(0, 2**64 - 1))
def test_unique_codes_of_a_huge_domain_stay_below_the_permutation_limit(key: int) -> None:
    rows = np.arange(0, 10**12, 10**7, dtype=np.int64)
    out = unique_codes(rows, 1 << 64, key, "codes")
    assert int(out.max()) < 2**62
    assert len(np.unique(out)) == len(rows)


def test_unique_codes_past_capacity_is_a_user_error_naming_the_format() -> None:
    with pytest.raises(GenerationError) as caught:
        unique_codes(np.arange(11, dtype=np.int64), 10, 1, "widgets")
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == "TDG510"
    assert "widgets" in diagnostic.message


def test_unique_code_domain_grows_with_the_table() -> None:
    assert unique_code_domain(None) == 10**10
    assert unique_code_domain(10) == 10**4
    assert unique_code_domain(123_457) == 10**6


def test_mask_mixed_radix_is_a_bijection() -> None:
    masks = MaskSet.compile(["%?-#"])
    capacity = masks.capacity[0]
    assert capacity == 9 * 26 * 10
    which = np.zeros(capacity, dtype=np.int64)
    out = masks.to_strings(masks.fill_value(which, np.arange(capacity, dtype=np.uint64)), which)
    texts = out.to_pylist()
    assert len(set(texts)) == capacity
    assert all(
        t[0] in "123456789" and t[1].isupper() and t[2] == "-" and t[3].isdigit() for t in texts
    )


def test_mask_random_fill_covers_every_digit_and_keeps_literals() -> None:
    masks = MaskSet.compile(["丁目##", "A%"])
    which = np.array([0, 1] * 2000, dtype=np.int64)
    rows = np.arange(len(which), dtype=np.int64)
    out = masks.to_strings(masks.fill_random(which, Stream.root(1, "m"), rows), which).to_pylist()
    assert all(v.startswith("丁目") and len(v) == 4 for v in out[::2])
    assert {v[2] for v in out[::2]} == set("0123456789")
    assert {v[1] for v in out[1::2]} == set("123456789")


def test_transliteration() -> None:
    assert ascii_name("Müller") == "mueller"
    assert ascii_name("José") == "jose"
    assert ascii_name("Groß-Çelik") == "grossc" + "elik"
    assert ascii_name("O'Brien") == "obrien"
    assert ascii_name("山田") == "user"


def test_luhn_and_mod97_on_known_values() -> None:
    assert luhn_check(np.array([[7, 9, 9, 2, 7, 3, 9, 8, 7, 1]])).tolist() == [3]
    digits = [int(c, 36) for c in "370400440532013000" + "DE00"]
    assert 98 - int(mod97(np.array([digits]))[0]) == 89  # DE89 3704 0044 0532 0130 00


def test_decimal_rendering() -> None:
    vals = np.array([0, 7, 10, 12345, 2**63], dtype=np.uint64)
    assert decimal(vals).to_pylist() == ["0", "7", "10", "12345", str(2**63)]


def test_by_variant_restores_row_order() -> None:
    rows = np.arange(10, dtype=np.int64)
    choice = rows % 3
    out = by_variant(
        choice, [lambda r, k=k: pa.array([f"{k}:{i}" for i in r]) for k in range(3)], rows
    )
    assert out.to_pylist() == [f"{i % 3}:{i}" for i in range(10)]


@settings(max_examples=50, deadline=None)
@given(
    weights=st.lists(st.floats(0.0, 100.0), min_size=1, max_size=60).filter(lambda w: sum(w) > 1e-3)
)
def test_alias_table_reproduces_the_weights_exactly(weights: list[float]) -> None:
    table = AliasTable.of(weights)
    n = len(weights)
    mass = table.threshold.copy()
    np.add.at(mass, table.alias, 1.0 - table.threshold)
    expected = np.asarray(weights) / sum(weights)
    assert np.allclose(mass / n, expected, atol=1e-9)
    picks = table.draw(np.linspace(0, 1, 4001, endpoint=False))
    assert picks.min() >= 0 and picks.max() < n
    assert all(expected[i] > 0 for i in np.unique(picks))
