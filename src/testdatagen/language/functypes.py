"""Kinds of expression values, inferred bottom-up, so a call's arguments can be checked.

``upper(year(placed_at))`` or ``replace(title, ' ', 0)`` would fail mid-run in
Arrow; here they fail before it, with the function's signature as the hint.
Inference is deliberately partial: where a kind is not known (an unknown
column, a parameter) nothing is reported, so the check never blocks a model
the engine could run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from testdatagen.errors import Span
from testdatagen.language.functions import (
    DATE_TRUNC_UNITS,
    FUNCTIONS,
    FunctionInfo,
    function_info,
)
from testdatagen.language.suggest import closest
from testdatagen.model import Binary, Call, If, In, IsNull, Lit, Ref, Unary
from testdatagen.model.expr import Expr
from testdatagen.model.types import TypeKind

__all__ = [
    "ArgumentProblem",
    "argument_problems",
    "call_problems",
    "infer",
    "kind_of_type",
    "signature",
]

#: What a column reference's kind is, or None when unknown.
Resolve = Callable[[Ref], str | None]

_KIND_OF_TYPE: dict[TypeKind, str] = {
    TypeKind.INTEGER: "integer",
    TypeKind.BIGINT: "integer",
    TypeKind.DECIMAL: "number",
    TypeKind.FLOAT: "number",
    TypeKind.STRING: "text",
    TypeKind.TEXT: "text",
    TypeKind.ENUM: "text",
    TypeKind.UUID: "text",
    TypeKind.BOOLEAN: "boolean",
    TypeKind.DATE: "date",
    TypeKind.DATETIME: "datetime",
}

#: Which value kinds each parameter kind accepts.
_ACCEPTS: dict[str, frozenset[str]] = {
    "text": frozenset({"text"}),
    "number": frozenset({"number", "integer"}),
    "integer": frozenset({"number", "integer"}),
    "boolean": frozenset({"boolean"}),
    "temporal": frozenset({"date", "datetime"}),
    "date": frozenset({"date", "datetime"}),
    "datetime": frozenset({"date", "datetime"}),
}

_COMPARISONS = frozenset({"=", "!=", "<", "<=", ">", ">=", "and", "or"})
_ROW_DEPENDENT_CALLS = frozenset({"child_index", "running_sum"})


@dataclass(frozen=True, slots=True)
class ArgumentProblem:
    message: str
    span: Span | None
    hint: str


def kind_of_type(kind: TypeKind) -> str | None:
    return _KIND_OF_TYPE.get(kind)


def signature(info: FunctionInfo) -> str:
    """``substr(text, integer[, integer]) → text``, for hints and the reference page."""
    shown = [info.param(i) for i in range(info.max_args)]
    required, optional = shown[: info.min_args], shown[info.min_args :]
    if info.max_args > 3 and info.params and len(set(shown)) == 1:
        body = f"{shown[0]}, …"
    elif info.max_args > 3:
        body = "value, …"
    else:
        body = ", ".join(required)
        for kind in optional:
            body += f"[, {kind}]" if body else f"[{kind}]"
    result = info.result
    if result.startswith("same"):
        index = int(result.split(":")[1]) if ":" in result else 0
        result = info.param(index) if info.params else "same as the argument"
    elif result == "common":
        result = info.param(0) if info.params else "same as the arguments"
    return f"{info.name}({body}) → {result}"


def _join(kinds: list[str | None]) -> str | None:
    known = {k for k in kinds if k is not None}
    if known <= {"integer", "number"} and "number" in known:
        return "number"
    return known.pop() if len(known) == 1 else None


def _call_kind(call: Call, resolve: Resolve) -> str | None:
    info = function_info(call.name)
    if info is None:
        return None
    result = info.result
    if result == "same":
        return infer(call.args[0], resolve) if call.args else None
    if result.startswith("same:"):
        index = int(result.split(":")[1])
        return infer(call.args[index], resolve) if len(call.args) > index else None
    if result == "common":
        return _join([infer(a, resolve) for a in call.args])
    return None if result == "any" else result


def _binary_kind(expr: Binary, resolve: Resolve) -> str | None:
    if expr.op in _COMPARISONS:
        return "boolean"
    a, b = infer(expr.left, resolve), infer(expr.right, resolve)
    if expr.op == "+" and "text" in (a, b):
        return "text"
    if expr.op == "/":
        return "number"
    temporal = {"date", "datetime"}
    if a in temporal and b in temporal and expr.op == "-":
        return "duration"
    if a in temporal and b == "duration":
        return "datetime"
    if a == "duration" and b in temporal:
        return "datetime"
    return _join([a, b]) if {a, b} <= {"integer", "number"} else None


def _lit_kind(expr: Lit) -> str | None:
    value = expr.value
    if expr.unit == "percent":
        return "number"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "text"
    return None


def infer(expr: Expr, resolve: Resolve) -> str | None:
    """The kind of value ``expr`` evaluates to, or None when it cannot be told."""
    if isinstance(expr, Lit):
        return _lit_kind(expr)
    if isinstance(expr, Ref):
        return resolve(expr)
    if isinstance(expr, Call):
        return _call_kind(expr, resolve)
    if isinstance(expr, Binary):
        return _binary_kind(expr, resolve)
    if isinstance(expr, Unary):
        return "boolean" if expr.op == "not" else infer(expr.operand, resolve)
    if isinstance(expr, IsNull | In):
        return "boolean"
    if isinstance(expr, If):
        return _join(
            [*(infer(then, resolve) for _, then in expr.branches), infer(expr.otherwise, resolve)]
        )
    return None


def _children(expr: Expr) -> tuple[Expr, ...]:
    if isinstance(expr, Call):
        return (*expr.args, *expr.kwargs.values())
    if isinstance(expr, Unary | IsNull):
        return (expr.operand,)
    if isinstance(expr, Binary):
        return (expr.left, expr.right)
    if isinstance(expr, In):
        return (expr.operand, *expr.options)
    if isinstance(expr, If):
        return (*(x for pair in expr.branches for x in pair), expr.otherwise)
    return ()


def _nodes(expr: Expr) -> Iterator[Expr]:
    yield expr
    for child in _children(expr):
        yield from _nodes(child)


def _is_constant(expr: Expr) -> bool:
    if isinstance(expr, Ref):
        return False
    if isinstance(expr, Call) and expr.name in _ROW_DEPENDENT_CALLS:
        return False
    return all(_is_constant(c) for c in _children(expr))


def _literal_rule(call: Call, info: FunctionInfo, index: int, arg: Expr) -> str | None:
    """Values a constant argument may take, where the kernel is stricter than its kind."""
    if not isinstance(arg, Lit) or not isinstance(arg.value, str):
        return None
    if info.name in ("lpad", "rpad") and index == 2 and len(arg.value) != 1:
        return f"{call.name}()'s fill must be one character, got '{arg.value}'"
    if info.name == "date_trunc" and index == 0 and arg.value.lower() not in DATE_TRUNC_UNITS:
        return f"date_trunc() has no unit '{arg.value}'; units: {', '.join(DATE_TRUNC_UNITS)}"
    return None


def call_problems(call: Call, resolve: Resolve) -> Iterator[ArgumentProblem]:
    """Every argument of ``call`` that does not fit, when the name and arity are right
    (those errors are the names check's). The signature is built only for a problem."""
    info = function_info(call.name)
    if info is None or call.kwargs or not info.min_args <= len(call.args) <= info.max_args:
        return
    if not info.params and not info.constant:
        return  # concat, coalesce, now(): any argument goes
    for index, arg in enumerate(call.args):
        message = _problem(call, info, index, arg, resolve)
        if message is not None:
            yield ArgumentProblem(message, getattr(arg, "span", None) or call.span, signature(info))


def _problem(call: Call, info: FunctionInfo, index: int, arg: Expr, resolve: Resolve) -> str | None:
    if index in info.constant and not _is_constant(arg):
        return f"argument {index + 1} of {call.name}() must be a constant, not a column"
    rule = _literal_rule(call, info, index, arg)
    if rule is not None:
        return rule
    accepted = _ACCEPTS.get(info.param(index))
    if accepted is None:
        return None
    kind = infer(arg, resolve)
    if kind is None or kind in accepted or (kind == "text" and _iso_temporal(arg, accepted)):
        return None
    other = _alternative(call, info, [infer(a, resolve) for a in call.args])
    return f"argument {index + 1} of {call.name}() is {kind}, expected {info.param(index)}" + (
        f" — did you mean {other}()?" if other else ""
    )


def _iso_temporal(arg: Expr, accepted: frozenset[str]) -> bool:
    """``year('2024-03-01')``: an ISO text constant stands for the date it spells."""
    if "date" not in accepted or not isinstance(arg, Lit) or not isinstance(arg.value, str):
        return False
    try:
        dt.datetime.fromisoformat(arg.value)
    except ValueError:
        return False
    return True


def _fits(info: FunctionInfo, kinds: list[str | None]) -> bool:
    if not info.min_args <= len(kinds) <= info.max_args:
        return False
    for index, kind in enumerate(kinds):
        accepted = _ACCEPTS.get(info.param(index))
        if accepted is not None and kind is not None and kind not in accepted:
            return False
    return True


def _alternative(call: Call, info: FunctionInfo, kinds: list[str | None]) -> str | None:
    """``day(3)`` was most likely ``days(3)``: a close name whose signature fits."""
    names = [n for n in FUNCTIONS if n != info.name and _fits(FUNCTIONS[n], kinds)]
    return closest(call.name, names)


def argument_problems(expr: Expr, resolve: Resolve) -> Iterator[ArgumentProblem]:
    """Every misfit argument of every call in ``expr``."""
    for node in _nodes(expr):
        if isinstance(node, Call):
            yield from call_problems(node, resolve)
