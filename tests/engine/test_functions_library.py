"""The SQL-style function library: values, NULL propagation, constants, synonyms."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from testdatagen.engine.api import generate
from testdatagen.engine.expressions import as_array, evaluate
from testdatagen.errors import GenerationError
from testdatagen.language.api import load_text
from testdatagen.language.functions import FUNCTION_ALIASES, FUNCTIONS
from testdatagen.model import Call, Expr, Lit, Ref, Unary


@dataclass
class Scope:
    columns: dict[str, pa.Array]
    now_us: int = 1_700_000_000_000_000
    parents: dict[tuple[str, str], pa.Array] = field(default_factory=dict)
    size: int = 0

    def __post_init__(self) -> None:
        self.size = len(next(iter(self.columns.values())))

    def column(self, name: str) -> pa.Array:
        return self.columns[name]

    def follow(self, key: str, parent_column: str) -> pa.Array:
        raise AssertionError("no parents here")

    def aggregate(self, func: str, child_table: str, child_column: str | None) -> pa.Array:
        raise AssertionError("no children here")

    def is_child_table(self, name: str) -> bool:
        return False

    def child_index(self) -> pa.Array:
        raise AssertionError("no parent here")

    def running_sum(self, arg: Expr) -> pa.Array:
        raise AssertionError("no parent here")


def lit(value: object) -> Expr:
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        return Unary(op="-", operand=Lit(value=-value))
    return Lit(value=value)


def run(name: str, *args: object, **columns: pa.Array) -> list[object]:
    """Evaluate ``name(args)``; a str naming a column is a column, anything else a literal."""
    scope = Scope(columns or {"_": pa.array([0])})
    exprs = [Ref(path=(a,)) if isinstance(a, str) and a in scope.columns else lit(a) for a in args]
    result: list[object] = as_array(
        evaluate(Call(name=name, args=tuple(exprs)), scope), scope.size
    ).to_pylist()
    return result


TEXT = pa.array(["Hello World", "  padded  ", None, ""])


def test_every_registered_function_and_synonym_is_implemented() -> None:
    from testdatagen.engine import expressions

    implemented = set(expressions._FUNCTIONS) | {"now", "today", "child_index", "running_sum"}
    implemented |= {"sum", "count", "avg", "min", "max"}
    assert set(FUNCTIONS) | set(FUNCTION_ALIASES) <= implemented


# -- text ---------------------------------------------------------------------


def test_replace_every_occurrence_and_nulls() -> None:
    assert run("replace", "s", " ", "-", s=TEXT) == ["Hello-World", "--padded--", None, ""]
    assert run("replace", "s", "o", "", s=TEXT)[0] == "Hell Wrld"
    assert run("replace", "s", None, "-", s=TEXT) == [None] * 4
    assert run("replace", "s", "", "-", s=TEXT)[0] == "Hello World"


def test_blog_slug_from_qa_report() -> None:
    expr = Call(
        name="lower",
        args=(Call(name="replace", args=(Ref(path=("t",)), Lit(value=" "), Lit(value="-"))),),
    )
    scope = Scope({"t": pa.array(["My First Post", None])})
    assert evaluate(expr, scope).to_pylist() == ["my-first-post", None]


@pytest.mark.parametrize(
    ("start", "length", "expected"),
    [
        (1, 5, "Hello"),
        (7, None, "World"),
        (7, 100, "World"),
        (0, 3, "He"),  # SQL: positions before 1 count toward the length
        (-5, None, "World"),
        (-5, 2, "Wo"),
        (3, 0, ""),
        (3, -1, ""),
        (50, 2, ""),
    ],
)
def test_substr_is_one_based_like_sql(start: int, length: int | None, expected: str) -> None:
    args = (start,) if length is None else (start, length)
    assert run("substr", "s", *args, s=pa.array(["Hello World", None]))[0] == expected
    assert run("substring", "s", *args, s=pa.array(["Hello World", None]))[1] is None


@given(st.text(max_size=12), st.integers(1, 15), st.integers(0, 15))
def test_substr_matches_the_sql_definition(s: str, start: int, length: int) -> None:
    assert run("substr", "s", start, length, s=pa.array([s])) == [s[start - 1 : start - 1 + length]]


def test_left_and_right() -> None:
    s = pa.array(["abcdef", None, "ab"])
    assert run("left", "s", 3, s=s) == ["abc", None, "ab"]
    assert run("right", "s", 3, s=s) == ["def", None, "ab"]
    assert run("right", "s", 0, s=s) == ["", None, ""]
    assert run("left", "s", -2, s=s) == ["abcd", None, ""]  # PostgreSQL: all but the last 2
    assert run("right", "s", -2, s=s) == ["cdef", None, ""]  # all but the first 2
    assert run("left", "s", None, s=s) == [None] * 3


def test_trims() -> None:
    s = pa.array(["  a b  ", None, "--x--"])
    assert run("trim", "s", s=s) == ["a b", None, "--x--"]
    assert run("ltrim", "s", s=s) == ["a b  ", None, "--x--"]
    assert run("rtrim", "s", s=s) == ["  a b", None, "--x--"]
    assert run("trim", "s", "-", s=s) == ["  a b  ", None, "x"]
    assert run("rtrim", "s", "-", s=s)[2] == "--x"


def test_pads_take_any_value_and_cut_to_width() -> None:
    ids = pa.array([7, 12345678, None])
    assert run("lpad", "i", 6, "0", i=ids) == ["000007", "123456", None]
    assert run("rpad", "s", 4, s=pa.array(["ab", None])) == ["ab  ", None]
    assert run("rpad", "s", 3, "*", s=pa.array(["hello"])) == ["hel"]
    assert run("lpad", "s", -1, "*", s=pa.array(["hello"])) == [""]


def test_pad_fill_must_be_one_character() -> None:
    with pytest.raises(GenerationError, match="one character"):
        run("lpad", "s", 5, "ab", s=pa.array(["x"]))


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Hello, World!", "hello-world"),
        ("  Crème Brûlée  ", "creme-brulee"),
        ("C++ & Rust: 2024 edition", "c-rust-2024-edition"),
        ("---", ""),
        ("Straße Øresund", "strasse-oresund"),  # no decomposition: spelled out
        ("東京 Tokyo", "tokyo"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert run("slugify", "t", t=pa.array([title])) == [slug]


@given(st.text(max_size=30))
def test_slugify_output_is_always_a_clean_slug(text: str) -> None:
    (slug,) = run("slugify", "t", t=pa.array([text]))
    assert isinstance(slug, str)
    assert all(c.isascii() and (c.isdigit() or c.islower() or c == "-") for c in slug)
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug


def test_slugify_null() -> None:
    assert run("slugify", "t", t=pa.array([None], pa.string())) == [None]


def test_affix_predicates() -> None:
    s = pa.array(["order-17", "refund-3", None])
    assert run("starts_with", "s", "order", s=s) == [True, False, None]
    assert run("ends_with", "s", "-3", s=s) == [False, True, None]
    assert run("contains", "s", "und", s=s) == [False, True, None]
    assert run("contains", "s", None, s=s) == [None] * 3


def test_to_string_writes_values_as_people_do() -> None:
    assert run("to_string", "i", i=pa.array([42, None])) == ["42", None]
    assert run("to_string", "f", f=pa.array([2.5, 10.0])) == ["2.5", "10"]
    assert run("to_string", "b", b=pa.array([True, False])) == ["true", "false"]
    assert run("to_string", "d", d=pa.array([date(2024, 1, 31)])) == ["2024-01-31"]
    stamps = pa.array([datetime(2024, 1, 2, 3, 4, 5), datetime(2024, 1, 2, 3, 4, 5, 250000)])
    assert run("to_string", "t", t=stamps) == ["2024-01-02 03:04:05", "2024-01-02 03:04:05.250000"]


def test_constant_arguments_reject_columns() -> None:
    s = pa.array(["abc"])
    with pytest.raises(GenerationError, match="must be a constant"):
        run("replace", "s", "s", "x", s=s)
    with pytest.raises(GenerationError, match="must be a constant"):
        run("left", "s", "n", s=s, n=pa.array([1]))


# -- numbers ------------------------------------------------------------------


def test_mod_follows_sql_sign_and_null_on_zero() -> None:
    a = pa.array([7, -7, 7, None, 5])
    b = pa.array([3, 3, -3, 3, 0])
    assert run("mod", "a", "b", a=a, b=b) == [1, -1, 1, None, None]
    assert run("mod", "x", 2, x=pa.array([5.5, -5.5])) == [1.5, -1.5]


@given(st.integers(-(10**6), 10**6), st.integers(-1000, 1000).filter(bool))
def test_mod_matches_fmod(a: int, b: int) -> None:
    assert run("mod", "a", "b", a=pa.array([a]), b=pa.array([b])) == [int(math.fmod(a, b))]


def test_power_roots_logs() -> None:
    x = pa.array([4.0, 0.0, -1.0, None])
    assert run("power", "x", 2, x=x) == [16.0, 0.0, 1.0, None]
    assert run("pow", "x", 0.5, x=x) == [2.0, 0.0, None, None]  # no NaN: NULL
    assert run("sqrt", "x", x=x) == [2.0, 0.0, None, None]
    assert run("ln", "x", x=pa.array([math.e, 0.0, -1.0, None])) == [1.0, None, None, None]
    assert run("exp", "x", x=pa.array([0, 1, None])) == [1.0, math.e, None]
    assert run("sqrt", "i", i=pa.array([9])) == [3.0]


def test_least_greatest_skip_nulls_like_postgres() -> None:
    a, b = pa.array([1, None, 5]), pa.array([3, 2, None])
    assert run("least", "a", "b", 4, a=a, b=b) == [1, 2, 4]
    assert run("greatest", "a", "b", a=a, b=b) == [3, 2, 5]


def test_nullif() -> None:
    a = pa.array([0, 1, None, 2])
    assert run("nullif", "a", 0, a=a) == [None, 1, None, 2]
    s = pa.array(["", "x", None])
    assert run("nullif", "s", "", s=s) == [None, "x", None]
    d = pa.array([Decimal("1.50"), Decimal("2.00")], pa.decimal128(5, 2))
    assert run("nullif", "d", 2, d=d) == [1.5, None]


# -- dates and times ----------------------------------------------------------


STAMPS = pa.array(
    [datetime(2024, 1, 1, 13, 45, 10), datetime(2024, 2, 29, 0, 5), None], pa.timestamp("us")
)
DATES = pa.array([date(2024, 1, 1), date(2024, 3, 31), None])


def test_calendar_parts() -> None:
    assert run("month", "d", d=DATES) == [1, 3, None]
    assert run("day", "d", d=DATES) == [1, 31, None]
    assert run("hour", "t", t=STAMPS) == [13, 0, None]
    assert run("minute", "t", t=STAMPS) == [45, 5, None]
    assert run("hour", "d", d=DATES) == [0, 0, None]


def test_weekday_is_iso_monday_one() -> None:
    week = pa.array([date(2024, 1, 1).replace(day=d) for d in range(1, 8)])  # Mon..Sun
    assert run("weekday", "d", d=week) == [1, 2, 3, 4, 5, 6, 7]
    assert run("weekday", "t", t=STAMPS) == [1, 4, None]


def test_date_trunc() -> None:
    assert run("date_trunc", "month", "t", t=STAMPS) == [
        datetime(2024, 1, 1),
        datetime(2024, 2, 1),
        None,
    ]
    assert run("date_trunc", "week", "d", d=DATES) == [date(2024, 1, 1), date(2024, 3, 25), None]
    assert run("date_trunc", "quarter", "d", d=DATES)[1] == date(2024, 1, 1)
    assert run("date_trunc", "hour", "t", t=STAMPS)[0] == datetime(2024, 1, 1, 13)
    assert run("date_trunc", "hour", "d", d=DATES)[0] == date(2024, 1, 1)
    assert run("date_trunc", None, "d", d=DATES) == [None] * 3


def test_end_to_end_values_match_python() -> None:
    """A generated table agrees, row by row, with the same functions written in Python."""
    text = """schema S {
      table posts {
        id       integer     [primary_key, sequential]
        title    string(80)  [format: sentence]
        created  datetime    [min: '2024-01-01', max: '2024-12-31']
        slug     string(80)  [compute: slugify(title)]
        code     string(8)   [compute: 'P' + lpad(id, 6, '0')]
        head     string(5)   [compute: substring(title, 1, 5)]
        wd       integer     [compute: weekday(created)]
        month0   date        [compute: date(date_trunc('month', created))]
        rem      integer     [compute: nullif(mod(id, 3), 0)]
      }
    }"""
    table = generate(load_text(text), rows={"posts": 200}, seed=3).to_arrow("posts").to_pylist()
    for row in table:
        plain = unicodedata.normalize("NFKD", row["title"].lower())
        assert row["slug"] == re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
        assert row["code"] == f"P{row['id']:06d}"
        assert row["head"] == row["title"][:5]
        assert row["wd"] == row["created"].isoweekday()
        assert row["month0"] == row["created"].date().replace(day=1)
        assert row["rem"] == (row["id"] % 3 or None)


def test_iso_text_constants_read_as_dates() -> None:
    assert run("year", "2024-03-01") == [2024]
    assert run("weekday", "2024-03-04") == [1]
    assert run("hour", "2024-03-04 17:30:00") == [17]
    assert run("date_trunc", "month", "2024-03-04") == [date(2024, 3, 1)]
