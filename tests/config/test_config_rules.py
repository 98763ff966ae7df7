"""Each rule type lowers to the model the .tdg form would give."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from config_helpers import column, doc, errors, load, table
from hypothesis import given
from hypothesis import strategies as st

from testdatagen.language.config import load_config_text
from testdatagen.model import (
    Binary,
    Call,
    ChoiceGen,
    ComputeGen,
    Distribution,
    FormatGen,
    IntRange,
    Lit,
    LlmGen,
    PatternGen,
    RandomGen,
    Ref,
    ReferenceGen,
    SequentialGen,
    TypeKind,
)
from testdatagen.model.catalog import FORMATS


def test_choice_with_probabilities_keeps_them_as_weights() -> None:
    rule = {"type": "choice", "values": ["a", "b"], "probabilities": [0.25, 0.75]}
    col = column(doc({"name": "c", "type": "str", "rule": rule}))
    assert col.generator == ChoiceGen(values=("a", "b"), weights=(0.25, 0.75))
    assert col.type.kind is TypeKind.STRING


def test_choice_without_weights_is_equal_weights() -> None:
    col = column(doc({"name": "c", "rule": {"type": "choice", "values": [1, 2, 3]}}))
    assert col.generator == ChoiceGen(values=(1, 2, 3), weights=(1.0, 1.0, 1.0))
    assert col.type.kind is TypeKind.INTEGER


@given(st.lists(st.floats(0.01, 1), min_size=2, max_size=6))
def test_probabilities_must_sum_to_one(raw: list[float]) -> None:
    total = sum(raw)
    rule = {"type": "choice", "values": list(range(len(raw))), "probabilities": raw}
    data = doc({"name": "c", "rule": rule})
    if abs(total - 1) <= 1e-6:
        assert column(data).generator.weights == tuple(raw)  # type: ignore[union-attr]
    else:
        (diag,) = errors_of(data)
        assert diag.code == "TDG705"
        assert diag.path == "tables[0].columns[0].rule.probabilities"


def errors_of(data: dict[str, object]) -> list[object]:
    import json

    return errors(json.dumps(data))  # type: ignore[return-value]


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "categories.csv"
    path.parent.mkdir()
    path.write_text("category_name;popularity_weight\nbooks;5\ngames;2.5\n;9\ntoys;0\n")
    return path


def test_choice_from_csv_with_weights_relative_to_the_config(tmp_path: Path) -> None:
    _csv(tmp_path)
    rule = {
        "type": "choice_from_file",
        "file_path": "data/categories.csv",
        "column": "category_name",
        "weight_column": "popularity_weight",
    }
    col = column(doc({"name": "category", "type": "str", "rule": rule}), base_dir=tmp_path)
    assert col.generator == ChoiceGen(values=("books", "games", "toys"), weights=(5, 2.5, 0))


def test_choice_from_excel_sheet_with_weights(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["ignored"])
    sheet = book.create_sheet("Cities")
    for row in (["city", "people"], ["Berlin", 3.6], ["Paris", 2.1], [None, None], ["Rome", 2.8]):
        sheet.append(row)
    book.save(tmp_path / "cities.xlsx")
    rule = {
        "type": "choice_from_file",
        "file_path": "cities.xlsx",
        "sheet": "Cities",
        "column": "city",
        "weight_column": "people",
    }
    col = column(doc({"name": "city", "type": "str", "rule": rule}), base_dir=tmp_path)
    assert col.generator == ChoiceGen(values=("Berlin", "Paris", "Rome"), weights=(3.6, 2.1, 2.8))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"column": "nope"}, "no column 'nope'"),
        ({"weight_column": "category_name"}, "is not a number"),
        ({"file_path": "missing.csv"}, "no such file"),
    ],
)
def test_choice_from_file_problems_are_reported(
    tmp_path: Path, change: dict[str, str], message: str
) -> None:
    _csv(tmp_path)
    rule = {
        "type": "choice_from_file",
        "file_path": "data/categories.csv",
        "column": "category_name",
    }
    import json

    text = json.dumps(doc({"name": "c", "type": "str", "rule": rule | change}))
    (diag,) = errors(text, base_dir=tmp_path)
    assert diag.code == "TDG706"
    assert message in diag.message
    assert diag.path == f"tables[0].columns[0].rule.{next(iter(change))}"  # the key at fault


def test_choice_from_excel_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(["x"])
    book.save(tmp_path / "f.xlsx")
    import json

    rule = {"type": "choice_from_file", "file_path": "f.xlsx", "column": "x", "sheet": "Other"}
    (diag,) = errors(json.dumps(doc({"name": "c", "type": "str", "rule": rule})), base_dir=tmp_path)
    assert diag.code == "TDG706"
    assert diag.hint == "sheets: Data"


def test_range_with_distribution() -> None:
    rule = {"type": "range", "min": -5, "max": 90, "distribution": "normal(mean: 38, sd: 12)"}
    col = column(doc({"name": "age", "rule": rule}))
    assert col.type.kind is TypeKind.INTEGER
    assert col.generator == RandomGen()
    assert col.min == Lit(value=-5)
    assert col.max == Lit(value=90)
    assert col.distribution == Distribution(name="normal", params={"mean": 38, "sd": 12})


def test_range_distribution_as_object_and_float_kind() -> None:
    rule = {"type": "range", "min": 0.5, "max": 9, "distribution": {"name": "exponential"}}
    col = column(doc({"name": "x", "rule": rule}))
    assert col.type.kind is TypeKind.FLOAT
    assert col.distribution == Distribution(name="exponential", params={})


def test_zipf_on_a_float_range_is_reported_before_generating() -> None:
    """zipf draws whole ranks: on floats the engine would stop mid-run (TDG221)."""
    import json

    rule = {"type": "range", "min": 0.5, "max": 9, "distribution": {"name": "zipf", "s": 1.2}}
    (diag,) = errors(json.dumps(doc({"name": "x", "rule": rule})))
    assert diag.code == "TDG213"
    assert "float" in diag.message and diag.path == "tables[0].columns[0]"


def test_unknown_distribution_gets_did_you_mean() -> None:
    import json

    rule = {"type": "range", "min": 0, "max": 9, "distribution": "normall(mean: 1, sd: 2)"}
    (diag,) = errors(json.dumps(doc({"name": "x", "rule": rule})))
    assert diag.code == "TDG712"
    assert diag.hint == "did you mean 'normal'?"


def test_date_range_makes_a_date_or_datetime() -> None:
    day = column(
        doc({"name": "d", "rule": {"type": "date_range", "min": "2020-01-01", "max": "2020-12-31"}})
    )
    assert day.type.kind is TypeKind.DATE
    assert (day.min, day.max) == (Lit(value="2020-01-01"), Lit(value="2020-12-31"))
    stamp = column(
        doc(
            {
                "name": "d",
                "rule": {"type": "date_range", "min": "2020-01-01 08:00", "max": {"expr": "now()"}},
            }
        )
    )
    assert stamp.type.kind is TypeKind.DATETIME
    assert stamp.max == Call(name="now")


def test_date_range_rejects_a_non_date() -> None:
    import json

    (diag,) = errors(json.dumps(doc({"name": "d", "rule": {"type": "date_range", "min": "soon"}})))
    assert diag.code == "TDG701"
    assert diag.path == "tables[0].columns[0].rule.min"


def test_regex_and_unsupported_regex() -> None:
    col = column(doc({"name": "sku", "rule": {"type": "regex", "pattern": r"SKU-\d{4}"}}))
    assert col.generator == PatternGen(regex=r"SKU-\d{4}")
    import json

    (diag,) = errors(json.dumps(doc({"name": "s", "rule": {"type": "regex", "pattern": "(a"}})))
    assert diag.path == "tables[0].columns[0].rule.pattern"


def test_sequence() -> None:
    col = column(
        doc({"name": "id", "type": "bigint", "rule": {"type": "sequence", "start": 10, "step": 5}})
    )
    assert col.generator == SequentialGen(start=10, step=5)
    assert col.type.kind is TypeKind.BIGINT


def test_prefix_sequence_keeps_the_sequence_and_sets_an_option() -> None:
    rule = {"type": "prefix", "value": "CUST-", "rule": {"type": "sequence", "start": 1000}}
    col = column(doc({"name": "code", "rule": rule}))
    assert col.generator == SequentialGen(start=1000)
    assert col.options == {"prefix": "CUST-"}
    assert col.type.kind is TypeKind.STRING


def test_prefix_and_suffix_fold_into_regex_and_choice() -> None:
    pre = {"type": "prefix", "value": "A.", "rule": {"type": "regex", "pattern": r"\d{3}"}}
    assert column(doc({"name": "c", "rule": pre})).generator == PatternGen(regex=r"A\.\d{3}")
    suf = {"type": "suffix", "value": "-x", "rule": {"type": "choice", "values": ["a", "b"]}}
    assert column(doc({"name": "c", "rule": suf})).generator == ChoiceGen(
        values=("a-x", "b-x"), weights=(1.0, 1.0)
    )


def test_suffix_of_uuid_and_of_a_format() -> None:
    uid = {"type": "suffix", "value": "@x", "rule": {"type": "uuid"}}
    col = column(doc({"name": "c", "rule": uid}))
    assert (col.generator, col.options) == (FormatGen(name="uuid4"), {"suffix": "@x"})
    fmt = {"type": "prefix", "value": "mailto:", "rule": {"type": "email"}}
    col = column(doc({"name": "c", "rule": fmt}))
    assert (col.generator, col.options) == (FormatGen(name="email"), {"prefix": "mailto:"})


def test_nested_affixes_accumulate() -> None:
    inner = {"type": "suffix", "value": "-Z", "rule": {"type": "sequence"}}
    outer = {
        "type": "prefix",
        "value": "A-",
        "rule": {"type": "prefix", "value": "B", "rule": inner},
    }
    col = column(doc({"name": "c", "rule": outer}))
    assert col.options == {"prefix": "A-B", "suffix": "-Z"}


def test_affixes_read_back_through_tdg_and_config() -> None:
    from testdatagen.language.api import load_text
    from testdatagen.language.convert import render

    rule = {"type": "prefix", "value": "CUST-", "rule": {"type": "sequence", "start": 7}}
    project = load(doc({"name": "code", "type": "str", "rule": rule}))
    text = render(project, "tdg")
    assert "[sequential(start: 7), prefix: 'CUST-']" in text
    assert load_text(text).schemas == project.schemas
    again = load_config_text(render(project, "yaml"), fmt="yaml")
    assert again.schemas == project.schemas


def test_prefix_cannot_wrap_a_range() -> None:
    import json

    rule = {"type": "prefix", "value": "x", "rule": {"type": "range", "min": 1, "max": 2}}
    (diag,) = errors(json.dumps(doc({"name": "c", "rule": rule})))
    assert diag.code == "TDG711"
    assert diag.path == "tables[0].columns[0].rule.rule.type"


def test_uuid_rule_on_uuid_and_on_string_columns() -> None:
    col = column(doc({"name": "u", "rule": {"type": "uuid"}}))
    assert (col.type.kind, col.generator) == (TypeKind.UUID, RandomGen())
    col = column(doc({"name": "u", "type": "varchar(36)", "rule": {"type": "uuid"}}))
    assert (col.type.length, col.generator) == (36, FormatGen(name="uuid4"))


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_is_a_rule_type(name: str) -> None:
    col = column(doc({"name": "c", "type": "text", "rule": {"type": name}}), checks=False)
    assert col.generator == FormatGen(name=name)


def test_bare_prefix_is_the_format() -> None:
    col = column(doc({"name": "title", "rule": {"type": "prefix"}}))
    assert col.generator == FormatGen(name="prefix")


def test_compute_rule() -> None:
    cols = [
        {"name": "q", "type": "int", "rule": {"type": "range", "min": 1, "max": 3}},
        {"name": "p", "type": "float", "rule": {"type": "range", "min": 1, "max": 3}},
        {"name": "total", "type": "float", "rule": {"type": "compute", "expr": "q * p"}},
    ]
    col = column(doc(*cols), "total")
    expected = Binary(op="*", left=Ref(path=("q",)), right=Ref(path=("p",)))
    assert col.generator == ComputeGen(expr=expected)


def _shop(**fk: object) -> dict[str, object]:
    return {
        "tables": [
            {
                "name": "customers",
                "columns": [
                    {
                        "name": "id",
                        "type": "bigint",
                        "primary_key": True,
                        "rule": {"type": "sequence"},
                    }
                ],
            },
            {
                "name": "orders",
                "columns": [
                    {"name": "id", "type": "int", "primary_key": True},
                    {"name": "customer_id", **fk},
                ],
            },
        ]
    }


def test_foreign_key_rule_takes_the_target_type() -> None:
    rule = {
        "type": "foreign_key",
        "table": "customers",
        "column": "id",
        "distribution": "zipf(s: 1.2)",
        "per_parent": "1..5",
    }
    col = table(load(_shop(rule=rule)), "orders").column("customer_id")
    assert col.type.kind is TypeKind.BIGINT
    assert col.generator == ReferenceGen(
        table="customers",
        column="id",
        distribution=Distribution(name="zipf", params={"s": 1.2}),
        per_parent=IntRange(low=1, high=5),
    )


@pytest.mark.parametrize(
    ("per_parent", "expected"),
    [
        (3, IntRange(low=3, high=3)),
        ({"min": 0, "max": 2}, IntRange(low=0, high=2)),
        ("poisson(lam: 3)", Distribution(name="poisson", params={"lam": 3})),
    ],
)
def test_per_parent_forms(per_parent: object, expected: object) -> None:
    rule = {"type": "foreign_key", "table": "customers", "column": "id", "per_parent": per_parent}
    col = table(load(_shop(rule=rule)), "orders").column("customer_id")
    assert col.reference is not None and col.reference.per_parent == expected


def test_table_level_composite_foreign_key_and_keys() -> None:
    data = {
        "tables": [
            {
                "name": "p",
                "primary_key": ["a", "b"],
                "columns": [{"name": "a", "type": "int"}, {"name": "b", "type": "int"}],
            },
            {
                "name": "c",
                "columns": [{"name": "x"}, {"name": "y"}, {"name": "z", "type": "int"}],
                "foreign_keys": [
                    {"columns": ["x", "y"], "references": {"table": "p", "columns": ["a", "b"]}}
                ],
                "unique_keys": [["x", "z"]],
            },
        ]
    }
    project = load(data, checks=False)
    parent, child = table(project, "p"), table(project, "c")
    assert parent.primary_key == ("a", "b")
    assert all(c.not_null and not c.unique for c in parent.columns)
    assert child.column("x").generator == ReferenceGen(table="p", column="a", group="fk_x_y")
    assert child.column("y").type.kind is TypeKind.INTEGER
    assert child.unique_keys == (("x", "z"),)


def test_primary_key_flag_implies_unique_and_not_null() -> None:
    col = column(doc({"name": "id", "type": "int", "primary_key": True}))
    assert (col.primary_key, col.unique, col.not_null) == (True, True, True)


def test_llm_rule_with_fallback() -> None:
    rule = {
        "type": "llm",
        "prompt": "A product review",
        "model": "gpt-4o-mini",
        "endpoint": "http://localhost:8000/v1",
        "max_cost_usd": 2.5,
        "cache": ".tdg-cache",
        "fallback": {"type": "sentence"},
    }
    col = column(doc({"name": "review", "rule": rule}))
    assert col.type.kind is TypeKind.TEXT
    assert col.generator == LlmGen(
        prompt="A product review",
        model="gpt-4o-mini",
        endpoint="http://localhost:8000/v1",
        max_cost_usd=2.5,
        cache=".tdg-cache",
        fallback=FormatGen(name="sentence"),
    )


def test_llm_cost_must_be_positive() -> None:
    import json

    (diag,) = errors(
        json.dumps(doc({"name": "r", "rule": {"type": "llm", "prompt": "x", "max_cost_usd": 0}}))
    )
    assert diag.path == "tables[0].columns[0].rule.max_cost_usd"


@pytest.mark.parametrize(
    ("spelling", "kind", "sizes"),
    [
        ("str", TypeKind.STRING, (None, None, None)),
        ("VARCHAR(50)", TypeKind.STRING, (50, None, None)),
        ("int", TypeKind.INTEGER, (None, None, None)),
        ("bigint", TypeKind.BIGINT, (None, None, None)),
        ("double", TypeKind.FLOAT, (None, None, None)),
        ("decimal(10, 2)", TypeKind.DECIMAL, (None, 10, 2)),
        ("bool", TypeKind.BOOLEAN, (None, None, None)),
        ("timestamp", TypeKind.DATETIME, (None, None, None)),
        ("date", TypeKind.DATE, (None, None, None)),
        ("uuid", TypeKind.UUID, (None, None, None)),
        ("text", TypeKind.TEXT, (None, None, None)),
    ],
)
def test_type_spellings(spelling: str, kind: TypeKind, sizes: tuple[object, ...]) -> None:
    col = column(doc({"name": "c", "type": spelling}), checks=False)
    assert col.type.kind is kind
    assert (col.type.length, col.type.precision, col.type.scale) == sizes


def test_enum_typed_column_picks_its_members() -> None:
    data = doc({"name": "s", "type": "status", "not_null": True})
    data["enums"] = [{"name": "status", "values": ["new", "done"], "weights": [3, 1]}]
    col = column(data)
    assert col.type.enum == "status"
    assert col.generator == ChoiceGen(values=("new", "done"), weights=(3.0, 1.0))


def test_column_settings_when_default_null_rate_options() -> None:
    cols = [
        {"name": "kind", "rule": {"type": "choice", "values": ["a", "b"]}},
        {
            "name": "n",
            "type": "int",
            "when": "kind = 'a'",
            "default": 0,
            "null_rate": 0.25,
            "rule": {"type": "range", "min": 1, "max": 9},
            "comment": "only for a",
        },
        {"name": "flag", "type": "bool", "options": {"true_rate": 0.3}, "nullable": False},
    ]
    project = load(doc(*cols))
    n, flag = table(project).column("n"), table(project).column("flag")
    assert n.when is not None and n.when.model_dump()["left"] == Ref(path=("kind",)).model_dump()
    assert (n.default, n.null_rate, n.comment) == (Lit(value=0), 0.25, "only for a")
    assert flag.options == {"true_rate": 0.3} and flag.not_null


def test_generate_section_and_rows_expressions() -> None:
    data = doc({"name": "id", "type": "int"}, rows="10 * scale")
    data |= {
        "generate": {
            "name": "dev",
            "seed": 7,
            "locale": "de_DE",
            "params": {"scale": 3},
            "outputs": [{"type": "csv", "dir": "out/"}],
        }
    }
    plan = load(data).plans[0]
    assert (plan.name, plan.seed, plan.locale, plan.schema_name) == ("dev", 7, "de_DE", "main")
    assert plan.params == {"scale": Lit(value=3)}
    assert plan.rows["t"].model_dump()["op"] == "*"
    assert plan.outputs[0].kind == "csv" and plan.outputs[0].options == {"dir": "out/"}


def test_no_generate_settings_means_no_plan() -> None:
    assert load(doc({"name": "id", "type": "int"})).plans == ()


def test_a_broken_workbook_is_a_data_file_error(tmp_path: Path) -> None:
    import json

    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    rule = {"type": "choice_from_file", "file_path": "bad.xlsx", "column": "x"}
    (diag,) = errors(json.dumps(doc({"name": "c", "type": "str", "rule": rule})), base_dir=tmp_path)
    assert diag.code == "TDG706" and "not a readable Excel workbook" in diag.message
