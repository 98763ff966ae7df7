"""Decide, where it is simple, that a check cannot hold within the columns' ranges.

The decidable core: conjunctions of comparisons whose sides are numbers,
columns with literal min/max, and + - * / of those (interval arithmetic:
``price >= cost * 1.1`` cannot hold when price's max is below 1.1 × cost's
min). Anything else is assumed satisfiable (the engine re-draws rows and
reports if it never is). Float noise never turns a possible check into an
error: bounds are compared with a small tolerance in the check's favour.
"""

from __future__ import annotations

import math

from testdatagen.language.config.exprs import print_expr
from testdatagen.language.lower_values import number_of
from testdatagen.model import Binary, Ref, Table, Unary
from testdatagen.model.expr import Expr

__all__ = ["contradictions"]

_INF = math.inf
Interval = tuple[float, float]  # (low, high); ±inf where unbounded
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}
_ARITHMETIC = frozenset({"+", "-", "*", "/"})


def _conjuncts(expr: Expr) -> list[Expr]:
    if isinstance(expr, Binary) and expr.op == "and":
        return _conjuncts(expr.left) + _conjuncts(expr.right)
    return [expr]


def _column(table: Table, name: str) -> Interval:
    try:
        column = table.column(name)
    except KeyError:
        return (-_INF, _INF)
    if not column.type.is_numeric:
        return (-_INF, _INF)
    lo, hi = number_of(column.min), number_of(column.max)
    return (-_INF if lo is None else float(lo), _INF if hi is None else float(hi))


def _product(a: Interval, b: Interval) -> Interval:
    corners = [x * y for x in a for y in b if not (math.isinf(x) or math.isinf(y)) or (x and y)]
    if len(corners) < 4:  # 0 × ∞ somewhere: the product is not bounded that way
        return (-_INF, _INF)
    return (min(corners), max(corners))


def _quotient(a: Interval, b: Interval) -> Interval:
    low, high = b
    if low <= 0 <= high:  # the divisor may be zero: nothing can be said
        return (-_INF, _INF)
    return _product(a, (1 / high, 1 / low))


def _bounds(table: Table, e: Expr, columns: dict[str, Interval]) -> Interval | None:
    """The values ``e`` can take; records the columns it reads in ``columns``."""
    if isinstance(e, Ref) and len(e.path) == 1:
        columns[e.path[0]] = _column(table, e.path[0])
        return columns[e.path[0]]
    n = number_of(e)
    if n is not None:
        return (float(n), float(n))
    if isinstance(e, Unary) and e.op == "-":
        inner = _bounds(table, e.operand, columns)
        return None if inner is None else (-inner[1], -inner[0])
    if isinstance(e, Binary) and e.op in _ARITHMETIC:
        a, b = _bounds(table, e.left, columns), _bounds(table, e.right, columns)
        if a is None or b is None:
            return None
        if e.op == "+":
            return (a[0] + b[0], a[1] + b[1])
        if e.op == "-":
            return (a[0] - b[1], a[1] - b[0])
        return _product(a, b) if e.op == "*" else _quotient(a, b)
    return None


def _below(x: float, y: float) -> bool:
    """x < y by more than float noise (an infinite bound has no noise: inf - inf is nan)."""
    if math.isinf(x) or math.isinf(y):
        return x < y
    return x < y - 1e-9 * max(1.0, abs(y))


def _impossible(op: str, a: Interval, b: Interval) -> bool:
    """True when no a in ``a`` and b in ``b`` make ``a op b`` hold."""
    if op == ">":
        return not _below(b[0], a[1])
    if op == ">=":
        return _below(a[1], b[0])
    if op in ("<", "<="):
        return _impossible(_FLIP[op], b, a)
    if op == "=":
        return _impossible(">=", a, b) or _impossible("<=", a, b)
    return False


def _range(iv: Interval) -> str:
    parts = []
    if not math.isinf(iv[0]):
        parts.append(f"min {iv[0]:g}")
    if not math.isinf(iv[1]):
        parts.append(f"max {iv[1]:g}")
    return ", ".join(parts)


def _describe(e: Expr, iv: Interval, columns: dict[str, Interval]) -> str:
    """``100``, ``price (min 1, max 50)`` or ``cost * 1.1 (min 220; cost: min 200, max 300)``."""
    text = print_expr(e)
    if iv[0] == iv[1] and not columns:
        return text
    if isinstance(e, Ref):
        return f"{text} ({_range(iv)})"
    reads = "; ".join(f"{name}: {_range(r)}" for name, r in columns.items() if _range(r))
    return f"{text} ({_range(iv)}{'; ' + reads if reads else ''})"


def _unbounded(iv: Interval) -> bool:
    return math.isinf(iv[0]) and math.isinf(iv[1])


def contradictions(table: Table, expr: Expr) -> list[str]:
    """One sentence per comparison of ``expr``'s conjunction that can never hold."""
    found = []
    for c in _conjuncts(expr):
        if not isinstance(c, Binary) or c.op not in _FLIP:
            continue
        left_cols: dict[str, Interval] = {}
        right_cols: dict[str, Interval] = {}
        left = _bounds(table, c.left, left_cols)
        right = _bounds(table, c.right, right_cols)
        if left is None or right is None or _unbounded(left) or _unbounded(right):
            continue
        if _impossible(c.op, left, right):
            found.append(
                f"{print_expr(c.left)} {c.op} {print_expr(c.right)} is never true for "
                f"{_describe(c.left, left, left_cols)} and {_describe(c.right, right, right_cols)}"
            )
    return found
