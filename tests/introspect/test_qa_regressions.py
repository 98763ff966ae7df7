"""Regression tests for bugs QA reproduced with ``tdg introspect``."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from testdatagen.errors import OutputError
from testdatagen.model import Lit
from testdatagen.model.expr import Binary
from testdatagen.model.schema import Column, FormatGen, Table
from testdatagen.model.types import DataType, TypeKind
from testdatagen.outputs.introspect.build import build_table
from testdatagen.outputs.introspect.formats import infer_format
from testdatagen.outputs.introspect.reader import RawColumn, RawForeignKey, RawTable
from testdatagen.outputs.introspect.sqlexpr import translate_sql
from testdatagen.outputs.introspect.stats import ColumnStats, apply_stats


def test_generated_columns_are_left_out_and_noted() -> None:
    raw = RawTable(
        "t",
        [RawColumn("id", sa.INTEGER(), False), RawColumn("total", sa.INTEGER(), True)],
        primary_key=("id",),
        unique_keys=[("doubled",)],
        generated=["doubled"],
    )
    table = build_table(raw, "postgresql")
    assert [c.name for c in table.columns] == ["id", "total"]
    assert table.comment is not None and "generated column doubled" in table.comment


def test_negative_number_cast_in_pg_check_is_a_number() -> None:
    expr = translate_sql("(balance >= '-1000'::integer)", "postgresql", frozenset({"balance"}))
    assert isinstance(expr, Binary) and expr.right == Lit(value=-1000)
    raw = RawTable(
        "acc",
        [RawColumn("balance", sa.INTEGER(), False)],
        checks=[("c", "(balance >= '-1000'::integer)")],
    )
    assert build_table(raw, "postgresql").column("balance").min == Lit(value=-1000)


def test_string_cast_to_text_stays_a_string() -> None:
    expr = translate_sql("(code = '-1'::text)", "postgresql", frozenset({"code"}))
    assert isinstance(expr, Binary) and expr.right == Lit(value="-1")


def test_large_bigint_histogram_bounds_are_exact() -> None:
    big = DataType(kind=TypeKind.BIGINT)
    stats = ColumnStats(n_distinct=-1.0, histogram=("1500000000000000001", "1500000000000000999"))
    table = Table(name="t", columns=(Column(name="n", type=big),))
    got = apply_stats(table, {"n": stats}).columns[0]
    assert got.min == Lit(value=1500000000000000001)
    assert got.max == Lit(value=1500000000000000999)


def test_camel_case_names_get_formats() -> None:
    s = DataType(kind=TypeKind.STRING, length=60)
    assert infer_format("PostalCode", s) == "postcode"
    assert infer_format("BillingAddress", s) == "address"
    assert infer_format("BillingCity", s) == "city"
    column = build_table(
        RawTable("inv", [RawColumn("BillingCity", sa.VARCHAR(60), True)]), "sqlite"
    ).column("BillingCity")
    assert column.generator == FormatGen(name="city")


def _memberships(account_nullable: bool) -> RawTable:
    return RawTable(
        "memberships",
        [
            RawColumn("tenant_id", sa.INTEGER(), False),
            RawColumn("project_id", sa.INTEGER(), False),
            RawColumn("account_id", sa.INTEGER(), account_nullable),
        ],
        foreign_keys=[
            RawForeignKey(("tenant_id", "project_id"), "projects", ("tenant_id", "id")),
            RawForeignKey(("tenant_id", "account_id"), "accounts", ("tenant_id", "id")),
        ],
    )


def test_overlapping_composite_fks_not_null_are_an_error() -> None:
    with pytest.raises(OutputError) as info:
        build_table(_memberships(account_nullable=False), "postgresql")
    message = str(info.value)
    assert "overlapping composite foreign keys are not supported yet" in message
    assert "memberships" in message and "projects" in message and "accounts" in message


def test_overlapping_composite_fks_null_the_nullable_column() -> None:
    table = build_table(_memberships(account_nullable=True), "postgresql")
    account = table.column("account_id")
    assert account.null_rate == 1.0 and account.reference is None
    assert account.comment is not None and "always NULL" in account.comment
    assert table.column("project_id").reference is not None


def test_mysql_set_column_is_a_choice_over_its_members() -> None:
    from sqlalchemy.dialects import mysql

    from testdatagen.model.schema import ChoiceGen
    from testdatagen.outputs.introspect.types import map_type

    mapped = map_type(mysql.SET("red", "green", "blue"))
    assert mapped.dtype == DataType(kind=TypeKind.STRING, length=5)
    assert isinstance(mapped.generator, ChoiceGen)
    assert mapped.generator.values == ("red", "green", "blue")
    raw = RawTable("p", [RawColumn("tags", mysql.SET("a", "bb"), False)])
    column = build_table(raw, "mysql").column("tags")
    assert isinstance(column.generator, ChoiceGen) and column.generator.values == ("a", "bb")


def test_format_longer_than_the_column_is_not_chosen() -> None:
    short = DataType(kind=TypeKind.STRING, length=40)
    assert infer_format("slug", short, unique=True) is None
    assert infer_format("slug", DataType(kind=TypeKind.STRING, length=80), unique=True) == "slug"
    assert infer_format("email", short) == "email"  # emails shorten to fit


def test_unique_lower_email_index_makes_email_unique() -> None:
    import numpy as np

    from testdatagen.outputs.introspect.reader import lowered_column
    from testdatagen.providers.base import FormatRequest
    from testdatagen.providers.registry import get_provider

    assert lowered_column("lower((email)::text)", "postgresql") == "email"
    assert lowered_column("upper((email)::text)", "postgresql") is None
    raw = RawTable(
        "user",
        [RawColumn("id", sa.INTEGER(), False), RawColumn("email", sa.VARCHAR(120), False)],
        primary_key=("id",),
        lower_unique=["email"],
    )
    email = build_table(raw, "postgresql").column("email")
    assert email.unique and email.generator == FormatGen(name="email")
    assert email.comment is not None and "lower(email)" in email.comment
    request = FormatRequest(
        seed=1, table="user", column="email", locale="en_US", max_length=120, unique=True
    )
    values = get_provider("email").generate(request, np.arange(20000, dtype=np.int64))
    assert all(v == v.lower() for v in values.to_pylist())


def test_not_null_reference_cycle_is_an_introspection_error() -> None:
    from testdatagen.outputs.introspect.build import build_schema
    from testdatagen.outputs.introspect.reader import RawSchema

    staff = RawTable(
        "staff",
        [RawColumn("staff_id", sa.INTEGER(), False), RawColumn("store_id", sa.INTEGER(), False)],
        primary_key=("staff_id",),
        foreign_keys=[RawForeignKey(("store_id",), "store", ("store_id",))],
    )
    store = RawTable(
        "store",
        [
            RawColumn("store_id", sa.INTEGER(), False),
            RawColumn("manager_staff_id", sa.INTEGER(), False),
        ],
        primary_key=("store_id",),
        foreign_keys=[RawForeignKey(("manager_staff_id",), "staff", ("staff_id",))],
    )
    with pytest.raises(OutputError) as info:
        build_schema(RawSchema("mysql", "sakila", None, [staff, store]))
    message = str(info.value)
    assert "cycle" in message and "staff.store_id" in message
    assert "store.manager_staff_id" in message and "nullable" in message
    nullable = RawTable(
        "store",
        [
            RawColumn("store_id", sa.INTEGER(), False),
            RawColumn("manager_staff_id", sa.INTEGER(), True),
        ],
        primary_key=("store_id",),
        foreign_keys=[RawForeignKey(("manager_staff_id",), "staff", ("staff_id",))],
    )
    assert build_schema(RawSchema("mysql", "sakila", None, [staff, nullable])).tables


def test_cli_introspect_writes_newline_terminated_file_and_refuses_empty_db(
    tmp_path: Path,
) -> None:
    import sqlite3

    from typer.testing import CliRunner

    from testdatagen.interfaces.cli.app import app

    base = tmp_path
    db = base / "shop.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
    conn.close()
    out = base / "shop.tdg"
    result = CliRunner().invoke(app, ["introspect", f"sqlite:///{db}", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").endswith("\n")
    empty = base / "empty.db"
    sqlite3.connect(empty).close()
    result = CliRunner().invoke(app, ["introspect", f"sqlite:///{empty}"])
    assert result.exit_code == 3 and "no tables" in result.output
