"""``follows (follower per_parent, followee)`` with ``check follower != followee``.

Regression test for QA: ``tdg check`` accepted this social-network junction but
``tdg generate`` failed with TDG540, because the followee is kept distinct within
each follower's children and so could not be re-drawn when it hit the follower.
"""

from __future__ import annotations

from datetime import datetime

import pyarrow as pa
import pytest

from testdatagen.engine import generate
from testdatagen.errors import GenerationError
from testdatagen.language.api import load_text

SOURCE = """
schema S {
  table users { id integer [primary_key, sequential(start: 10)] }
  table follows {
    follower integer [not_null, references: users.id, per_parent: 0..PER]
    followee integer [not_null, references: users.id, distribution: zipf(s: 1.2)]
    primary_key (follower, followee)
    check no_self: follower != followee
  }
}
"""


def _follows(users: int, per: int, *, chunk_rows: int = 65_536, workers: int = 1) -> pa.Table:
    dataset = generate(
        load_text(SOURCE.replace("PER", str(per)), filename="f.tdg"),
        rows={"users": users},
        seed=3,
        chunk_rows=chunk_rows,
        workers=workers,
        now=datetime(2025, 1, 1),
    )
    with dataset:
        return pa.Table.from_batches(
            list(dataset.batches("follows")), dataset.arrow_schema("follows")
        )


@pytest.mark.parametrize(("users", "per"), [(500, 30), (12, 11), (2, 1)])
def test_followee_is_never_the_follower_and_pairs_stay_unique(users: int, per: int) -> None:
    t = _follows(users, per)
    a, b = t.column("follower").to_pylist(), t.column("followee").to_pylist()
    assert t.num_rows > 0
    assert all(x != y for x, y in zip(a, b, strict=True))
    assert len(set(zip(a, b, strict=True))) == t.num_rows
    assert set(b) <= set(range(10, 10 + users))


def test_every_other_user_can_still_be_followed() -> None:
    """per_parent may ask for users - 1 children: exactly every other user."""
    t = _follows(12, 11)
    by_follower: dict[int, set[int]] = {}
    for x, y in zip(
        t.column("follower").to_pylist(), t.column("followee").to_pylist(), strict=True
    ):
        by_follower.setdefault(x, set()).add(y)
    full = [f for f, s in by_follower.items() if len(s) == 11]
    for f in full:
        assert by_follower[f] == set(range(10, 22)) - {f}


def test_chunking_and_workers_do_not_change_the_pairs() -> None:
    base = _follows(300, 20)
    assert base.equals(_follows(300, 20, chunk_rows=97))
    assert base.equals(_follows(300, 20, chunk_rows=1_000, workers=2))


def test_more_children_than_other_users_is_reported() -> None:
    with pytest.raises(GenerationError) as err:
        _follows(12, 12)
    assert err.value.diagnostics[0].code == "TDG532"
