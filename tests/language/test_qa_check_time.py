"""Regressions for QA's "tdg check says OK, then generation fails" reports (issue #2).

One test (or a few) per report; the golden fixtures in tests/fixtures/errors
show the full messages. Where a check claims a run would fail, a test runs
the engine to show that it does, and that the accepted neighbour works.
"""

from __future__ import annotations

import pyarrow.compute as pc
import pytest

import testdatagen
from testdatagen.errors import Severity, TdgError
from testdatagen.language.api import analyze_text, check_text, load_text
from testdatagen.model import Distribution, ReferenceGen


def _codes(text: str) -> list[str]:
    return [d.code for d in analyze_text(text).diagnostics]


_COMPOSITE = """
schema S {
  table p {
    a  integer  [not_null, min: 1, max: 100]
    b  integer  [not_null, min: 1, max: 100]
    unique (a, b)
  }
  table c {
    x  integer
    y  integer
    foreign_key (x, y) references p(a, b) [SETTINGS]
  }
}
generate g { schema: S  rows { p: 40  ROWS } }
"""


def _composite(settings: str, rows: str = "") -> str:
    return _COMPOSITE.replace("SETTINGS", settings).replace("ROWS", rows)


# -- 1. settings of a composite foreign key ------------------------------------------------


def test_composite_key_settings_reach_every_column_of_the_key() -> None:
    table = load_text(_composite("per_parent: 1..3, not_null")).schemas[0].table("c")
    for name in ("x", "y"):
        column = table.column(name)
        assert isinstance(column.generator, ReferenceGen)
        assert column.generator.per_parent is not None
        assert (column.generator.per_parent.low, column.generator.per_parent.high) == (1, 3)
        assert column.not_null
    assert table.column("x").generator.group == table.column("y").generator.group


def test_composite_key_per_parent_sets_each_parent_s_children() -> None:
    data = testdatagen.generate(load_text(_composite("per_parent: 2..2")))
    children = data.to_arrow("c")
    parents = data.to_arrow("p")
    assert children.num_rows == 2 * parents.num_rows
    pairs = list(zip(children["x"].to_pylist(), children["y"].to_pylist(), strict=True))
    keys = set(zip(parents["a"].to_pylist(), parents["b"].to_pylist(), strict=True))
    assert set(pairs) == keys  # every parent, and only real parent pairs


def test_composite_key_null_rate_nulls_the_columns_together() -> None:
    data = testdatagen.generate(load_text(_composite("null_rate: 40%", "c: 500")))
    c = data.to_arrow("c")
    x_null, y_null = pc.is_null(c["x"]), pc.is_null(c["y"])
    assert pc.all(pc.equal(x_null, y_null)).as_py()
    assert 100 < pc.sum(x_null).as_py() < 300


def test_composite_key_reports_unknown_and_inapplicable_settings() -> None:
    diagnostics = analyze_text(_composite("per_parnt: 2, min: 1, per_parent: 1..2")).diagnostics
    found = {(d.code, d.message.split(" —")[0]) for d in diagnostics}
    assert ("TDG105", "unknown setting 'per_parnt'") in found
    assert ("TDG200", "'min' does not apply to a foreign_key") in found
    assert all(d.span is not None and d.span.line == 11 for d in diagnostics)


def test_composite_key_with_per_parent_is_one_per_parent_key() -> None:
    assert "TDG305" not in _codes(_composite("per_parent: 1..3"))


def test_composite_key_settings_are_checked_like_column_settings() -> None:
    assert "TDG401" in _codes(_composite("not_null, null_rate: 10%", "c: 10"))


# -- 2. and 4. unique on a domain smaller than the rows -------------------------------------


def test_unique_closed_list_format_with_too_many_rows() -> None:
    text = """
    schema S { table t { cc string(2) [unique, format: country_code] } }
    generate g { schema: S  rows { t: 1000 } }
    """
    (diagnostic,) = analyze_text(text).diagnostics
    assert diagnostic.code == "TDG400" and "country_code" in diagnostic.message


def test_unique_format_within_its_domain_is_fine() -> None:
    text = """
    schema S { table t { d string(30) [unique, format: department] } }
    generate g { schema: S  rows { t: 14 } }
    """
    assert _codes(text) == []


def test_composite_unique_larger_than_its_combinations() -> None:
    template = """
    schema S { table t { x integer [min: 1, max: 10]  y boolean  unique (x, y) } }
    generate g { schema: S  rows { t: N } }
    """
    assert "TDG400" in _codes(template.replace("N", "21"))
    assert "TDG400" not in _codes(template.replace("N", "20"))


