"""Constant folding for expressions that need no row data: params and row counts."""

from __future__ import annotations

import math
from collections.abc import Mapping

from testdatagen.errors import Diagnostic, InputError
from testdatagen.model.expr import Binary, Call, Expr, If, Lit, Ref, Scalar, Unary

__all__ = ["evaluate_constant", "resolve_params", "resolve_row_counts"]

_ARITH = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "%": lambda a, b: a % b,
}
_FUNCS = {
    "min": min,
    "max": max,
    "round": round,
    "ceil": math.ceil,
    "floor": math.floor,
    "abs": abs,
}


def _fail(message: str, expr: Expr, code: str = "TDG410") -> InputError:
    return InputError([Diagnostic(code, message, span=getattr(expr, "span", None))])


def evaluate_constant(expr: Expr, env: Mapping[str, Scalar]) -> Scalar:
    """Evaluate ``expr`` where names are params; anything row-dependent is an error."""
    match expr:
        case Lit(value=value, unit="percent"):
            assert isinstance(value, int | float)
            return value / 100
        case Lit(value=value):
            return value
        case Ref(path=(name,)) if name in env:
            return env[name]
        case Ref():
            raise _fail(f"unknown parameter '{expr}' in a constant expression", expr, "TDG411")
        case Unary(op="-", operand=operand):
            value = evaluate_constant(operand, env)
            if not isinstance(value, int | float):
                raise _fail("'-' needs a number", expr)
            return -value
        case Binary(op=op, left=left, right=right) if op in _ARITH:
            a, b = evaluate_constant(left, env), evaluate_constant(right, env)
            if not isinstance(a, int | float) or not isinstance(b, int | float):
                raise _fail(f"'{op}' needs numbers, got {a!r} and {b!r}", expr)
            return _ARITH[op](a, b)  # type: ignore[no-any-return]
        case Call(name=name, args=args) if name in _FUNCS:
            values = [evaluate_constant(a, env) for a in args]
            return _FUNCS[name](*values)  # type: ignore[no-any-return,operator]
        case If(branches=branches, otherwise=otherwise):
            for cond, then in branches:
                if evaluate_constant(cond, env):
                    return evaluate_constant(then, env)
            return evaluate_constant(otherwise, env)
    raise _fail("this expression needs row data; only numbers and params are allowed here", expr)


def resolve_params(
    declared: Mapping[str, Expr], overrides: Mapping[str, Scalar] | None = None
) -> dict[str, Scalar]:
    """Params in declaration order; each may use the ones before it; overrides win."""
    env: dict[str, Scalar] = {}
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - set(declared))
    if unknown:
        raise InputError(
            [
                Diagnostic(
                    "TDG411",
                    f"unknown parameter '{name}'",
                    hint=f"declared params: {', '.join(declared) or 'none'}",
                )
                for name in unknown
            ]
        )
    for name, expr in declared.items():
        env[name] = overrides[name] if name in overrides else evaluate_constant(expr, env)
    return env


def resolve_row_counts(rows: Mapping[str, Expr], params: Mapping[str, Scalar]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table, expr in rows.items():
        value = evaluate_constant(expr, params)
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise _fail(
                f"row count of '{table}' must be a non-negative number, got {value!r}", expr
            )
        if value != int(value):
            raise _fail(f"row count of '{table}' must be whole, got {value!r}", expr, "TDG413")
        counts[table] = int(value)
    return counts
