"""Function names, arities and argument kinds are checked before a run."""

from __future__ import annotations

import pytest

from testdatagen.errors import Diagnostic
from testdatagen.language.api import analyze_text
from testdatagen.language.functions import (
    FUNCTION_ALIASES,
    FUNCTION_SUGGESTIONS,
    FUNCTIONS,
    function_info,
)
from testdatagen.language.functypes import signature

_TABLES = """schema S {{
  table users {{
    id    integer   [primary_key, sequential]
    born  date      [min: '1970-01-01', max: '2000-12-31']
  }}
  table posts {{
    id       integer      [primary_key, sequential]
    user_id  integer      [references: users.id]
    title    string(80)   [format: sentence]
    price    decimal(8,2) [min: 1, max: 99]
    created  datetime     [min: '2024-01-01', max: '2024-12-31']
    x        {type}       [compute: {expr}]
  }}
}}
"""


def _errors(expr: str, type_: str = "string(200)") -> list[Diagnostic]:
    found = analyze_text(_TABLES.format(expr=expr, type=type_))
    return [d for d in found.diagnostics if d.is_error]


@pytest.mark.parametrize(
    ("expr", "type_"),
    [
        ("lower(replace(title, ' ', '-'))", "string(80)"),
        ("slugify(title)", "string(80)"),
        ("substr(title, 2, 3) + substring(title, -2)", "string(10)"),
        ("left(title, 3) + right(title, 2)", "string(10)"),
        ("trim(title) + ltrim(title, 'A') + rtrim(title)", "string(250)"),
        ("'P-' + lpad(id, 6, '0') + rpad(title, 3)", "string(20)"),
        ("to_string(created) + to_string(price) + to_string(true)", "string(60)"),
        ("starts_with(title, 'A') or ends_with(title, '.') or contains(title, 'x')", "boolean"),
        ("month(created) + day(created) + hour(created) + minute(created)", "integer"),
        ("weekday(user_id.born) + year(date_trunc('month', created))", "integer"),
        ("mod(id, 7) + power(id, 2) + pow(price, 0.5) + sqrt(id) + ln(price) + exp(1)", "float"),
        ("least(price, 50, id) + greatest(1, 2) + nullif(id, 3)", "float"),
        ("date_trunc('week', created)", "datetime"),
        ("coalesce(nullif(title, ''), 'untitled')", "string(80)"),
        ("length(upper(concat(title, id, created)))", "integer"),
    ],
)
def test_well_typed_calls_pass(expr: str, type_: str) -> None:
    assert _errors(expr, type_) == []


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("upper(year(created))", "argument 1 of upper() is integer, expected text"),
        ("year(title)", "argument 1 of year() is text, expected temporal"),
        ("mod(title, 2)", "argument 1 of mod() is text, expected number"),
        ("sqrt(created)", "argument 1 of sqrt() is datetime, expected number"),
        ("slugify(price)", "argument 1 of slugify() is number, expected text"),
        ("left(title, 'a')", "argument 2 of left() is text, expected integer"),
        ("weekday(user_id.id)", "argument 1 of weekday() is integer, expected temporal"),
        ("replace(title, title, '-')", "argument 2 of replace() must be a constant"),
        ("substr(title, id)", "argument 2 of substr() must be a constant"),
        ("lpad(id, 6, 'ab')", "lpad()'s fill must be one character"),
        ("date_trunc('fortnight', created)", "date_trunc() has no unit 'fortnight'"),
        ("starts_with(title, lower(title))", "argument 2 of starts_with() must be a constant"),
        ("upper(length(title) + 1)", "argument 1 of upper() is integer"),
    ],
)
def test_ill_typed_calls_are_tdg218_with_the_signature(expr: str, message: str) -> None:
    (error,) = _errors(expr)
    assert error.code == "TDG218"
    assert message in error.message
    assert error.hint is not None and "→" in error.hint
    assert error.span is not None and error.span.line == 12


def test_a_kind_mismatch_suggests_a_close_function_that_fits() -> None:
    (error,) = _errors("created + day(3)", "datetime")
    assert "did you mean days()?" in error.message


def test_no_follow_on_error_for_a_column_whose_type_failed() -> None:
    text = _TABLES.replace("datetime     [min", "timestamp_tz [min").format(
        expr="year(created)", type="integer"
    )
    codes = [d.code for d in analyze_text(text).diagnostics if d.is_error]
    assert "TDG100" in codes and "TDG218" not in codes


def test_unknown_function_lists_functions_and_suggests() -> None:
    (error,) = _errors("replase(title, ' ', '-')")
    assert error.code == "TDG107"
    assert "did you mean 'replace'?" in error.message
    assert error.hint is not None and error.hint.startswith("functions: ")
    assert all(name in error.hint for name in FUNCTIONS)


@pytest.mark.parametrize(("typed", "meant"), sorted(FUNCTION_SUGGESTIONS.items()))
def test_names_from_other_languages_suggest_the_tdg_spelling(typed: str, meant: str) -> None:
    assert meant in FUNCTIONS
    assert function_info(typed) is None  # one documented spelling, not a silent synonym
    (error,) = [e for e in _errors(f"{typed}(title)") if e.code == "TDG107"]
    assert f"did you mean '{meant}'?" in error.message


def test_synonyms_resolve_to_their_function() -> None:
    for alias, name in FUNCTION_ALIASES.items():
        assert function_info(alias) is FUNCTIONS[name]
        assert alias not in FUNCTIONS


def test_arity_error_shows_the_signature() -> None:
    (error,) = _errors("replace(title, ' ')")
    assert error.code == "TDG107"
    assert error.message == "replace() takes 3 arguments, got 2"
    assert error.hint == "replace(text, text, text) → text"


def test_signatures() -> None:
    assert signature(FUNCTIONS["substr"]) == "substr(text, integer[, integer]) → text"
    assert signature(FUNCTIONS["coalesce"]) == "coalesce(value, …) → same as the arguments"
    assert signature(FUNCTIONS["abs"]) == "abs(number) → number"
    assert signature(FUNCTIONS["date_trunc"]) == "date_trunc(text, temporal) → temporal"
    assert signature(FUNCTIONS["now"]) == "now() → datetime"


def test_checks_also_cover_row_checks_and_when() -> None:
    text = _TABLES.format(expr="1", type="integer").replace(
        "    x        integer",
        "    y integer [when: starts_with(title, title), default: 0]\n    x integer",
    )
    errors = [d for d in analyze_text(text).diagnostics if d.is_error]
    assert [d.code for d in errors] == ["TDG218"]


def test_iso_text_constants_stand_for_dates() -> None:
    assert _errors("year('2024-03-01') + weekday('2024-03-01 10:00:00')", "integer") == []
    (error,) = _errors("year('March 2024')", "integer")
    assert error.code == "TDG218"