def test_composite_unique_with_a_nullable_or_unbounded_column_is_not_judged() -> None:
    text = """
    schema S { table t { x integer [min: 1, max: 2]  y integer [null_rate: 10%]  z text
                         unique (x, y)  unique (x, z) } }
    generate g { schema: S  rows { t: 1000 } }
    """
    assert "TDG400" not in _codes(text)


def test_composite_unique_counts_parents_of_a_foreign_key() -> None:
    template = """
    schema S {
      table p { id integer [primary_key, sequential] }
      table t { p_id integer [not_null, references: p.id]  k boolean  unique (p_id, k) }
    }
    generate g { schema: S  rows { p: 10  t: N } }
    """
    assert "TDG400" in _codes(template.replace("N", "21"))
    assert "TDG400" not in _codes(template.replace("N", "20"))


# -- 3. and 9. formats longer than the column -----------------------------------------------


def test_never_cut_format_longer_than_the_column_is_an_error_and_fails_to_generate() -> None:
    text = """
    schema S { table t { s string(10) [format: slug] } }
    generate g { schema: S  rows { t: 2000 } }
    """
    (diagnostic,) = analyze_text(text).diagnostics
    assert diagnostic.code == "TDG204" and diagnostic.severity is Severity.ERROR
    assert "47" in diagnostic.message and "string(47)" in (diagnostic.hint or "")
    project = load_text(text.replace("string(10)", "string(47)"))
    assert testdatagen.generate(project).to_arrow("t").num_rows == 2000


def test_isbn13_fits_string_13_without_a_warning() -> None:
    text = "schema S { table t { isbn string(13) [format: isbn13] } }"
    assert check_text(text) == []
    values = testdatagen.generate(load_text(text), rows={"t": 500}).to_arrow("t")["isbn"]
    assert pc.max(pc.utf8_length(values)).as_py() == 13


def test_format_room_counts_prefix_and_suffix() -> None:
    text = "schema S { table t { u string(39) [format: uuid4, prefix: 'ID-', suffix: '!'] } }"
    (diagnostic,) = analyze_text(text).diagnostics
    assert diagnostic.code == "TDG204" and "35 after its prefix/suffix" in diagnostic.message
    assert "string(40)" in (diagnostic.hint or "")
    assert check_text(text.replace("string(39)", "string(40)")) == []


def test_adaptive_format_fits_a_column_between_its_shortest_and_longest() -> None:
    assert check_text("schema S { table t { e string(20) [format: email] } }") == []
    assert _codes("schema S { table t { e string(8) [format: email] } }") == ["TDG204"]


# -- 5. integer bounds ------------------------------------------------------------------------


def test_integer_range_without_a_whole_number() -> None:
    (diagnostic,) = analyze_text(
        "schema S { table t { x integer [min: 1.5, max: 1.7] } }"
    ).diagnostics
    assert diagnostic.code == "TDG212" and diagnostic.severity is Severity.ERROR
    assert "1.5..1.7 holds no whole number" in diagnostic.message


def test_fractional_integer_bounds_warn_with_the_range_used() -> None:
    (diagnostic,) = analyze_text(
        "schema S { table t { x integer [min: 0.5, max: 3.2] } }"
    ).diagnostics
    assert diagnostic.severity is Severity.WARNING and "makes 1..3" in diagnostic.message
    assert check_text("schema S { table t { x integer [min: 1, max: 3] } }") == []


# -- 6. discrete distributions ---------------------------------------------------------------


@pytest.mark.parametrize("kind", ["float", "date", "decimal(8,2)"])
def test_zipf_outside_integers_is_an_error(kind: str) -> None:
    bounds = "min: '2024-01-01', max: '2024-12-31'" if kind == "date" else "min: 1, max: 9"
    text = f"schema S {{ table t {{ x {kind} [{bounds}, distribution: zipf(s: 1.2)] }} }}"
    assert _codes(text) == ["TDG213"]


def test_zipf_on_integers_and_references_is_accepted_and_generates() -> None:
    text = """
    schema S {
      table p { id integer [primary_key, sequential]  n integer [min: 1, max: 50, distribution: zipf(s: 1.3)] }
      table c { p_id integer [references: p.id, distribution: zipf(s: 1.1)] }
    }
    generate g { schema: S  rows { p: 30  c: 100 } }
    """
    assert check_text(text) == []
    assert testdatagen.generate(load_text(text)).to_arrow("p").num_rows == 30


# -- 7. aggregates ----------------------------------------------------------------------------


