"""Planning (order, counts, fan-out, deferred keys) and the errors users can act on."""

from __future__ import annotations

import pytest
from engine_models import NOW, SHOP_ROWS, K, lit, ref, shop, t

from testdatagen.engine import build_run_plan, generate
from testdatagen.errors import GenerationError, InputError
from testdatagen.model import (
    Binary,
    Check,
    Column,
    Distribution,
    GeneratePlan,
    IntRange,
    Project,
    ReferenceGen,
    Schema,
    SequentialGen,
    Table,
)


def _key(name: str = "id") -> Column:
    return Column(name=name, type=t(K.BIGINT), primary_key=True, generator=SequentialGen())


def test_parents_come_before_children_and_counts_follow_per_parent() -> None:
    plan = build_run_plan(shop(), rows=SHOP_ROWS, now=NOW)
    order = plan.order
    assert order.index("customers") < order.index("orders") < order.index("order_items")
    assert order.index("products") < order.index("order_items")
    items = plan.rows["order_items"]
    assert SHOP_ROWS["orders"] <= items <= 5 * SHOP_ROWS["orders"]
    fan = {(r.table, r.column): r for r in plan.references}
    assert fan[("order_items", "order_id")].per_parent == (1, 5)
    assert fan[("order_items", "order_id")].fan_out == pytest.approx(items / SHOP_ROWS["orders"])
    assert fan[("employees", "manager_id")].self_reference


def test_defaults_to_100_rows_per_table() -> None:
    plan = build_run_plan(shop(), now=NOW)
    assert plan.rows["customers"] == 100 and plan.rows["products"] == 100


def test_project_plan_rows_params_and_seed() -> None:
    project = Project(
        schemas=(shop(),),
        plans=(
            GeneratePlan(
                name="dev",
                schema_name="Shop",
                seed=5,
                params={"scale": lit(2)},
                rows={"customers": Binary(op="*", left=lit(10), right=ref("scale"))},
            ),
        ),
    )
    plan = build_run_plan(project, params={"scale": 3}, now=NOW)
    assert plan.rows["customers"] == 30 and plan.seed == 5
    assert build_run_plan(project, seed=9, now=NOW).seed == 9


def test_cycle_through_a_nullable_key_is_deferred() -> None:
    a = Table(
        name="a",
        primary_key=("id",),
        columns=(
            _key(),
            Column(name="b_id", type=t(K.BIGINT), generator=ReferenceGen(table="b", column="id")),
        ),
    )
    b = Table(
        name="b",
        primary_key=("id",),
        columns=(
            _key(),
            Column(
                name="a_id",
                type=t(K.BIGINT),
                not_null=True,
                generator=ReferenceGen(table="a", column="id"),
            ),
        ),
    )
    plan = build_run_plan(Schema(name="S", tables=(a, b)))
    assert plan.deferred == (("a", "b_id"),)
    assert plan.order == ("a", "b")
    ds = generate(Schema(name="S", tables=(a, b)), rows={"a": 10, "b": 10})
    assert set(ds.to_pandas("a")["b_id"].dropna()) <= set(range(1, 11))


def test_cycle_without_a_nullable_key_is_reported() -> None:
    a = Table(
        name="a",
        primary_key=("id",),
        columns=(
            _key(),
            Column(
                name="b_id",
                type=t(K.BIGINT),
                not_null=True,
                generator=ReferenceGen(table="b", column="id"),
            ),
        ),
    )
    b = Table(
        name="b",
        primary_key=("id",),
        columns=(
            _key(),
            Column(
                name="a_id",
                type=t(K.BIGINT),
                not_null=True,
                generator=ReferenceGen(table="a", column="id"),
            ),
        ),
    )
    with pytest.raises(InputError, match="reference cycle between tables a, b"):
        build_run_plan(Schema(name="S", tables=(a, b)))


def test_unknown_table_in_rows() -> None:
    with pytest.raises(InputError, match="unknown table 'custmers'"):
        build_run_plan(shop(), rows={"custmers": 5})


