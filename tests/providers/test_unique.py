"""Unique formats never repeat, by construction, over large row ranges."""

from __future__ import annotations

import numpy as np
import pyarrow.compute as pc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testdatagen.errors import GenerationError
from testdatagen.model.catalog import FORMATS, LOCALES

from .helpers import generate

UNIQUE = sorted(n for n, info in FORMATS.items() if info.uniqueable)
ROWS = 200_000


@pytest.mark.parametrize("name", UNIQUE)
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32))
def test_no_duplicates_over_200k_rows(name: str, seed: int) -> None:
    out = generate(name, ROWS, seed=seed, unique=True, total_rows=ROWS)
    assert pc.count_distinct(out).as_py() == ROWS


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", UNIQUE)
def test_no_duplicates_in_every_locale_over_a_million_rows(name: str, locale: str) -> None:
    rows = np.arange(1_000_000, dtype=np.int64)
    out = generate(name, rows, locale=locale, unique=True, total_rows=len(rows))
    assert pc.count_distinct(out).as_py() == len(rows)


@pytest.mark.parametrize("locale", LOCALES)
def test_unique_emails_in_every_locale(locale: str) -> None:
    out = generate("email", 50_000, locale=locale, unique=True, total_rows=50_000)
    assert pc.count_distinct(out).as_py() == 50_000


def test_unique_suffixes_do_not_look_sequential() -> None:
    handles = generate("username", 20, unique=True, total_rows=20).to_pylist()
    codes = [int("".join(c for c in str(h) if c.isdigit())) for h in handles]
    assert codes != sorted(codes)


def test_capacity_overflow_is_a_clear_error() -> None:
    with pytest.raises(GenerationError) as err:
        generate("email", np.array([20_000], dtype=np.int64), unique=True, total_rows=100)
    assert err.value.diagnostics[0].code == "TDG510"
    assert "unique" in err.value.diagnostics[0].message
