"""Foreign keys as parent row indices: skewed picks, per-parent layouts, distinct pairs.

A reference column is first a *parent row index* per child row (``-1`` for
none); the key value is then the parent's key column recomputed at those
indices. Every pick is a pure function of the child row index, except that
distinct-within-parent picks are resolved over whole parent segments, which
are themselves a pure function of the parent index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from testdatagen.engine.distributions import (
    ZIPF_TABLE_MAX,
    continuous,
    discrete,
    zipf_continuous,
    zipf_table,
)
from testdatagen.engine.layout import ParentLayout
from testdatagen.engine.permutation import KeyedPermutation
from testdatagen.engine.rng import Stream
from testdatagen.errors import Diagnostic, GenerationError, Span
from testdatagen.model.schema import Distribution, ReferenceGen

__all__ = [
    "DUP_ROUNDS",
    "FallbackStats",
    "distinct_in_segments",
    "joint_unique",
    "pick_earlier",
    "pick_parents",
]

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
#: Redraw rounds from derived counters before the seen-set fallback takes over.
DUP_ROUNDS = 16


@dataclass
class FallbackStats:
    """How often the per-value fallback ran (the tests and ``explain`` read it)."""

    rows: int = 0


FALLBACK = FallbackStats()


def pick_parents(
    ref: ReferenceGen, rows: I64, stream: Stream, parents: int, *, self_reference: bool
) -> I64:
    """A parent row index per child row, skewed by the reference's distribution."""
    if self_reference:
        return pick_earlier(ref.distribution, rows, stream.uniform(rows), parents)
    if parents == 0:
        return np.full(rows.size, -1, dtype=np.int64)
    dist = ref.distribution
    if dist is None or dist.name == "uniform":
        return stream.integers(rows, 0, parents - 1)
    if dist.name == "normal":
        mean = float(dist.params.get("mean", 0.5)) * parents
        sd = float(dist.params.get("sd", 0.15)) * parents
        dist = Distribution(name="normal", params={"mean": mean, "sd": sd})
    return discrete(dist, stream.uniform(rows), 0, parents - 1)


def pick_earlier(dist: Distribution | None, rows: I64, u: F64, total: int) -> I64:
    """A self-reference: row ``i`` picks among the ``i`` earlier rows (row 0: none, -1).

    ``uniform`` over ``[0, i)``; ``zipf(s)`` over ranks counted from the first row
    (rank 1 = row 0, as for any reference: early rows become hubs, like the head
    of a hierarchy), truncated to the first ``i`` ranks exactly by scaling the
    uniform onto the cumulative weight of those ranks; ``normal(mean, sd)`` as
    fractions of ``i`` (defaults 0.5 and 0.15), truncated to ``[0, i)``.
    """
    name = "uniform" if dist is None else dist.name
    earlier = np.maximum(rows, 1)
    if name == "uniform":
        picked = np.floor(u * rows).astype(np.int64)
    elif name == "zipf" and total > 1:
        assert dist is not None
        s = float(dist.params.get("s", 1.0))
        if total <= ZIPF_TABLE_MAX:
            cdf = zipf_table(total, s)
            picked = np.searchsorted(cdf, u * cdf[earlier - 1], side="right").astype(np.int64)
        else:
            picked = zipf_continuous(u, s, earlier)
    elif name == "normal":
        assert dist is not None
        mean, sd = float(dist.params.get("mean", 0.5)), float(dist.params.get("sd", 0.15))
        shape = Distribution(name="normal", params={"mean": mean, "sd": sd})
        fraction = continuous(shape, u, -0.5 / earlier, (earlier - 0.5) / earlier)
        picked = np.floor(fraction * earlier + 0.5).astype(np.int64)
    elif name != "zipf":
        raise GenerationError(
            [
                Diagnostic(
                    "TDG223",
                    f"distribution {name} does not apply to a self-reference",
                    span=dist.span if dist is not None else None,
                    hint="use uniform, zipf(s) or normal(mean, sd) over the earlier rows",
                )
            ]
        )
    else:
        picked = np.zeros(rows.size, dtype=np.int64)
    return np.where(rows > 0, np.clip(picked, 0, earlier - 1), -1)


def _duplicates(segment: I64, values: I64) -> Mask:
    """Rows repeating an earlier row's value within the same segment."""
    order = np.lexsort((np.arange(values.size), values, segment))
    s, v = segment[order], values[order]
    repeat = np.zeros(values.size, dtype=bool)
    repeat[1:] = (s[1:] == s[:-1]) & (v[1:] == v[:-1])
    out = np.zeros(values.size, dtype=bool)
    out[order] = repeat
    return out


def distinct_in_segments(
    segment: I64, rows: I64, draw: Callable[[I64, Stream], I64], stream: Stream, domain: int
) -> I64:
    """Values distinct within each segment: redraw repeats from derived counters, then
    (rarely) take the smallest unused value — a bounded, counted fallback."""
    values = draw(rows, stream)
    for attempt in range(1, DUP_ROUNDS + 1):
        dup = _duplicates(segment, values)
        if not dup.any():
            return values
        values[dup] = draw(rows[dup], stream.child("dup", attempt))
    dup = _duplicates(segment, values)
    for index in np.flatnonzero(dup):
        FALLBACK.rows += 1
        used = set(values[(segment == segment[index]) & ~dup].tolist())
        free = next((v for v in range(domain) if v not in used), None)
        if free is None:
            raise GenerationError(
                [
                    Diagnostic(
                        "TDG530", "a parent has more children than distinct values to give them"
                    )
                ]
            )
        values[index] = free
        dup[index] = False
    return values


def joint_unique(
    rows: I64,
    stream: Stream,
    radices: list[int],
    name: str,
    *,
    table: str = "",
    total: int | None = None,
    span: Span | None = None,
) -> list[I64]:
    """Distinct tuples for every row: a keyed bijection of the row index onto the
    mixed-radix product of the columns' domains (junction tables). ``table``,
    ``total`` and ``span`` only word the error."""
    domain = 1
    for r in radices:
        domain *= r
    if domain < int(rows.max(initial=-1)) + 1:
        raise GenerationError(
            [
                Diagnostic(
                    "TDG531",
                    f"{table + ' ' if table else ''}unique ({name}) allows {domain} "
                    + (
                        f"combinations for {total} rows"
                        if total is not None
                        else "combinations for more rows than that"
                    ),
                    span=span,
                    hint="lower the row count or widen the referenced tables",
                )
            ]
        )
    index = KeyedPermutation(stream.child("joint").key, domain).apply(rows)
    digits = []
    for radix in reversed(radices):
        digits.append(index % radix)
        index = index // radix
    return digits[::-1]


def segment_rows(layout: ParentLayout, rows: I64) -> tuple[I64, I64]:
    """All rows of the parent segments that ``rows`` touch, and each one's segment id."""
    parents = np.unique(layout.parent_of(rows)[0])
    full, counts = layout.child_rows(parents)
    return full, np.repeat(parents, counts)