def test_aggregate_over_its_own_table_is_an_error() -> None:
    text = "schema S { table t { id integer [primary_key]  s integer [compute: sum(t.id)] } }"
    assert _codes(text) == ["TDG306"]


def test_aggregate_over_per_parent_children_is_fine() -> None:
    text = """
    schema S {
      table o { id integer [primary_key, sequential]  n integer [compute: count(i.o_id)] }
      table i { o_id integer [references: o.id, per_parent: 1..3] }
    }
    """
    assert check_text(text) == []
    assert _codes(text.replace(", per_parent: 1..3", "")) == ["TDG306"]


# -- 8. output options ------------------------------------------------------------------------


def test_misspelt_output_option_is_a_check_error_with_did_you_mean() -> None:
    text = """
    schema S { table t { id integer [primary_key] } }
    generate g { schema: S  rows { t: 1 }  output csv { delimter: ';' } }
    """
    (diagnostic,) = analyze_text(text).diagnostics
    assert diagnostic.code == "TDG425" and "did you mean 'delimiter'" in diagnostic.message
    assert diagnostic.span is not None and diagnostic.span.line == 3


# -- 11. SQL habits ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "code", "advice"),
    [
        ("x integer NOT NULL", "TDG014", "[not_null]"),
        ("x integer [NOT NULL]", "TDG014", "not_null"),
        ("x integer [DEFAULT 0]", "TDG024", "default: 0"),
        ("x integer DEFAULT 0, y integer", "TDG024", "[default: 0]"),
        ("x integer PRIMARY KEY", "TDG024", "[primary_key]"),
        ("x integer [references: p.id, per_parent 1-5]", "TDG024", "per_parent: 1..5"),
        ("x integer [references: p.id, per_parent: 1-5]", "TDG206", "per_parent: 1..5"),
    ],
)
def test_sql_habits_get_the_tdg_spelling(column: str, code: str, advice: str) -> None:
    text = f"schema S {{ table p {{ id integer [primary_key] }}  table t {{ {column} }} }}"
    (diagnostic,) = analyze_text(text).diagnostics
    assert diagnostic.code == code
    assert advice in f"{diagnostic.message} {diagnostic.hint}"


def test_unclosed_block_comment_points_at_where_it_opens() -> None:
    text = "schema S {\n  table t {\n    id integer  /* key\n  }\n}\n"
    (diagnostic,) = analyze_text(text).diagnostics
    assert diagnostic.code == "TDG019"
    assert diagnostic.span is not None and (diagnostic.span.line, diagnostic.span.column) == (3, 17)


def test_comment_markers_inside_strings_are_not_comments() -> None:
    text = "schema S { table t { p string(4) [pattern: '/\\*ab'] } }"
    assert "TDG019" not in _codes(text)


# -- 12. patterns beyond ASCII ------------------------------------------------------------------


def test_negated_ascii_class_generates_non_ascii_text() -> None:
    text = r"schema S { table t { s string(3) [unique, pattern: '[^\x00-\x7F]{3}'] } }"
    assert check_text(text) == []
    values = testdatagen.generate(load_text(text), rows={"t": 300}).to_arrow("t")["s"]
    assert all(len(v) == 3 and all(ord(c) > 0x7F for c in v) for v in values.to_pylist())
    assert len(set(values.to_pylist())) == 300


def test_engine_refuses_zipf_on_floats_so_the_check_hides_no_working_case() -> None:
    text = "schema S { table t { x float [min: 1, max: 9] } }"
    project = load_text(text)
    schema = project.schemas[0]
    table = schema.table("t")
    zipf = Distribution(name="zipf", params={"s": 1.2})
    column = table.column("x").model_copy(update={"distribution": zipf})
    table = table.model_copy(update={"columns": (column,)})
    schema = schema.model_copy(update={"tables": (table,)})
    with pytest.raises(TdgError) as info:
        testdatagen.generate(schema, rows={"t": 10}).to_arrow("t")
    assert "TDG221" in str(info.value)


def test_zipf_with_constant_expression_bounds_is_accepted_and_generates() -> None:
    text = "schema S { table t { x integer [min: 1, max: 10 * 2, distribution: zipf(s: 1.2)] } }"
    assert check_text(text) == []
    values = testdatagen.generate(load_text(text), rows={"t": 200}).to_arrow("t")["x"]
    assert pc.min(values).as_py() >= 1 and pc.max(values).as_py() <= 20


def test_composite_key_settings_survive_printing_and_parsing() -> None:
    from testdatagen.language.printer import print_project

    project = load_text(_composite("per_parent: 1..3, distribution: zipf(s: 1.5), not_null"))
    assert load_text(print_project(project)).schemas == project.schemas
