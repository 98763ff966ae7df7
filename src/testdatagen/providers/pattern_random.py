"""Random pattern values: every choice in the tree is drawn uniformly per row.

Every alternation picks an option and every variable quantifier a count
uniformly (so ``\\d{1,3}`` gives short and long numbers alike); a part of the
tree without such choices is drawn as one uniform index and decoded. Each
node reads its own child stream named by its path in the tree (``r``, ``.i``,
``|o``, ``*i``, ``#``, ``option``, ``count``), so a value is a pure function
of (stream key, row).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from testdatagen.engine.rng import Stream
from testdatagen.model.regex import (
    Alternation,
    CharSet,
    Concat,
    Literal,
    RegexNode,
    Repeat,
    derivation_count,
    max_length,
    min_length,
)
from testdatagen.providers.pattern_canvas import Canvas, Pos, Sel, as_array, merge_pos, subset
from testdatagen.providers.pattern_decode import INT64_LIMIT, decode, narrow

__all__ = ["write_random"]

I64 = npt.NDArray[np.int64]


def write_random(node: RegexNode, stream: Stream, path: str, rows: I64, canvas: Canvas) -> Pos:
    """Write a random string of ``node`` for every row from column 0; the end positions."""
    return _random(node, _Draw(stream, path, rows), None, 0, canvas)


@dataclass(frozen=True)
class _Draw:
    """Where a node's randomness comes from: its stream path, for the rows it serves."""

    stream: Stream
    path: str
    rows: I64

    def at(self, suffix: str, mask: npt.NDArray[np.bool_] | None = None) -> _Draw:
        return _Draw(
            self.stream, self.path + suffix, self.rows if mask is None else self.rows[mask]
        )

    def integers(self, low: int, high: int, *purpose: str) -> I64:
        return self.stream.child(self.path, *purpose).integers(self.rows, low, high)


def _random(node: RegexNode, draw: _Draw, sel: Sel, pos: Pos, canvas: Canvas) -> Pos:
    """Write a random string of ``node`` for each row; ``draw.rows`` are the ids of ``sel``."""
    if _choice_free(node):
        size = derivation_count(node)
        if size < INT64_LIMIT:
            k = draw.integers(0, size - 1)
            return decode(node, narrow(k, size), sel, pos, canvas)
    match node:
        case Concat(items):
            for i, item in enumerate(items):
                pos = _random(item, draw.at(f".{i}"), sel, pos, canvas)
            return pos
        case Alternation(options):
            return _random_alternation(options, draw, sel, pos, canvas)
        case Repeat(item, lo, hi) if lo == hi:  # too large for one draw: part by part
            return _random(Concat((item,) * lo), draw, sel, pos, canvas)
        case Repeat():
            return _random_repeat(node, draw, sel, pos, canvas)
    raise TypeError(node)  # pragma: no cover


@lru_cache(maxsize=4096)
def _choice_free(node: RegexNode) -> bool:
    """No alternation and no variable count inside: one uniform index covers it."""
    match node:
        case Literal() | CharSet():
            return True
        case Concat(items):
            return all(_choice_free(i) for i in items)
        case Repeat(item, lo, hi):
            return lo == hi and _choice_free(item)
    return False


def _random_alternation(
    options: tuple[RegexNode, ...], draw: _Draw, sel: Sel, pos: Pos, canvas: Canvas
) -> Pos:
    which = draw.integers(0, len(options) - 1, "option")
    parts = []
    for o, option in enumerate(options):
        mask = which == o
        if mask.any():
            sub_sel, sub_pos = subset(sel, pos, mask, canvas.n)
            parts.append((mask, _random(option, draw.at(f"|{o}", mask), sub_sel, sub_pos, canvas)))
    return merge_pos(parts, len(draw.rows))


def _random_repeat(node: Repeat, draw: _Draw, sel: Sel, pos: Pos, canvas: Canvas) -> Pos:
    item, lo, hi = node.item, node.min, node.max
    count = draw.integers(lo, hi, "count")
    width = max_length(item)
    if _choice_free(item) and min_length(item) == width:
        # Dense: fill all ``hi`` slots for every row (slots past a row's count are
        # ignored, later nodes overwrite them) instead of narrowing row sets per slot.
        _random(Repeat(item, hi, hi), draw.at("#"), sel, pos, canvas)
        return pos + count * width
    out = as_array(pos, len(draw.rows))
    for i in range(hi):
        active = count > i
        sub_sel, sub_pos = subset(sel, out, active, canvas.n)
        out[active] = _random(item, draw.at(f"*{i}", active), sub_sel, sub_pos, canvas)
    return out
