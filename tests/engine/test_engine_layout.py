"""Per-parent layout: children are contiguous, counts are in range, lookups agree."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.engine import layout as layout_mod
from testdatagen.engine.layout import ParentLayout
from testdatagen.engine.rng import Stream
from testdatagen.model import Distribution, IntRange


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 3000), st.integers(0, 4), st.integers(0, 6), st.integers(0, 2**32))
def test_parent_of_inverts_ranges(parents: int, low: int, extra: int, seed: int) -> None:
    lay = ParentLayout(IntRange(low=low, high=low + extra), Stream.root(seed, "t"), parents)
    index = np.arange(parents, dtype=np.int64)
    start, count = lay.ranges(index)
    assert count.min(initial=low) >= low and count.max(initial=low) <= low + extra
    assert lay.children == int(count.sum())
    rows = np.arange(lay.children, dtype=np.int64)
    parent, position = lay.parent_of(rows)
    assert np.array_equal(parent, np.repeat(index, count))
    assert np.array_equal(position, rows - start[parent])
    child_rows, counts = lay.child_rows(index[::3])
    assert np.array_equal(counts, count[::3])
    assert np.array_equal(
        child_rows,
        np.concatenate(
            [np.arange(s, s + c) for s, c in zip(start[::3], count[::3], strict=True)]
            + [np.zeros(0, np.int64)]
        ),
    )


def test_blocks_do_not_change_the_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = Distribution(name="poisson", params={"lam": 2.0})
    whole = ParentLayout(spec, Stream.root(1, "t"), 5000)
    rows = np.arange(whole.children, dtype=np.int64)
    expected = whole.parent_of(rows)
    monkeypatch.setattr(layout_mod, "BLOCK", 64)
    small = ParentLayout(spec, Stream.root(1, "t"), 5000)
    assert small.children == whole.children
    got = small.parent_of(rows)
    assert np.array_equal(got[0], expected[0]) and np.array_equal(got[1], expected[1])
