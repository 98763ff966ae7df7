"""Walking expressions: every name and call, and whether it sits inside an aggregate."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from testdatagen.language.functions import AGGREGATES
from testdatagen.model import Binary, Call, If, In, IsNull, Ref, Unary
from testdatagen.model.expr import Expr

__all__ = ["children", "refs", "walk"]


def children(expr: Expr) -> tuple[Expr, ...]:
    """The node's sub-expressions, found by the node's type (a dict lookup, not a match)."""
    found = _CHILDREN.get(type(expr))
    return found(expr) if found is not None else ()


def _if_children(e: If) -> tuple[Expr, ...]:
    return (*(x for pair in e.branches for x in pair), e.otherwise)


_CHILDREN: dict[type, Callable[[Any], tuple[Expr, ...]]] = {
    Call: lambda e: (*e.args, *e.kwargs.values()),
    Unary: lambda e: (e.operand,),
    IsNull: lambda e: (e.operand,),
    Binary: lambda e: (e.left, e.right),
    In: lambda e: (e.operand, *e.options),
    If: _if_children,
}


def walk(expr: Expr, in_aggregate: bool = False) -> Iterator[tuple[Expr, bool]]:
    """Every node with a flag telling whether an aggregate call encloses it."""
    yield expr, in_aggregate
    found = _CHILDREN.get(type(expr))
    if found is None:  # a literal or a name: most expressions end here
        return
    inner = in_aggregate or (
        isinstance(expr, Call) and expr.name in AGGREGATES and _is_child_path(expr)
    )
    for child in found(expr):
        yield from walk(child, inner)


def _is_child_path(call: Call) -> bool:
    """``sum(order_items.total)`` aggregates children; ``max(a, b)`` does not."""
    return len(call.args) == 1 and isinstance(call.args[0], Ref) and len(call.args[0].path) == 2


def refs(expr: Expr) -> Iterator[tuple[Ref, bool]]:
    for node, agg in walk(expr):
        if isinstance(node, Ref):
            yield node, agg
