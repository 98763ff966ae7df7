"""Model expressions → SQLAlchemy expressions, for CHECK constraints.

Only row-local, deterministic expressions become SQL: a check that follows a
foreign key, aggregates children or calls ``now()`` cannot be a CHECK in any
database, so it raises ``Untranslatable`` and the DDL leaves it out with a note.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from testdatagen.model.expr import Binary, Call, Expr, If, In, IsNull, Lit, Ref, Unary

__all__ = ["Untranslatable", "to_sql"]

SqlExpr = ColumnElement[Any]

_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "%": operator.mod,
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "and": sa.and_,
    "or": sa.or_,
}
_FUNCS: dict[str, Callable[..., SqlExpr]] = {
    "abs": sa.func.abs,
    "lower": sa.func.lower,
    "upper": sa.func.upper,
    "length": sa.func.length,
    "round": sa.func.round,
    "coalesce": sa.func.coalesce,
}


class Untranslatable(Exception):
    """The expression has no row-local SQL equivalent; the message says why."""


def to_sql(expr: Expr, columns: frozenset[str]) -> SqlExpr:
    """Translate ``expr`` where bare names must be among ``columns`` of the same table."""
    handler = _HANDLERS.get(type(expr))
    if handler is None:  # pragma: no cover - the union is closed
        raise Untranslatable(f"unsupported expression node {type(expr).__name__}")
    return handler(expr, columns)


def _lit(expr: Any, columns: frozenset[str]) -> SqlExpr:
    assert isinstance(expr, Lit)
    value = expr.value
    if expr.unit == "percent" and isinstance(value, int | float):
        value = value / 100
    if value is None:
        return sa.null()
    return sa.literal(value)


def _ref(expr: Any, columns: frozenset[str]) -> SqlExpr:
    assert isinstance(expr, Ref)
    if len(expr.path) != 1:
        raise Untranslatable(f"'{expr}' reads another table")
    if expr.path[0] not in columns:
        raise Untranslatable(f"'{expr}' is not a column of this table")
    return sa.column(expr.path[0])


def _call(expr: Any, columns: frozenset[str]) -> SqlExpr:
    assert isinstance(expr, Call)
    func = _FUNCS.get(expr.name)
    if func is None or expr.kwargs:
        raise Untranslatable(f"function '{expr.name}()' has no portable SQL form")
    return func(*(to_sql(a, columns) for a in expr.args))


def _unary(expr: Any, columns: frozenset[str]) -> SqlExpr:
    assert isinstance(expr, Unary)
    operand = to_sql(expr.operand, columns)
    return sa.not_(operand) if expr.op == "not" else -operand


def _binary(expr: Any, columns: frozenset[str]) -> SqlExpr:
    assert isinstance(expr, Binary)
    left, right = to_sql(expr.left, columns), to_sql(expr.right, columns)
    result: SqlExpr = _BINARY[expr.op](left, right)
    return result.self_group() if expr.op in ("and", "or", "+", "-") else result


def _is_null(expr: Any, columns: frozenset[str]) -> SqlExpr:
    assert isinstance(expr, IsNull)
    operand = to_sql(expr.operand, columns)
    return operand.is_not(None) if expr.negated else operand.is_(None)


def _in(expr: Any, columns: frozenset[str]) -> SqlExpr:
    assert isinstance(expr, In)
    operand = to_sql(expr.operand, columns)
    options = [to_sql(o, columns) for o in expr.options]
    return operand.not_in(options) if expr.negated else operand.in_(options)


def _if(expr: Any, columns: frozenset[str]) -> SqlExpr:
    assert isinstance(expr, If)
    whens = [(to_sql(c, columns), to_sql(v, columns)) for c, v in expr.branches]
    return sa.case(*whens, else_=to_sql(expr.otherwise, columns))


_HANDLERS: dict[type, Callable[[Any, frozenset[str]], SqlExpr]] = {
    Lit: _lit,
    Ref: _ref,
    Call: _call,
    Unary: _unary,
    Binary: _binary,
    IsNull: _is_null,
    In: _in,
    If: _if,
}
