"""Strings matching a regex, column at a time: ``pattern: 'SKU-[A-Z]{3}-\\d{4}'``.

A compiled pattern writes code points into a ``rows × max_length`` canvas, one
regex node at a time, each node acting on whole arrays of rows; the canvas is
then packed into an Arrow string array without touching rows in Python.

Two ways to choose the characters:

- :meth:`PatternGenerator.generate` — random values. Every alternation picks an
  option and every variable quantifier a count uniformly (so ``\\d{1,3}`` gives
  short and long numbers alike, not mostly 3-digit ones); a part of the tree
  without such choices is drawn as one uniform index and decoded. Each node
  reads its own child stream named by its path in the tree, so a value is a
  pure function of (stream key, row).
- :meth:`PatternGenerator.nth` — the k-th string of a fixed enumeration
  (mixed-radix decoding; alternations and variable repeats split the index
  range by the sizes of their parts). Ambiguous patterns (``a?a?``), where two
  choices can spell one string, are ranked over their automaton instead so
  that the enumeration stays injective.
- :meth:`PatternGenerator.unique` — ``nth(KeyedPermutation(key, domain).apply(rows))``:
  distinct values for distinct rows, by construction, for ``unique`` columns.

Both are part of the output's definition (stream names ``r``, ``.i``, ``|o``,
``*i``, ``#``, ``option``, ``count``, ``unique``; digit order; the automaton's
edge order): a change must bump :data:`PATTERN_VERSION`, which the golden
fingerprint test in ``tests/pattern`` holds to.

This module compiles patterns and checks capacities; the work is done in
``pattern_random`` (random values), ``pattern_decode`` (enumeration and
ranking) and ``pattern_canvas`` (code points to Arrow strings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.engine.permutation import MAX_DOMAIN, KeyedPermutation
from testdatagen.engine.rng import Stream
from testdatagen.errors import Diagnostic, GenerationError
from testdatagen.model.regex import (
    Concat,
    RegexNode,
    Repeat,
    derivation_count,
    domain_size,
    is_unambiguous,
    max_length,
    min_length,
    parse_pattern,
)
from testdatagen.providers.base import FormatRequest
from testdatagen.providers.pattern_canvas import Canvas
from testdatagen.providers.pattern_decode import INT64_LIMIT, decode, narrow, ranking
from testdatagen.providers.pattern_random import write_random

__all__ = ["PATTERN_VERSION", "PatternGenerator", "compile_pattern", "pattern_column"]

#: Version of the algorithm that turns (stream, row) into a pattern value.
PATTERN_VERSION = 1

I64 = npt.NDArray[np.int64]


def pattern_column(regex: str, request: FormatRequest, rows: npt.ArrayLike) -> pa.Array:
    """A ``pattern:`` column as the engine needs it: unique when asked, and checked
    against the column's ``string(n)`` length and row count before any work."""
    gen = compile_pattern(regex)
    if request.max_length is not None and gen.max_length > request.max_length:
        raise GenerationError(
            [
                Diagnostic(
                    "TDG242",
                    f"pattern {regex!r} makes strings of up to {gen.max_length} characters "
                    f"but {request.table}.{request.column} allows {request.max_length}",
                    hint="shorten the pattern or widen the column's string(n)",
                )
            ]
        )
    if not request.unique:
        return gen.generate(request.column_stream("pattern"), rows)
    if request.total_rows is not None and (gen.unique_capacity or 0) < request.total_rows:
        raise _too_few(regex, gen.unique_capacity, request.total_rows)
    return gen.unique(request.column_stream("pattern-unique"), rows)


@lru_cache(maxsize=512)
def compile_pattern(regex: str) -> PatternGenerator:
    """Parse and prepare ``regex`` once; raises ``PatternError`` for unsupported syntax."""
    return PatternGenerator(regex)


