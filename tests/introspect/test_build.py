"""Reflected records → model tables, without a database."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from testdatagen.language.config.exprs import print_expr
from testdatagen.model import (
    ChoiceGen,
    ComputeGen,
    Lit,
    RandomGen,
    Ref,
    ReferenceGen,
    SequentialGen,
)
from testdatagen.outputs.introspect.build import build_table
from testdatagen.outputs.introspect.reader import RawColumn, RawForeignKey, RawTable


def col(name: str, sa_type: object = None, *, nullable: bool = True, **kw: object) -> RawColumn:
    return RawColumn(name, sa_type or sa.INTEGER(), nullable, **kw)  # type: ignore[arg-type]


def test_composite_foreign_key_shares_a_group() -> None:
    raw = RawTable(
        "orders",
        [col("id", nullable=False), col("r", sa.CHAR(2)), col("c")],
        primary_key=("id",),
        foreign_keys=[RawForeignKey(("r", "c"), "warehouses", ("region", "code"))],
    )
    table = build_table(raw, "postgresql")
    assert table.column("r").generator == ReferenceGen(
        table="warehouses", column="region", group="fk_r_c"
    )
    assert table.column("c").generator == ReferenceGen(
        table="warehouses", column="code", group="fk_r_c"
    )


def test_overlapping_foreign_keys_keep_the_first_and_say_so() -> None:
    raw = RawTable(
        "t",
        [col("a"), col("b")],
        foreign_keys=[
            RawForeignKey(("a",), "p", ("id",)),
            RawForeignKey(("a", "b"), "q", ("x", "y")),
        ],
    )
    table = build_table(raw, "sqlite")
    assert table.column("a").generator == ReferenceGen(table="p", column="id")
    assert isinstance(table.column("b").generator, RandomGen)
    assert table.column("b").null_rate == 1.0  # the dropped key holds through the NULL
    assert table.comment is not None and "overlaps" in table.comment


def test_foreign_key_into_another_schema_is_a_note() -> None:
    raw = RawTable("t", [col("a")], foreign_keys=[RawForeignKey(("a",), "p", ("id",), "other")])
    table = build_table(raw, "postgresql")
    assert table.column("a").reference is None
    assert table.comment is not None and "other.p(id)" in table.comment


def test_self_references() -> None:
    raw = RawTable(
        "emp",
        [col("id", nullable=False, autoincrement=True), col("boss"), col("root", nullable=False)],
        primary_key=("id",),
        foreign_keys=[
            RawForeignKey(("boss",), "emp", ("id",)),
            RawForeignKey(("root",), "emp", ("id",)),
        ],
    )
    table = build_table(raw, "postgresql")
    assert table.column("id").generator == SequentialGen()
    assert table.column("boss").generator == ReferenceGen(table="emp", column="id")
    assert table.column("root").generator == ComputeGen(expr=Ref(path=("id",)))
    assert "self-reference" in (table.column("root").comment or "")


def test_in_list_check_becomes_a_choice_and_is_dropped() -> None:
    raw = RawTable(
        "t",
        [col("seg", sa.VARCHAR(10), nullable=False)],
        checks=[("seg_ok", "seg IN ('a', 'b')")],
    )
    table = build_table(raw, "sqlite")
    assert table.column("seg").generator == ChoiceGen(values=("a", "b"), weights=(1.0, 1.0))
    assert table.checks == ()


def test_in_list_on_a_unique_column_stays_a_check() -> None:
    raw = RawTable(
        "t",
        [col("seg", sa.VARCHAR(10))],
        unique_keys=[("seg",)],
        checks=[("seg_ok", "seg IN ('a', 'b')")],
    )
    table = build_table(raw, "sqlite")
    assert isinstance(table.column("seg").generator, RandomGen)
    assert [c.name for c in table.checks] == ["seg_ok"]


def test_range_checks_set_bounds_with_strictness_per_type() -> None:
    raw = RawTable(
        "t",
        [col("n"), col("price", sa.NUMERIC(8, 2)), col("ratio", sa.FLOAT())],
        checks=[
            ("n_range", "n > 0 AND n < 10"),
            ("price_pos", "price > 0"),
            ("ratio_max", "1 >= ratio"),
        ],
    )
    table = build_table(raw, "postgresql")
    assert (table.column("n").min, table.column("n").max) == (Lit(value=1), Lit(value=9))
    assert table.column("price").min == Lit(value=0.01)
    assert table.column("ratio").max == Lit(value=1)
    assert len(table.checks) == 3


def test_a_lone_bound_beyond_the_default_range_gets_a_partner() -> None:
    raw = RawTable("t", [col("big"), col("neg")], checks=[("c", "big >= 5000000 AND neg < -3")])
    table = build_table(raw, "sqlite")
    assert table.column("big").min == Lit(value=5_000_000)
    assert table.column("big").max is not None
    assert table.column("neg").min is not None and table.column("neg").max == Lit(value=-4)


def test_untranslatable_check_is_kept_as_a_table_comment() -> None:
    raw = RawTable(
        "t", [col("s", sa.TEXT())], checks=[("s_len", "s ~ '^[[:alpha:]]+$'")], comment="people"
    )  # a POSIX class: the pattern generator cannot follow it
    table = build_table(raw, "postgresql")
    assert table.checks == ()
    assert table.comment is not None
    assert table.comment.startswith("people; check s_len not translated")


@pytest.mark.parametrize(
    ("sql", "length"),
    [
        ("length(s) <= 12", 12),
        ("char_length((s)::text) < 12", 11),
        ("12 >= length(s) AND length(s) > 0", 12),
        ("length(s) > 3", None),
    ],
)
def test_a_length_check_bounds_the_text_column(sql: str, length: int | None) -> None:
    """``CHECK (length(k) <= 12)`` is how SQLite and PostgreSQL bound text: the column
    becomes string(12) so values are made short enough (the check is kept)."""
    raw = RawTable("t", [col("s", sa.TEXT())], checks=[("c", sql)])
    table = build_table(raw, "postgresql")
    assert len(table.checks) == 1
    assert table.column("s").type.length == length


def test_literal_defaults_only() -> None:
    raw = RawTable(
        "t",
        [
            col("a", default="5"),
            col("s", sa.VARCHAR(3), default="'toolong'::character varying"),
            col("ts", sa.TIMESTAMP(), default="now()"),
            col("flag", sa.BOOLEAN(), default="true"),
        ],
    )
    table = build_table(raw, "postgresql")
    assert table.column("a").default == Lit(value=5)
    assert table.column("s").default is None  # would not fit varchar(3)
    assert table.column("ts").default is None
    assert table.column("flag").default == Lit(value=True)


def test_keys_and_uniques() -> None:
    raw = RawTable(
        "t",
        [col("a", nullable=False), col("b", nullable=False), col("c"), col("d")],
        primary_key=("a", "b"),
        unique_keys=[("c",), ("c", "d"), ("a", "b")],
    )
    table = build_table(raw, "sqlite")
    assert table.primary_key == ("a", "b")
    assert not table.column("a").primary_key and table.column("a").not_null
    assert table.column("c").unique
    assert table.unique_keys == (("c", "d"),)


def test_updated_at_follows_created_at() -> None:
    raw = RawTable(
        "t",
        [
            col("created_at", sa.TIMESTAMP(), nullable=False),
            col("updated_at", sa.TIMESTAMP()),
        ],
    )
    table = build_table(raw, "postgresql")
    assert table.column("updated_at").min == Ref(path=("created_at",))


def test_updated_at_is_free_when_created_at_may_be_null() -> None:
    raw = RawTable("t", [col("created_at", sa.TIMESTAMP()), col("updated_at", sa.TIMESTAMP())])
    assert build_table(raw, "postgresql").column("updated_at").min is None


@pytest.mark.parametrize(
    ("values", "nullable", "generator", "null_rate"),
    [
        ((3, 7), False, ChoiceGen(values=(3, 7), weights=(1.0, 1.0)), 0.0),
        ((), True, RandomGen(), 1.0),  # an empty parent: only NULL satisfies the key
        (None, False, RandomGen(), 0.0),  # values unreadable: unlinked, as before
    ],
)
def test_a_key_into_another_schema_picks_the_parents_current_keys(
    values: tuple[int, ...] | None, nullable: bool, generator: object, null_rate: float
) -> None:
    fk = RawForeignKey(
        ("country_id",), "country", ("id",), other_schema="ref", parent_values=values
    )
    raw = RawTable("city", [col("country_id", nullable=nullable)], foreign_keys=[fk])
    table = build_table(raw, "postgresql")
    column = table.column("country_id")
    assert column.generator == generator and column.null_rate == null_rate
    assert table.comment is not None and "ref.country(id)" in table.comment


@pytest.mark.parametrize(
    ("sa_type", "ranges", "low", "high"),
    [
        (sa.INTEGER(), [("1", "100"), ("100", "200")], 1, 199),
        (
            sa.TIMESTAMP(timezone=True),
            [("2020-01-01 00:00:00+00", "2021-01-01 00:00:00+00")],
            "2020-01-01 00:00:00",
            "2020-12-31 23:59:59",
        ),
        (sa.DATE(), [(None, "2021-01-01")], None, "2020-12-31"),  # FROM (MINVALUE)
    ],
)
def test_a_range_partition_key_stays_within_the_partitions(
    sa_type: object, ranges: list[tuple[str | None, str | None]], low: object, high: object
) -> None:
    raw = RawTable("events", [col("at", sa_type, nullable=False)], partitions=("at", ranges))
    column = build_table(raw, "postgresql").column("at")
    assert column.min == (None if low is None else Lit(value=low))
    assert column.max == Lit(value=high)


@pytest.mark.parametrize(
    ("sql", "sa_type", "clock"),
    [
        ("expires_at > now()", sa.TIMESTAMP(timezone=True), "now"),
        ("(CURRENT_DATE <= expires_at)", sa.DATE(), "today"),
    ],
)
def test_a_check_against_the_clock_makes_future_values(
    sql: str, sa_type: object, clock: str
) -> None:
    raw = RawTable("t", [col("expires_at", sa_type, nullable=False)], checks=[("c", sql)])
    table = build_table(raw, "postgresql")
    column = table.column("expires_at")
    assert len(table.checks) == 1
    assert print_expr(column.min) == f"{clock}() + days(1)"  # type: ignore[arg-type]
    assert print_expr(column.max) == f"{clock}() + days(366)"  # type: ignore[arg-type]
