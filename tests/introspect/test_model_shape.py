"""What introspection makes of the acceptance schema: keys, checks, enums, formats, counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from testdatagen.model import ChoiceGen, ComputeGen, FormatGen, Lit, Project, ReferenceGen
from testdatagen.model.types import TypeKind
from testdatagen.outputs.introspect import introspect

from .conftest import Pair

pytestmark = pytest.mark.services


def _common(project: Project) -> None:
    schema = project.schema_named()
    orders, customers = schema.table("orders"), schema.table("customers")
    region, code = orders.column("wh_region").reference, orders.column("wh_code").reference
    assert region is not None and code is not None
    assert (region.table, region.column, code.column) == ("warehouses", "region", "code")
    assert region.group == code.group == "fk_wh_region_wh_code"
    assert orders.unique_keys == (("customer_id", "number"),)
    assert schema.table("warehouses").primary_key == ("region", "code")
    assert schema.table("order_notes").primary_key == ("order_id", "seq")
    assert {c.name for c in orders.checks} >= {"total_range", "discount_le_total"}
    status = orders.column("status")
    assert isinstance(status.generator, ChoiceGen)
    assert set(status.generator.values) == {"pending", "paid", "shipped", "cancelled"}
    segment = customers.column("segment")
    assert isinstance(segment.generator, ChoiceGen)
    assert set(segment.generator.values) == {"retail", "business", "vip"}
    assert segment.default == Lit(value="retail")
    assert customers.column("email").unique and customers.column("email").not_null
    assert customers.column("email").generator == FormatGen(name="email")
    assert customers.column("age").min == Lit(value=18)
    assert customers.column("age").max == Lit(value=90)
    assert customers.column("level").max == Lit(value=32767)
    assert schema.table("employees").column("badge").unique
    manager = schema.table("employees").column("manager_id")
    assert manager.reference == ReferenceGen(table="employees", column="id")
    assert manager.nullable
    plan = project.plans[0]
    assert plan.schema_name == schema.name
    assert plan.rows == dict.fromkeys(schema.table_names, Lit(value=100))


def test_postgres_model(postgres_pair: Pair) -> None:
    project = introspect(postgres_pair.url, schema=postgres_pair.schema)
    _common(project)
    schema = project.schema_named()
    assert schema.name == postgres_pair.schema
    assert [e.name for e in schema.enums] == ["order_status"]
    status = schema.table("orders").column("status")
    assert status.type.kind is TypeKind.ENUM and status.type.enum == "order_status"
    created = schema.table("customers").column("created_at")
    assert created.type.timezone == "UTC"
    profile = schema.table("customers").column("profile")
    assert isinstance(profile.generator, ChoiceGen) and profile.comment is not None


def test_mysql_model(mysql_pair: Pair) -> None:
    project = introspect(mysql_pair.url)
    _common(project)
    schema = project.schema_named()
    assert [e.name for e in schema.enums] == ["orders_status"]
    customers = schema.table("customers")
    assert customers.column("active").type.kind is TypeKind.BOOLEAN
    assert customers.column("tier").max == Lit(value=255)
    assert isinstance(customers.column("profile").generator, ChoiceGen)  # json_valid


def test_sqlite_model(sqlite_pair: Pair) -> None:
    project = introspect(sqlite_pair.url)
    _common(project)
    assert project.schema_named().name == "source"


def test_tables_pull_in_their_parents(postgres_pair: Pair) -> None:
    project = introspect(postgres_pair.url, schema=postgres_pair.schema, tables=["order_notes"])
    names = set(project.schema_named().table_names)
    assert names == {"order_notes", "orders", "customers", "employees", "warehouses"}
    solo = introspect(postgres_pair.url, schema=postgres_pair.schema, tables=["warehouses"])
    assert solo.schema_named().table_names == ("warehouses",)


def test_not_null_self_reference_points_at_its_own_row(sqlite_pair: Pair, tmp_path: Path) -> None:
    import sqlite3

    from testdatagen.engine import generate

    path = tmp_path / "tree.db"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TABLE node (id integer PRIMARY KEY, "
            "parent_id integer NOT NULL REFERENCES node(id))"
        )
    conn.close()
    table = introspect(f"sqlite:///{path}").schema_named().table("node")
    parent = table.column("parent_id")
    assert isinstance(parent.generator, ComputeGen) and parent.comment
    rows = generate(introspect(f"sqlite:///{path}"), rows={"node": 50}).to_arrow("node")
    assert rows.column("parent_id").to_pylist() == rows.column("id").to_pylist()
