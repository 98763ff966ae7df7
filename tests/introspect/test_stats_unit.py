"""Planner statistics applied to a model table (pure; the database test is test_pg_stats)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from testdatagen.model import ChoiceGen, Column, DataType, Lit, RandomGen, Ref, ReferenceGen, Table
from testdatagen.model.types import TypeKind
from testdatagen.outputs.introspect.stats import MAX_CHOICES, ColumnStats, apply_stats

INT = DataType(kind=TypeKind.INTEGER)
STR = DataType(kind=TypeKind.STRING, length=5)


def one(column: Column, stats: ColumnStats, **table: object) -> Column:
    return apply_stats(Table(name="t", columns=(column,), **table), {column.name: stats}).columns[0]


FEW = ColumnStats(null_frac=0.1, n_distinct=2, values=("x", "y"), freqs=(0.6, 0.3))


def test_few_values_become_a_weighted_choice() -> None:
    got = one(Column(name="c", type=STR), FEW)
    assert got.generator == ChoiceGen(values=("x", "y"), weights=(0.6667, 0.3333))
    assert got.null_rate == 0.1


def test_values_that_do_not_fit_the_column_are_not_chosen() -> None:
    stats = ColumnStats(n_distinct=1, values=("toolong",), freqs=(1.0,))
    assert isinstance(one(Column(name="c", type=STR), stats).generator, RandomGen)


def test_poor_coverage_means_no_choice() -> None:
    stats = ColumnStats(n_distinct=5, values=("x", "y"), freqs=(0.3, 0.2))
    assert isinstance(one(Column(name="c", type=STR), stats).generator, RandomGen)


@pytest.mark.parametrize(
    "column",
    [
        Column(name="c", type=STR, unique=True, not_null=True),
        Column(name="c", type=STR, primary_key=True, unique=True, not_null=True),
    ],
)
def test_keys_are_left_alone(column: Column) -> None:
    assert one(column, FEW) == column


def test_a_nullable_unique_column_takes_only_its_share_of_nulls() -> None:
    column = Column(name="c", type=STR, unique=True)
    got = one(column, FEW)
    assert got.null_rate == 0.1  # NULLs never collide in a unique column
    assert got.model_copy(update={"null_rate": column.null_rate}) == column


def test_a_foreign_key_takes_only_its_share_of_nulls() -> None:
    column = Column(name="c", type=STR, generator=ReferenceGen(table="p", column="id"))
    got = one(column, FEW)
    assert got.null_rate == 0.1
    assert got.model_copy(update={"null_rate": column.null_rate}) == column
    assert one(column.model_copy(update={"not_null": True}), FEW).null_rate == 0


ROLE = DataType(kind=TypeKind.ENUM, enum="role")


def test_an_enum_column_is_weighted_by_frequency() -> None:
    column = Column(name="r", type=ROLE, not_null=True)
    stats = ColumnStats(n_distinct=3, values=("reader", "editor"), freqs=(0.9, 0.08))
    table = Table(name="t", columns=(column,))
    got = apply_stats(table, {"r": stats}, {"role": ("admin", "editor", "reader")}).columns[0]
    assert got.generator == ChoiceGen(
        values=("admin", "editor", "reader"), weights=(0.02, 0.08, 0.9)
    )


def test_an_enum_column_keeps_its_mix_when_the_data_has_unknown_labels() -> None:
    column = Column(name="r", type=ROLE, not_null=True)
    stats = ColumnStats(n_distinct=1, values=("root",), freqs=(1.0,))
    table = Table(name="t", columns=(column,))
    assert apply_stats(table, {"r": stats}, {"role": ("admin", "reader")}).columns[0] == column


def test_columns_of_a_composite_key_get_no_choice() -> None:
    column = Column(name="c", type=STR, not_null=True)
    got = one(column, FEW, unique_keys=(("c", "d"),))
    assert isinstance(got.generator, RandomGen)


def test_not_null_keeps_zero_null_rate() -> None:
    assert one(Column(name="c", type=STR, not_null=True), FEW).null_rate == 0


def test_range_is_intersected_with_check_bounds() -> None:
    column = Column(name="n", type=INT, min=Lit(value=5), max=Lit(value=40))
    stats = ColumnStats(n_distinct=-0.5, histogram=("1", "20", "80"))
    got = one(column, stats)
    assert (got.min, got.max) == (Lit(value=5), Lit(value=40))
    stats = ColumnStats(n_distinct=-0.5, histogram=("10", "20", "30"))
    got = one(column, stats)
    assert (got.min, got.max) == (Lit(value=10), Lit(value=30))


def test_datetime_range_is_whole_seconds_around_the_values() -> None:
    column = Column(name="ts", type=DataType(kind=TypeKind.DATETIME, timezone="UTC"))
    stats = ColumnStats(histogram=("2024-01-01 10:00:00.5+00", "2024-02-01 09:30:00.25+01"))
    got = one(column, stats)
    assert (got.min, got.max) == (
        Lit(value="2024-01-01 10:00:00"),
        Lit(value="2024-02-01 08:30:01"),
    )


@given(
    st.lists(st.floats(0.001, 1.0), min_size=1, max_size=MAX_CHOICES),
    st.floats(0.0, 0.5),
    st.booleans(),
)
def test_choices_and_nulls_respect_the_schema(
    freqs: list[float], null: float, not_null: bool
) -> None:
    total = sum(freqs)
    scaled = tuple(f / total * (1 - null) for f in freqs)
    values = tuple(str(i) for i in range(len(freqs)))
    stats = ColumnStats(null_frac=null, n_distinct=len(freqs), values=values, freqs=scaled)
    got = one(Column(name="c", type=INT, not_null=not_null), stats)
    assert isinstance(got.generator, ChoiceGen) and got.generator.weights is not None
    assert got.generator.values == tuple(range(len(freqs)))
    assert all(w > 0 for w in got.generator.weights)
    assert sum(got.generator.weights) == pytest.approx(1.0, abs=0.002 * len(freqs))
    assert got.null_rate == (0 if not_null else pytest.approx(null, abs=1e-4))


def test_a_check_choice_is_weighted_by_frequency() -> None:
    choice = ChoiceGen(values=("a", "b", "c"), weights=(1.0, 1.0, 1.0))
    column = Column(name="c", type=STR, not_null=True, generator=choice)
    stats = ColumnStats(n_distinct=2, values=("a", "b"), freqs=(0.7, 0.2))
    got = one(column, stats).generator
    assert isinstance(got, ChoiceGen) and got.values == ("a", "b", "c")
    assert got.weights == (0.7, 0.2, 0.1)  # 'c' gets what the common values leave over


def test_a_choice_is_kept_when_the_data_has_other_values() -> None:
    choice = ChoiceGen(values=("a", "b"), weights=(1.0, 1.0))
    column = Column(name="c", type=STR, generator=choice)
    stats = ColumnStats(n_distinct=2, values=("a", "z"), freqs=(0.5, 0.5))
    assert one(column, stats).generator == choice


def test_an_expression_bound_is_a_rule_not_a_guess() -> None:
    column = Column(
        name="updated_at", type=DataType(kind=TypeKind.DATETIME), min=Ref(path=("created_at",))
    )
    stats = ColumnStats(histogram=("2024-01-01 00:00:00", "2024-02-01 00:00:00"))
    assert one(column, stats).min == Ref(path=("created_at",))
