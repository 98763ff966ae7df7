"""Errors name the config path and, for JSON and YAML alike, the line and column."""

from __future__ import annotations

import json
import textwrap

import pytest
from config_helpers import errors

from testdatagen.errors import InputError
from testdatagen.language.config import load_config, load_config_text

YAML = textwrap.dedent(
    """\
    tables:
      - name: customers
        columns:
          - name: id
            type: int
          - name: email
            type: str
            rule:
              type: emial
    """
)


def test_unknown_rule_type_in_yaml_has_path_line_and_did_you_mean() -> None:
    (diag,) = errors(YAML, "yaml", filename="shop.yaml")
    assert diag.code == "TDG702"
    assert diag.path == "tables[0].columns[1].rule.type"
    assert diag.span is not None and (diag.span.file, diag.span.line, diag.span.column) == (
        "shop.yaml",
        9,
        17,
    )
    assert diag.hint == "did you mean 'email'?"


def test_unknown_rule_type_in_json_points_at_the_value() -> None:
    data = json.loads(
        json.dumps(
            {
                "tables": [
                    {
                        "name": "t",
                        "columns": [
                            {"name": "a", "type": "int"},
                            {"name": "b", "rule": {"type": "sequense"}},
                        ],
                    }
                ]
            }
        )
    )
    text = json.dumps(data, indent=2)
    (diag,) = errors(text)
    assert diag.path == "tables[0].columns[1].rule.type"
    assert diag.span is not None
    line = text.splitlines()[diag.span.line - 1]
    assert line[diag.span.column - 1 :].startswith('"sequense"')
    assert diag.hint == "did you mean 'sequence'?"


def test_all_errors_are_reported_together() -> None:
    data = {
        "tables": [
            {
                "name": "t",
                "columns": [
                    {"name": "a", "type": "varchr"},
                    {"name": "b", "type": "int", "colour": "red"},
                    {"name": "c", "rule": {"values": [1]}},
                ],
            }
        ]
    }
    text = json.dumps(data, indent=1)
    diags = errors(text)
    by_path = {d.path: d for d in diags}
    # The type is lowered even though the structure has errors elsewhere: one run, all three.
    assert set(by_path) == {
        "tables[0].columns[0].type",
        "tables[0].columns[1].colour",
        "tables[0].columns[2].rule",
    }
    assert by_path["tables[0].columns[1].colour"].message == "unknown key 'colour'"
    typo = by_path["tables[0].columns[0].type"]
    assert typo.code == "TDG703" and typo.hint == "did you mean 'varchar'?"
    assert typo.span is not None
    assert '"varchr"' in text.splitlines()[typo.span.line - 1]


def test_missing_key_points_at_its_object() -> None:
    text = '{"tables": [\n  {"name": "t",\n   "columns": [{"type": "int"}]}]}'
    (diag,) = errors(text)
    assert diag.path == "tables[0].columns[0].name"
    assert diag.message == "missing required key 'name'"
    assert diag.span is not None and (diag.span.line, diag.span.column) == (3, 16)


def test_json_syntax_error_has_a_line() -> None:
    (diag,) = errors('{"tables": [\n  {"name": "t",}\n]}')
    assert diag.code == "TDG700"
    assert diag.span is not None and diag.span.line == 2


def test_yaml_syntax_error_has_a_line() -> None:
    (diag,) = errors("tables:\n  - name: t\n   columns: [\n", "yaml")
    assert diag.code == "TDG700"
    assert diag.span is not None and diag.span.line >= 2


@pytest.mark.parametrize("text", ["[]", "42", "null"])
def test_a_config_must_be_an_object(text: str) -> None:
    (diag,) = errors(text)
    assert diag.code == "TDG700"


def test_unknown_foreign_key_target_has_did_you_mean() -> None:
    data = {
        "tables": [
            {"name": "customers", "columns": [{"name": "id", "type": "int", "primary_key": True}]},
            {
                "name": "orders",
                "columns": [
                    {
                        "name": "cid",
                        "rule": {"type": "foreign_key", "table": "customer", "column": "id"},
                    }
                ],
            },
        ]
    }
    (diag,) = errors(json.dumps(data))
    assert diag.code == "TDG704"
    assert diag.path == "tables[1].columns[0].rule.table"  # the misspelt name itself
    assert diag.hint == "did you mean 'customers'?"


def test_reference_to_a_non_key_column() -> None:
    data = {
        "tables": [
            {"name": "p", "columns": [{"name": "id", "type": "int"}]},
            {
                "name": "c",
                "columns": [
                    {"name": "pid", "rule": {"type": "foreign_key", "table": "p", "column": "id"}}
                ],
            },
        ]
    }
    (diag,) = errors(json.dumps(data))
    assert "not a primary or unique key" in diag.message


@pytest.mark.parametrize(
    ("column", "code", "path"),
    [
        ({"name": "a", "type": "int", "not_null": True, "null_rate": 0.1}, "TDG708", "null_rate"),
        ({"name": "a", "type": "int", "not_null": True, "nullable": True}, "TDG708", "nullable"),
        ({"name": "a", "type": "int", "when": "a = = 1"}, "TDG707", "when"),
        (
            {"name": "a", "rule": {"type": "choice", "values": [1, 2], "weights": [1]}},
            "TDG705",
            "rule.weights",
        ),
        (
            {"name": "a", "rule": {"type": "range", "min": 1, "max": 2, "distribution": "normal"}},
            "TDG701",
            "rule.distribution",
        ),
        ({"name": "a"}, "TDG703", "type"),
    ],
)
def test_column_mistakes(column: dict[str, object], code: str, path: str) -> None:
    text = json.dumps({"tables": [{"name": "t", "columns": [column]}]})
    diags = errors(text)
    assert (diags[0].code, diags[0].path) == (code, f"tables[0].columns[0].{path}")


