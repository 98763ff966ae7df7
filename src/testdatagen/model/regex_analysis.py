"""Counting a pattern's strings and telling whether its tree is ambiguous.

``PatternGenerator.nth`` decodes an index in mixed radix over the tree, which
is injective only when distinct choices spell distinct strings; these checks
decide that (soundly, possibly pessimistically), and ``domain_size`` counts
distinct strings exactly, on an automaton where the tree is ambiguous.
"""

from __future__ import annotations

from functools import lru_cache

from testdatagen.model.regex_dfa import automaton
from testdatagen.model.regex_nodes import (
    Alternation,
    CharSet,
    Concat,
    Literal,
    RegexNode,
    Repeat,
    alphabet,
    max_length,
    min_length,
)

__all__ = ["DOMAIN_BOUND", "derivation_count", "domain_size", "is_unambiguous"]

#: Domain sizes at or above this are reported as None (they overflow int64).
DOMAIN_BOUND = 2**63


def domain_size(node: RegexNode) -> int | None:
    """How many distinct strings ``node`` produces; None at or above ``DOMAIN_BOUND``.

    Exact for every pattern: unambiguous trees count their derivations; for the
    rest (``a?a?``, ``[a-z]+[a-z0-9]*``) the distinct strings are counted on a
    deterministic automaton, and None also stands for "too many states to count".
    """
    count = derivation_count(node) if is_unambiguous(node) else _count_distinct(node)
    return count if count is not None and count < DOMAIN_BOUND else None


@lru_cache(maxsize=4096)
def derivation_count(node: RegexNode) -> int:
    """Number of ways to choose a string through the tree (a mixed-radix size).

    Equals the number of distinct strings exactly when the tree is unambiguous;
    this is the size of the enumeration ``PatternGenerator.nth`` decodes.
    """
    match node:
        case Literal():
            return 1
        case CharSet(chars):
            return len(chars)
        case Concat(items):
            total = 1
            for item in items:
                total *= derivation_count(item)
            return total
        case Alternation(options):
            return sum(derivation_count(o) for o in options)
        case Repeat(item, lo, hi):
            c = derivation_count(item)
            return sum(c**j for j in range(lo, hi + 1))
    raise TypeError(node)  # pragma: no cover


# -- ambiguity: can two different choices spell the same string? -------------


@lru_cache(maxsize=4096)
def is_unambiguous(node: RegexNode) -> bool:
    """True when distinct choices through the tree always give distinct strings.

    A sufficient test (False may be pessimistic): sequences must split in one
    way only (fixed lengths, or a boundary character the left part never
    contains), alternatives must be provably disjoint, and a variable repeat
    needs an item of fixed length.
    """
    match node:
        case Literal() | CharSet():
            return True
        case Concat(items):
            return all(is_unambiguous(i) for i in items) and _splits_uniquely(items)
        case Alternation(options):
            if not all(is_unambiguous(o) for o in options):
                return False
            return all(_disjoint(a, b) for k, a in enumerate(options) for b in options[k + 1 :])
        case Repeat(item, lo, hi):
            if not is_unambiguous(item):
                return False
            if lo == hi:
                return _splits_uniquely((item,) * lo)
            if hi == 1:  # x? : the empty string, or one x (never empty itself)
                return min_length(item) > 0
            return _prefix_free(item)
    raise TypeError(node)  # pragma: no cover


@lru_cache(maxsize=4096)
def _prefix_free(node: RegexNode) -> bool:
    r"""No string of ``node`` is a proper prefix of another (a sufficient test).

    Repeats of such an item read back in one way only: ``(x\d|y)*`` is fine,
    ``(a|ab)*`` is not.
    """
    match node:
        case _ if min_length(node) == max_length(node):
            return min_length(node) > 0
        case Concat(items):
            return all(_prefix_free(i) for i in items)
        case Alternation(options):
            if not all(_prefix_free(o) for o in options):
                return False
            firsts = [_edge_chars(o, last=False) for o in options]
            return all(not (a & b) for k, a in enumerate(firsts) for b in firsts[k + 1 :])
        case Repeat(item, lo, hi):
            return lo == hi and _prefix_free(item)
    return False