def test_unique_on_a_too_small_domain_names_the_column() -> None:
    schema = Schema(
        name="S",
        tables=(
            Table(
                name="c",
                columns=(
                    Column(name="age", type=t(K.INTEGER), unique=True, min=lit(18), max=lit(90)),
                ),
            ),
        ),
    )
    with pytest.raises(
        GenerationError, match=r"c\.age is unique but 18\.\.90 allows 73 values for 2000 rows"
    ):
        generate(schema, rows={"c": 2000}).to_arrow("c")


def test_unique_integers_are_distinct_and_in_range() -> None:
    schema = Schema(
        name="S",
        tables=(
            Table(
                name="c",
                columns=(
                    Column(name="n", type=t(K.INTEGER), unique=True, min=lit(1), max=lit(1000)),
                ),
            ),
        ),
    )
    values = generate(schema, rows={"c": 1000}).to_pandas("c")["n"]
    assert sorted(values) == list(range(1, 1001))


def test_unsatisfiable_check_names_the_check() -> None:
    table = Table(
        name="p",
        columns=(
            Column(name="a", type=t(K.INTEGER), not_null=True, min=lit(1), max=lit(5)),
            Column(name="b", type=t(K.INTEGER), not_null=True, min=lit(10), max=lit(20)),
        ),
        checks=(
            Check(
                name="impossible",
                expr=Binary(
                    op=">",
                    left=Binary(op="*", left=ref("a"), right=ref("a")),
                    right=Binary(op="*", left=ref("b"), right=ref("b")),
                ),
            ),
        ),
    )
    with pytest.raises(GenerationError, match="check impossible of p fails"):
        generate(Schema(name="S", tables=(table,)), rows={"p": 50}).to_arrow("p")


def test_check_without_a_derivable_bound_is_met_by_redraws() -> None:
    table = Table(
        name="p",
        columns=(
            Column(name="a", type=t(K.INTEGER), not_null=True, min=lit(1), max=lit(100)),
            Column(name="b", type=t(K.INTEGER), not_null=True, min=lit(1), max=lit(100)),
        ),
        checks=(
            Check(
                name="odd_sum",
                expr=Binary(
                    op="=",
                    left=Binary(
                        op="%", left=Binary(op="+", left=ref("a"), right=ref("b")), right=lit(2)
                    ),
                    right=lit(1),
                ),
            ),
        ),
    )
    df = generate(Schema(name="S", tables=(table,)), rows={"p": 5000}).to_pandas("p")
    assert len(df) == 5000 and ((df["a"] + df["b"]) % 2 == 1).all()


def test_distinct_children_need_enough_parents() -> None:
    parent = Table(name="o", primary_key=("id",), columns=(_key(),))
    few = Table(name="f", primary_key=("id",), columns=(_key(),))
    child = Table(
        name="c",
        columns=(
            Column(
                name="o_id",
                type=t(K.BIGINT),
                not_null=True,
                generator=ReferenceGen(table="o", column="id", per_parent=IntRange(low=1, high=5)),
            ),
            Column(
                name="f_id",
                type=t(K.BIGINT),
                not_null=True,
                generator=ReferenceGen(table="f", column="id"),
            ),
        ),
        unique_keys=(("o_id", "f_id"),),
    )
    with pytest.raises(GenerationError, match="has only 3 distinct values"):
        generate(Schema(name="S", tables=(parent, few, child)), rows={"o": 10, "f": 3}).to_arrow(
            "c"
        )


def test_unique_floats_use_the_counted_fallback() -> None:
    column = Column(name="x", type=t(K.FLOAT), unique=True, min=lit(0), max=lit(1e-12))
    ds = generate(
        Schema(name="S", tables=(Table(name="f", columns=(column,)),)),
        rows={"f": 3000},
        chunk_rows=500,
    )
    values = ds.to_pandas("f")["x"]
    assert values.is_unique and len(values) == 3000
    assert ds.fallback.checked["x"] == 3000


