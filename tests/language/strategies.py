"""Hypothesis strategies for .tdg texts: varied spacing, parentheses and comments.

Texts are built as strings (not printed by the formatter), so the formatter
is tested against text it did not write. Expressions are fully parenthesised
so their meaning does not depend on precedence the generator would have to
model.
"""

from __future__ import annotations

from hypothesis import strategies as st

from testdatagen.language.unparse import KEYWORDS

_TYPES = ["integer", "bigint", "string(20)", "text", "boolean", "decimal(10,2)", "float",
          "datetime", "date", "uuid"]  # fmt: skip

names = st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True).filter(
    lambda n: n not in KEYWORDS and n not in {"check", "unique", "use"}
)
space = st.sampled_from([" ", "  ", "\n    ", " /* c */ ", "\t"])
numbers = st.one_of(
    st.integers(0, 10**6).map(str),
    st.floats(0, 1e6, allow_nan=False).map(lambda f: repr(round(f, 3))),
)
strings = st.text(st.characters(codec="ascii", exclude_characters="\n\r"), max_size=8).map(
    lambda s: "'" + s.replace("'", "''") + "'"
)
literals = st.one_of(numbers, strings, st.sampled_from(["true", "false", "null", "15%"]))


def _binary(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    ops = st.sampled_from(["+", "-", "*", "/", "=", "!=", "<>", "<", ">=", "and", "or"])
    return st.tuples(children, ops, children).map(lambda t: f"({t[0]} {t[1]} {t[2]})")


def _other(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        children.map(lambda c: f"(not {c})"),
        children.map(lambda c: f"-({c})"),
        children.map(lambda c: f"({c} is not null)"),
        st.tuples(children, st.lists(children, min_size=1, max_size=3)).map(
            lambda t: f"({t[0]} in ({', '.join(t[1])}))"
        ),
        st.tuples(children, children, children).map(
            lambda t: f"(if {t[0]} then {t[1]} else {t[2]} end)"
        ),
        st.lists(children, max_size=2).map(lambda args: f"days({', '.join(args)})"),
    )


expressions = st.recursive(
    st.one_of(literals, names, st.tuples(names, names).map(".".join)),
    lambda children: st.one_of(_binary(children), _other(children)),
    max_leaves=8,
)

_settings = st.one_of(
    st.sampled_from(["unique", "not_null", "primary_key", "sequential", "sequential(start: 5)"]),
    st.integers(0, 100).map(lambda n: f"null_rate: {n}%"),
    expressions.map(lambda e: f"min: {e}"),
    expressions.map(lambda e: f"compute: {e}"),
    expressions.map(lambda e: f"when: {e}"),
    st.sampled_from(["format: email", "pattern: 'A-\\d{3}'", "references: t.id",
                     "distribution: normal(mean: 1, sd: 2)", "per_parent: 1..3", "length: 2..9",
                     "choice: {'a': 70%, 'b': 30%}", "choice: {1: 2, 3: 4.5}"]),
)  # fmt: skip


@st.composite
def columns(draw: st.DrawFn) -> str:
    name = draw(names)
    settings = draw(st.lists(_settings, max_size=4, unique_by=lambda s: s.split(":")[0]))
    sep = draw(st.sampled_from([", ", ",", " ,\n      "]))
    body = f"[{sep.join(settings)}]" if settings else ""
    comment = draw(st.sampled_from(["", "  // note", " /* x */"]))
    return f"{name}{draw(space)}{draw(st.sampled_from(_TYPES))} {body}{comment}"


@st.composite
def tables(draw: st.DrawFn) -> str:
    cols = draw(st.lists(columns(), min_size=1, max_size=5, unique_by=lambda c: c.split()[0]))
    extra = draw(
        st.lists(
            st.one_of(
                expressions.map(lambda e: f"check c: {e}"),
                st.just("unique (a, b)"),
                st.just("use tpl"),
            ),
            max_size=2,
        )
    )
    body = "\n    ".join(cols + extra)
    return f"  table {draw(names)} {{\n    {body}\n  }}"


@st.composite
def tdg_texts(draw: st.DrawFn) -> str:
    items = draw(st.lists(tables(), min_size=1, max_size=3))
    head = draw(st.sampled_from(["", "// top\n", "enum e { a [weight: 2]  'b c' }\n"]))
    schema = "schema S {\n" + "\n".join(items) + "\n}\n"
    gen = draw(
        st.sampled_from(
            [
                "",
                "generate g {\n  schema: S\n  seed: 3\n  param n: 2\n  rows { t: 10 * n }\n"
                "  output csv { dir: 'out/', header: true }\n}\n",
            ]
        )
    )
    return head + "template tpl { z integer }\n" + schema + gen
