"""Formatter: canonical layout, comments kept, idempotent, same model."""

from __future__ import annotations

from pathlib import Path

import pytest

from testdatagen.errors import InputError
from testdatagen.language.api import analyze_text
from testdatagen.language.formatter import format_text

MESSY = """\
// head comment
schema   S{
table t{
id integer[primary_key,sequential]   // the key
  a_long_name string( 20 ) [ not_null ,format:email ]
check c : id>0 and(id<10 or id = 11)
  /* before the unique */
unique(id,a_long_name)
// last in table
}
}
generate g{schema:S seed:1
rows{t:10*2}
output csv{dir:'x/',header:true}}
"""

CANONICAL = """\
// head comment
schema S {
  table t {
    id           integer     [primary_key, sequential]  // the key
    a_long_name  string(20)  [not_null, format: email]
    check c: id > 0 and (id < 10 or id = 11)
    /* before the unique */
    unique (id, a_long_name)
    // last in table
  }
}

generate g {
  schema: S
  seed:   1
  rows {
    t: 10 * 2
  }
  output csv { dir: 'x/', header: true }
}
"""


def test_canonical_layout() -> None:
    assert format_text(MESSY) == CANONICAL


def test_idempotent_on_examples(examples_dir: Path) -> None:
    for path in examples_dir.glob("*.tdg"):
        once = format_text(path.read_text(encoding="utf-8"))
        assert format_text(once) == once


def test_same_model_after_formatting(shop_text: str, examples_dir: Path) -> None:
    before = analyze_text(shop_text, filename="shop.tdg", base_dir=examples_dir).project
    after = analyze_text(format_text(shop_text), filename="shop.tdg", base_dir=examples_dir)
    assert before is not None and after.project == before


def test_every_comment_survives(shop_text: str) -> None:
    out = format_text(shop_text)
    comments = [line.split("//", 1)[1].strip() for line in shop_text.splitlines() if "//" in line]
    for comment in comments:
        assert comment in out


def test_broken_text_is_not_formatted() -> None:
    with pytest.raises(InputError) as info:
        format_text("schema S { table t { a integer [min = 1] } }", "x.tdg")
    assert info.value.diagnostics[0].code == "TDG016"


def test_parentheses_are_kept_only_where_needed() -> None:
    text = "schema S { table t { a integer [compute: ((1 + 2)) * (3 - (4 - 5))] } }"
    assert "[compute: (1 + 2) * (3 - (4 - 5))]" in format_text(text)
