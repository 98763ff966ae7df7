"""Habits from hand-written JSON and YAML: each gets a located message that says the fix."""

from __future__ import annotations

import textwrap

from config_helpers import errors

from testdatagen.language.config import load_config_text

TABLE = "tables:\n  - name: customers\n    rows: {rows}\n    columns:\n      - name: id\n        type: int\n"


def test_duplicate_yaml_key_is_an_error_at_the_second_key() -> None:
    text = "tables:\n  - name: c\n    rows: 10\n    rows: 20\n    columns: []\n"
    (diag,) = errors(text, "yaml", filename="dup.yaml")
    assert diag.code == "TDG700"
    assert "'rows' appears twice" in diag.message
    assert diag.span is not None and (diag.span.line, diag.span.column) == (4, 5)


def test_duplicate_json_key_is_an_error_at_the_second_key() -> None:
    text = '{"tables": [{"name": "c",\n "name": "d", "columns": []}]}'
    (diag,) = errors(text, "json", filename="dup.json")
    assert "'name' appears twice" in diag.message
    assert diag.span is not None and (diag.span.line, diag.span.column) == (2, 2)


def test_same_key_in_sibling_objects_is_fine() -> None:
    text = textwrap.dedent(
        """\
        tables:
          - name: a
            columns: [{name: id, type: int}]
          - name: b
            columns: [{name: id, type: int}]
        """
    )
    project = load_config_text(text, fmt="yaml")
    assert [t.name for t in project.schemas[0].tables] == ["a", "b"]


def test_trailing_comma_in_json_says_so() -> None:
    text = '{"tables": [{"name": "c", "columns": [{"name": "id", "type": "int"},]}]}'
    (diag,) = errors(text, "json")
    assert diag.hint == "JSON allows no ',' after the last item: remove it"


def test_comment_in_json_points_to_yaml() -> None:
    (diag,) = errors('// shop\n{"tables": []}', "json")
    assert diag.hint is not None and "JSON has no comments" in diag.hint


def test_single_quotes_in_json() -> None:
    (diag,) = errors("{'tables': []}", "json")
    assert diag.hint is not None and "double quotes" in diag.hint


def test_rows_that_is_a_word_names_no_param() -> None:
    (diag,) = errors(TABLE.format(rows="many"), "yaml")
    assert diag.code == "TDG701"
    assert diag.message == "rows of 'customers' names 'many', which is not a param"
    assert diag.span is not None and (diag.span.line, diag.span.column) == (3, 11)


def test_rows_over_a_declared_param_is_fine() -> None:
    text = "params: {scale: 2}\n" + TABLE.format(rows="'10 * scale'")
    project = load_config_text(text, fmt="yaml")
    assert project.plans[0].rows["customers"] is not None


def test_empty_yaml_says_the_file_is_empty() -> None:
    (diag,) = errors("", "yaml")
    assert diag.message.endswith("(the file is empty)")
