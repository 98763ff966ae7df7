"""Each type and strategy: ranges, lengths, versions, time zones, patterns and formats."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pyarrow as pa
import pytest
from engine_models import K, lit, t

from testdatagen.engine import generate
from testdatagen.errors import GenerationError
from testdatagen.model import (
    Column,
    DataType,
    FormatGen,
    IntRange,
    PatternGen,
    Schema,
    SequentialGen,
    Table,
)

NOW = datetime(2025, 1, 1)


def one(*columns: Column, rows: int = 2000, **kw: object) -> pa.Table:
    schema = Schema(name="S", tables=(Table(name="t", columns=columns),))
    return generate(schema, rows={"t": rows}, now=NOW, **kw).to_arrow("t")  # type: ignore[arg-type]


def test_integer_defaults_and_types() -> None:
    table = one(Column(name="i", type=t(K.INTEGER)), Column(name="b", type=t(K.BIGINT)))
    assert table.schema.field("i").type == pa.int32() and table.schema.field("b").type == pa.int64()
    values = table.column("i").to_numpy()
    assert values.min() >= 0 and values.max() <= 1_000_000 and len(set(values)) > 1900


def test_decimal_is_exact_decimal128() -> None:
    table = one(
        Column(
            name="d", type=DataType(kind=K.DECIMAL, precision=8, scale=3), min=lit(-5), max=lit(5)
        )
    )
    assert table.schema.field("d").type == pa.decimal128(8, 3)
    values = table.column("d").to_pylist()
    assert all(v.as_tuple().exponent == -3 and -5 <= v <= 5 for v in values)
    assert min(values) < 0 < max(values)


def test_string_length_range_and_cap() -> None:
    table = one(
        Column(name="s", type=t(K.STRING, length=6), length=IntRange(low=3, high=40)),
        Column(name="x", type=t(K.TEXT)),
    )
    lengths = {len(v) for v in table.column("s").to_pylist()}
    assert lengths == {3, 4, 5, 6}
    assert all(20 <= len(v) <= 200 for v in table.column("x").to_pylist())


def test_sequential_start_and_step() -> None:
    table = one(
        Column(name="a", type=t(K.BIGINT), generator=SequentialGen(start=10, step=5)),
        Column(name="f", type=t(K.FLOAT), generator=SequentialGen(start=0.5, step=0.25)),
        rows=4,
    )
    assert table.column("a").to_pylist() == [10, 15, 20, 25]
    assert table.column("f").to_pylist() == [0.5, 0.75, 1.0, 1.25]


def test_dates_and_datetimes_with_today_and_timezone() -> None:
    table = one(
        Column(name="d", type=t(K.DATE), min=lit("2024-12-01")),
        Column(
            name="ts",
            type=DataType(kind=K.DATETIME, timezone="Europe/Berlin"),
            min=lit("2024-01-01"),
        ),
    )
    assert table.schema.field("ts").type == pa.timestamp("us", tz="Europe/Berlin")
    days = table.column("d").to_pylist()
    assert min(days).isoformat() >= "2024-12-01" and max(days).isoformat() <= "2025-01-01"
    stamps = table.column("ts").cast(pa.timestamp("us")).to_pylist()
    assert min(stamps) >= datetime(2024, 1, 1) and max(stamps) <= NOW
    assert all(s.microsecond == 0 for s in stamps)


def test_uuid_v7_is_time_ordered_and_unique() -> None:
    table = one(Column(name="u", type=t(K.UUID), options={"version": 7}))
    values = table.column("u").to_pylist()
    assert values == sorted(values) and len(set(values)) == len(values)
    assert all(
        re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", v)
        for v in values
    )
    assert int(values[0][:8] + values[0][9:13], 16) == int(NOW.timestamp() * 1000)


def test_unique_pattern_strings_are_distinct_and_match() -> None:
    column = Column(
        name="sku",
        type=t(K.STRING, length=12),
        unique=True,
        generator=PatternGen(regex=r"SKU-[A-Z]{2}-\d{2}"),
    )
    values = one(column, rows=5000).column("sku").to_pylist()
    assert len(set(values)) == 5000
    assert all(re.fullmatch(r"SKU-[A-Z]{2}-\d{2}", v) for v in values)


def test_unique_format_email_through_the_providers() -> None:
    column = Column(
        name="email", type=t(K.STRING, length=120), unique=True, generator=FormatGen(name="email")
    )
    values = one(column, rows=20_000, chunk_rows=3_000).column("email").to_pylist()
    assert len(set(values)) == 20_000 and all("@" in v and len(v) <= 120 for v in values)


def test_unique_pattern_beyond_the_permutation_domain_varies_its_prefix() -> None:
    """Regression: with a domain ≥ 2**62 every value shared the enumeration's first
    string as a prefix; the pattern's own unique path randomizes the head."""
    column = Column(
        name="code",
        type=t(K.STRING, length=20),
        unique=True,
        generator=PatternGen(regex="[a-z]{20}"),
    )
    values = one(column, rows=3000, chunk_rows=700).column("code").to_pylist()
    assert len(set(values)) == 3000 and all(re.fullmatch("[a-z]{20}", v) for v in values)
    assert len({v[:4] for v in values}) > 1000


def test_unique_ambiguous_pattern_is_a_clear_error() -> None:
    column = Column(
        name="code",
        type=t(K.STRING, length=40),
        unique=True,
        generator=PatternGen(regex=r"[a-z]+\w*"),
    )
    with pytest.raises(GenerationError) as info:
        one(column, rows=10)
    assert info.value.diagnostics[0].code == "TDG241"
    assert "ambiguous" in info.value.diagnostics[0].message


def test_unique_pattern_with_too_few_values_names_the_column() -> None:
    column = Column(
        name="code", type=t(K.STRING, length=4), unique=True, generator=PatternGen(regex=r"[ab]\d")
    )
    with pytest.raises(GenerationError) as info:
        one(column, rows=21)
    assert (
        info.value.diagnostics[0].code == "TDG520" and "t.code" in info.value.diagnostics[0].message
    )


def test_sequential_dates_and_datetimes_step_in_days() -> None:
    """Models from Python or configs may ask for sequential dates (the .tdg checks
    reject it, TDG200): start counts days since 1970-01-01, step counts days."""
    table = one(
        Column(name="d", type=t(K.DATE), generator=SequentialGen(start=19_723, step=7)),
        Column(name="ts", type=t(K.DATETIME), generator=SequentialGen(start=19_723, step=0.25)),
        rows=10,
        chunk_rows=3,
    )
    days = [v.toordinal() - date(1970, 1, 1).toordinal() for v in table["d"].to_pylist()]
    assert days == [19_723 + 7 * i for i in range(10)]
    stamps = [v.replace(tzinfo=None) for v in table["ts"].to_pylist()]
    assert stamps == [datetime(2024, 1, 1) + timedelta(hours=6 * i) for i in range(10)]
