"""``max_length`` is respected: free text is cut, structured values shrink or fail."""

from __future__ import annotations

import pyarrow.compute as pc
import pytest

from testdatagen.errors import GenerationError
from testdatagen.model.catalog import FORMATS, LOCALES

from .helpers import generate

TRUNCATED = [
    "name",
    "address",
    "street_address",
    "company",
    "job_title",
    "sentence",
    "paragraph",
    "text",
    "product_name",
    "words",
]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", TRUNCATED)
@pytest.mark.parametrize("limit", [5, 12, 40])
def test_free_text_fits(name: str, locale: str, limit: int) -> None:
    out = generate(name, 500, locale=locale, max_length=limit)
    assert pc.max(pc.utf8_length(out)).as_py() <= limit
    assert all(v == v.rstrip() for v in out.to_pylist())


@pytest.mark.parametrize("limit", [80, 200, 1000])
def test_text_is_whole_sentences_when_they_fit(limit: int) -> None:
    out = generate("text", 300, max_length=limit).to_pylist()
    assert all(len(v) <= limit for v in out)
    assert sum(v.endswith(".") for v in out) > 250
    if limit >= 200:
        assert sum(len(v) > limit // 2 for v in out) > 250  # fills the space it has


@pytest.mark.parametrize("unique", [False, True])
@pytest.mark.parametrize("limit", [16, 18, 25])
def test_emails_pick_shorter_forms_instead_of_cutting(limit: int, unique: bool) -> None:
    out = generate("email", 3000, max_length=limit, unique=unique, total_rows=3000).to_pylist()
    assert all(len(v) <= limit and v.count("@") == 1 for v in out)
    if unique:
        assert len(set(out)) == len(out)


def test_structured_values_that_cannot_fit_raise() -> None:
    with pytest.raises(GenerationError) as err:
        generate("iban", 10, locale="de_DE", max_length=10)
    diag = err.value.diagnostics[0]
    assert diag.code == "TDG511"
    assert "string(22)" in (diag.hint or "")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_generous_limit_changes_nothing(name: str) -> None:
    if name in {"text", "password"}:  # these size themselves to the limit
        return
    assert generate(name, 200, max_length=10_000).equals(generate(name, 200))
