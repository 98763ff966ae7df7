"""Rendering: the exact layout of LANGUAGE.md, warnings, missing sources."""

from __future__ import annotations

from testdatagen.errors import Diagnostic, Severity, Span
from testdatagen.language.api import analyze_text
from testdatagen.language.render import render_diagnostics

EXPECTED = """\
shop.tdg:12:59: error[TDG101]: unknown format 'emial' — did you mean 'email'?
   12 |     email        string(120)   [unique, not_null, format: emial]
      |                                                           ^
      = formats: email, phone, name, address, company, url, ipv4, …
"""


def test_language_md_example_renders_exactly(shop_text: str, examples_dir) -> None:  # type: ignore[no-untyped-def]
    text = shop_text.replace("format: email]", "format: emial]")
    analysis = analyze_text(text, filename="shop.tdg", base_dir=examples_dir)
    assert render_diagnostics(analysis.diagnostics, analysis.sources) == EXPECTED


def test_warning_without_source_and_notes() -> None:
    d = Diagnostic(
        "TDG421", "ignored", Span("x.tdg", 3, 2), severity=Severity.WARNING, notes=("a note",)
    )
    text = render_diagnostics([d], {})
    # "=" sits under the "|" of a source line: "   3 | …"
    assert text == "x.tdg:3:2: warning[TDG421]: ignored\n     = a note\n"


def test_diagnostics_are_sorted_by_position() -> None:
    a = Diagnostic("TDG100", "second", Span("f", 2, 1))
    b = Diagnostic("TDG100", "first", Span("f", 1, 1))
    out = render_diagnostics([a, b], {"f": "x\ny\n"})
    assert out.index("first") < out.index("second")
    assert render_diagnostics([], {}) == ""
