"""CHECK and DEFAULT SQL → model expressions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from testdatagen.language.config.exprs import print_expr
from testdatagen.model import Binary, Expr, In, IsNull, Lit, Ref, Unary
from testdatagen.outputs.introspect.sqlexpr import Untranslatable, parse_literal, translate_sql

COLUMNS = frozenset({"a", "b", "seg", "age"})


@pytest.mark.parametrize(
    ("sql", "dialect", "expected"),
    [
        ("age >= 18 AND age <= 90", "postgresql", "age >= 18 and age <= 90"),
        ("age BETWEEN 18 AND 90", "sqlite", "age >= 18 and age <= 90"),
        ("`age` between 18 and 90", "mysql", "age >= 18 and age <= 90"),
        ("a >= 0::numeric", "postgresql", "a >= 0"),
        ("(a + b) < 10 OR a IS NULL", "postgresql", "a + b < 10 or a is null"),
        ("a IS NOT NULL", "sqlite", "a is not null"),
        ("NOT a = 3", "postgresql", "not a = 3"),
        ("a <> b * 2", "sqlite", "a != b * 2"),
        (
            "seg::text = ANY (ARRAY['x'::character varying, 'y'::character varying]::text[])",
            "postgresql",
            "seg in ('x', 'y')",
        ),
        ("seg::text <> ALL (ARRAY['x'::text])", "postgresql", "seg not in ('x')"),
        ("seg NOT IN ('a', 'b')", "sqlite", "seg not in ('a', 'b')"),
        ("`seg` in ('it''s','b')", "mysql", "seg in ('it''s', 'b')"),
        ("-a > -5.5", "sqlite", "-a > -5.5"),
        ("a % 2 = 0", "postgresql", "a % 2 = 0"),
        ("char_length((seg)::text) <= 8", "postgresql", "length(seg) <= 8"),
        ("lower(seg) = seg", "postgresql", "lower(seg) = seg"),
        ("abs(a) < 3", "sqlite", "abs(a) < 3"),
    ],
)
def test_translations(sql: str, dialect: str, expected: str) -> None:
    assert print_expr(translate_sql(sql, dialect, COLUMNS)) == expected


@pytest.mark.parametrize(
    "sql",
    [
        "trim(seg) <> ''",  # functions the language lacks
        "seg ~ '^[a-z]+$'",  # regex match
        "other > 1",  # not a column of this table
        "a IN (SELECT 1)",
        "a >=",  # not SQL at all
    ],
)
def test_untranslatable(sql: str) -> None:
    with pytest.raises(Untranslatable):
        translate_sql(sql, "postgresql", COLUMNS)


@pytest.mark.parametrize(
    ("sql", "value"),
    [
        ("'x'::character varying", "x"),
        ("0", 0),
        ("-1.5", -1.5),
        ("true", True),
        ("'2020-01-01'::date", "2020-01-01"),
        ("NULL", None),
    ],
)
def test_literal_defaults(sql: str, value: object) -> None:
    assert parse_literal(sql, "postgresql") == value


@pytest.mark.parametrize("sql", ["now()", "CURRENT_TIMESTAMP", "nextval('s'::regclass)", "a"])
def test_non_literal_defaults(sql: str) -> None:
    with pytest.raises(Untranslatable):
        parse_literal(sql, "postgresql")


# Property: any expression the model can print as SQL-compatible text reads back equal.
refs = st.sampled_from([Ref(path=("a",)), Ref(path=("b",))])
lits = st.integers(-50, 50).map(lambda v: Lit(value=v))
terms = st.one_of(refs, lits)
sums = st.builds(Binary, op=st.sampled_from(["+", "-", "*"]), left=terms, right=terms)
values = st.one_of(terms, sums)
compares = st.builds(
    Binary, op=st.sampled_from(["=", "!=", "<", "<=", ">", ">="]), left=values, right=values
)
atoms = st.one_of(
    compares,
    st.builds(IsNull, operand=refs, negated=st.booleans()),
    st.builds(
        In,
        operand=refs,
        options=st.lists(lits, min_size=1, max_size=3).map(tuple),
        negated=st.booleans(),
    ),
)


def _logic(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    return st.one_of(
        st.builds(Binary, op=st.sampled_from(["and", "or"]), left=children, right=children),
        # ``not a is null`` reads back as the same condition spelt ``a is not null``
        st.builds(Unary, op=st.just("not"), operand=children).filter(
            lambda e: not isinstance(e.operand, IsNull | In)
        ),
    )


conditions = st.recursive(atoms, _logic, max_leaves=6)


@given(conditions, st.sampled_from(["postgresql", "mysql", "sqlite"]))
def test_printed_conditions_translate_back(expr: Expr, dialect: str) -> None:
    text = print_expr(expr)
    assert print_expr(translate_sql(text, dialect, COLUMNS)) == text
