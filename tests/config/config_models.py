"""Hypothesis strategies for models the .tdg form can express exactly.

What is left out is what the language itself reads differently (documented in
docs/config.md): ``-`` applied to a number literal (the reader folds it into a
negative literal), choices without weights, and names the grammar cannot
quote (enum and call names).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from testdatagen.language.config.exprs import KEYWORDS
from testdatagen.model import (
    Binary,
    Call,
    Check,
    ChoiceGen,
    Column,
    ComputeGen,
    DataType,
    Distribution,
    Enum,
    EnumMember,
    Expr,
    FormatGen,
    If,
    In,
    IntRange,
    IsNull,
    Lit,
    PatternGen,
    RandomGen,
    Ref,
    ReferenceGen,
    Schema,
    SequentialGen,
    Table,
    TypeKind,
    Unary,
)
from testdatagen.model.catalog import DISTRIBUTIONS, FORMATS

plain_names = st.from_regex(r"[a-z_][a-z0-9_]{0,7}", fullmatch=True).filter(
    lambda n: n not in KEYWORDS
)
any_names = (
    plain_names
    | st.sampled_from(sorted(KEYWORDS))
    | st.from_regex(r"[A-Za-z0-9 _\-é]{1,8}", fullmatch=True)
)
numbers = st.integers(-(10**12), 10**12) | st.floats(
    -1e9, 1e9, allow_nan=False, allow_infinity=False
).map(lambda f: f + 0.0)  # no -0.0: the reader folds -(0.0) into 0.0
scalars = st.none() | st.booleans() | numbers | st.text(max_size=8)
literals = st.builds(Lit, value=scalars) | st.builds(Lit, value=numbers, unit=st.just("percent"))


def _not_a_number(e: Expr) -> bool:
    return not (isinstance(e, Lit) and type(e.value) in (int, float))


OPS = ["+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=", "and", "or"]


def _exprs(inner: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    small = st.lists(inner, min_size=1, max_size=3).map(tuple)
    return st.one_of(
        st.builds(Unary, op=st.just("not"), operand=inner),
        # ``-`` of a number literal is read as a negative literal, so it is not generated
        st.builds(Unary, op=st.just("-"), operand=inner.filter(_not_a_number)),
        st.builds(Binary, op=st.sampled_from(OPS), left=inner, right=inner),
        st.builds(IsNull, operand=inner, negated=st.booleans()),
        st.builds(In, operand=inner, options=small, negated=st.booleans()),
        st.builds(
            If,
            branches=st.lists(st.tuples(inner, inner), min_size=1, max_size=2).map(tuple),
            otherwise=inner,
        ),
        st.builds(
            Call,
            name=plain_names,
            args=small,
            kwargs=st.dictionaries(plain_names, inner, max_size=2),
        ),
    )


refs = st.builds(Ref, path=st.lists(any_names, min_size=1, max_size=2).map(tuple))
expressions: st.SearchStrategy[Expr] = st.recursive(literals | refs, _exprs, max_leaves=8)


def _distribution(for_refs: bool = False) -> st.SearchStrategy[Distribution]:
    names = [d.name for d in DISTRIBUTIONS.values() if d.for_references or not for_refs]

    def build(name: str, values: list[float]) -> Distribution:
        info = DISTRIBUTIONS[name]
        return Distribution(name=name, params=dict(zip(info.required, values, strict=False)))

    return st.builds(
        build, st.sampled_from(names), st.lists(st.floats(0.1, 100), min_size=3, max_size=3)
    )


TYPES = st.one_of(
    st.sampled_from([k for k in TypeKind if k is not TypeKind.ENUM]).map(
        lambda k: DataType(kind=k)
    ),
    st.integers(1, 500).map(lambda n: DataType(kind=TypeKind.STRING, length=n)),
    st.tuples(st.integers(1, 38), st.integers(0, 10)).map(
        lambda ps: DataType(kind=TypeKind.DECIMAL, precision=ps[0], scale=min(ps))
    ),
    st.just(DataType(kind=TypeKind.DATETIME, timezone="UTC")),
)

_choice = st.lists(
    st.tuples(st.none() | st.booleans() | numbers | st.text(max_size=6), st.floats(0, 100)),
    min_size=1,
    max_size=4,
).map(
    lambda items: ChoiceGen(values=tuple(v for v, _ in items), weights=tuple(w for _, w in items))
)
_reference = st.builds(
    ReferenceGen,
    table=any_names,
    column=any_names,
    distribution=st.none() | _distribution(True),
    per_parent=st.none()
    | st.tuples(st.integers(0, 5), st.integers(0, 5)).map(
        lambda lh: IntRange(low=min(lh), high=max(lh))
    ),
)
generators = st.one_of(
    st.just(RandomGen()),
    st.builds(SequentialGen, start=st.integers(0, 10**6), step=st.integers(1, 100)),
    st.sampled_from(sorted(FORMATS)).map(lambda n: FormatGen(name=n)),
    st.text(max_size=12).map(lambda r: PatternGen(regex=r)),
    _choice,
    st.builds(ComputeGen, expr=expressions),
    _reference,
)
rates = st.sampled_from([0.0, 0.15, 0.5, 1.0]) | st.floats(0, 1)


@st.composite
def columns(draw: Any, name: str, enum: Enum | None) -> Column:
    if enum is not None and draw(st.booleans()):
        dtype = DataType(kind=TypeKind.ENUM, enum=enum.name)
        gen: Any = ChoiceGen(
            values=tuple(m.value for m in enum.members),
            weights=tuple(m.weight for m in enum.members),
        )
    else:
        dtype, gen = draw(TYPES), draw(generators)
    primary = draw(st.booleans())
    not_null = primary or draw(st.booleans())
    maybe = lambda s: draw(st.none() | s)  # noqa: E731
    return Column(
        name=name,
        type=dtype,
        generator=gen,
        primary_key=primary,
        unique=primary or draw(st.booleans()),
        not_null=not_null,
        null_rate=0.0 if not_null else draw(rates),
        default=maybe(expressions),
        when=maybe(expressions),
        min=maybe(expressions),
        max=maybe(expressions),
        distribution=None if isinstance(gen, ReferenceGen) else maybe(_distribution()),
        length=maybe(
            st.tuples(st.integers(0, 9), st.integers(0, 99)).map(
                lambda lh: IntRange(low=min(lh), high=max(lh))
            )
        ),
        options=draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "true_rate": rates,
                    "version": st.sampled_from([4, 7]),
                    "locale": st.sampled_from(["de_DE", "fr_FR"]),
                },
            )
        ),
        comment=maybe(st.text(max_size=10)),
    )


@st.composite
def tables(draw: Any, enum: Enum | None) -> Table:
    names = draw(st.lists(any_names, min_size=1, max_size=4, unique=True))
    cols = [draw(columns(n, enum)) for n in names]
    flagged = tuple(c.name for c in cols if c.primary_key)
    if not flagged and len(names) > 1 and draw(st.booleans()):  # composite key, table-level
        flagged = tuple(names[:2])
        cols = [
            c.model_copy(update={"not_null": True, "null_rate": 0.0}) if c.name in flagged else c
            for c in cols
        ]
    if len(names) > 1 and draw(st.booleans()):  # a composite foreign key
        group = "fk_" + "_".join(names[-2:])
        target = draw(any_names)
        cols = [
            c.model_copy(
                update={
                    "generator": ReferenceGen(table=target, column=c.name, group=group),
                    "distribution": None,
                }
            )
            if c.name in names[-2:]
            else c
            for c in cols
        ]
    checks = draw(st.lists(st.builds(Check, name=any_names, expr=expressions), max_size=2))
    keys = draw(
        st.lists(st.lists(st.sampled_from(names), min_size=1, max_size=2).map(tuple), max_size=2)
    )
    return Table(
        name=draw(any_names),
        columns=tuple(cols),
        checks=tuple(checks),
        unique_keys=tuple(keys),
        primary_key=flagged,
        comment=draw(st.none() | st.text(max_size=10)),
    )


member_values = any_names


@st.composite
def schemas(draw: Any) -> Schema:
    enum = None
    if draw(st.booleans()):
        values = draw(st.lists(member_values, min_size=1, max_size=4, unique=True))
        weights = draw(
            st.lists(
                st.sampled_from([1.0, 2.0, 0.5, 30.0]), min_size=len(values), max_size=len(values)
            )
        )
        members = tuple(EnumMember(value=v, weight=w) for v, w in zip(values, weights, strict=True))
        enum = Enum(name=draw(plain_names), members=members)
    tabs = draw(st.lists(tables(enum), min_size=1, max_size=3))
    return Schema(name=draw(any_names), tables=tuple(tabs), enums=(enum,) if enum else ())
