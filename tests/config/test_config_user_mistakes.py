"""Habits from hand-written JSON and YAML: each gets a located message that says the fix."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from config_helpers import doc, errors

from testdatagen.errors import Diagnostic, InputError
from testdatagen.language.config import load_config, load_config_text

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


# --- found acting as a new user (helper H3): each message says where, what and how ---


def _file_rule(tmp_path: Path, **rule: object) -> list[Diagnostic]:
    (tmp_path / "cats.csv").write_text("name,popularity\nbooks,3\ntoys,1\n", encoding="utf-8")
    base = {"type": "choice_from_file", "file_path": "cats.csv", "column": "name"}
    text = json.dumps(doc({"name": "c", "type": "str", "rule": base | rule}), indent=1)
    return errors(text, base_dir=tmp_path)


def test_a_bom_from_a_windows_editor_is_no_error() -> None:
    text = (
        '\ufeff{"tables": [{"name": "t", "rows": 2, "columns": [{"name": "id", "type": "int"}]}]}'
    )
    project = load_config_text(text, fmt="json")
    assert project.schemas[0].tables[0].name == "t"


@pytest.mark.parametrize(("text", "fmt"), [("", "json"), ("  \n", "yaml"), ("# only\n", "yaml")])
def test_an_empty_file_is_named_at_its_first_line(text: str, fmt: str) -> None:
    (diag,) = errors(text, fmt, filename=f"empty.{fmt}")
    assert diag.message.endswith("(the file is empty)")
    assert diag.span is not None and (diag.span.file, diag.span.line) == (f"empty.{fmt}", 1)
    assert diag.hint is not None and "tables" in diag.hint  # how to start one


def test_a_tab_in_yaml_indentation_says_so() -> None:
    (diag,) = errors("tables:\n  - name: a\n    columns:\n\t- {name: id}\n", "yaml")
    assert diag.span is not None and diag.span.line == 4
    assert diag.hint == "YAML indents with spaces only: replace the tab(s) on this line with spaces"


def test_a_list_document_names_what_it_got() -> None:
    (diag,) = errors("- a\n- b\n", "yaml")
    assert "not a list" in diag.message and diag.hint is not None


def test_probabilities_written_as_percentages_get_shares_of_one() -> None:
    rule = {"type": "choice", "values": ["a", "b"], "probabilities": [70, 30]}
    (diag,) = errors(json.dumps(doc({"name": "c", "type": "str", "rule": rule})))
    assert diag.code == "TDG705" and "sum to 100, not 1" in diag.message
    assert diag.hint is not None
    assert "probabilities: [0.7, 0.3]" in diag.hint and "weights: [70, 30]" in diag.hint


def test_percent_strings_say_the_share_to_write() -> None:
    rule = {"type": "choice", "values": ["a", "b"], "probabilities": ["50%", "50%"]}
    col = {"name": "c", "type": "str", "rule": rule, "null_rate": "15%"}
    found = {d.path: d for d in errors(json.dumps(doc(col)))}
    first = found["tables[0].columns[0].rule.probabilities[0]"]
    assert first.message.startswith("probabilities[0]:")  # the key, not a bare index
    assert first.hint == "probabilities are shares of 1: write 0.5 for 50%, or use weights"
    assert found["tables[0].columns[0].null_rate"].hint == (
        "write 0.15 for 15% (a share of 1, without quotes)"
    )


def test_range_bounds_written_as_text_are_errors_at_the_bound() -> None:
    text = 'tables:\n  - name: t\n    columns:\n      - {name: a, type: int, rule: {type: range, min: "18", max: ninety}}\n'
    found = {d.path: d for d in errors(text, "yaml")}
    low = found["tables[0].columns[0].rule.min"]
    high = found["tables[0].columns[0].rule.max"]
    assert low.hint == "write the number without quotes: min: 18"
    assert "'ninety', not a number" in high.message and "{expr:" in (high.hint or "")
    line = text.splitlines()[3]
    assert low.span is not None and (low.span.line, low.span.column) == (4, line.index('"18"') + 1)
    assert len(found) == 2  # the semantic checks do not say it again at the column


def test_range_with_iso_date_text_is_still_allowed() -> None:
    rule = {"type": "range", "min": "2024-01-01", "max": "2024-12-31"}
    project = load_config_text(
        json.dumps(doc({"name": "d", "type": "date", "rule": rule})), fmt="json"
    )
    assert project.schemas[0].tables[0].columns[0].name == "d"


def test_choice_from_file_blames_the_misspelt_column_with_a_suggestion(tmp_path: Path) -> None:
    (diag,) = _file_rule(tmp_path, column="nmae")
    assert diag.path == "tables[0].columns[0].rule.column"
    assert diag.hint == "did you mean 'name'? (columns: name, popularity)"


def test_choice_from_file_weight_column_suggestion(tmp_path: Path) -> None:
    (diag,) = _file_rule(tmp_path, weight_column="popularty")
    assert diag.path == "tables[0].columns[0].rule.weight_column"
    assert diag.hint is not None and diag.hint.startswith("did you mean 'popularity'?")


@pytest.mark.parametrize(
    ("cell", "message"),
    [("abc", "is not a number"), ("-2", "is negative"), ("nan", "is not a finite number")],
)
def test_choice_from_file_bad_weights_name_file_and_row(
    tmp_path: Path, cell: str, message: str
) -> None:
    (tmp_path / "w.csv").write_text(f"name,w\na,1\nb,{cell}\n", encoding="utf-8")
    (diag,) = _file_rule(tmp_path, file_path="w.csv", weight_column="w")
    assert message in diag.message and "w.csv row 3" in diag.message
    assert diag.path == "tables[0].columns[0].rule.weight_column"


def test_choice_from_file_sheet_on_a_csv_is_an_error(tmp_path: Path) -> None:
    (diag,) = _file_rule(tmp_path, sheet="Sheet1")
    assert diag.path == "tables[0].columns[0].rule.sheet"
    assert "is not an Excel workbook" in diag.message


def test_choice_from_file_not_utf8_and_directory(tmp_path: Path) -> None:
    (tmp_path / "latin.csv").write_bytes("name\nété\n".encode("latin-1"))
    (diag,) = _file_rule(tmp_path, file_path="latin.csv")
    assert "is not UTF-8 text" in diag.message and "UTF-8" in (diag.hint or "")
    (tmp_path / "d").mkdir()
    (diag,) = _file_rule(tmp_path, file_path="d")
    assert "is a directory" in diag.message


def test_choice_from_file_header_only_and_empty(tmp_path: Path) -> None:
    (tmp_path / "h.csv").write_text("name,w\n", encoding="utf-8")
    (diag,) = _file_rule(tmp_path, file_path="h.csv")
    assert "has no values in column 'name'" in diag.message
    (tmp_path / "e.csv").write_text("", encoding="utf-8")
    (diag,) = _file_rule(tmp_path, file_path="e.csv")
    assert diag.hint == "the file has no header row"


def test_foreign_key_errors_point_at_the_misspelt_name() -> None:
    text = textwrap.dedent(
        """\
        tables:
          - name: customers
            columns: [{name: id, type: int, primary_key: true}]
          - name: orders
            columns:
              - {name: cid, rule: {type: foreign_key, table: customers, column: idd}}
        """
    )
    (diag,) = errors(text, "yaml")
    assert diag.path == "tables[1].columns[0].rule.column"
    assert diag.hint == "did you mean 'id'?"
    line = text.splitlines()[5]
    assert diag.span is not None and (diag.span.line, diag.span.column) == (
        6,
        line.index("idd") + 1,
    )


def test_table_level_foreign_key_errors_point_at_references() -> None:
    text = textwrap.dedent(
        """\
        tables:
          - name: customers
            columns: [{name: id, type: int, primary_key: true}]
          - name: orders
            columns: [{name: cid, not_null: true}]
            foreign_keys:
              - {columns: cid, references: customer.id}
        """
    )
    (diag,) = errors(text, "yaml")
    assert diag.path == "tables[1].foreign_keys[0].references"
    assert diag.hint == "did you mean 'customers'?"
    assert diag.span is not None and diag.span.line == 7


def test_a_config_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("tables: [{name: é}]\n".encode("latin-1"))
    with pytest.raises(InputError) as info:
        load_config(path)
    (diag,) = info.value.diagnostics
    assert diag.code == "TDG022" and diag.span is not None
    assert (diag.span.line, diag.span.column) == (1, 17)


def test_a_mapping_where_a_list_goes_says_how_to_write_a_list() -> None:
    (diag,) = errors("tables:\n  name: a\n  columns: []\n", "yaml")
    assert diag.path == "tables"
    assert (
        diag.hint == "tables is a list: in YAML start each item with '- ', in JSON write [{…}, {…}]"
    )


@pytest.mark.parametrize(
    ("rule", "key", "hint"),
    [
        ({"per_parent": "1-5"}, "per_parent", "write '1..5' (or {min: 1, max: 5})"),
        ({"per_parent": "2 to 4"}, "per_parent", "write '2..4' (or {min: 2, max: 4})"),
    ],
)
def test_per_parent_written_as_a_dash_range(rule: dict[str, str], key: str, hint: str) -> None:
    fk = {"type": "foreign_key", "table": "p", "column": "id"} | rule
    data = {
        "tables": [
            {
                "name": "p",
                "rows": 2,
                "columns": [{"name": "id", "type": "int", "primary_key": True}],
            },
            {"name": "c", "columns": [{"name": "pid", "rule": fk}]},
        ]
    }
    (diag,) = errors(json.dumps(data))
    assert diag.path == f"tables[1].columns[0].rule.{key}" and diag.hint == hint


@pytest.mark.parametrize(
    ("distribution", "hint"),
    [
        ("gaussian", "did you mean 'normal'?"),
        ("log-normal", "did you mean 'lognormal'?"),
        ("normal(mean 3)", "name the parameters: 'normal(mean: 38, sd: 12)'"),
    ],
)
def test_distribution_names_from_other_tools(distribution: str, hint: str) -> None:
    rule = {"type": "range", "min": 1, "max": 5, "distribution": distribution}
    (diag,) = errors(json.dumps(doc({"name": "v", "type": "int", "rule": rule})))
    assert diag.path == "tables[0].columns[0].rule.distribution"
    assert diag.hint is not None and diag.hint.startswith(hint)


def test_null_rate_written_as_a_percentage_number() -> None:
    (diag,) = errors(json.dumps(doc({"name": "x", "type": "int", "null_rate": 15})))
    assert diag.path == "tables[0].columns[0].null_rate"
    assert diag.hint == "null_rate is a share of 1: write 0.15 for 15%"


def test_two_foreign_keys_on_one_column_is_an_error_not_the_last_one_winning() -> None:
    text = textwrap.dedent(
        """\
        tables:
          - name: customers
            columns: [{name: id, type: int, primary_key: true}]
          - name: orders
            columns: [{name: cid, not_null: true}]
            foreign_keys:
              - {columns: cid, references: customers.id}
              - {columns: cid, references: customers.id}
        """
    )
    (diag,) = errors(text, "yaml")
    assert diag.code == "TDG708" and diag.path == "tables[1].foreign_keys[1].columns"
    assert "already has a foreign key (foreign_keys[0])" in diag.message
