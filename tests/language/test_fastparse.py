"""The hand-written fast parser agrees with lark, spans included, or steps aside.

Soundness is the property that matters: whenever the fast path accepts a
text, lark accepts it too and builds the very same AST. Completeness (the
fast path accepts every valid file) only matters for speed, so it is checked
on the real files of the repository.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path
from typing import Any

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testdatagen.language.fastlex import FastPathMiss, tokenize
from testdatagen.language.fastparse import fast_parse
from testdatagen.language.parser import parse_text, parse_text_lark

from .strategies import expressions, tdg_texts

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*ROOT.glob("examples/**/*.tdg"), *ROOT.glob("tests/fixtures/**/*.tdg")], key=str)


def assert_same(a: Any, b: Any, path: str = "ast") -> None:
    """Deep equality that also compares spans (model equality ignores them)."""
    assert type(a) is type(b), f"{path}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, pydantic.BaseModel):
        for name in type(a).model_fields:
            assert_same(getattr(a, name), getattr(b, name), f"{path}.{name}")
    elif dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            assert_same(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
    elif isinstance(a, tuple | list):
        assert len(a) == len(b), f"{path}: {len(a)} != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, f"{path}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), path
        for key in a:
            assert_same(a[key], b[key], f"{path}[{key}]")
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


def agree(text: str) -> bool:
    """Check soundness on ``text``; True when the fast path accepted it."""
    try:
        fast = fast_parse(text, "f.tdg")
    except FastPathMiss:
        return False
    reference = parse_text_lark(text, "f.tdg")
    assert not reference.diagnostics, f"fast path accepted what lark rejects: {text!r}"
    assert_same(reference.ast, fast)
    return True


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_repository_files(path: Path) -> None:
    text = path.read_text()
    accepted = agree(text)
    if not parse_text_lark(text, "f.tdg").diagnostics:
        assert accepted, "a valid file took the slow path"


def test_parse_text_falls_back_for_errors() -> None:
    result = parse_text("schema S { table t { x integer [unique not_null] } }")
    assert [d.code for d in result.diagnostics] == ["TDG013"]


@pytest.mark.parametrize(
    "text",
    [
        "schema S { table t { a integer\n check c: a > 1\n end date } }",  # 'end' after a check
        "schema S { table t { x integer [min: 1 .. 2] } }",
        "schema S { table t { x integer [compute: a = not b] } }",
        "schema S { table t { x integer [compute: f(null: 1)] } }",
        "generate g { seed: 1 param n: 2 rows { t: n end: 3 } }",
        "schema S { table t { x string [pattern: 'a\nb'] } }",
        "enum e { 'unterminated }",
        "schema S { table t { x integer [min: 5%3] } }",
        "schema S { table t { c or } }",  # a keyword right after a name (regression)
        "schema S { table t { use tpl end date } }",
        "enum e { a end }",
        "schema S { table t { x integer [choice: {-1: 50%, 2: 50%}] } }",
    ],
)
def test_tricky_inputs_agree(text: str) -> None:
    agree(text)


def test_multiline_string_and_comment_positions() -> None:
    text = "/* a\n b */ schema S { table t {\n x string [pattern: 'a\nbc', min: 1] } } // end"
    assert agree(text)
    toks = tokenize(text, None)
    assert [c[2] for c in toks.comments] == ["/* a\n b */", "// end"]


_FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(tdg_texts())
def test_generated_files_agree(text: str) -> None:
    assert agree(text), "a generated valid file took the slow path"


@_FAST
@given(expressions)
def test_expressions_agree(expr: str) -> None:
    agree(f"schema S {{ table t {{ x integer [compute: {expr}] \n check c: {expr} }} }}")


_WORDS = ["and", "or", "not", "in", "is", "null", "true", "if", "then", "else", "end", "check",
          "unique", "use", "param", "rows", "output", "schema", "table", ",", ":", "(", ")", "[",
          "]", "{", "}", "..", ".", "-", "5", "'s'", '"q"', "5%", "x"]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A valid file with tokens deleted, duplicated or replaced by keywords and punctuation."""
    text = draw(tdg_texts())
    toks = tokenize(text, None)
    pieces = [text[s:e] for s, e in zip(toks.starts[:-1], toks.ends[:-1], strict=True)]
    rng = random.Random(draw(st.integers(0, 2**32)))
    for _ in range(draw(st.integers(1, 3))):
        i = rng.randrange(len(pieces))
        action = rng.choice(["delete", "duplicate", "replace", "insert"])
        if action == "delete":
            del pieces[i]
        elif action == "duplicate":
            pieces.insert(i, pieces[i])
        elif action == "replace":
            pieces[i] = rng.choice(_WORDS)
        else:
            pieces.insert(i, rng.choice(_WORDS))
    return " ".join(pieces)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_files_never_disagree(text: str) -> None:
    agree(text)


@pytest.mark.slow
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_files_never_disagree_many(text: str) -> None:
    agree(text)
