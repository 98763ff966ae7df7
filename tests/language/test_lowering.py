"""Lowering: the conventions the engine relies on (issue 2, point 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from testdatagen.errors import InputError
from testdatagen.language.api import analyze_text, load_file, load_text
from testdatagen.model import (
    Binary,
    ChoiceGen,
    ComputeGen,
    Distribution,
    FormatGen,
    IntRange,
    Lit,
    PatternGen,
    Ref,
    ReferenceGen,
    SequentialGen,
    TypeKind,
)


@pytest.fixture(scope="module")
def shop(examples_dir: Path):  # type: ignore[no-untyped-def]
    return load_file(examples_dir / "shop.tdg")


def test_primary_key_implies_not_null_and_unique(shop) -> None:  # type: ignore[no-untyped-def]
    customers = shop.schema_named("Shop").table("customers")
    col = customers.column("id")
    assert col.primary_key and col.not_null and col.unique
    assert customers.primary_key == ("id",)
    assert col.generator == SequentialGen(start=1000)


def test_strategies(shop) -> None:  # type: ignore[no-untyped-def]
    schema = shop.schema_named("Shop")
    customers, products = schema.table("customers"), schema.table("products")
    assert customers.column("email").generator == FormatGen(name="email")
    assert products.column("sku").generator == PatternGen(regex="SKU-[A-Z]{3}-\\d{4}")
    assert customers.column("segment").generator == ChoiceGen(
        values=("retail", "business", "vip"), weights=(70, 25, 5)
    )
    assert products.column("id").generator == SequentialGen()


def test_enum_column_gets_weighted_choice(shop) -> None:  # type: ignore[no-untyped-def]
    status = shop.schema_named("Shop").table("orders").column("status")
    assert status.type.kind is TypeKind.ENUM and status.type.enum == "order_status"
    assert status.generator == ChoiceGen(
        values=("pending", "paid", "shipped", "delivered", "cancelled"),
        weights=(5, 15, 30, 45, 5),
    )
    currency = shop.schema_named("Shop").table("products").column("currency")
    assert currency.generator == ChoiceGen(values=("EUR", "USD", "GBP"), weights=(6, 3, 1))


def test_reference_takes_the_distribution(shop) -> None:  # type: ignore[no-untyped-def]
    orders = shop.schema_named("Shop").table("orders")
    col = orders.column("customer_id")
    assert col.distribution is None
    assert col.generator == ReferenceGen(
        table="customers", column="id", distribution=Distribution(name="zipf", params={"s": 1.2})
    )
    items = shop.schema_named("Shop").table("order_items")
    ref = items.column("order_id").generator
    assert isinstance(ref, ReferenceGen) and ref.per_parent == IntRange(low=1, high=5)


def test_values_and_expressions(shop) -> None:  # type: ignore[no-untyped-def]
    customers = shop.schema_named("Shop").table("customers")
    phone, age = customers.column("phone"), customers.column("age")
    assert phone.null_rate == pytest.approx(0.15)
    assert age.distribution == Distribution(name="normal", params={"mean": 38, "sd": 12})
    assert age.min == Lit(value=18) and age.max == Lit(value=90)
    discount = customers.column("discount_pct")
    assert discount.when == Binary(op="=", left=Ref(path=("segment",)), right=Lit(value="vip"))
    hired = shop.schema_named("Shop").table("employees").column("hired_on")
    assert hired.min == Lit(value="2015-01-01")


def test_template_is_inlined(shop) -> None:  # type: ignore[no-untyped-def]
    names = shop.schema_named("Shop").table("customers").column_names
    assert names[-2:] == ("created_at", "updated_at")


def test_keys_checks_and_compute(shop) -> None:  # type: ignore[no-untyped-def]
    schema = shop.schema_named("Shop")
    assert schema.table("order_items").unique_keys == (("order_id", "product_id"),)
    assert [c.name for c in schema.table("products").checks] == ["healthy_margin"]
    total = schema.table("orders").column("total").generator
    assert isinstance(total, ComputeGen)


def test_generate_plan(shop) -> None:  # type: ignore[no-untyped-def]
    plan = shop.plan_named("shop_dev")
    assert (plan.schema_name, plan.seed, plan.locale) == ("Shop", 42, "de_DE")
    assert plan.params == {"scale": Lit(value=1)}
    assert set(plan.rows) == {"customers", "products", "employees", "orders"}
    kinds = [(o.kind, o.options) for o in plan.outputs]
    assert ("sqlite", {"file": "out/shop.db"}) in kinds
    assert ("parquet", {"dir": "out/shop/"}) in kinds


def test_spans_reach_the_model(shop) -> None:  # type: ignore[no-untyped-def]
    col = shop.schema_named("Shop").table("customers").column("email")
    assert col.span is not None and col.span.line == 12


def test_options_timezone_length_and_composite_keys() -> None:
    project = load_text(
        "schema S {\n"
        "  table p { a integer [not_null] b integer [not_null] primary_key (a, b) }\n"
        "  table c {\n"
        "    x integer\n    y integer\n"
        "    at datetime [timezone: 'UTC']\n"
        "    ok boolean [true_rate: 80%]\n"
        "    code string(20) [length: 5..20]\n"
        "    foreign_key (x, y) references p(a, b)\n"
        "  }\n}\n"
    )
    s = project.schemas[0]
    assert s.table("p").primary_key == ("a", "b")
    c = s.table("c")
    assert c.column("at").type.timezone == "UTC"
    assert c.column("ok").options == {"true_rate": 0.8}
    assert c.column("code").length == IntRange(low=5, high=20)
    x, y = c.column("x").generator, c.column("y").generator
    assert isinstance(x, ReferenceGen) and isinstance(y, ReferenceGen)
    assert (x.table, x.column, y.column) == ("p", "a", "b") and x.group == y.group is not None


def test_errors_are_collected_not_raised_one_by_one() -> None:
    text = "schema S { table t { a varchar b integer [format: emial] c integer [min: 5, max: 1] } }"
    with pytest.raises(InputError) as info:
        load_text(text)
    assert {d.code for d in info.value.diagnostics} >= {"TDG100", "TDG101", "TDG201"}
    assert info.value.sources == {"<input>": text}


def test_imports_are_relative_to_the_importing_file(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "types.tdg").write_text("import 'more.tdg'\nenum e { a b }\n")
    (tmp_path / "lib" / "more.tdg").write_text("template t { x integer }\n")
    main = tmp_path / "main.tdg"
    main.write_text("import 'lib/types.tdg'\nschema S { table x { k e  use t } }\n")
    project = load_file(main)
    table = project.schemas[0].table("x")
    assert table.column_names == ("k", "x")
    assert table.column("k").type.enum == "e"


def test_analysis_keeps_the_model_beside_semantic_errors() -> None:
    analysis = analyze_text("schema S { table t { a integer [min: 5, max: 1] } }")
    assert analysis.has_errors and analysis.project is not None
