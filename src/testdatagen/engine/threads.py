"""``check parent_id is null or parent_id.post_id = post_id``, kept by construction.

Threaded comments, sub-tasks of one project, managers within one department: a
self-reference whose parent must share the row's per-parent key. Re-drawing a
uniform pick among all earlier rows almost never lands in the same segment (and
the first row of a segment has no earlier row there at all), so the check failed
after every re-draw. The rows of one parent are contiguous, so such a key picks
among the earlier rows of its own segment instead (the first one: NULL).
"""

from __future__ import annotations

from testdatagen.model.expr import Binary, Expr, IsNull, Ref
from testdatagen.model.schema import Table

__all__ = ["same_key_refs", "same_segment_refs"]


def _same_key(expr: Expr, ref: str, key: str) -> bool:
    """``ref.key = key`` (either way round)."""
    if not (isinstance(expr, Binary) and expr.op == "=" and isinstance(expr.left, Ref)):
        return False
    if not isinstance(expr.right, Ref):
        return False
    paths = {expr.left.path, expr.right.path}
    return paths == {(ref, key), (key,)}


def _reads_same_key(expr: Expr, ref: str, key: str) -> bool:
    """``ref.key = key``, or ``ref is null or ref.key = key``."""
    if _same_key(expr, ref, key):
        return True
    if isinstance(expr, Binary) and expr.op == "or":
        sides = (expr.left, expr.right)
        for null_side, test in (sides, sides[::-1]):
            if (
                isinstance(null_side, IsNull)
                and not null_side.negated
                and isinstance(null_side.operand, Ref)
                and null_side.operand.path == (ref,)
                and _same_key(test, ref, key)
            ):
                return True
    return False


def same_segment_refs(table: Table) -> set[str]:
    """Self-references a check keeps within the row's own per-parent segment."""
    per_parent = table.per_parent
    if per_parent is None:
        return set()
    key = per_parent[0].name
    selfs = [c.name for c, r in table.references if r.table == table.name and r.group is None]
    return {
        name
        for name in selfs
        if any(_reads_same_key(check.expr, name, key) for check in table.checks)
    }


def same_key_refs(table: Table) -> dict[str, str]:
    """Self-references a check keeps on earlier rows sharing a column's value
    (``lead_id.team_id = team_id``): reference → that column. The per-parent key is
    left to :func:`same_segment_refs` (its rows are contiguous)."""
    per_parent = table.per_parent
    skip = per_parent[0].name if per_parent is not None else None
    selfs = [c.name for c, r in table.references if r.table == table.name and r.group is None]
    found: dict[str, str] = {}
    for name in selfs:
        for column in table.column_names:
            if column in (name, skip) or name in found:
                continue
            if any(_reads_same_key(check.expr, name, column) for check in table.checks):
                found[name] = column
    return found
