"""Every catalog format has a provider that works in every locale, deterministically."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.model.catalog import FORMATS, LOCALES
from testdatagen.providers.registry import get_provider, provider_names

from .helpers import generate, request

FLOAT_FORMATS = {"latitude", "longitude"}
ALL = [(f, loc) for f in FORMATS for loc in LOCALES]
VARYING = sorted(set(FORMATS) - {"country", "country_code"})


def test_every_catalog_format_has_a_provider() -> None:
    assert set(FORMATS) <= set(provider_names())


@pytest.mark.parametrize(("name", "locale"), ALL)
def test_values_have_the_right_type_and_count(name: str, locale: str) -> None:
    out = generate(name, 257, locale=locale)
    assert len(out) == 257
    assert out.null_count == 0
    expected = pa.float64() if name in FLOAT_FORMATS else pa.string()
    assert out.type == expected
    if expected == pa.string():
        assert min(len(v) for v in out.to_pylist()) > 0


@pytest.mark.parametrize(("name", "locale"), ALL)
def test_chunks_and_order_do_not_change_values(name: str, locale: str) -> None:
    provider = get_provider(name)
    req = request(name, locale=locale)
    whole = provider.generate(req, np.arange(1000, dtype=np.int64))
    halves = pa.concat_arrays(
        [
            provider.generate(req, np.arange(0, 500, dtype=np.int64)),
            provider.generate(req, np.arange(500, 1000, dtype=np.int64)),
        ]
    )
    assert whole.equals(halves)
    shuffled = np.random.default_rng(3).permutation(1000).astype(np.int64)
    again = provider.generate(req, shuffled)
    assert again.equals(whole.take(pa.array(shuffled)))


@pytest.mark.parametrize("name", VARYING)
def test_seed_and_table_change_values(name: str) -> None:
    base = generate(name, 200, seed=1)
    assert base.equals(generate(name, 200, seed=1))
    assert not base.equals(generate(name, 200, seed=2))
    assert not base.equals(generate(name, 200, seed=1, table="other"))


@pytest.mark.parametrize("name", VARYING)
def test_values_vary_across_rows(name: str) -> None:
    assert len(set(generate(name, 500).to_pylist())) >= 2


@pytest.mark.parametrize("locale", LOCALES)
def test_country_is_the_locale_country(locale: str) -> None:
    """Constant on purpose: every row's city lies in the locale's country."""
    code = locale.split("_")[1]
    assert set(generate("country_code", 100, locale=locale).to_pylist()) == {code}
    assert len(set(generate("country", 100, locale=locale).to_pylist())) == 1


PURITY_FORMATS = sorted(FORMATS)


@pytest.mark.parametrize("name", PURITY_FORMATS)
@settings(max_examples=6, deadline=None)
@given(
    rows=st.lists(st.integers(0, 10**6 - 1), min_size=1, max_size=40),
    unique=st.booleans(),
)
def test_a_row_alone_equals_the_row_in_any_batch(name: str, rows: list[int], unique: bool) -> None:
    unique = unique and FORMATS[name].uniqueable
    batch = generate(name, np.array(rows, dtype=np.int64), unique=unique, total_rows=10**6)
    for i, row in enumerate(rows[:5]):
        alone = generate(name, np.array([row], dtype=np.int64), unique=unique, total_rows=10**6)
        assert alone.to_pylist() == [batch[i].as_py()]