@dataclass(frozen=True)
class PatternGenerator:
    """A compiled pattern: random values, enumeration, and the size of its domain."""

    regex: str
    node: RegexNode = field(init=False)
    #: Distinct strings the pattern produces; None when ≥ 2**63 or not countable.
    domain_size: int | None = field(init=False)
    max_length: int = field(init=False)
    min_length: int = field(init=False)
    #: True when choices through the tree never spell the same string twice;
    #: :meth:`nth` then decodes the tree (fast) instead of ranking over an automaton.
    unambiguous: bool = field(init=False)
    #: How many rows :meth:`unique` can serve (None: no enumeration; fall back).
    unique_capacity: int | None = field(init=False)

    def __post_init__(self) -> None:
        node = parse_pattern(self.regex)
        object.__setattr__(self, "node", node)
        object.__setattr__(self, "domain_size", domain_size(node))
        object.__setattr__(self, "max_length", max_length(node))
        object.__setattr__(self, "min_length", min_length(node))
        object.__setattr__(self, "unambiguous", is_unambiguous(node))
        object.__setattr__(self, "unique_capacity", _capacity(self.domain_size, self.unambiguous))

    def generate(self, stream: Stream, rows: npt.ArrayLike) -> pa.Array:
        """Random strings matching the pattern, one per row index."""
        row_ids = np.asarray(rows, dtype=np.int64)
        canvas = Canvas.for_node(self.node, len(row_ids))
        end = write_random(self.node, stream, "r", row_ids, canvas)
        return canvas.to_arrow(end)

    def unique(self, stream: Stream, rows: npt.ArrayLike) -> pa.Array:
        """Distinct strings for distinct row indices (each below ``unique_capacity``).

        A keyed permutation maps rows onto the enumeration. When the domain is
        beyond what the permutation covers (2**62), a top-level sequence is split:
        its tail is enumerated (so it alone makes rows distinct) and its head is
        random, so values do not all share the enumeration's first string prefix.
        """
        row_ids = np.asarray(rows, dtype=np.int64)
        capacity = self.unique_capacity
        if capacity is None or (row_ids.size and int(row_ids.max()) >= capacity):
            raise _too_few(self.regex, capacity, int(row_ids.max()) + 1)
        head, tail = _unique_split(self.node, capacity) if self.unambiguous else ((), self.node)
        indices = KeyedPermutation(stream.child("unique").key, capacity).apply(row_ids)
        if not head:
            return self.nth(indices)
        canvas = Canvas.for_node(self.node, len(row_ids))
        pos = write_random(Concat(head), stream, "u", row_ids, canvas)
        return canvas.to_arrow(decode(tail, narrow(indices, capacity), None, pos, canvas))

    def nth(self, indices: npt.ArrayLike) -> pa.Array:
        """The k-th string of a fixed enumeration, injective over ``[0, domain_size)``.

        Unambiguous patterns decode k in mixed radix over the tree (any k below
        ``min(derivations, 2**63)`` is accepted, so huge domains work too);
        ambiguous ones rank over the pattern's automaton and need a domain size.
        """
        k = np.asarray(indices, dtype=np.int64)
        limit = min(derivation_count(self.node), INT64_LIMIT)
        if not self.unambiguous:
            if self.domain_size is None:
                raise _too_few(self.regex, None, len(k))
            limit = self.domain_size
        if k.size and (int(k.min()) < 0 or int(k.max()) >= limit):
            raise ValueError(f"Expected indices in [0, {limit}) but got {k.min()}..{k.max()}")
        canvas = Canvas.for_node(self.node, len(k))
        if self.unambiguous:
            return canvas.to_arrow(decode(self.node, narrow(k, limit), None, 0, canvas))
        return canvas.to_arrow(ranking(self.node).decode(k, canvas))


def _capacity(domain: int | None, unambiguous: bool) -> int | None:
    if domain is not None:
        return min(domain, MAX_DOMAIN)
    return MAX_DOMAIN if unambiguous else None


def _too_few(regex: str, capacity: int | None, needed: int) -> GenerationError:
    if capacity is None:
        message = f"pattern {regex!r} is too ambiguous to enumerate unique values"
        hint = "rewrite it so that each string has one reading, e.g. [a-z]+[0-9]* not [a-z]+\\w*"
    else:
        message = f"pattern {regex!r} has {capacity} distinct values but {needed} are needed"
        hint = "widen the pattern (more characters or repetitions) or drop `unique`"
    return GenerationError([Diagnostic("TDG241", message, hint=hint)])


@lru_cache(maxsize=256)
def _unique_split(node: RegexNode, capacity: int) -> tuple[tuple[RegexNode, ...], RegexNode]:
    """(random head, enumerated tail): the shortest tail of a top-level sequence
    with at least ``capacity`` strings; the whole node when it is small enough."""
    if derivation_count(node) <= capacity:
        return (), node
    items: list[RegexNode] = []
    for item in node.items if isinstance(node, Concat) else (node,):
        fixed = isinstance(item, Repeat) and item.min == item.max
        items.extend([item.item] * item.min if isinstance(item, Repeat) and fixed else [item])
    size = 1
    for cut in range(len(items) - 1, 0, -1):
        size *= derivation_count(items[cut])
        if size >= capacity:
            return tuple(items[:cut]), Concat(tuple(items[cut:]))
    return (), node
