"""docs/reference.md is generated from the registries; this fails when it is stale."""

from __future__ import annotations

from testdatagen.language.codes import CODES
from testdatagen.language.reference import render_reference
from testdatagen.model.catalog import FORMATS

from .conftest import REPO


def test_reference_page_is_current() -> None:
    page = (REPO / "docs" / "reference.md").read_text(encoding="utf-8")
    assert page == render_reference(), (
        "docs/reference.md is stale: run "
        "python -m testdatagen.language.reference --write docs/reference.md"
    )


def test_reference_lists_every_code_and_format() -> None:
    page = render_reference()
    assert all(f"`{code}`" in page for code in CODES)
    assert all(f"`{name}`" in page for name in FORMATS)
