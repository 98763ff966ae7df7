"""Realistic schemas that are wrong on purpose: ``tdg generate`` must name the file,
line and column, say what is wrong and how to fix it, print no traceback, exit
nonzero and write nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from testdatagen.interfaces.cli.app import app

ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": ""}

LOANS = """schema Library {
  table books {
    id            integer [primary_key, sequential]
    published_on  date    [not_null, min: '2000-01-01', max: '2024-12-31']
  }
  table loans {
    id         integer [primary_key, sequential]
    book_id    integer [not_null, references: books.id]
    loaned_on  date    [not_null, min: book_id.published_on + days(400), max: book_id.published_on]
  }
}
generate dev { schema: Library  rows { books: 20  loans: 50 } }
"""

#: (name, text, code, line, words the message must contain)
CASES = [
    (
        "poisson_negative",
        "schema S { table t {\n  id integer [primary_key, sequential]\n"
        "  delta integer [min: -50, max: -10, distribution: poisson(lam: 3)] } }\n"
        "generate g { schema: S  rows { t: 10 } }\n",
        "TDG213",
        3,
        ("poisson", "max -10"),
    ),
    ("crossing_row_bounds", LOANS, "TDG521", 9, ("min is above max", "when:")),
    (
        "text_plus_duration",
        "schema S { table t {\n  id integer [primary_key, sequential]\n"
        "  due date [compute: 'next week' + days(7)] } }\n"
        "generate g { schema: S  rows { t: 10 } }\n",
        "TDG517",
        3,
        ("'next week'", "ISO"),
    ),
    (
        "junction_too_small",
        "schema S {\n  table users { id integer [primary_key, sequential] }\n"
        "  table follows {\n    a integer [not_null, references: users.id]\n"
        "    b integer [not_null, references: users.id]\n    unique (a, b)\n"
        "    check no_self_follow: a != b } }\n"
        "generate g { schema: S  rows { users: 3  follows: 7 } }\n",
        "TDG531",
        3,
        ("6 combinations for 7 rows",),
    ),
    (
        "path_through_two_keys",
        "schema S {\n  table c { id integer [primary_key, sequential]  region string(5) }\n"
        "  table o { id integer [primary_key, sequential]\n"
        "            c_id integer [not_null, references: c.id]\n"
        "            region string(5) [compute: c_id.region] }\n"
        "  table i { o_id integer [not_null, references: o.id, per_parent: 1..3]\n"
        "            region string(5) [compute: o_id.c_id.region] } }\n"
        "generate g { schema: S  rows { c: 5  o: 10 } }\n",
        "TDG111",
        7,
        ("follows two keys", "add a column to o"),
    ),
    (
        "unique_email_typo",
        "schema S { table t {\n  id integer [primary_key, sequential]\n"
        "  email string(120) [unique, format: emial] } }\n"
        "generate g { schema: S  rows { t: 10 } }\n",
        "TDG101",
        3,
        ("did you mean 'email'",),
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "code", "line", "words"), CASES, ids=[c[0] for c in CASES]
)
def test_wrong_schema_is_reported_without_traceback(
    tmp_path: Path, name: str, text: str, code: str, line: int, words: tuple[str, ...]
) -> None:
    source = tmp_path / f"{name}.tdg"
    source.write_text(text)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["generate", str(source), "-o", str(out), "-f", "csv"], env=ENV
    )
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    match = re.search(rf"{re.escape(name)}\.tdg:(\d+):(\d+): error\[{code}\]", result.output)
    assert match is not None, result.output
    assert int(match.group(1)) == line, result.output
    for word in words:
        assert word in result.output
    assert "= " in result.output  # a hint says how to fix it
    assert not out.exists() or not any(out.iterdir())
