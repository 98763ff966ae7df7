"""Row counts a generate block asks for, as far as they can be known before running.

Used by the feasibility pass; silent on errors (the generate pass reports them).
"""

from __future__ import annotations

from testdatagen.errors import TdgError
from testdatagen.model import GeneratePlan, IntRange, ReferenceGen, Schema
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
    links: dict[str, ReferenceGen] = {}
    for table in schema.tables:
        link = table.per_parent
        if link is not None and table.name not in plan.rows:
            links[table.name] = link[1]
    uncounted: set[str] = set()
    for name in links:
        _settle(name, links, counts, uncounted)
    return counts


def _settle(
    name: str, links: dict[str, ReferenceGen], counts: dict[str, int], uncounted: set[str]
) -> None:
    """Count ``name`` and the per_parent chain above it, top down, each table once.

    (Settling one level per round over all links was quadratic in a long chain
    declared child first.) A chain that ends in a table without a count, in a
    cycle, or at a per_parent that is a distribution leaves its tables
    uncounted; ``uncounted`` remembers them so no chain is walked twice.
    """
    chain: list[str] = []
    seen: set[str] = set()
    current = name
    while current in links and current not in counts and current not in seen:
        if current in uncounted:
            break
        chain.append(current)
        seen.add(current)
        current = links[current].table
    for i in range(len(chain) - 1, -1, -1):
        ref = links[chain[i]]
        parents = counts.get(ref.table)
        if parents is None or not isinstance(ref.per_parent, IntRange):
            uncounted.update(chain[: i + 1])
            return
        counts[chain[i]] = parents * max(ref.per_parent.low, 0)
