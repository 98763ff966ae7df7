"""Models built with the pydantic constructors: the LANGUAGE.md shop and the bench workload.

They do not need the parser, so the engine's tests and golden fingerprints
stand on their own; the example files are tested too once they parse.
"""

from __future__ import annotations

from datetime import datetime

from testdatagen.model import (
    Binary,
    Call,
    Check,
    ChoiceGen,
    Column,
    ComputeGen,
    DataType,
    Distribution,
    If,
    In,
    IntRange,
    IsNull,
    Lit,
    Ref,
    ReferenceGen,
    Schema,
    SequentialGen,
    Table,
    TypeKind,
)

NOW = datetime(2025, 6, 1, 12, 0, 0)
K = TypeKind


def t(kind: TypeKind, **kw: int | str) -> DataType:
    return DataType(kind=kind, **kw)  # type: ignore[arg-type]


def ref(*path: str) -> Ref:
    return Ref(path=path)


def lit(value: int | float | str | None) -> Lit:
    return Lit(value=value)


def call(name: str, *args: Ref | Lit | Binary) -> Call:
    return Call(name=name, args=args)


def dec(p: int, s: int) -> DataType:
    return DataType(kind=K.DECIMAL, precision=p, scale=s)


def shop() -> Schema:
    """The LANGUAGE.md example without formats (providers are tested on their own)."""
    customers = Table(
        name="customers",
        primary_key=("id",),
        columns=(
            Column(
                name="id", type=t(K.BIGINT), primary_key=True, generator=SequentialGen(start=1000)
            ),
            Column(name="code", type=t(K.STRING, length=12), unique=True, not_null=True),
            Column(name="phone", type=t(K.STRING, length=20), null_rate=0.15),
            Column(
                name="segment",
                type=t(K.STRING, length=10),
                not_null=True,
                generator=ChoiceGen(values=("retail", "business", "vip"), weights=(70, 25, 5)),
            ),
            Column(
                name="discount_pct",
                type=t(K.INTEGER),
                when=Binary(op="=", left=ref("segment"), right=lit("vip")),
                min=lit(5),
                max=lit(20),
                default=lit(0),
            ),
            Column(
                name="age",
                type=t(K.INTEGER),
                min=lit(18),
                max=lit(90),
                distribution=Distribution(name="normal", params={"mean": 38, "sd": 12}),
            ),
            Column(name="uid", type=t(K.UUID), not_null=True),
            Column(name="vip", type=t(K.BOOLEAN), options={"true_rate": 0.2}),
            Column(
                name="created_at",
                type=t(K.DATETIME),
                not_null=True,
                min=lit("2022-01-01"),
                max=call("now"),
            ),
            Column(
                name="updated_at",
                type=t(K.DATETIME),
                not_null=True,
                min=ref("created_at"),
                max=call("now"),
            ),
        ),
    )
    products = Table(
        name="products",
        primary_key=("id",),
        columns=(
            Column(name="id", type=t(K.INTEGER), primary_key=True, generator=SequentialGen()),
            Column(name="label", type=t(K.TEXT), not_null=True),
            Column(
                name="price",
                type=dec(10, 2),
                not_null=True,
                min=lit(1),
                max=lit(2500),
                distribution=Distribution(name="normal", params={"mean": 80, "sd": 40}),
            ),
            Column(name="cost", type=dec(10, 2), not_null=True, min=lit(0.5), max=lit(1500)),
            Column(
                name="currency",
                type=DataType(kind=K.ENUM, enum="currency"),
                not_null=True,
                generator=ChoiceGen(values=("EUR", "USD", "GBP"), weights=(6, 3, 1)),
            ),
        ),
        checks=(
            Check(
                name="healthy_margin",
                expr=Binary(
                    op=">=",
                    left=ref("price"),
                    right=Binary(op="*", left=ref("cost"), right=lit(1.1)),
                ),
            ),
        ),
    )
    employees = Table(
        name="employees",
        primary_key=("id",),
        columns=(
            Column(name="id", type=t(K.INTEGER), primary_key=True, generator=SequentialGen()),
            Column(
                name="manager_id",
                type=t(K.INTEGER),
                null_rate=0.03,
                generator=ReferenceGen(table="employees", column="id"),
            ),
            Column(
                name="hired_on",
                type=t(K.DATE),
                not_null=True,
                min=lit("2015-01-01"),
                max=call("today"),
            ),
        ),
    )
    status = ChoiceGen(
        values=("pending", "paid", "shipped", "delivered", "cancelled"), weights=(5, 15, 30, 45, 5)
    )
    orders = Table(
        name="orders",
        primary_key=("id",),
        columns=(
            Column(name="id", type=t(K.BIGINT), primary_key=True, generator=SequentialGen()),
            Column(name="number", type=t(K.STRING, length=13), unique=True, not_null=True),
            Column(
                name="customer_id",
                type=t(K.BIGINT),
                not_null=True,
                generator=ReferenceGen(
                    table="customers",
                    column="id",
                    distribution=Distribution(name="zipf", params={"s": 1.2}),
                ),
            ),
            Column(
                name="handled_by",
                type=t(K.INTEGER),
                null_rate=0.2,
                generator=ReferenceGen(table="employees", column="id"),
            ),
            Column(
                name="status",
                type=DataType(kind=K.ENUM, enum="order_status"),
                not_null=True,
                generator=status,
            ),
            Column(
                name="ordered_at",
                type=t(K.DATETIME),
                not_null=True,
                min=ref("customer_id", "created_at"),
                max=call("now"),
            ),
            Column(
                name="shipped_at",
                type=t(K.DATETIME),
                when=In(operand=ref("status"), options=(lit("shipped"), lit("delivered"))),
                min=Binary(op="+", left=ref("ordered_at"), right=call("hours", lit(2))),
                max=Binary(op="+", left=ref("ordered_at"), right=call("days", lit(5))),
            ),
            Column(
                name="delivered_at",
                type=t(K.DATETIME),
                when=Binary(op="=", left=ref("status"), right=lit("delivered")),
                min=ref("shipped_at"),
                max=Binary(op="+", left=ref("shipped_at"), right=call("days", lit(10))),
            ),
            Column(
                name="total",
                type=dec(12, 2),
                generator=ComputeGen(expr=call("sum", ref("order_items", "line_total"))),
            ),
            Column(
                name="shipping_fee",
                type=dec(6, 2),
                generator=ComputeGen(
                    expr=If(
                        branches=((Binary(op=">=", left=ref("total"), right=lit(50)), lit(0)),),
                        otherwise=lit(4.99),
                    )
                ),
            ),
        ),
        checks=(
            Check(
                name="delivered_after_shipped",
                expr=Binary(
                    op="or",
                    left=IsNull(operand=ref("delivered_at")),
                    right=Binary(op=">", left=ref("delivered_at"), right=ref("shipped_at")),
                ),
            ),
        ),
    )
    items = Table(
        name="order_items",
        columns=(
            Column(
                name="order_id",
                type=t(K.BIGINT),
                not_null=True,
                generator=ReferenceGen(
                    table="orders", column="id", per_parent=IntRange(low=1, high=5)
                ),
            ),
            Column(
                name="product_id",
                type=t(K.INTEGER),
                not_null=True,
                generator=ReferenceGen(
                    table="products",
                    column="id",
                    distribution=Distribution(name="zipf", params={"s": 1.05}),
                ),
            ),
            Column(name="quantity", type=t(K.INTEGER), not_null=True, min=lit(1), max=lit(10)),
            Column(
                name="unit_price",
                type=dec(10, 2),
                generator=ComputeGen(expr=ref("product_id", "price")),
            ),
            Column(
                name="line_total",
                type=dec(12, 2),
                generator=ComputeGen(
                    expr=Binary(op="*", left=ref("quantity"), right=ref("unit_price"))
                ),
            ),
        ),
        unique_keys=(("order_id", "product_id"),),
    )
    return Schema(name="Shop", tables=(customers, products, employees, orders, items))


