"""Passwords: every character class present, at uniformly random places."""

from __future__ import annotations

import numpy as np
import pytest

from .helpers import values

SYMBOLS = set("!@#$%&*?-_+=")


@pytest.mark.parametrize("limit", [None, 4, 7, 30])
def test_every_class_is_present_and_the_length_is_kept(limit: int | None) -> None:
    out = [str(v) for v in values("password", 3000, max_length=limit)]
    length = 12 if limit is None else max(4, min(12, limit))
    assert {len(p) for p in out} == {length}
    for p in out:
        assert any(c.islower() for c in p) and any(c.isupper() for c in p)
        assert any(c.isdigit() for c in p) and SYMBOLS & set(p)


def test_forced_characters_are_not_at_fixed_places() -> None:
    out = [str(v) for v in values("password", 12_000)]
    # symbols: one forced per password plus random ones; every position gets its share
    per_position = np.array([sum(p[i] in SYMBOLS for p in out) for i in range(12)])
    expected = per_position.mean()
    assert float(((per_position - expected) ** 2 / expected).sum()) < 32.9  # 11 dof, p = 0.0005
