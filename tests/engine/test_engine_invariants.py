"""Keys, references, checks, computed columns and row counts hold on every row."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from engine_models import NOW, SHOP_ROWS, junction, shop

from testdatagen.engine import generate


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    ds = generate(shop(), rows=SHOP_ROWS, seed=7, now=NOW)
    return {name: ds.to_pandas(name) for name in ds.tables}


def test_row_counts_are_exact_and_children_follow_per_parent(
    tables: dict[str, pd.DataFrame],
) -> None:
    for name, count in SHOP_ROWS.items():
        assert len(tables[name]) == count
    per_order = tables["order_items"].groupby("order_id").size()
    assert per_order.index.size == SHOP_ROWS["orders"]
    assert per_order.between(1, 5).all()


def test_primary_and_unique_keys_hold(tables: dict[str, pd.DataFrame]) -> None:
    for name in ("customers", "products", "employees", "orders"):
        assert tables[name]["id"].is_unique and tables[name]["id"].notna().all()
    assert tables["customers"]["code"].is_unique
    assert tables["orders"]["number"].is_unique
    assert not tables["order_items"].duplicated(["order_id", "product_id"]).any()


def test_not_null_columns_have_no_nulls(tables: dict[str, pd.DataFrame]) -> None:
    for name, cols in {
        "customers": ["code", "segment", "uid", "created_at", "updated_at"],
        "orders": ["customer_id", "status", "ordered_at"],
        "order_items": ["order_id", "product_id", "quantity"],
    }.items():
        assert tables[name][cols].notna().all().all(), name


def test_every_foreign_key_resolves(tables: dict[str, pd.DataFrame]) -> None:
    o, i = tables["orders"], tables["order_items"]
    assert o["customer_id"].isin(tables["customers"]["id"]).all()
    assert o["handled_by"].dropna().isin(tables["employees"]["id"]).all()
    assert i["order_id"].isin(o["id"]).all()
    assert i["product_id"].isin(tables["products"]["id"]).all()


def test_self_reference_points_at_earlier_rows(tables: dict[str, pd.DataFrame]) -> None:
    e = tables["employees"]
    managed = e.dropna(subset=["manager_id"])
    assert (managed["manager_id"] < managed["id"]).all()
    assert pd.isna(e["manager_id"].iloc[0])


def test_checks_hold_on_every_row(tables: dict[str, pd.DataFrame]) -> None:
    p = tables["products"]
    assert (p["price"].astype(float) >= p["cost"].astype(float) * 1.1 - 1e-9).all()
    o = tables["orders"]
    delivered = o.dropna(subset=["delivered_at"])
    assert (delivered["delivered_at"] > delivered["shipped_at"]).all()


def test_min_max_from_parent_and_same_row(tables: dict[str, pd.DataFrame]) -> None:
    o = tables["orders"]
    created = tables["customers"].set_index("id")["created_at"]
    assert (o["ordered_at"].to_numpy() >= created.loc[o["customer_id"]].to_numpy()).all()
    assert (o["ordered_at"] <= pd.Timestamp(NOW)).all()
    shipped = o.dropna(subset=["shipped_at"])
    gap = shipped["shipped_at"] - shipped["ordered_at"]
    assert gap.between(pd.Timedelta(hours=2), pd.Timedelta(days=5)).all()
    c = tables["customers"]
    assert (c["updated_at"] >= c["created_at"]).all()


def test_when_default_applies_outside_the_condition(tables: dict[str, pd.DataFrame]) -> None:
    c = tables["customers"]
    vip = c["segment"] == "vip"
    assert c.loc[vip, "discount_pct"].between(5, 20).all()
    assert (c.loc[~vip, "discount_pct"] == 0).all()
    o = tables["orders"]
    shipping = o["status"].isin(["shipped", "delivered"])
    assert o.loc[shipping, "shipped_at"].notna().all()
    assert o.loc[~shipping, "shipped_at"].isna().all()


def test_follow_key_and_aggregate_match_a_recomputation(tables: dict[str, pd.DataFrame]) -> None:
    i, p, o = tables["order_items"], tables["products"].set_index("id"), tables["orders"]
    assert (i["unit_price"].to_numpy() == p.loc[i["product_id"], "price"].to_numpy()).all()
    line = i["quantity"].astype(float) * i["unit_price"].astype(float)
    assert np.allclose(i["line_total"].astype(float), line.round(2))
    totals = i.groupby("order_id")["line_total"].apply(lambda s: float(sum(s)))
    assert np.allclose(o.set_index("id").loc[totals.index, "total"].astype(float), totals)
    fee = np.where(o["total"].astype(float) >= 50, 0.0, 4.99)
    assert np.allclose(o["shipping_fee"].astype(float), fee)


def test_children_of_a_parent_are_contiguous(tables: dict[str, pd.DataFrame]) -> None:
    order_ids = tables["order_items"]["order_id"].to_numpy()
    assert (np.diff(order_ids) >= 0).all()


def test_decimal_columns_respect_scale_and_bounds(tables: dict[str, pd.DataFrame]) -> None:
    p = tables["products"]
    price = p["price"].astype(float)
    assert price.between(1, 2500).all()
    assert np.allclose(price * 100, np.round(price * 100))


def test_uuid_v4_text_form(tables: dict[str, pd.DataFrame]) -> None:
    uid = tables["customers"]["uid"]
    assert uid.str.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
    ).all()
    assert uid.is_unique


def test_string_lengths_respect_the_column(tables: dict[str, pd.DataFrame]) -> None:
    code = tables["customers"]["code"]
    assert code.str.len().between(1, 12).all()
    assert code.str.fullmatch(r"[A-Za-z0-9]+").all()


def test_junction_pairs_are_unique_and_resolve() -> None:
    ds = generate(junction(), rows={"students": 30, "courses": 10, "enrolments": 300})
    assert ds.tables.index("enrolments") > ds.tables.index("students")
    e = ds.to_pandas("enrolments")
    assert len(e) == 300
    assert not e.duplicated().any()
    assert e["student_id"].between(1, 30).all() and e["course_id"].between(100, 109).all()


def test_every_aggregate_matches_a_recomputation() -> None:
    from engine_models import K, call, lit, ref, t

    from testdatagen.model import (
        Column,
        ComputeGen,
        Distribution,
        ReferenceGen,
        Schema,
        SequentialGen,
        Table,
    )

    def agg(name: str) -> Column:
        return Column(
            name=name, type=t(K.FLOAT), generator=ComputeGen(expr=call(name, ref("kids", "v")))
        )

    parent = Table(
        name="parents",
        primary_key=("id",),
        columns=(
            Column(name="id", type=t(K.BIGINT), primary_key=True, generator=SequentialGen()),
            *(agg(n) for n in ("count", "sum", "min", "max", "avg")),
        ),
    )
    per_parent = Distribution(name="poisson", params={"lam": 2.0})
    kids = Table(
        name="kids",
        columns=(
            Column(
                name="p",
                type=t(K.BIGINT),
                not_null=True,
                generator=ReferenceGen(table="parents", column="id", per_parent=per_parent),
            ),
            Column(name="v", type=t(K.INTEGER), not_null=True, min=lit(-50), max=lit(50)),
        ),
    )
    ds = generate(Schema(name="S", tables=(kids, parent)), rows={"parents": 400}, chunk_rows=37)
    p, k = ds.to_pandas("parents").set_index("id"), ds.to_pandas("kids")
    grouped = k.groupby("p")["v"].agg(["count", "sum", "min", "max", "mean"]).reindex(p.index)
    assert (p["count"] == grouped["count"].fillna(0)).all()
    assert (p["count"] == 0).any(), "poisson(2) leaves some parents childless"
    assert np.allclose(p["sum"], grouped["sum"].fillna(0))
    for ours, theirs in (("min", "min"), ("max", "max"), ("avg", "mean")):
        assert p[ours].isna().equals(grouped[theirs].isna())
        assert np.allclose(p[ours].dropna(), grouped[theirs].dropna())


def test_metadata_records_seed_clock_and_engine_version() -> None:
    from testdatagen.engine import ENGINE_OUTPUT_VERSION

    meta = generate(shop(), rows=SHOP_ROWS, seed=3, now=NOW).metadata
    assert meta["tdg.seed"] == "3"
    assert meta["tdg.engine_output_version"] == str(ENGINE_OUTPUT_VERSION)
    assert int(meta["tdg.now_us"]) == int(pd.Timestamp(NOW).value // 1000)