SHOP_ROWS = {"customers": 300, "products": 60, "employees": 40, "orders": 900}


def junction() -> Schema:
    """Many-to-many with unique pairs and no per_parent: a joint bijection."""
    left = Table(
        name="students",
        primary_key=("id",),
        columns=(
            Column(name="id", type=t(K.INTEGER), primary_key=True, generator=SequentialGen()),
        ),
    )
    right = Table(
        name="courses",
        primary_key=("id",),
        columns=(
            Column(
                name="id", type=t(K.INTEGER), primary_key=True, generator=SequentialGen(start=100)
            ),
        ),
    )
    link = Table(
        name="enrolments",
        columns=(
            Column(
                name="student_id",
                type=t(K.INTEGER),
                not_null=True,
                generator=ReferenceGen(table="students", column="id"),
            ),
            Column(
                name="course_id",
                type=t(K.INTEGER),
                not_null=True,
                generator=ReferenceGen(table="courses", column="id"),
            ),
        ),
        unique_keys=(("student_id", "course_id"),),
    )
    return Schema(name="School", tables=(link, right, left))


def bench_without_formats() -> Schema:
    """../shared/bench/shop.tdg without its format columns (the engine's own paths)."""
    customers = Table(
        name="customers",
        primary_key=("id",),
        columns=(
            Column(name="id", type=t(K.BIGINT), primary_key=True, generator=SequentialGen(start=1)),
            Column(
                name="country",
                type=t(K.STRING, length=2),
                not_null=True,
                generator=ChoiceGen(values=("US", "DE", "FR", "JP"), weights=(50, 20, 15, 15)),
            ),
            Column(
                name="signup_at",
                type=t(K.DATETIME),
                not_null=True,
                min=lit("2020-01-01"),
                max=lit("2025-12-31"),
            ),
            Column(name="birth_date", type=t(K.DATE), min=lit("1950-01-01"), max=lit("2005-12-31")),
            Column(
                name="balance",
                type=dec(10, 2),
                min=lit(0),
                max=lit(10000),
                distribution=Distribution(name="normal", params={"mean": 500, "sd": 150}),
            ),
        ),
    )
    orders = Table(
        name="orders",
        primary_key=("id",),
        columns=(
            Column(name="id", type=t(K.BIGINT), primary_key=True, generator=SequentialGen(start=1)),
            Column(
                name="customer_id",
                type=t(K.BIGINT),
                not_null=True,
                generator=ReferenceGen(
                    table="customers",
                    column="id",
                    distribution=Distribution(name="zipf", params={"s": 1.1}),
                ),
            ),
            Column(
                name="placed_at",
                type=t(K.DATETIME),
                not_null=True,
                min=lit("2020-01-01"),
                max=lit("2025-12-31"),
            ),
            Column(
                name="status",
                type=t(K.STRING, length=10),
                not_null=True,
                generator=ChoiceGen(
                    values=("delivered", "shipped", "pending", "cancelled"), weights=(70, 15, 10, 5)
                ),
            ),
            Column(name="amount", type=dec(10, 2), not_null=True, min=lit(1), max=lit(2000)),
        ),
    )
    return Schema(name="Bench", tables=(customers, orders))
