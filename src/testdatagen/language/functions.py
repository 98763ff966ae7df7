"""Functions an expression may call, with their arity: the names check reads this."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AGGREGATES", "FUNCTIONS", "FunctionInfo"]


@dataclass(frozen=True, slots=True)
class FunctionInfo:
    name: str
    summary: str
    min_args: int = 0
    max_args: int = 0


AGGREGATES = frozenset({"sum", "count", "avg", "min", "max"})

FUNCTIONS: dict[str, FunctionInfo] = {
    f.name: f
    for f in [
        FunctionInfo("now", "The run's reference time (fixed per seed)"),
        FunctionInfo("today", "The run's reference date"),
        FunctionInfo("seconds", "A duration of n seconds", 1, 1),
        FunctionInfo("minutes", "A duration of n minutes", 1, 1),
        FunctionInfo("hours", "A duration of n hours", 1, 1),
        FunctionInfo("days", "A duration of n days", 1, 1),
        FunctionInfo("weeks", "A duration of n weeks", 1, 1),
        FunctionInfo("months", "A duration of n months", 1, 1),
        FunctionInfo("years", "A duration of n years", 1, 1),
        FunctionInfo("sum", "Sum over a parent's children: sum(items.total)", 1, 1),
        FunctionInfo("count", "Number of a parent's children: count(items.id)", 1, 1),
        FunctionInfo("avg", "Mean over a parent's children", 1, 1),
        FunctionInfo("min", "Least of values, or over a parent's children", 1, 8),
        FunctionInfo("max", "Greatest of values, or over a parent's children", 1, 8),
        FunctionInfo("round", "Round to n decimals", 1, 2),
        FunctionInfo("floor", "Round down", 1, 1),
        FunctionInfo("ceil", "Round up", 1, 1),
        FunctionInfo("abs", "Absolute value", 1, 1),
        FunctionInfo("coalesce", "First non-NULL argument", 1, 8),
        FunctionInfo("concat", "Join strings", 1, 16),
        FunctionInfo("lower", "Lower-case text", 1, 1),
        FunctionInfo("upper", "Upper-case text", 1, 1),
        FunctionInfo("length", "Length of text", 1, 1),
        FunctionInfo("year", "Year of a date", 1, 1),
        FunctionInfo("date", "Date part of a datetime", 1, 1),
        FunctionInfo("child_index", "Position (0-based) among the parent's children (per_parent)"),
        FunctionInfo("running_sum", "Sum over earlier siblings and this row", 1, 1),
    ]
}
