"""The vectorized evaluator: SQL null semantics, temporal arithmetic, functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import pyarrow as pa
import pytest
from engine_models import call, lit, ref

from testdatagen.engine.expressions import as_array, evaluate
from testdatagen.errors import GenerationError
from testdatagen.model import Binary, Call, Expr, If, In, IsNull, Unary


@dataclass
class DictScope:
    columns: dict[str, pa.Array]
    size: int = 3
    now_us: int = 1_700_000_000_000_000
    parents: dict[tuple[str, str], pa.Array] = field(default_factory=dict)

    def column(self, name: str) -> pa.Array:
        return self.columns[name]

    def follow(self, key: str, parent_column: str) -> pa.Array:
        return self.parents[(key, parent_column)]

    def aggregate(self, func: str, child_table: str, child_column: str | None) -> pa.Array:
        raise AssertionError("no children here")

    def is_child_table(self, name: str) -> bool:
        return False

    def child_index(self) -> pa.Array:
        raise AssertionError("no parent here")

    def running_sum(self, arg: Expr) -> pa.Array:
        raise AssertionError("no parent here")


SCOPE = DictScope(
    {
        "a": pa.array([1, None, 3]),
        "b": pa.array([2.5, 1.0, None]),
        "s": pa.array(["x", "Y", None]),
        "d": pa.array([Decimal(10), Decimal(20), Decimal(30)], pa.decimal128(10, 2)),
        "ts": pa.array([datetime(2024, 1, 1), datetime(2024, 1, 2), None], pa.timestamp("us")),
        "flag": pa.array([True, False, None]),
    },
    parents={("k", "v"): pa.array([7, 8, 9])},
)


def ev(expr: Expr) -> list[object]:
    return as_array(evaluate(expr, SCOPE), SCOPE.size).to_pylist()


def b(op: str, left: Expr, right: Expr) -> Binary:
    return Binary(op=op, left=left, right=right)  # type: ignore[arg-type]


def test_arithmetic_propagates_nulls_and_reads_decimals_as_numbers() -> None:
    assert ev(b("+", ref("a"), lit(1))) == [2, None, 4]
    assert ev(b("*", ref("d"), lit(2))) == [20.0, 40.0, 60.0]
    assert ev(b("/", ref("a"), lit(2))) == [0.5, None, 1.5]
    assert ev(b("%", lit(7), lit(3))) == [1.0, 1.0, 1.0]
    assert ev(Unary(op="-", operand=ref("a"))) == [-1, None, -3]


def test_comparisons_and_three_valued_logic() -> None:
    assert ev(b(">", ref("a"), lit(1))) == [False, None, True]
    assert ev(b("or", b(">", ref("a"), lit(1)), ref("flag"))) == [True, None, True]
    assert ev(b("and", ref("flag"), lit(False))) == [False, False, False]
    assert ev(Unary(op="not", operand=ref("flag"))) == [False, True, None]
    assert ev(IsNull(operand=ref("a"))) == [False, True, False]
    assert ev(IsNull(operand=ref("a"), negated=True)) == [True, False, True]


def test_in_and_if() -> None:
    assert ev(In(operand=ref("s"), options=(lit("x"), lit("z")))) == [True, False, None]
    expr = If(
        branches=((b(">", ref("a"), lit(2)), lit("big")), (b(">", ref("a"), lit(0)), lit("small"))),
        otherwise=lit("none"),
    )
    assert ev(expr) == ["small", "none", "big"]


def test_string_concatenation_and_functions() -> None:
    assert ev(b("+", ref("s"), lit("!"))) == ["x!", "Y!", None]
    assert ev(Call(name="upper", args=(ref("s"),))) == ["X", "Y", None]
    assert ev(Call(name="lower", args=(ref("s"),))) == ["x", "y", None]
    assert ev(Call(name="coalesce", args=(ref("a"), lit(0)))) == [1, 0, 3]
    assert ev(Call(name="length", args=(ref("s"),))) == [1, 1, None]
    # Halves go away from zero, as SQL ROUND of a decimal (engine.rounding).
    assert ev(Call(name="round", args=(ref("b"), lit(0)))) == [3.0, 1.0, None]
    assert ev(Call(name="greatest", args=(ref("a"), lit(2)))) == [2, 2, 3]
    assert ev(Call(name="min", args=(ref("a"), lit(2)))) == [1, 2, 2]


def test_date_arithmetic_and_parts() -> None:
    later = ev(b("+", ref("ts"), call("hours", lit(2))))
    assert later[:2] == [datetime(2024, 1, 1, 2), datetime(2024, 1, 2, 2)]
    assert ev(Call(name="year", args=(ref("ts"),))) == [2024, 2024, None]
    assert ev(b(">", ref("ts"), lit("2024-01-01T12:00:00"))) == [False, True, None]
    assert ev(b(">", ref("ts"), call("now"))) == [True, True, None]


def test_following_a_key_reads_the_parent_column() -> None:
    assert ev(b("+", ref("k", "v"), lit(1))) == [8, 9, 10]


def test_unknown_function_is_a_generation_error() -> None:
    with pytest.raises(GenerationError, match="unknown function 'frobnicate'"):
        ev(Call(name="frobnicate", args=(ref("a"),)))


def _shift(op: str, left: Expr, right: Expr, scope: DictScope) -> list[object]:
    return as_array(evaluate(Binary(op=op, left=left, right=right), scope), scope.size).to_pylist()


def test_months_and_years_follow_the_calendar_and_clamp_the_day() -> None:
    scope = DictScope(
        {
            "ts": pa.array(
                [datetime(2024, 1, 31, 10, 30), datetime(2023, 3, 31), None], pa.timestamp("us")
            ),
            "d": pa.array([date(2024, 2, 29), date(2024, 12, 15), date(2020, 1, 1)], pa.date32()),
            "n": pa.array([1, None, -2]),
        }
    )
    assert _shift("+", ref("ts"), call("months", lit(1)), scope) == [
        datetime(2024, 2, 29, 10, 30),
        datetime(2023, 4, 30),
        None,
    ]
    assert _shift("-", ref("d"), call("years", lit(1)), scope) == [
        date(2023, 2, 28),
        date(2023, 12, 15),
        date(2019, 1, 1),
    ]
    assert _shift("+", call("months", ref("n")), ref("d"), scope) == [
        date(2024, 3, 29),
        None,
        date(2019, 11, 1),
    ]


def test_weeks_and_date_part() -> None:
    week_later = as_array(
        evaluate(Binary(op="+", left=ref("ts"), right=call("weeks", lit(1))), SCOPE), 3
    )
    assert week_later.to_pylist() == [datetime(2024, 1, 8), datetime(2024, 1, 9), None]
    assert as_array(evaluate(call("date", ref("ts")), SCOPE), 3).to_pylist() == [
        date(2024, 1, 1),
        date(2024, 1, 2),
        None,
    ]
