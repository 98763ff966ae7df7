"""Per-parent layout: the children of parent ``i`` are child rows ``[start_i, start_i + count_i)``.

``count_i`` is a pure function of ``(seed, child table, key column, i)``, so
any worker can find a child row's parent, or a parent's children, without
seeing the other parents. Only the prefix sums at block boundaries (one
int64 per ``BLOCK`` parents) are kept; within a block they are recomputed on
demand and a few blocks are cached. Memory stays flat with the row count.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from testdatagen.engine.distributions import discrete
from testdatagen.engine.rng import Stream
from testdatagen.model.schema import Distribution, IntRange

__all__ = ["BLOCK", "ParentLayout", "count_bounds", "per_parent_counts"]

I64 = npt.NDArray[np.int64]
#: Parents per stored prefix sum: part of no output, only of memory and speed.
BLOCK = 1 << 16


def count_bounds(spec: IntRange | Distribution) -> tuple[int, int]:
    """Smallest and largest number of children one parent may get."""
    if isinstance(spec, IntRange):
        return spec.low, spec.high
    p = spec.params
    if spec.name == "poisson":
        lam = float(p.get("lam", 1.0))
        return int(p.get("min", 0)), int(p.get("max", lam + 12 * lam**0.5 + 20))
    if spec.name == "normal":
        mean, sd = float(p.get("mean", 1.0)), float(p.get("sd", 1.0))
        return int(p.get("min", 0)), int(p.get("max", max(mean + 6 * sd, 1)))
    if spec.name == "zipf":
        return int(p.get("min", 1)), int(p.get("max", 100))
    return int(p.get("min", 0)), int(p.get("max", 10))


def per_parent_counts(spec: IntRange | Distribution, stream: Stream, parents: I64) -> I64:
    """Children per parent for the given parent row indices."""
    lo, hi = count_bounds(spec)
    if isinstance(spec, IntRange):
        return stream.integers(parents, lo, hi)
    return discrete(spec, stream.uniform(parents), lo, hi)


@dataclass
class ParentLayout:
    """Where each parent's children sit in the child table."""

    spec: IntRange | Distribution
    stream: Stream
    parents: int
    block_starts: I64 = field(init=False)
    _cache: OrderedDict[int, I64] = field(init=False, default_factory=OrderedDict)

    def __post_init__(self) -> None:
        totals = [
            int(self._block_counts(b).sum()) for b in range((self.parents + BLOCK - 1) // BLOCK)
        ]
        self.block_starts = np.concatenate([[0], np.cumsum(totals, dtype=np.int64)]).astype(
            np.int64
        )

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_cache"] = OrderedDict()
        return state

    @property
    def children(self) -> int:
        return int(self.block_starts[-1])

    def _block_counts(self, block: int) -> I64:
        first = block * BLOCK
        rows = np.arange(first, min(first + BLOCK, self.parents), dtype=np.int64)
        return per_parent_counts(self.spec, self.stream, rows)

    def _block_starts(self, block: int) -> I64:
        """Exclusive prefix sums of the block's counts, offset to absolute child rows."""
        hit = self._cache.get(block)
        if hit is not None:
            self._cache.move_to_end(block)
            return hit
        counts = self._block_counts(block)
        starts = np.empty(counts.size + 1, dtype=np.int64)
        starts[0] = self.block_starts[block]
        np.cumsum(counts, out=starts[1:])
        starts[1:] += starts[0]
        self._cache[block] = starts
        if len(self._cache) > 8:
            self._cache.popitem(last=False)
        return starts

    def ranges(self, parents: I64) -> tuple[I64, I64]:
        """(start, count) of the children of each given parent."""
        start = np.empty(parents.size, dtype=np.int64)
        count = np.empty(parents.size, dtype=np.int64)
        blocks = parents // BLOCK
        for block in np.unique(blocks):
            sel = blocks == block
            starts = self._block_starts(int(block))
            local = parents[sel] - int(block) * BLOCK
            start[sel] = starts[local]
            count[sel] = starts[local + 1] - starts[local]
        return start, count

    def parent_of(self, children: I64) -> tuple[I64, I64]:
        """(parent index, position within the parent's children) of each child row."""
        blocks = np.searchsorted(self.block_starts, children, side="right") - 1
        blocks = np.minimum(blocks, max(len(self.block_starts) - 2, 0))
        parent = np.empty(children.size, dtype=np.int64)
        position = np.empty(children.size, dtype=np.int64)
        for block in np.unique(blocks):
            sel = blocks == block
            starts = self._block_starts(int(block))
            local = np.searchsorted(starts[:-1], children[sel], side="right") - 1
            parent[sel] = local + int(block) * BLOCK
            position[sel] = children[sel] - starts[local]
        return parent, position

    def child_rows(self, parents: I64) -> tuple[I64, I64]:
        """All child rows of the given parents, and each parent's child count (for reduceat)."""
        start, count = self.ranges(parents)
        total = int(count.sum())
        offsets = np.repeat(start - np.cumsum(count) + count, count)
        return np.arange(total, dtype=np.int64) + offsets, count
