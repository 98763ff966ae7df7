"""The model is the wire format of the web API and language server: JSON must round-trip."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from testdatagen.errors import Span
from testdatagen.model import (
    Binary,
    ChoiceGen,
    Column,
    ComputeGen,
    DataType,
    Distribution,
    IntRange,
    Lit,
    Ref,
    ReferenceGen,
    Schema,
    SequentialGen,
    Table,
    TypeKind,
)
from testdatagen.model.expr import Call, If, In, IsNull, Unary

names = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=10),
)


def exprs() -> st.SearchStrategy[object]:
    leaves = st.one_of(
        st.builds(Lit, value=scalars),
        st.builds(Ref, path=st.lists(names, min_size=1, max_size=2).map(tuple)),
    )

    def extend(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
        return st.one_of(
            st.builds(
                Binary, op=st.sampled_from(["+", "*", "=", "and"]), left=children, right=children
            ),
            st.builds(Unary, op=st.sampled_from(["-", "not"]), operand=children),
            st.builds(IsNull, operand=children, negated=st.booleans()),
            st.builds(
                In, operand=children, options=st.lists(children, min_size=1, max_size=3).map(tuple)
            ),
            st.builds(Call, name=names, args=st.lists(children, max_size=2).map(tuple)),
            st.builds(
                If,
                branches=st.lists(st.tuples(children, children), min_size=1, max_size=2).map(tuple),
                otherwise=children,
            ),
        )

    return st.recursive(leaves, extend, max_leaves=8)


columns = st.builds(
    Column,
    name=names,
    type=st.sampled_from(
        [
            DataType(kind=TypeKind.BIGINT),
            DataType(kind=TypeKind.STRING, length=40),
            DataType(kind=TypeKind.DECIMAL, precision=10, scale=2),
            DataType(kind=TypeKind.DATETIME, timezone="UTC"),
        ]
    ),
    generator=st.one_of(
        st.builds(SequentialGen, start=st.integers(0, 100)),
        st.builds(
            ChoiceGen, values=st.lists(st.text(max_size=5), min_size=1, max_size=3).map(tuple)
        ),
        st.builds(ComputeGen, expr=exprs()),
        st.builds(
            ReferenceGen,
            table=names,
            column=names,
            distribution=st.none() | st.just(Distribution(name="zipf", params={"s": 1.2})),
            per_parent=st.none() | st.just(IntRange(low=1, high=5)),
        ),
    ),
    null_rate=st.floats(0, 1),
    when=st.none() | exprs(),
)


@given(st.lists(columns, min_size=1, max_size=5))
def test_schema_json_round_trip(cols: list[Column]) -> None:
    schema = Schema(name="S", tables=(Table(name="t", columns=tuple(cols)),))
    assert Schema.model_validate_json(schema.model_dump_json()) == schema


def test_spans_do_not_change_meaning() -> None:
    a = Column(name="x", type=DataType(kind=TypeKind.INTEGER), span=Span("a.tdg", 1, 1))
    b = Column(name="x", type=DataType(kind=TypeKind.INTEGER), span=Span("b.tdg", 9, 4))
    c = Column(name="y", type=DataType(kind=TypeKind.INTEGER), span=Span("a.tdg", 1, 1))
    assert a == b
    assert hash(a) == hash(b)
    assert a != c
    assert "span" not in a.model_dump_json()


def test_fingerprint_tracks_meaning() -> None:
    t = Table(name="t", columns=(Column(name="x", type=DataType(kind=TypeKind.INTEGER)),))
    s1 = Schema(name="S", tables=(t,))
    s2 = Schema(name="S", tables=(t.model_copy(update={"name": "u"}),))
    assert s1.fingerprint() == Schema(name="S", tables=(t,)).fingerprint()
    assert s1.fingerprint() != s2.fingerprint()
