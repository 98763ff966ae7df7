"""Pure rules behind test_real_schemas_more.py, on hand-made records (no server)."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.dialects import mysql, postgresql

from testdatagen.engine.rng import Stream
from testdatagen.errors import OutputError
from testdatagen.model.expr import Binary, IsNull, Lit, Ref
from testdatagen.model.schema import ChoiceGen, PatternGen
from testdatagen.model.types import TypeKind
from testdatagen.outputs.introspect.build import _bounded, _fitted, build_table
from testdatagen.outputs.introspect.reader import DeclaredType, RawColumn, RawTable
from testdatagen.outputs.introspect.sqlexpr import glob_regex, like_regex, translate_sql
from testdatagen.outputs.introspect.types import map_type
from testdatagen.providers.pattern import compile_pattern


def _values(regex: str, n: int = 200) -> list[str]:
    gen = compile_pattern(regex)
    return [str(v) for v in gen.generate(Stream.root(3), np.arange(n)).to_pylist()]


def _like(pattern: str, value: str) -> bool:
    """SQL LIKE (backslash escapes), independently of like_regex."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        out.append(".*" if ch == "%" else "." if ch == "_" else re.escape(ch))
        i += 1
    return re.fullmatch("".join(out), value, re.S) is not None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab-.@%_ 9", min_size=1, max_size=10))
def test_values_made_from_a_like_pattern_match_it(pattern: str) -> None:
    regex = like_regex(pattern, backslash=True)
    body = regex.removeprefix("^").removesuffix("$")
    assert all(_like(pattern, v) for v in _values(body, 50))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["[A-Z]+", "[0-9]*", "-", "x", "[a-c]{2}", "\\.", "(ab|c)+"]),
        min_size=1,
        max_size=4,
    ),
    st.integers(min_value=1, max_value=12),
)
def test_a_fitted_regex_fits_the_column_and_still_matches(parts: list[str], length: int) -> None:
    regex = "".join(parts)
    fitted = _fitted(regex, length)
    if fitted is None:  # nothing fits: the shortest match is already too long
        assert compile_pattern(_bounded(regex, 1)).min_length > length or (
            compile_pattern(_bounded(regex, 1)).max_length > length
        )
        return
    assert compile_pattern(fitted).max_length <= length
    assert all(re.fullmatch(regex, v) for v in _values(fitted))


def test_a_regex_check_becomes_the_pattern_and_an_odd_one_stays_a_comment() -> None:
    raw = RawTable(
        "t",
        [RawColumn("zip", sa.VARCHAR(5), True), RawColumn("word", sa.TEXT(), True)],
        checks=[("zip_re", "zip ~ '^[0-9]{5}$'"), ("word_re", "word ~ '^[[:alpha:]]+$'")],
    )
    table = build_table(raw, "postgresql")
    assert table.column("zip").generator == PatternGen(regex="[0-9]{5}")
    assert table.comment is not None and "check word_re not translated" in table.comment


def test_num_nonnulls_is_made_by_construction() -> None:
    cols = [RawColumn(n, sa.INTEGER(), True) for n in ("a", "b", "c")]
    raw = RawTable("t", cols, checks=[("one", "num_nonnulls(a, b, c) = 1")])
    table = build_table(raw, "postgresql")
    a, b, c = (table.column(n) for n in "abc")
    assert (a.null_rate, a.when) == (pytest.approx(2 / 3), None)
    assert b.null_rate == pytest.approx(0.5) and b.when == IsNull(operand=Ref(path=("a",)))
    assert c.null_rate == 0 and c.when == Binary(
        op="and", left=IsNull(operand=Ref(path=("a",))), right=IsNull(operand=Ref(path=("b",)))
    )


@pytest.mark.parametrize(
    ("sql", "holds"),
    [
        ("num_nonnulls(a, b) = 1", {(1, 0), (0, 1)}),
        ("num_nonnulls(a, b) <= 1", {(0, 0), (1, 0), (0, 1)}),
        ("num_nonnulls(a, b) >= 1", {(1, 1), (1, 0), (0, 1)}),
        ("num_nulls(a, b) = 0", {(1, 1)}),
        ("num_nulls(a, b) = 2", {(0, 0)}),
    ],
)
def test_null_counts_translate_to_is_null(sql: str, holds: set[tuple[int, int]]) -> None:
    expr = translate_sql(sql, "postgresql", frozenset({"a", "b"}))

    def ev(node: object, row: dict[str, bool]) -> bool:
        if isinstance(node, IsNull):
            assert isinstance(node.operand, Ref)
            return row[node.operand.path[0]] is node.negated
        assert isinstance(node, Binary)
        left, right = ev(node.left, row), ev(node.right, row)
        return (left and right) if node.op == "and" else (left or right)

    got = {(a, b) for a in (0, 1) for b in (0, 1) if ev(expr, {"a": bool(a), "b": bool(b)})}
    assert got == holds


def test_an_exclusion_constraint_tdg_cannot_meet_stops_with_its_name() -> None:
    raw = RawTable(
        "zone",
        [RawColumn("id", sa.INTEGER(), False), RawColumn("area", DeclaredType("box"), False)],
        primary_key=("id",),
        exclusions=[("zone_area_excl", ("area",), ("&&",))],
    )
    with pytest.raises(OutputError) as caught:
        build_table(raw, "postgresql")
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == "TDG663" and "zone_area_excl (area WITH &&)" in diagnostic.message


