"""The catalog's claims about formats hold for the providers that make them.

The language checks read ``FormatInfo.max_length``/``never_cut``/``fits_from``/
``distinct`` to judge string(n) columns and unique columns before a run; the
providers are the truth. Each format is generated in every locale, and a
provider that outgrows its catalog line fails here, not in a user's run.
"""

from __future__ import annotations

import numpy as np
import pytest

from testdatagen.errors import TdgError
from testdatagen.model.catalog import FORMATS, LOCALES
from testdatagen.providers.base import FormatRequest
from testdatagen.providers.define import BUILTINS
from testdatagen.providers.registry import get_provider

ROWS = np.arange(20_000, dtype=np.int64)
DECLARED = sorted(
    n for n, f in FORMATS.items() if f.max_length or f.distinct or f.never_cut or f.fits_from
)


def _values(name: str, locale: str, max_length: int | None = None, seed: int = 3) -> list[str]:
    request = FormatRequest(seed=seed, table="t", column=name, locale=locale, max_length=max_length)
    array = get_provider(name).generate(request, ROWS)
    return [str(v) for v in array.to_pylist() if v is not None]


@pytest.mark.parametrize("name", DECLARED)
def test_values_stay_within_the_declared_length_and_count(name: str) -> None:
    info = FORMATS[name]
    for locale in LOCALES:
        values = _values(name, locale)
        if info.max_length is not None:
            assert max(map(len, values)) <= info.max_length, (name, locale)
        if info.distinct is not None:
            assert len(set(values)) <= info.distinct, (name, locale)


@pytest.mark.parametrize("name", DECLARED)
def test_never_cut_matches_the_provider_and_fits_from_is_enough(name: str) -> None:
    info = FORMATS[name]
    get_provider(name)  # loads the built-ins
    assert info.never_cut == (BUILTINS[name].fit == "strict")
    if not info.never_cut:
        return
    assert info.fits_from is not None and info.max_length is not None
    assert info.fits_from <= info.max_length
    for locale in LOCALES:
        values = _values(name, locale, max_length=info.fits_from)
        assert max(map(len, values)) <= info.fits_from


def test_a_never_cut_format_fails_below_fits_from() -> None:
    """What the TDG204 error promises: the run stops (slug cannot shorten itself)."""
    with pytest.raises(TdgError):
        _values("slug", "en_US", max_length=FORMATS["slug"].fits_from - 10)  # type: ignore[operator]


def test_the_sample_reaches_the_declared_counts() -> None:
    """``distinct`` is the real count, not a loose bound a unique check would miss."""
    for name in ("gender", "department", "product_category", "currency_code", "mime_type"):
        found = max(len(set(_values(name, locale))) for locale in LOCALES)
        assert found == FORMATS[name].distinct, name


def test_unique_country_code_really_cannot_exceed_one_row() -> None:
    assert set(_values("country_code", "de_DE")) == {"DE"}