def test_unique_fallback_gives_up_naming_the_column() -> None:
    column = Column(name="x", type=t(K.FLOAT), unique=True, min=lit(1), max=lit(1))
    ds = generate(Schema(name="S", tables=(Table(name="f", columns=(column,)),)), rows={"f": 3})
    with pytest.raises(GenerationError, match=r"f \(x\) is unique but a row still repeats"):
        ds.to_arrow("f")


def test_float_ranges_narrower_than_one() -> None:
    column = Column(name="x", type=t(K.FLOAT), not_null=True, min=lit(0.2), max=lit(0.7))
    values = generate(
        Schema(name="S", tables=(Table(name="f", columns=(column,)),)), rows={"f": 1000}
    ).to_pandas("f")["x"]
    assert values.between(0.2, 0.7).all() and values.nunique() == 1000


def test_composite_foreign_key_columns_pick_the_same_parent_row() -> None:
    parent = Table(
        name="p",
        primary_key=("a", "b"),
        columns=(
            Column(name="a", type=t(K.BIGINT), primary_key=True, generator=SequentialGen()),
            Column(
                name="b",
                type=t(K.BIGINT),
                primary_key=True,
                generator=SequentialGen(start=500, step=3),
            ),
        ),
    )
    child = Table(
        name="c",
        columns=(
            Column(
                name="pa",
                type=t(K.BIGINT),
                null_rate=0.2,
                generator=ReferenceGen(table="p", column="a", group="fk"),
            ),
            Column(
                name="pb",
                type=t(K.BIGINT),
                null_rate=0.2,
                generator=ReferenceGen(table="p", column="b", group="fk"),
            ),
        ),
    )
    df = generate(Schema(name="S", tables=(parent, child)), rows={"p": 50, "c": 1000}).to_pandas(
        "c"
    )
    assert (df["pa"].isna() == df["pb"].isna()).all() and df["pa"].isna().any()
    both = df.dropna()
    assert ((both["pb"] - 500) / 3 + 1 == both["pa"]).all()


def test_plan_summary_is_plain_data() -> None:
    import json

    summary = build_run_plan(shop(), rows=SHOP_ROWS, now=NOW).summary()
    assert json.loads(json.dumps(summary)) == summary
    assert summary["order"][0] in ("customers", "products", "employees")
    assert summary["total_rows"] == sum(summary["rows"].values())  # type: ignore[attr-defined]


def test_composite_unique_of_plain_columns_holds_through_the_fallback() -> None:
    """A shaped column cannot be a digit of a joint bijection (uniform ranges can, see
    test_engine_composite_keys), so this key goes through the seen-set."""
    table = Table(
        name="slots",
        columns=(
            Column(
                name="day",
                type=t(K.INTEGER),
                not_null=True,
                min=lit(1),
                max=lit(30),
                distribution=Distribution(name="normal", params={"mean": 15, "sd": 8}),
            ),
            Column(name="hour", type=t(K.INTEGER), not_null=True, min=lit(0), max=lit(23)),
        ),
        unique_keys=(("day", "hour"),),
    )
    ds = generate(Schema(name="S", tables=(table,)), rows={"slots": 500}, chunk_rows=100)
    df = ds.to_pandas("slots")
    assert len(df) == 500 and not df.duplicated().any()
    assert ds.fallback.redrawn["day,hour"] > 0
    again = generate(Schema(name="S", tables=(table,)), rows={"slots": 500}, chunk_rows=65_536)
    assert again.to_arrow("slots").equals(ds.to_arrow("slots"))


def test_unique_on_a_format_without_a_unique_mode_is_kept_by_redraws() -> None:
    from testdatagen.model import FormatGen

    column = Column(
        name="c", type=t(K.STRING, length=60), unique=True, generator=FormatGen(name="color")
    )
    ds = generate(Schema(name="S", tables=(Table(name="f", columns=(column,)),)), rows={"f": 25})
    values = ds.to_pandas("f")["c"]
    assert values.is_unique and len(values) == 25
    assert ds.fallback.redrawn.get("c", 0) > 0