def test_exclusion_on_a_range_uses_empty_and_on_a_nullable_column_null() -> None:
    raw = RawTable(
        "b",
        [
            RawColumn("during", postgresql.TSTZRANGE(), False),
            RawColumn("spot", DeclaredType("box"), True),
        ],
        exclusions=[("b_during", ("during",), ("&&",)), ("b_spot", ("spot",), ("&&",))],
    )
    table = build_table(raw, "postgresql")
    assert table.column("during").generator == ChoiceGen(values=("empty",), weights=(1.0,))
    assert table.column("spot").null_rate == 1.0


def test_case_insensitive_keys_are_made_in_one_case() -> None:
    raw = RawTable(
        "land",
        [RawColumn("iso", mysql.CHAR(2), False), RawColumn("name", mysql.VARCHAR(60), False)],
        primary_key=("iso",),
        unique_keys=[("name",)],
        case_insensitive=["iso"],
    )
    table = build_table(raw, "mysql")
    assert table.column("iso").generator == PatternGen(regex="[a-z0-9]{2}")
    assert table.column("name").generator != PatternGen(regex="[a-z0-9]{16}")  # _bin: exact


def test_wide_decimals_bits_blobs_and_arrays_map_to_loadable_types() -> None:
    wide = map_type(mysql.DECIMAL(65, 30)).dtype
    assert (wide.kind, wide.precision, wide.scale) == (TypeKind.DECIMAL, 38, 30)
    assert map_type(mysql.BIT(1)).dtype.kind is TypeKind.BOOLEAN
    assert map_type(mysql.BIT(12)).bounds == (0, 4095)
    assert map_type(mysql.BIT(40)).dtype.kind is TypeKind.BIGINT
    assert map_type(mysql.LONGBLOB()).dtype.kind is TypeKind.TEXT
    assert not map_type(mysql.LONGBLOB()).null_only
    ints = map_type(postgresql.ARRAY(sa.INTEGER())).generator
    assert isinstance(ints, ChoiceGen) and "{}" not in ints.values
    grid = map_type(postgresql.ARRAY(sa.INTEGER(), dimensions=2)).generator
    assert isinstance(grid, ChoiceGen) and grid.values == ("{}",)


def test_statistics_leave_constructed_nulls_alone() -> None:
    from testdatagen.outputs.introspect.stats import ColumnStats, apply_stats

    cols = [RawColumn(n, sa.INTEGER(), True) for n in ("a", "b", "gone")]
    raw = RawTable(
        "t",
        cols,
        checks=[("one", "num_nonnulls(a, b) = 1")],
        exclusions=[("x", ("gone",), ("&&",))],
    )
    table = build_table(raw, "postgresql")
    stats = dict.fromkeys(("a", "b", "gone"), ColumnStats(null_frac=0.3))
    shaped = apply_stats(table, stats)
    assert shaped.column("a").null_rate == 0.3  # a free column takes the data's share
    assert shaped.column("b").null_rate == 0.0  # made when a is NULL: never NULL then
    assert shaped.column("gone").null_rate == 1.0


def test_a_one_sided_check_is_completed_within_the_decimal_type() -> None:
    raw = RawTable("t", [RawColumn("neg", sa.NUMERIC(4, 2), True)], checks=[("c", "neg < 0")])
    column = build_table(raw, "postgresql").column("neg")
    assert (column.min, column.max) == (Lit(value=-99.99), Lit(value=-0.01))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["*", "?", "[A-C]", "[^x]", "a", "-", "."]), max_size=6))
def test_values_made_from_a_glob_match_it(parts: list[str]) -> None:
    import fnmatch

    pattern = "".join(parts)
    body = glob_regex(pattern).removeprefix("^").removesuffix("$")
    as_fnmatch = pattern.replace("[^", "[!")  # SQLite GLOB negates with ^, fnmatch with !
    values = _values(body, 50) if body else [""]
    assert all(fnmatch.fnmatchcase(v, as_fnmatch) for v in values)


def test_an_in_list_or_null_check_is_a_choice() -> None:
    raw = RawTable(
        "t", [RawColumn("st", sa.TEXT(), True)], checks=[("c", "st IN ('a', 'b') OR st IS NULL")]
    )
    table = build_table(raw, "sqlite")
    assert table.column("st").generator == ChoiceGen(values=("a", "b"), weights=(1.0, 1.0))
    assert table.checks == ()


def test_a_key_to_a_plain_index_makes_the_parent_column_unique() -> None:
    from testdatagen.outputs.introspect.build import build_schema
    from testdatagen.outputs.introspect.reader import RawForeignKey, RawSchema

    parent = RawTable(
        "p",
        [RawColumn("id", sa.INTEGER(), False), RawColumn("grp", sa.INTEGER(), False)],
        primary_key=("id",),
    )
    child = RawTable(
        "c",
        [RawColumn("id", sa.INTEGER(), False), RawColumn("grp", sa.INTEGER(), False)],
        primary_key=("id",),
        foreign_keys=[RawForeignKey(("grp",), "p", ("grp",))],
    )
    schema = build_schema(RawSchema("mysql", "d", None, [child, parent]))
    assert schema.table("p").column("grp").unique
    assert "made unique" in (schema.table("p").comment or "")
    assert not schema.table("c").column("grp").unique


@pytest.mark.parametrize(
    ("sa_type", "default", "kept"),
    [
        (sa.DATETIME(), "'0000-00-00 00:00:00'", False),
        (sa.DATE(), "'0000-00-00'", False),
        (sa.DATE(), "'2020-02-29'", True),
        (sa.DATETIME(), "'2000-01-01 00:00:00'", True),
    ],
)
def test_only_real_dates_are_defaults(sa_type: object, default: str, kept: bool) -> None:
    raw = RawTable("t", [RawColumn("d", sa_type, False, default=default)])
    assert (build_table(raw, "mysql").column("d").default is not None) is kept
