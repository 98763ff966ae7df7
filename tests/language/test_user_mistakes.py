"""Mistakes outside the golden fixtures: files that are not UTF-8, SQL habits in one line,
Windows line endings, typographic quotes, other tools' format names."""

from __future__ import annotations

from pathlib import Path

import pytest

from testdatagen.errors import InputError
from testdatagen.language.api import check_file, check_text, load_file
from testdatagen.language.suggest import closest, format_suggestion
from testdatagen.model.catalog import FORMATS


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


def test_windows_line_endings_keep_positions(tmp_path: Path) -> None:
    """A CRLF file (read as bytes, no newline translation) reports the same line:col."""
    text = (
        "schema S {\r\n  table t {\r\n    id integer [primary_key]\r\n    x integr\r\n  }\r\n}\r\n"
    )
    path = tmp_path / "crlf.tdg"
    path.write_bytes(text.encode())
    (diag,) = check_file(path)
    assert diag.code == "TDG100" and "did you mean 'integer'" in diag.message
    assert diag.span is not None and (diag.span.line, diag.span.column) == (4, 7)


@pytest.mark.parametrize(
    ("setting", "rewrite"),
    [
        ("[choice: {‘a’: 1, ‘b’: 1}]", "write 'a'"),
        ("[default: “none”]", "write 'none'"),
    ],
)
def test_typographic_quotes_are_named(setting: str, rewrite: str) -> None:
    text = f"schema S {{\n  table t {{\n    s string(9) {setting}\n  }}\n}}\n"
    (diag,) = check_text(text, filename="x.tdg")
    assert diag.code == "TDG025" and "typographic quote" in diag.message
    assert diag.hint is not None and diag.hint.startswith(rewrite)


@pytest.mark.parametrize(
    ("written", "meant"),
    [("full_name", "name"), ("Full Name", "name"), ("email_address", "email"), ("emial", "email")],
)
def test_format_suggestions_prefer_known_synonyms(written: str, meant: str) -> None:
    assert format_suggestion(written, FORMATS) == meant


def test_did_you_mean_ignores_case() -> None:
    assert closest("shop", ["Shop", "Stock"]) == "Shop"
    assert closest("zzz", ["Shop"]) is None


@pytest.mark.parametrize(
    "check",
    ["a = 1 AND b = 2", "a IS NOT NULL", "not (a = 1 OR b = 2)"],
)
def test_uppercase_sql_words_in_checks(check: str) -> None:
    """``AND b`` parses as another column: the error must name the word, not the '}'."""
    text = (
        f"schema S {{\n  table t {{\n    a integer\n    b integer\n    check c: {check}\n  }}\n}}\n"
    )
    (diag,) = check_text(text, filename="x.tdg")
    assert diag.code == "TDG025" and "is written" in diag.message
    assert diag.span is not None and diag.span.line == 5
