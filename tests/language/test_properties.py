"""Properties: parse → format → parse keeps the model; format is idempotent;
arbitrary text never raises anything but TdgError."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testdatagen.errors import TdgError
from testdatagen.language.api import analyze_text, load_text
from testdatagen.language.formatter import format_text

from .strategies import expressions, tdg_texts

_FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(tdg_texts())
def test_format_keeps_the_model(text: str) -> None:
    before = analyze_text(text)
    assert before.project is not None, [d.message for d in before.diagnostics]
    after = analyze_text(format_text(text))
    assert after.project == before.project


@_FAST
@given(tdg_texts())
def test_format_is_idempotent(text: str) -> None:
    once = format_text(text)
    assert format_text(once) == once


@_FAST
@given(expressions)
def test_expressions_round_trip(expr: str) -> None:
    text = f"schema S {{ table t {{ x integer [compute: {expr}] }} }}"
    before = analyze_text(text).project
    assert before is not None
    assert analyze_text(format_text(text)).project == before


_SEEDS = [
    "schema S { table t { id integer [primary_key, min: 1] } }",
    "generate g { schema: S rows { t: 10 } output csv { dir: 'x' } }",
    "enum e { a [weight: 2] b }\ntemplate x { a integer }",
    "import 'nowhere.tdg'",
]


def _mutations() -> st.SearchStrategy[str]:
    pieces = st.sampled_from([*"[]{}(),:;.'\"%=<>-+*/\n @#", "..", "//", "/*", "*/"])
    base = st.sampled_from(_SEEDS)

    @st.composite
    def mutate(draw: st.DrawFn) -> str:
        text = draw(base)
        for _ in range(draw(st.integers(1, 4))):
            pos = draw(st.integers(0, len(text)))
            if draw(st.booleans()):
                text = text[:pos] + draw(pieces) + text[pos:]
            else:
                text = text[:pos] + text[pos + draw(st.integers(1, 3)) :]
        return text

    return st.one_of(st.text(max_size=60), mutate())


def _only_tdg_errors(text: str) -> None:
    with contextlib.suppress(TdgError):
        load_text(text, base_dir="/nonexistent")
    with contextlib.suppress(TdgError):
        format_text(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations())
def test_arbitrary_text_raises_only_tdg_errors_quick(text: str) -> None:
    _only_tdg_errors(text)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations())
def test_arbitrary_text_raises_only_tdg_errors(text: str) -> None:
    _only_tdg_errors(text)