def test_duplicate_names_and_unknown_key_columns() -> None:
    data = {
        "tables": [
            {
                "name": "t",
                "columns": [{"name": "a", "type": "int"}, {"name": "a", "type": "int"}],
                "unique_keys": [["a", "bb"]],
            },
            {"name": "t", "columns": [{"name": "x", "type": "int"}]},
        ]
    }
    diags = {(d.code, d.path) for d in errors(json.dumps(data))}
    assert diags == {
        ("TDG709", "tables[0].columns[1].name"),
        ("TDG704", "tables[0].unique_keys[0][1]"),
        ("TDG709", "tables[1].name"),
    }


def test_generate_conflicts_and_unknown_locale_and_output() -> None:
    data = {
        "seed": 1,
        "generate": {"seed": 2, "locale": "de_DR", "outputs": [{"type": "cvs"}]},
        "tables": [{"name": "t", "columns": [{"name": "a", "type": "int"}]}],
    }
    diags = {d.path: d for d in errors(json.dumps(data))}
    assert diags["generate.seed"].code == "TDG708"
    assert diags["generate.locale"].hint == "did you mean 'de_DE'?"
    assert diags["generate.outputs[0].type"].hint == "did you mean 'csv'?"


def test_error_renders_without_a_traceback_and_keeps_the_source() -> None:
    with pytest.raises(InputError) as info:
        load_config_text(YAML, fmt="yaml", filename="shop.yaml")
    assert info.value.sources == {"shop.yaml": YAML}
    assert "shop.yaml:9:17 (tables[0].columns[1].rule.type): error[TDG702]" in str(info.value)


def test_load_config_rejects_other_extensions(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "x.toml"
    path.write_text("")
    with pytest.raises(InputError) as info:
        load_config(path)
    assert info.value.diagnostics[0].code == "TDG713"


def test_semantic_findings_of_the_tdg_checks_carry_the_config_path() -> None:
    data = {
        "tables": [
            {
                "name": "t",
                "rows": 10,
                "columns": [
                    {"name": "a", "type": "int", "rule": {"type": "compute", "expr": "nope * 2"}},
                    {
                        "name": "b",
                        "type": "int",
                        "unique": True,
                        "rule": {"type": "range", "min": 1, "max": 3},
                    },
                ],
            }
        ]
    }
    text = json.dumps(data, indent=1)
    diags = {d.path: d for d in errors(text, filename="x.json")}
    unknown = diags["tables[0].columns[0].rule.expr"]
    assert "nope" in unknown.message and unknown.span is not None
    assert text.splitlines()[unknown.span.line - 1].strip() == '"expr": "nope * 2"'
    assert "tables[0].columns[1]" in diags  # unique on a 3-value domain for 10 rows


def test_checks_can_be_skipped_for_the_lowered_model() -> None:
    data = {
        "tables": [
            {
                "name": "t",
                "columns": [
                    {"name": "a", "type": "int", "rule": {"type": "compute", "expr": "nope"}}
                ],
            }
        ]
    }
    project = load_config_text(json.dumps(data), fmt="json", checks=False)
    assert project.schemas[0].tables[0].column_names == ("a",)


def test_findings_of_every_stage_come_in_one_run() -> None:
    """Shape errors no longer hide lowering, semantic and output findings (issue #2)."""
    text = """\
tables:
  - name: a
    rows: 1000
    columns:
      - {name: id, type: integr, primary_key: true}
      - {name: x, type: int, unique: true, rule: {type: range, min: 1, max: 5}}
      - {name: y, type: int, null_rate: 2}
      - {name: z, typ: int}
  - name: b
    colums: []
generate:
  outputs:
    - {type: csv, delimter: ';'}
"""
    found = {d.path: d for d in errors(text, "yaml", filename="c.yaml")}
    assert found["tables[0].columns[0].type"].code == "TDG703"  # lowering
    assert found["tables[0].columns[1]"].code == "TDG400"  # semantic checks
    assert found["tables[0].columns[2].null_rate"].code == "TDG701"  # shape
    assert found["tables[0].columns[3].typ"].code == "TDG701"
    assert found["tables[1].colums"].code == "TDG701"
    option = found["generate.outputs[0].delimter"]
    assert "delimiter" in (option.hint or "") and option.span is not None
    assert option.span.line == 13
    # Echoes of what was taken out are not reported: z lost its type key, b its columns.
    assert "tables[0].columns[3].type" not in found
    assert all(d.span is not None for d in found.values())


def test_salvage_keeps_paths_of_elements_after_a_removed_one() -> None:
    """A removed table does not shift the paths and lines of the tables after it."""
    text = """\
tables:
  - {name: a}
  - name: b
    columns:
      - {name: id, type: integr}
"""
    found = {d.path: d for d in errors(text, "yaml")}
    assert set(found) == {"tables[0].columns", "tables[1].columns[0].type"}
    span = found["tables[1].columns[0].type"].span
    assert span is not None and span.line == 5
