"""Enumeration: the k-th string of a pattern, decoded column at a time.

Unambiguous trees decode ``k`` in mixed radix (alternations and variable
repeats split the index range by the sizes of their parts); ambiguous ones
rank over the pattern's automaton so that the enumeration stays injective.
The digit order and the automaton's edge order are part of the output's
definition (``PATTERN_VERSION``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from testdatagen.model.regex import (
    Alternation,
    CharSet,
    Concat,
    Literal,
    RegexNode,
    Repeat,
    automaton,
    derivation_count,
    max_length,
    min_length,
)
from testdatagen.providers.pattern_canvas import (
    Canvas,
    Idx,
    Pos,
    Sel,
    as_array,
    merge_pos,
    subset,
)

__all__ = ["INT64_LIMIT", "Ranking", "decode", "narrow", "ranking"]

I64 = npt.NDArray[np.int64]
INT64_LIMIT = 2**63


def narrow(k: npt.ArrayLike, limit: int) -> Idx:
    """Indices below ``limit`` as uint32 when they fit: scalar division and the
    multiply-subtract remainder are several times faster on 32 bits."""
    return np.asarray(k).astype(np.uint32 if limit <= 2**32 else np.uint64, copy=False)


def decode(node: RegexNode, k: Idx, sel: Sel, pos: Pos, canvas: Canvas) -> Pos:
    """Write the k-th string of ``node`` at ``pos`` for the rows ``sel``."""
    match node:
        case Literal(text):
            return canvas.put_text(sel, pos, text)
        case CharSet(chars):
            return canvas.put(sel, pos, canvas.table(chars)[k])
        case Concat(items):
            return _decode_concat(items, k, sel, pos, canvas)
        case Alternation(options):
            return _decode_alternation(options, k, sel, pos, canvas)
        case Repeat(item, lo, hi):
            return _decode_repeat(item, lo, hi, k, sel, pos, canvas)
    raise TypeError(node)  # pragma: no cover


def _decode_concat(items: tuple[RegexNode, ...], k: Idx, sel: Sel, pos: Pos, canvas: Canvas) -> Pos:
    digits: list[Idx] = []
    left = derivation_count(Concat(items))  # strings of the items not decoded yet
    for item in reversed(items):
        k = narrow(k, left) if k.dtype == np.uint64 else k
        size = derivation_count(item)
        if size > int(np.iinfo(k.dtype).max):  # k < size: all of k is this digit
            digits.append(k)
            k = np.zeros_like(k)
        else:
            quotient = k // k.dtype.type(size)
            digits.append(k - quotient * k.dtype.type(size))
            k = quotient
        left //= size
    for item, digit in zip(items, reversed(digits), strict=True):
        pos = decode(item, digit, sel, pos, canvas)
    return pos


def _starts(sizes: list[int], dtype: np.dtype[Any]) -> Idx:
    """Where each block of an index range begins, clipped to the index type (later
    blocks are unreachable by such an index anyway)."""
    top = int(np.iinfo(dtype).max)
    starts = [0]
    for size in sizes[:-1]:
        starts.append(min(starts[-1] + size, top))
    return np.array(starts, dtype=dtype)


def _decode_alternation(
    options: tuple[RegexNode, ...], k: Idx, sel: Sel, pos: Pos, canvas: Canvas
) -> Pos:
    starts = _starts([derivation_count(o) for o in options], k.dtype)
    which = np.searchsorted(starts, k, side="right") - 1
    parts = []
    for o, option in enumerate(options):
        mask = which == o
        if mask.any():
            sub_sel, sub_pos = subset(sel, pos, mask, canvas.n)
            parts.append((mask, decode(option, k[mask] - starts[o], sub_sel, sub_pos, canvas)))
    return merge_pos(parts, len(k))


def _decode_repeat(
    item: RegexNode, lo: int, hi: int, k: Idx, sel: Sel, pos: Pos, canvas: Canvas
) -> Pos:
    if lo == hi:  # a fixed count is a plain sequence, and keeps positions scalar
        return _decode_concat((item,) * lo, k, sel, pos, canvas)
    base = derivation_count(item)
    starts = _starts([base**j for j in range(lo, hi + 1)], k.dtype)
    count = np.searchsorted(starts, k, side="right") - 1 + lo
    rest = (k - starts[count - lo]).astype(np.uint64)
    powers = np.array([min(base**e, INT64_LIMIT) for e in range(hi)], dtype=np.uint64)
    width = max_length(item)
    if min_length(item) == width:
        return _decode_dense(item, count, rest, powers, sel, pos, canvas)
    # A base of 2**63 or more stands for itself: every digit is below it.
    pos = as_array(pos, len(k))
    for i in range(hi):
        active = count > i if i >= lo else None
        count_i = count[active] if active is not None else count
        rest_i = rest[active] if active is not None else rest
        digit = (rest_i // powers[count_i - 1 - i]) % np.uint64(min(base, INT64_LIMIT))
        sub_sel, sub_pos = subset(sel, pos, active, canvas.n)
        new = decode(item, digit.astype(k.dtype), sub_sel, sub_pos, canvas)
        if active is None:
            pos = as_array(new, len(k))
        else:
            pos[active] = new
    return pos


def _decode_dense(
    item: RegexNode, count: I64, rest: Idx, powers: Idx, sel: Sel, pos: Pos, canvas: Canvas
) -> Pos:
    """Repeats of a fixed-width item: every slot is written for every row (slots past
    a row's count hold digit 0 and are ignored), so positions stay simple."""
    width, base = max_length(item), np.uint64(min(derivation_count(item), INT64_LIMIT))
    for i in range(len(powers)):
        exponent = count - 1 - i
        digit = (rest // powers[np.maximum(exponent, 0)]) % base
        digit[exponent < 0] = 0
        decode(item, digit, sel, pos + i * width, canvas)
    return pos + count * width


# -- ranking over the automaton, for ambiguous patterns ------------------------------


@dataclass(frozen=True)
class Ranking:
    """The automaton as dense tables: per state, its edges' index ranges."""

    accept: npt.NDArray[np.bool_]
    starts: I64  # [state, edge]: first index of the edge's block; padding is int64 max
    sizes: I64  # [state, edge]: strings after taking the edge (counts of the target)
    atom: I64
    target: I64
    chars: npt.NDArray[np.uint32]  # all atoms' characters, atom by atom
    atom_start: I64
    steps: int

    def decode(self, k: I64, canvas: Canvas) -> I64:
        """Walk every row from the start state, one character per step."""
        k = k.copy()
        state = np.zeros(len(k), dtype=np.int64)
        live = np.arange(len(k))
        length = np.zeros(len(k), dtype=np.int64)
        for step in range(self.steps + 1):
            accepting = self.accept[state]
            done = accepting & (k == 0)
            length[live[done]] = step
            k -= accepting
            keep = ~done
            live, state, k = live[keep], state[keep], k[keep]
            if not live.size:
                break
            edge = self._edge(state, k)
            within = k - self.starts[state, edge]
            size = self.sizes[state, edge]
            atom = self.atom[state, edge]
            canvas.codes[live, step] = self.chars[self.atom_start[atom] + within // size]
            k = within % size
            state = self.target[state, edge]
        return length

    def _edge(self, state: I64, k: I64) -> I64:
        """The edge whose block holds k: a binary search per row, run in lockstep
        (memory stays O(rows) however many edges a state has)."""
        lo = np.zeros(len(k), dtype=np.int64)
        hi = np.full(len(k), self.starts.shape[1], dtype=np.int64)
        for _ in range(self.starts.shape[1].bit_length()):
            mid = (lo + hi) >> 1
            go = k >= self.starts[state, mid]
            lo = np.where(go, mid, lo)
            hi = np.where(go, hi, mid)
        return lo


@lru_cache(maxsize=64)
def ranking(node: RegexNode) -> Ranking:
    dfa = automaton(node)
    if dfa is None or dfa.counts[0] >= INT64_LIMIT:
        raise ValueError("pattern has no enumeration")
    width = max(1, *(len(e) for e in dfa.edges))
    shape = (len(dfa.edges), width)
    starts = np.full(shape, INT64_LIMIT - 1, dtype=np.int64)
    sizes, atoms, targets = (np.ones(shape, dtype=np.int64) for _ in range(3))
    for s, edges in enumerate(dfa.edges):
        at = 0
        for j, (a, t) in enumerate(edges):
            starts[s, j], sizes[s, j], atoms[s, j], targets[s, j] = at, dfa.counts[t], a, t
            at += len(dfa.atoms[a]) * dfa.counts[t]
    lengths = [len(a) for a in dfa.atoms]
    return Ranking(
        accept=np.array(dfa.accept, dtype=np.bool_),
        starts=starts,
        sizes=sizes,
        atom=atoms,
        target=targets,
        chars=np.array([ord(c) for a in dfa.atoms for c in a], dtype=np.uint32),
        atom_start=np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64),
        steps=max_length(node),
    )
