"""The regex subset that ``pattern:`` accepts, parsed into a small frozen tree.

Stdlib only: the language layer calls :func:`parse_pattern` at check time, so an
unsupported construct is reported with its offset before any data is made.

Supported: literals (any Unicode), escapes (``\\d \\w \\s`` and their negations,
``\\n \\t \\xhh \\uhhhh``, escaped punctuation), classes with ranges and
negation, ``.``, quantifiers ``{m} {m,n} {,n} {m,} ? * +`` (lazy forms too: they
match the same strings), alternation, groups ``(…) (?:…) (?P<name>…)``, comments
``(?#…)`` and anchors ``^ $ \\A \\Z`` at the ends of a top-level branch.

Generated text is printable ASCII wherever a pattern leaves the choice open:
``.``, ``\\W``, ``\\S``, ``\\D`` and negated classes draw from the 95 printable
ASCII characters, ``\\s`` is a space. Unbounded quantifiers are capped:
``*`` and ``+`` repeat at most :data:`UNBOUNDED_CAP` times, ``{m,}`` at most
``m + UNBOUNDED_CAP``; explicit counts above :data:`MAX_REPEAT` are refused.

The implementation is split along its seams: ``regex_nodes`` (the tree and
its lengths), ``regex_parse`` / ``regex_charclass`` (text to tree),
``regex_analysis`` (counting, ambiguity) and ``regex_dfa`` (the automaton for
ambiguous patterns). This module is the public face: import from here.
"""

from __future__ import annotations

from testdatagen.model.regex_analysis import (
    DOMAIN_BOUND,
    derivation_count,
    domain_size,
    is_unambiguous,
)
from testdatagen.model.regex_dfa import Automaton, automaton
from testdatagen.model.regex_nodes import (
    EMPTY,
    MAX_REPEAT,
    PRINTABLE,
    UNBOUNDED_CAP,
    Alternation,
    CharSet,
    Concat,
    Literal,
    PatternError,
    RegexNode,
    Repeat,
    alphabet,
    length_bounds,
    max_length,
    min_length,
)
from testdatagen.model.regex_parse import parse_pattern

__all__ = [
    "DOMAIN_BOUND",
    "EMPTY",
    "MAX_REPEAT",
    "PRINTABLE",
    "UNBOUNDED_CAP",
    "Alternation",
    "Automaton",
    "CharSet",
    "Concat",
    "Literal",
    "PatternError",
    "RegexNode",
    "Repeat",
    "alphabet",
    "automaton",
    "derivation_count",
    "domain_size",
    "is_unambiguous",
    "length_bounds",
    "max_length",
    "min_length",
    "parse_pattern",
]
