"""A deterministic automaton of a pattern's finite language, for counting and ranking.

Ambiguous patterns (``a?a?``, ``[a-z]+\\w*``) cannot be enumerated by decoding
their tree; their distinct strings are counted, and ranked by
``PatternGenerator.nth``, on this DFA instead.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

from testdatagen.model.regex_nodes import (
    Alternation,
    CharSet,
    Concat,
    Literal,
    RegexNode,
    Repeat,
)

__all__ = ["POSITION_LIMIT", "STATE_LIMIT", "WORK_LIMIT", "Automaton", "automaton"]

#: Unrolled character positions beyond which no automaton is built.
POSITION_LIMIT = 4000
#: Deterministic states beyond which no automaton is built.
STATE_LIMIT = 20_000
#: Position and edge visits (a proxy for time, ~0.1 s) beyond which no automaton is built.
WORK_LIMIT = 500_000


@dataclass(frozen=True, slots=True)
class Automaton:
    """A DFA of a pattern's (finite) language; state 0 is the start.

    ``atoms`` are disjoint groups of characters that every transition treats
    alike; ``edges[s]`` lists ``(atom, target)`` by atom; ``counts[s]`` is the
    number of strings accepted from ``s`` (``counts[0]`` is the domain size).
    """

    atoms: tuple[str, ...]
    accept: tuple[bool, ...]
    edges: tuple[tuple[tuple[int, int], ...], ...]
    counts: tuple[int, ...]


class _TooLarge(Exception):
    pass


@lru_cache(maxsize=256)
def automaton(node: RegexNode) -> Automaton | None:
    """The minimal-effort DFA of ``node`` (subset construction over Glushkov positions),
    or None when it would exceed :data:`POSITION_LIMIT` / :data:`STATE_LIMIT`."""
    try:
        g = _Glushkov()
        nullable, first, last = g.build(node)
        return _determinise(g, nullable, first, last)
    except _TooLarge:
        return None


class _Glushkov:
    """Positions (one per character slot, repeats unrolled) and who may follow whom."""

    def __init__(self) -> None:
        self.sets: list[str] = []
        self.follow: list[set[int]] = []
        self.work = 0

    def _new(self, chars: str) -> int:
        if len(self.sets) >= POSITION_LIMIT:
            raise _TooLarge
        self.sets.append(chars)
        self.follow.append(set())
        return len(self.sets) - 1

    def build(self, node: RegexNode) -> tuple[bool, frozenset[int], frozenset[int]]:
        """(nullable, first positions, last positions) of ``node``."""
        match node:
            case Literal(text):
                ps = [self._new(c) for c in text]
                for a, b in itertools.pairwise(ps):
                    self.follow[a].add(b)
                return False, frozenset(ps[:1]), frozenset(ps[-1:])
            case CharSet(chars):
                p = self._new(chars)
                return False, frozenset((p,)), frozenset((p,))
            case Concat(items):
                return self._sequence([(item, False) for item in items])
            case Alternation(options):
                parts = [self.build(o) for o in options]
                return (
                    any(n for n, _, _ in parts),
                    frozenset().union(*(f for _, f, _ in parts)),
                    frozenset().union(*(la for _, _, la in parts)),
                )
            case Repeat(item, lo, hi):
                # x{lo,hi} and x^lo (x?)^(hi-lo) are the same language.
                return self._sequence([(item, k >= lo) for k in range(hi)])
        raise TypeError(node)  # pragma: no cover

    def _sequence(
        self, items: list[tuple[RegexNode, bool]]
    ) -> tuple[bool, frozenset[int], frozenset[int]]:
        nullable, first, last = True, frozenset[int](), frozenset[int]()
        for item, optional in items:
            n, f, la = self.build(item)
            n = n or optional
            self.work += len(last) * len(f)
            if self.work > WORK_LIMIT:
                raise _TooLarge
            for p in last:
                self.follow[p] |= f
            first = first | f if nullable else first
            last = la | last if n else la
            nullable = nullable and n
        return nullable, first, last


def _atoms(sets: list[str]) -> list[str]:
    """Split the characters of all sets into groups no set tells apart."""
    blocks = [frozenset().union(*sets)] if sets else []
    for chars in set(sets):
        member = frozenset(chars)
        blocks = [part for b in blocks for part in (b & member, b - member) if part]
    return sorted("".join(sorted(b)) for b in blocks)


def _determinise(
    g: _Glushkov, nullable: bool, first: frozenset[int], last: frozenset[int]
) -> Automaton:
    atoms = _atoms(g.sets)
    atom_of = {c: a for a, chars in enumerate(atoms) for c in chars}
    covers = [sorted({atom_of[c] for c in chars}) for chars in g.sets]
    start: frozenset[int] = frozenset((-1,))
    index = {start: 0}
    order = [start]
    edges: list[tuple[tuple[int, int], ...]] = []
    work = 0
    for state in order:  # grows while we iterate: a breadth-first walk
        follows = [first] if state == start else [g.follow[p] for p in state]
        work += sum(len(f) for f in follows) + len(state)
        if work > WORK_LIMIT:
            raise _TooLarge
        candidates = frozenset().union(*follows)
        by_atom: dict[int, set[int]] = {}
        for q in candidates:
            work += len(covers[q])
            for a in covers[q]:
                by_atom.setdefault(a, set()).add(q)
        out = []
        for a in sorted(by_atom):
            target = frozenset(by_atom[a])
            if target not in index:
                if len(order) >= STATE_LIMIT:
                    raise _TooLarge
                index[target] = len(order)
                order.append(target)
            out.append((a, index[target]))
        edges.append(tuple(out))
    accept = tuple(bool(s & last) or (s == start and nullable) for s in order)
    return Automaton(tuple(atoms), accept, tuple(edges), _count_paths(atoms, accept, edges))


def _count_paths(
    atoms: list[str], accept: tuple[bool, ...], edges: list[tuple[tuple[int, int], ...]]
) -> tuple[int, ...]:
    """Strings accepted from each state; the language is finite, so the graph is a
    DAG and a post-order walk (iterative: paths can be thousands long) counts it."""
    counts: list[int | None] = [None] * len(accept)
    stack = [0]
    while stack:
        s = stack[-1]
        pending = [t for _, t in edges[s] if counts[t] is None]
        if pending:
            stack.extend(pending)
            continue
        stack.pop()
        if counts[s] is None:
            counts[s] = int(accept[s]) + sum(len(atoms[a]) * (counts[t] or 0) for a, t in edges[s])
    return tuple(c or 0 for c in counts)