def _splits_uniquely(items: tuple[RegexNode, ...]) -> bool:
    """Each boundary between ``items[k]`` and the rest is determined by the string."""
    for k in range(len(items) - 1):
        head, rest = items[k], Concat(items[k + 1 :])
        if min_length(head) == max_length(head) or min_length(rest) == max_length(rest):
            continue
        # The split sits at the first character that can start ``rest`` (or at the
        # end), or just after the last character that can end ``head``.
        if not (alphabet(head) & _edge_chars(rest, last=False)):
            continue
        if not (alphabet(rest) & _edge_chars(head, last=True)):
            continue
        return False
    return True


@lru_cache(maxsize=4096)
def _edge_chars(node: RegexNode, *, last: bool) -> frozenset[str]:
    """Characters that can start (or, with ``last``, end) a non-empty string of ``node``."""
    match node:
        case Literal(text):
            return frozenset(text[-1] if last else text[0])
        case CharSet(chars):
            return frozenset(chars)
        case Concat(items):
            found: frozenset[str] = frozenset()
            for item in reversed(items) if last else items:
                found |= _edge_chars(item, last=last)
                if min_length(item) > 0:
                    break
            return found
        case Alternation(options):
            return frozenset().union(*(_edge_chars(o, last=last) for o in options))
        case Repeat(item, _, _):
            return _edge_chars(item, last=last)
    raise TypeError(node)  # pragma: no cover


_OFFSET_LIMIT = 64


@lru_cache(maxsize=4096)
def _offset_sets(node: RegexNode, *, from_end: bool) -> tuple[frozenset[str], ...]:
    """``sets[i]`` holds the character at offset i (from the start, or from the end)
    of every string of ``node`` longer than i; the tuple stops where that is unknown."""
    match node:
        case Literal(text):
            return tuple(frozenset(c) for c in (text[::-1] if from_end else text))
        case CharSet(chars):
            return (frozenset(chars),)
        case Concat(items):
            return _concat_offsets(items[::-1] if from_end else items, from_end)
        case Alternation(options):
            per = [_offset_sets(o, from_end=from_end) for o in options]
            return tuple(frozenset().union(*col) for col in zip(*per, strict=False))
        case Repeat(item, _, hi):
            sets = _offset_sets(item, from_end=from_end)
            if min_length(item) == max_length(item) == len(sets):
                return (sets * hi)[:_OFFSET_LIMIT]
            return sets[: min_length(item)]
    raise TypeError(node)  # pragma: no cover


def _concat_offsets(items: tuple[RegexNode, ...], from_end: bool) -> tuple[frozenset[str], ...]:
    out: list[frozenset[str]] = []
    for item in items:
        sets = _offset_sets(item, from_end=from_end)
        fixed = min_length(item) == max_length(item) == len(sets)
        out.extend(sets if fixed else sets[: min_length(item)])
        if not fixed or len(out) >= _OFFSET_LIMIT:
            break
    return tuple(out[:_OFFSET_LIMIT])


def _disjoint(a: RegexNode, b: RegexNode) -> bool:
    """True only when no string belongs to both ``a`` and ``b``."""
    if max_length(a) < min_length(b) or max_length(b) < min_length(a):
        return True
    reach = max(min_length(a), min_length(b))
    for from_end in (False, True):
        pa, pb = _offset_sets(a, from_end=from_end), _offset_sets(b, from_end=from_end)
        if any(not (x & y) for x, y in zip(pa[:reach], pb[:reach], strict=False)):
            return True
    return False


def _count_distinct(node: RegexNode) -> int | None:
    dfa = automaton(node)
    return None if dfa is None else dfa.counts[0]
