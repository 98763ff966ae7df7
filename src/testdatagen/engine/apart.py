"""``check a != b`` between two keys of one junction, kept by construction.

A junction such as ``follows (a → users, b → users)`` with ``unique (a, b)``
maps the row index onto the pairs of parent rows by a keyed bijection, so its
key columns cannot be re-drawn; the ``n`` pairs with ``a = b`` would fail the
check with nothing left to change. Instead ``b``'s digit ranges over ``n - 1``
values and is read as an offset from ``a``: ``b = (a + 1 + d) mod n`` never
equals ``a``, and distinct ``(a, d)`` give distinct ``(a, b)``, so the pairs
stay unique and cover exactly the ``n·(n - 1)`` pairs the check allows.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from testdatagen.model.expr import Binary, Ref
from testdatagen.model.schema import Check, Table

__all__ = ["apart_pair", "apart_pairs", "plan_apart", "shift_apart"]

I64 = npt.NDArray[np.int64]


def apart_pair(check: Check, names: list[str]) -> tuple[str, str] | None:
    """``(a, b)`` when the check is ``a != b`` between two columns (b declared later)."""
    expr = check.expr
    if not (
        isinstance(expr, Binary)
        and expr.op == "!="
        and isinstance(expr.left, Ref)
        and isinstance(expr.right, Ref)
        and len(expr.left.path) == 1
        and len(expr.right.path) == 1
    ):
        return None
    a, b = expr.left.path[0], expr.right.path[0]
    if a not in names or b not in names or a == b:
        return None
    return (a, b) if names.index(a) < names.index(b) else (b, a)


def apart_pairs(table: Table) -> list[tuple[str, str]]:
    names = list(table.column_names)
    return [p for c in table.checks if (p := apart_pair(c, names)) is not None]


def plan_apart(
    table: Table,
    joint: dict[str, tuple[list[str], list[int]]],
    unit: dict[str, str],
) -> dict[str, str]:
    """Shrink ``b``'s radix in its key's joint bijection for each ``a != b`` the
    bijection can keep; returns ``b → a`` for :func:`shift_apart`."""
    refs = {c.name: r for c, r in table.references}
    apart: dict[str, str] = {}
    for a, b in apart_pairs(table):
        if a not in joint or b not in joint or b in apart or a in apart:
            continue
        units, radices = joint[a]
        ra, rb = refs.get(a), refs.get(b)
        if (
            joint[b][0] is not units
            or unit.get(a) != a
            or unit.get(b) != b
            or ra is None
            or rb is None
            or (ra.table, ra.column) != (rb.table, rb.column)
        ):
            continue
        ia, ib = units.index(a), units.index(b)
        if radices[ia] != radices[ib] or radices[ib] < 2:
            continue
        radices[ib] -= 1
        apart[b] = a
    return apart


def shift_apart(
    units: list[str], radices: list[int], digits: list[I64], apart: dict[str, str]
) -> list[I64]:
    """Read each ``b`` digit as an offset past its ``a`` (parent row indices)."""
    out = list(digits)
    for b, a in apart.items():
        if b in units and a in units:
            ia, ib = units.index(a), units.index(b)
            out[ib] = (digits[ia] + 1 + digits[ib]) % radices[ia]
    return out
