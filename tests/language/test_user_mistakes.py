"""Mistakes outside the golden fixtures: files that are not UTF-8, SQL habits in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from testdatagen.errors import InputError
from testdatagen.language.api import check_text, load_file


def test_latin1_file_points_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "shop.tdg"
    path.write_bytes(b"schema S {\n  table t {\n    name string(9) [default: 'caf\xe9']\n  }\n}\n")
    with pytest.raises(InputError) as info:
        load_file(path)
    (diag,) = info.value.diagnostics
    assert diag.code == "TDG022"
    assert diag.span is not None and (diag.span.line, diag.span.column) == (3, 34)
    assert diag.hint is not None and "UTF-8" in diag.hint


@pytest.mark.parametrize(
    ("column", "code", "fragment"),
    [
        ("n integer AUTO_INCREMENT", "TDG024", "[sequential]"),
        ("c integer REFERENCES t(id)", "TDG024", "[references: t.id]"),
        ("d datetime DEFAULT now()", "TDG024", "[default: now()]"),
        ("s enum('a','b')", "TDG025", "inline enum"),
        ("x integer (min: 1)", "TDG025", "[...]"),
        ("x: integer", "TDG025", "no ':'"),
    ],
)
def test_sql_habits_get_tdg_spelling(column: str, code: str, fragment: str) -> None:
    text = f"schema S {{\n  table t {{\n    id integer [primary_key]\n    {column}\n  }}\n}}\n"
    diagnostics = [d for d in check_text(text, filename="x.tdg") if d.severity == "error"]
    assert [d.code for d in diagnostics] == [code]
    assert fragment in diagnostics[0].message + (diagnostics[0].hint or "")
    assert diagnostics[0].span is not None and diagnostics[0].span.line == 4


def test_sql_words_inside_settings_are_not_rewritten() -> None:
    """'references' inside [...] is the tdg setting; only its own errors are reported."""
    text = (
        "schema S {\n  table t {\n    id integer [primary_key]\n"
        "    c integer [references: t.id, per_parent: 1..2,, min: 1]\n  }\n}\n"
    )
    (diag,) = [d for d in check_text(text, filename="x.tdg") if d.severity == "error"]
    assert diag.message == "two commas in a row"
