"""What a translated CHECK tells one column: a list of allowed values, or a range.

``seg IN ('a', 'b')`` on its own becomes the column's ``choice`` (the check
is then implied and dropped); comparisons of a column with a number,
joined by ``and``, narrow the column's ``min``/``max`` so random values land
inside the check instead of being re-drawn. The check itself is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from testdatagen.model.expr import Binary, Expr, In, IsNull, Lit, Ref, Scalar
from testdatagen.model.types import DataType, TypeKind

__all__ = ["Bound", "bounds_of", "value_list"]

_FLIP: dict[str, str] = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "="}


@dataclass(frozen=True, slots=True)
class Bound:
    column: str
    low: float | None = None
    high: float | None = None


def value_list(expr: Expr) -> tuple[str, tuple[Scalar, ...]] | None:
    """``col IN (literals…)`` (also ``… OR col IS NULL``, which a choice implies as
    well) → (col, values); anything else → None."""
    if isinstance(expr, Binary) and expr.op == "or":
        for listed, other in ((expr.left, expr.right), (expr.right, expr.left)):
            if (
                isinstance(other, IsNull)
                and not other.negated
                and isinstance(listed, In)
                and other.operand == listed.operand
            ):
                return value_list(listed)
        return None
    if not isinstance(expr, In) or expr.negated or not isinstance(expr.operand, Ref):
        return None
    if len(expr.operand.path) != 1 or not all(isinstance(o, Lit) for o in expr.options):
        return None
    values = tuple(o.value for o in expr.options if isinstance(o, Lit) and o.value is not None)
    return (expr.operand.path[0], tuple(dict.fromkeys(values))) if values else None


def bounds_of(expr: Expr, types: dict[str, DataType]) -> list[Bound]:
    """Bounds from every ``col <op> number`` in a top-level conjunction."""
    if isinstance(expr, Binary) and expr.op == "and":
        return bounds_of(expr.left, types) + bounds_of(expr.right, types)
    if not isinstance(expr, Binary) or expr.op not in _FLIP:
        return []
    left, right, op = expr.left, expr.right, str(expr.op)
    if isinstance(left, Lit) and isinstance(right, Ref):
        left, right, op = right, left, _FLIP[op]
    if not (isinstance(left, Ref) and isinstance(right, Lit)) or len(left.path) != 1:
        return []
    value, dtype = right.value, types.get(left.path[0])
    if dtype is None or not dtype.is_numeric or not _is_number(value):
        return []
    assert isinstance(value, int | float)
    return [_bound(left.path[0], op, float(value), dtype)]


def _is_number(value: Scalar) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _bound(column: str, op: str, value: float, dtype: DataType) -> Bound:
    step = _step(dtype)
    if op == ">":
        return Bound(column, low=value + step)
    if op == ">=":
        return Bound(column, low=value)
    if op == "<":
        return Bound(column, high=value - step)
    if op == "<=":
        return Bound(column, high=value)
    return Bound(column, low=value, high=value)


def _step(dtype: DataType) -> float:
    """The smallest step of the type; floats get 0 and rely on the kept check."""
    if dtype.is_integer:
        return 1.0
    if dtype.kind is TypeKind.DECIMAL:
        return 10.0 ** -(dtype.scale or 0)
    return 0.0


def merge(bounds: list[Bound]) -> dict[str, Bound]:
    """The tightest range per column."""
    out: dict[str, Bound] = {}
    for b in bounds:
        old = out.get(b.column, Bound(b.column))
        low = max((v for v in (old.low, b.low) if v is not None), default=None)
        high = min((v for v in (old.high, b.high) if v is not None), default=None)
        out[b.column] = Bound(b.column, low, high)
    return out
