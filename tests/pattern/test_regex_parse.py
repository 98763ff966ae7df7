"""Parsing the pattern subset: the tree, the lengths, and errors that point at the spot."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from pattern_strategies import regexes

from testdatagen.errors import InputError
from testdatagen.model.regex import (
    MAX_REPEAT,
    PRINTABLE,
    UNBOUNDED_CAP,
    CharSet,
    Concat,
    Literal,
    PatternError,
    Repeat,
    max_length,
    min_length,
    parse_pattern,
)


def test_sku_pattern_parses_into_literals_and_fixed_repeats() -> None:
    node = parse_pattern(r"SKU-[A-Z]{3}-\d{4}")
    upper = CharSet("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    digits = CharSet("0123456789")
    assert node == Concat(
        (Literal("SKU-"), Repeat(upper, 3, 3), Literal("-"), Repeat(digits, 4, 4))
    )
    assert min_length(node) == max_length(node) == 12


def test_unbounded_quantifiers_are_capped() -> None:
    assert max_length(parse_pattern("a*")) == UNBOUNDED_CAP
    assert (min_length(parse_pattern("a+")), max_length(parse_pattern("a+"))) == (1, UNBOUNDED_CAP)
    assert max_length(parse_pattern("a{3,}")) == 3 + UNBOUNDED_CAP
    assert max_length(parse_pattern("a{,4}")) == 4


def test_negated_classes_and_dot_draw_from_printable_ascii() -> None:
    assert parse_pattern(".") == CharSet(PRINTABLE)
    node = parse_pattern("[^aeiou]")
    assert isinstance(node, CharSet)
    assert set(node.chars) == set(PRINTABLE) - set("aeiou")


def test_a_set_negating_all_of_ascii_draws_beyond_it() -> None:
    """``[^\x00-\x7f]`` asks for non-ASCII text; other negations keep to ASCII."""
    node = parse_pattern(r"[^\x00-\x7F]")
    assert isinstance(node, CharSet)
    assert node.chars and all(0x7F < ord(c) <= 0x17F and c != "\u00ad" for c in node.chars)
    node = parse_pattern(r"[^ -~é]")
    assert isinstance(node, CharSet) and "é" not in node.chars


def test_unicode_literals_and_escapes() -> None:
    assert parse_pattern("Straße") == Literal("Straße")
    assert parse_pattern(r"\u00e9\x41\.") == Literal("éA.")


def test_anchors_lazy_quantifiers_and_named_groups_change_nothing() -> None:
    assert parse_pattern(r"^(?P<x>ab)+?$") == parse_pattern("(ab)+")
    assert parse_pattern(r"\Aa|b\Z") == parse_pattern("a|b")
    assert parse_pattern("a(?#note)b") == Literal("ab")


def test_a_brace_that_is_not_a_quantifier_is_a_literal_as_in_re() -> None:
    assert parse_pattern("a{x}") == Literal("a{x}")
    assert re.fullmatch("a{x}", "a{x}")


@pytest.mark.parametrize(
    ("regex", "position", "words"),
    [
        ("(?=a)", 0, "lookahead"),
        ("ab(?!c)", 2, "lookahead"),
        ("x(?<=a)", 1, "lookbehind"),
        (r"(a)\1", 3, "backreference"),
        ("(?P<n>a)(?P=n)", 8, "reference"),
        ("(?i)abc", 0, "flags"),
        ("(?>ab)", 0, "atomic"),
        ("a*+", 2, "possessive"),
        ("a**", 2, "multiple repeat"),
        ("*a", 0, "nothing to repeat"),
        ("ab{2}{3}", 5, "multiple repeat"),
        ("[z-a]", 1, "range"),
        ("ab[cd", 2, "unterminated"),
        ("a(bc", 1, "missing ')'"),
        ("ab)", 2, "unbalanced"),
        ("a^b", 1, "anchor"),
        ("(a$)", 2, "anchor"),
        (r"\bword", 0, "escape"),
        ("[[:alpha:]]", 1, "POSIX"),
        ("[a--b]", 2, "set operation"),
        ("a{5,2}", 1, "greater"),
        (f"a{{0,{MAX_REPEAT + 1}}}", 1, "limit"),
        ("[^ -~\u00a1-\u017f]", 0, "no printable"),
        ("abc\\", 3, "backslash"),
        (r"\x4", 0, "hex"),
        (r"ab\ud800", 2, "UTF-8"),
        ("a\ud800", 1, "surrogate"),
        (r"\U00110000", 0, "UTF-8"),
    ],
)
def test_unsupported_constructs_raise_with_their_offset(
    regex: str, position: int, words: str
) -> None:
    with pytest.raises(PatternError) as info:
        parse_pattern(regex)
    assert info.value.position == position
    assert words in info.value.message
    assert info.value.hint


def test_pattern_error_is_a_user_error_with_a_diagnostic() -> None:
    with pytest.raises(InputError) as info:
        parse_pattern("(?=x)")
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.code == PatternError.default_code
    assert "offset 0" in diagnostic.message
    assert diagnostic.hint


@given(regexes())
def test_every_generated_regex_of_the_subset_parses_and_compiles_in_re(regex: str) -> None:
    node = parse_pattern(regex)
    re.compile(regex)
    assert 0 <= min_length(node) <= max_length(node)
