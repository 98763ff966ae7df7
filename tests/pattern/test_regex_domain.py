"""Domain sizes are exact: they agree with counting matches by brute force."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import assume, given, settings
from pattern_strategies import regexes

from testdatagen.model.regex import (
    automaton,
    derivation_count,
    domain_size,
    is_unambiguous,
    max_length,
    parse_pattern,
)


def _brute_force(regex: str, letters: str, longest: int) -> int:
    """Strings over ``letters`` up to ``longest`` that ``re`` fully matches."""
    compiled = re.compile(regex)
    return sum(
        1
        for n in range(longest + 1)
        for chars in itertools.product(letters, repeat=n)
        if compiled.fullmatch("".join(chars))
    )


@settings(max_examples=150, deadline=None)
@given(regexes("abc", rich=False))
def test_domain_size_equals_brute_force_count(regex: str) -> None:
    node = parse_pattern(regex)
    assume(max_length(node) <= 6)
    assert domain_size(node) == _brute_force(regex, "abc", max_length(node))


@settings(max_examples=200, deadline=None)
@given(regexes())
def test_unambiguous_trees_have_as_many_strings_as_derivations(regex: str) -> None:
    """The ambiguity test is sound: when it says yes, the automaton agrees."""
    node = parse_pattern(regex)
    dfa = automaton(node)
    assume(dfa is not None)
    assert dfa is not None
    if is_unambiguous(node):
        assert dfa.counts[0] == derivation_count(node)
    assert dfa.counts[0] <= derivation_count(node)


@pytest.mark.parametrize(
    ("regex", "size"),
    [
        (r"SKU-[A-Z]{3}-\d{4}", 26**3 * 10**4),
        (r"ORD-\d{4}-[A-Z]{4}", 10**4 * 26**4),
        (r"(Mr|Mrs|Ms)\.", 3),
        (r"\d{1,3}\.\d{1,3}", (10 + 100 + 1000) ** 2),
        ("[a-c]{0,3}x?", (1 + 3 + 9 + 27) * 2),
        ("a?a?", 3),
        ("(a|ab)(c|bc)", 3),
        (".", 95),
    ],
)
def test_known_domain_sizes(regex: str, size: int) -> None:
    assert domain_size(parse_pattern(regex)) == size


def test_the_usual_patterns_are_recognised_as_unambiguous() -> None:
    for regex in [r"\d{1,3}\.\d{1,3}\.\d{1,3}", r"[A-Z][a-z]{2,9}", "(Mr|Mrs|Dr)", "[A-Z]+[0-9]+"]:
        assert is_unambiguous(parse_pattern(regex)), regex


def test_huge_domains_are_none() -> None:
    assert domain_size(parse_pattern("[a-z]{20}")) is None
    assert domain_size(parse_pattern("[a-z]+[a-z0-9]*x{0,30}")) is None
    assert domain_size(parse_pattern("[a-z]{13}")) == 26**13
