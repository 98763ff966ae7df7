"""Reflected SQLAlchemy types → model types."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import mysql, postgresql, sqlite

from testdatagen.model import ChoiceGen, DataType, FormatGen, PatternGen
from testdatagen.model.types import TypeKind
from testdatagen.outputs.introspect.types import DeclaredType, map_type

K = TypeKind


@pytest.mark.parametrize(
    ("sa_type", "expected"),
    [
        (sa.VARCHAR(120), DataType(kind=K.STRING, length=120)),
        (sa.CHAR(2), DataType(kind=K.STRING, length=2)),
        (sa.VARCHAR(), DataType(kind=K.TEXT)),
        (sa.TEXT(), DataType(kind=K.TEXT)),
        (mysql.LONGTEXT(), DataType(kind=K.TEXT)),
        (sa.INTEGER(), DataType(kind=K.INTEGER)),
        (sa.SMALLINT(), DataType(kind=K.INTEGER)),
        (sa.BIGINT(), DataType(kind=K.BIGINT)),
        (sa.NUMERIC(10, 2), DataType(kind=K.DECIMAL, precision=10, scale=2)),
        (mysql.DECIMAL(8, 0), DataType(kind=K.DECIMAL, precision=8, scale=0)),
        (sa.NUMERIC(), DataType(kind=K.FLOAT)),
        (sa.REAL(), DataType(kind=K.FLOAT)),
        (postgresql.DOUBLE_PRECISION(), DataType(kind=K.FLOAT)),
        (mysql.DOUBLE(), DataType(kind=K.FLOAT)),
        (sa.BOOLEAN(), DataType(kind=K.BOOLEAN)),
        (mysql.TINYINT(display_width=1), DataType(kind=K.BOOLEAN)),
        (mysql.TINYINT(), DataType(kind=K.INTEGER)),
        (sa.DATE(), DataType(kind=K.DATE)),
        (sa.TIMESTAMP(), DataType(kind=K.DATETIME)),
        (postgresql.TIMESTAMP(timezone=True), DataType(kind=K.DATETIME, timezone="UTC")),
        (mysql.DATETIME(fsp=6), DataType(kind=K.DATETIME)),
        (sqlite.DATETIME(), DataType(kind=K.DATETIME)),  # type: ignore[no-untyped-call]
        (postgresql.UUID(), DataType(kind=K.UUID)),
    ],
)
def test_known_types(sa_type: Any, expected: DataType) -> None:
    mapped = map_type(sa_type)
    assert mapped.dtype == expected
    assert mapped.comment is None or "TINYINT" in str(sa_type).upper()


@pytest.mark.parametrize(
    ("sa_type", "bounds"),
    [
        (sa.SMALLINT(), (-32768, 32767)),
        (mysql.TINYINT(), (-128, 127)),
        (mysql.TINYINT(unsigned=True), (0, 255)),
        (mysql.SMALLINT(unsigned=True), (0, 65535)),
        (mysql.INTEGER(unsigned=True), (0, 2_147_483_647)),
        (mysql.YEAR(), (1901, 2155)),
        (sa.INTEGER(), None),
    ],
)
def test_narrow_integers_carry_their_range(sa_type: Any, bounds: tuple[int, int] | None) -> None:
    assert map_type(sa_type).bounds == bounds


def test_postgres_enum_keeps_its_name_and_labels() -> None:
    mapped = map_type(postgresql.ENUM("a", "b c", name="mood"), table="t", column="m")
    assert mapped.dtype == DataType(kind=K.ENUM, enum="mood")
    assert (mapped.enum_name, mapped.enum_labels) == ("mood", ("a", "b c"))


def test_mysql_enum_is_named_after_table_and_column() -> None:
    mapped = map_type(mysql.ENUM("x", "y"), table="orders", column="status")
    assert mapped.dtype == DataType(kind=K.ENUM, enum="orders_status")
    assert mapped.enum_labels == ("x", "y")


@pytest.mark.parametrize(
    ("sa_type", "generator"),
    [
        (postgresql.JSONB(), ChoiceGen),
        (sa.JSON(), ChoiceGen),
        (postgresql.INET(), FormatGen),
        (postgresql.MACADDR(), FormatGen),
        (postgresql.INTERVAL(), ChoiceGen),
        (sa.TIME(), PatternGen),
        (postgresql.ARRAY(sa.INTEGER()), ChoiceGen),
        (postgresql.TSVECTOR(), ChoiceGen),
        (postgresql.BYTEA(), ChoiceGen),
        (postgresql.MONEY(), PatternGen),
        (postgresql.INT4RANGE(), ChoiceGen),
        (postgresql.TSQUERY(), ChoiceGen),
        (postgresql.BIT(4), PatternGen),
        (DeclaredType("point"), ChoiceGen),
        (DeclaredType("circle"), ChoiceGen),
        (DeclaredType("inet4", "mysql"), FormatGen),
    ],
)
def test_text_like_types_get_values_their_database_accepts(sa_type: Any, generator: type) -> None:
    mapped = map_type(sa_type)
    assert mapped.dtype == DataType(kind=K.TEXT)
    assert isinstance(mapped.generator, generator)
    assert mapped.comment is not None and "kept as text" in mapped.comment
    assert not mapped.null_only


@pytest.mark.parametrize(
    ("sa_type", "shown"),
    [
        (postgresql.REGCLASS(), "regclass"),
        (DeclaredType("my_composite"), "my_composite"),
        (DeclaredType("point", "mysql"), "point"),  # PostgreSQL's literal would not load
    ],
)
def test_unknown_types_are_text_with_a_comment(sa_type: Any, shown: str) -> None:
    mapped = map_type(sa_type)
    assert mapped.dtype == DataType(kind=K.TEXT)
    assert mapped.null_only and mapped.comment is not None and shown in mapped.comment


def test_a_composite_type_gets_a_row_of_null_fields() -> None:
    mapped = map_type(DeclaredType("dims", fields=3))
    assert mapped.generator == ChoiceGen(values=("(,,)",), weights=(1.0,))
    assert not mapped.null_only
