"""Reading literal values out of expressions: numbers and distributions."""

from __future__ import annotations

from testdatagen.errors import DiagnosticSink, Span
from testdatagen.model import Distribution, Lit, Ref, Unary
from testdatagen.model.catalog import DISTRIBUTIONS, canonical_params
from testdatagen.model.expr import Expr

__all__ = ["fk_group", "lower_distribution", "number_of"]


def number_of(expr: object) -> int | float | None:
    """The value of a numeric literal (``-`` allowed), else None."""
    if isinstance(expr, Unary) and expr.op == "-":
        inner = number_of(expr.operand)
        return None if inner is None else -inner
    if (
        isinstance(expr, Lit)
        and isinstance(expr.value, int | float)
        and not isinstance(expr.value, bool)
    ):
        return expr.value
    return None


def lower_distribution(value: object, sink: DiagnosticSink, span: Span) -> Distribution | None:
    """``normal(mean: 38, sd: 12)``, ``normal(38, 12)`` or ``uniform``."""
    if isinstance(value, Ref) and len(value.path) == 1:
        return Distribution(name=value.path[0], span=value.span)
    call_name = getattr(value, "name", None)
    if not isinstance(call_name, str) or not hasattr(value, "kwargs"):
        sink.error("TDG206", "expected a distribution such as normal(mean: 10, sd: 2)", span)
        return None
    info = DISTRIBUTIONS.get(call_name)
    names = list(info.required) + list(info.optional) if info else []
    params: dict[str, float] = {}
    for i, arg in enumerate(getattr(value, "args", ())):
        key = names[i] if i < len(names) else f"_{i}"
        params[key] = _param(arg, sink, span)
    for key, arg in getattr(value, "kwargs", {}).items():
        params[key] = _param(arg, sink, span)
    params, problems = canonical_params(call_name, params)
    for problem in problems:
        sink.error("TDG106", problem, getattr(value, "span", span))
    return Distribution(name=call_name, params=params, span=getattr(value, "span", span))


def _param(arg: Expr, sink: DiagnosticSink, span: Span) -> float:
    n = number_of(arg)
    if n is None:
        sink.error("TDG206", "distribution parameters are numbers", getattr(arg, "span", span))
        return 0.0
    return float(n)


def fk_group(columns: tuple[str, ...]) -> str | None:
    """The model's name for a composite foreign key, the same from .tdg and config.

    A one-column key needs no group (it reads as a column's ``references``), so
    both forms lower it alike and a name given in a config is not part of the model.
    """
    return "fk_" + "_".join(columns) if len(columns) > 1 else None
