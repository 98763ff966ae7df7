"""Model generators → config rules: the inverse of ``lower_rules``.

Every rule produced here lowers back to the same generator; constructs with no
rule of their own (a compute that is not a plain prefix/suffix) become a
``compute`` rule holding the expression as text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from testdatagen.language.config.exprs import print_expr
from testdatagen.model.expr import Expr, Lit, Unary
from testdatagen.model.schema import (
    ChoiceGen,
    Column,
    ComputeGen,
    Distribution,
    FormatGen,
    IntRange,
    LlmGen,
    PatternGen,
    RandomGen,
    ReferenceGen,
    SequentialGen,
)
from testdatagen.model.types import TypeKind

__all__ = ["lift_distribution", "lift_per_parent", "lift_rule", "lift_value", "plain_numbers"]

Json = dict[str, Any]


def plain_numbers(values: tuple[float, ...]) -> list[int | float]:
    """``6.0`` → ``6``: weights read the same either way, and people write whole numbers."""
    return [int(v) if float(v).is_integer() else v for v in values]


def lift_distribution(dist: Distribution) -> str:
    if not dist.params:
        return dist.name
    args = ", ".join(f"{k}: {print_expr(Lit(value=v))}" for k, v in dist.params.items())
    return f"{dist.name}({args})"


def lift_per_parent(value: IntRange | Distribution) -> str:
    if isinstance(value, IntRange):
        return f"{value.low}..{value.high}"
    return lift_distribution(value)


def lift_value(expr: Expr) -> Any:
    """A plain literal as itself; anything else as ``{expr: …}``."""
    match expr:
        case Lit(value=value, unit=None):
            return value
        case Unary(op="-", operand=Lit(value=value, unit=None)) if isinstance(value, int | float):
            if not isinstance(value, bool) and value > 0:
                return -value
    return {"expr": print_expr(expr)}


def _bound(expr: Expr, temporal: bool) -> Any:
    if isinstance(expr, Lit) and isinstance(expr.value, str) and expr.unit is None:
        if not temporal:
            return expr.value
        try:
            dt.datetime.fromisoformat(expr.value)
        except ValueError:
            return {"expr": print_expr(expr)}
        return expr.value
    return lift_value(expr)


def _random(column: Column) -> Json | None:
    if column.min is None and column.max is None and column.distribution is None:
        return {"type": "uuid"} if column.type.kind is TypeKind.UUID else None
    temporal = column.type.is_temporal
    rule: Json = {"type": "date_range" if temporal else "range"}
    if column.min is not None:
        rule["min"] = _bound(column.min, temporal)
    if column.max is not None:
        rule["max"] = _bound(column.max, temporal)
    if column.distribution is not None:
        rule["distribution"] = lift_distribution(column.distribution)
    return rule


def _choice(gen: ChoiceGen) -> Json:
    rule: Json = {"type": "choice", "values": list(gen.values)}
    if gen.weights is not None and set(gen.weights) != {1.0}:
        rule["weights"] = plain_numbers(gen.weights)
    return rule


def _sequence(gen: SequentialGen) -> Json:
    rule: Json = {"type": "sequence"}
    rule |= {k: v for k, v in (("start", gen.start), ("step", gen.step)) if v != 1}
    return rule


def _compute(gen: ComputeGen) -> Json:
    return {"type": "compute", "expr": print_expr(gen.expr)}


def _foreign_key(gen: ReferenceGen) -> Json:
    rule: Json = {"type": "foreign_key", "table": gen.table, "column": gen.column}
    if gen.distribution is not None:
        rule["distribution"] = lift_distribution(gen.distribution)
    if gen.per_parent is not None:
        rule["per_parent"] = lift_per_parent(gen.per_parent)
    return rule


def _format(gen: FormatGen) -> Json:
    return {"type": gen.name, **({"params": dict(gen.params)} if gen.params else {})}


def _llm(gen: LlmGen) -> Json:
    rule: Json = {"type": "llm", "prompt": gen.prompt}
    for key in ("model", "endpoint", "max_cost_usd", "cache"):
        if getattr(gen, key) is not None:
            rule[key] = getattr(gen, key)
    if gen.fallback is not None:
        rule["fallback"] = _generator(gen.fallback)
    return rule


def _generator(gen: Any) -> Json:
    match gen:
        case ChoiceGen():
            return _choice(gen)
        case SequentialGen():
            return _sequence(gen)
        case FormatGen():
            return _format(gen)
        case PatternGen(regex=regex):
            return {"type": "regex", "pattern": regex}
        case ComputeGen():
            return _compute(gen)
        case ReferenceGen():
            return _foreign_key(gen)
        case LlmGen():
            return _llm(gen)
    raise TypeError(f"no rule for {gen!r}")


def lift_rule(column: Column) -> Json | None:
    """The column's rule, or None when the column needs none (random, enum, grouped key)."""
    if isinstance(column.generator, RandomGen):
        rule = _random(column)
    else:
        rule = _generator(column.generator)
    return _affixed(rule, column.options)


#: Column options that the config form writes as prefix/suffix rules instead.
AFFIX_OPTIONS = ("prefix", "suffix")


def _affixed(rule: Json | None, options: dict[str, Any]) -> Json | None:
    """``options["prefix"/"suffix"]`` around a sequence or format, as nested rules."""
    if rule is None:
        return None
    suffix, prefix = options.get("suffix"), options.get("prefix")
    if isinstance(suffix, str):
        rule = {"type": "suffix", "value": suffix, "rule": rule}
    if isinstance(prefix, str):
        rule = {"type": "prefix", "value": prefix, "rule": rule}
    return rule
