"""Row counts a generate block asks for, as far as they can be known before running.

Used by the feasibility pass; silent on errors (the generate pass reports them).
"""

from __future__ import annotations

from testdatagen.errors import TdgError
from testdatagen.model import GeneratePlan, IntRange, Schema
from testdatagen.model.evaluate import resolve_params, resolve_row_counts

__all__ = ["minimum_rows"]


def minimum_rows(schema: Schema, plan: GeneratePlan) -> dict[str, int]:
    """Rows per table; per_parent children count the least they can get (parents × low)."""
    try:
        params = resolve_params(plan.params)
        known = frozenset(schema.table_names)
        counts = resolve_row_counts({t: e for t, e in plan.rows.items() if t in known}, params)
    except (TdgError, ArithmeticError, TypeError, ValueError, RecursionError):
        return {}
    links = {}
    for table in schema.tables:
        link = table.per_parent
        if link is not None and table.name not in plan.rows:
            links[table.name] = link[1]
    for _ in range(len(links)):  # settle chains of per_parent, one level per round
        changed = False
        for name, ref in links.items():
            parents = counts.get(ref.table)
            if name not in counts and parents is not None and isinstance(ref.per_parent, IntRange):
                counts[name] = parents * max(ref.per_parent.low, 0)
                changed = True
        if not changed:
            break
    return counts
