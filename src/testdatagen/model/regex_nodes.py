"""The regex tree that ``pattern:`` values are generated from: nodes and their sizes.

Stdlib only. The tree is normalised by the parser (adjacent literals merged,
one-character sets turned into literals, trivial repeats removed), so two
spellings of one pattern give equal trees and the analyses can be cached on
nodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from testdatagen.errors import Diagnostic, InputError

__all__ = [
    "EMPTY",
    "MAX_REPEAT",
    "PRINTABLE",
    "UNBOUNDED_CAP",
    "Alternation",
    "CharSet",
    "Concat",
    "Literal",
    "PatternError",
    "RegexNode",
    "Repeat",
    "alphabet",
    "length_bounds",
    "max_length",
    "min_length",
]

#: Upper bound on repetitions for ``*``, ``+`` and the open end of ``{m,}``.
UNBOUNDED_CAP = 8
#: Largest explicit repetition count accepted in ``{m,n}``.
MAX_REPEAT = 1000
#: What ``.`` and negated classes draw from.
PRINTABLE = "".join(chr(c) for c in range(0x20, 0x7F))


class PatternError(InputError):
    """A pattern uses a construct the generator cannot honour.

    ``position`` is the 0-based offset of the construct in the regex text, so
    the language layer can put a caret under it inside the string literal.
    """

    default_code = "TDG240"

    def __init__(self, message: str, position: int, hint: str | None = None) -> None:
        self.message = message
        self.position = position
        self.hint = hint
        full = f"{message} (at offset {position} of the pattern)"
        super().__init__([Diagnostic(code=self.default_code, message=full, hint=hint)])


@dataclass(frozen=True, slots=True)
class Literal:
    """A fixed run of one or more characters."""

    text: str


@dataclass(frozen=True, slots=True)
class CharSet:
    """One character out of two or more, ``chars`` sorted and distinct."""

    chars: str


@dataclass(frozen=True, slots=True)
class Concat:
    """Items one after another; no items is the empty string."""

    items: tuple[RegexNode, ...]


@dataclass(frozen=True, slots=True)
class Alternation:
    """One of two or more options."""

    options: tuple[RegexNode, ...]


@dataclass(frozen=True, slots=True)
class Repeat:
    """``item`` repeated between ``min`` and ``max`` times (``max`` > ``min`` or > 1)."""

    item: RegexNode
    min: int
    max: int


RegexNode = Literal | CharSet | Concat | Alternation | Repeat
EMPTY = Concat(())


@lru_cache(maxsize=4096)
def length_bounds(node: RegexNode) -> tuple[int, int]:
    """(shortest, longest) length in characters of the strings ``node`` produces."""
    match node:
        case Literal(text):
            return len(text), len(text)
        case CharSet():
            return 1, 1
        case Concat(items):
            bounds = [length_bounds(i) for i in items]
            return sum(lo for lo, _ in bounds), sum(hi for _, hi in bounds)
        case Alternation(options):
            bounds = [length_bounds(o) for o in options]
            return min(lo for lo, _ in bounds), max(hi for _, hi in bounds)
        case Repeat(item, lo, hi):
            shortest, longest = length_bounds(item)
            return shortest * lo, longest * hi
    raise TypeError(node)  # pragma: no cover


def max_length(node: RegexNode) -> int:
    """Length of the longest string ``node`` produces (in characters)."""
    return length_bounds(node)[1]


def min_length(node: RegexNode) -> int:
    """Length of the shortest string ``node`` produces."""
    return length_bounds(node)[0]


@lru_cache(maxsize=4096)
def alphabet(node: RegexNode) -> frozenset[str]:
    """Every character ``node`` can produce."""
    match node:
        case Literal(text):
            return frozenset(text)
        case CharSet(chars):
            return frozenset(chars)
        case Concat(items):
            return frozenset().union(*(alphabet(i) for i in items))
        case Alternation(options):
            return frozenset().union(*(alphabet(o) for o in options))
        case Repeat(item, _, _):
            return alphabet(item)
    raise TypeError(node)  # pragma: no cover
