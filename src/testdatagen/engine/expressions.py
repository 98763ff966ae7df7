"""A vectorized evaluator of model expressions over Arrow columns.

Each node evaluates to a whole column (``pa.Array``) or a broadcast scalar
(``pa.Scalar``) with SQL null semantics from Arrow compute. Decimals are read
as float64 and the column's own type is restored by the caller, which keeps
the arithmetic free of decimal precision growth. Handlers are found by node
kind and function name, not by long ``if`` chains.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Protocol, TypeAlias

import pyarrow as pa
import pyarrow.compute as pc

from testdatagen.engine.calendar import INTERVAL, month_interval, shift_months
from testdatagen.engine.functions import LIBRARY, TEMPORAL_FUNCTIONS, ArgumentError
from testdatagen.engine.rounding import round_array
from testdatagen.engine.values import EMPTY, FALSE, decimal_to_float, scalar
from testdatagen.errors import Diagnostic, GenerationError
from testdatagen.model.expr import Binary, Call, Expr, If, In, IsNull, Lit, Ref, Unary

__all__ = [
    "AGGREGATES",
    "ROW_FUNCTIONS",
    "Scope",
    "Value",
    "as_array",
    "children",
    "evaluate",
    "evaluate_exact",
    "refs",
]

Value: TypeAlias = pa.Array | pa.Scalar
AGGREGATES = frozenset({"sum", "count", "min", "max", "avg"})
#: Functions of a row's place among its parent's children (need a per-parent layout).
ROW_FUNCTIONS = frozenset({"child_index", "running_sum"})
TS = pa.timestamp("us")
_DURATION_US = {
    "weeks": 7 * 86_400_000_000,
    "days": 86_400_000_000,
    "hours": 3_600_000_000,
    "minutes": 60_000_000,
    "seconds": 1_000_000,
}


class Scope(Protocol):
    """What an expression can read: this row's columns, parents, children, the clock."""

    size: int
    now_us: int

    def column(self, name: str) -> pa.Array: ...

    def follow(self, key: str, parent_column: str) -> pa.Array: ...

    def aggregate(self, func: str, child_table: str, child_column: str | None) -> pa.Array: ...

    def is_child_table(self, name: str) -> bool: ...

    def child_index(self) -> pa.Array: ...

    def running_sum(self, arg: Expr) -> pa.Array: ...


def _fail(message: str, expr: Expr, hint: str | None = None) -> GenerationError:
    return GenerationError(
        [Diagnostic("TDG517", message, span=getattr(expr, "span", None), hint=hint)]
    )


def children(expr: Expr) -> list[Expr]:
    """Direct sub-expressions, in evaluation order."""
    match expr:
        case Call(args=args, kwargs=kwargs):
            return [*args, *kwargs.values()]
        case Unary(operand=o) | IsNull(operand=o):
            return [o]
        case Binary(left=left, right=right):
            return [left, right]
        case In(operand=o, options=opts):
            return [o, *opts]
        case If(branches=branches, otherwise=otherwise):
            return [*(e for pair in branches for e in pair), otherwise]
    return []


def refs(expr: Expr) -> list[Ref]:
    """Every path an expression reads (aggregate arguments included)."""
    if isinstance(expr, Ref):
        return [expr]
    return [r for child in children(expr) for r in refs(child)]


def _readable(value: pa.Array) -> pa.Array:
    if pa.types.is_decimal(value.type):
        return decimal_to_float(value)
    return value


def _lit(expr: Lit) -> pa.Scalar:
    if expr.unit == "percent":
        assert isinstance(expr.value, int | float)
        return scalar(expr.value / 100)
    return scalar(expr.value)


def _ref(expr: Ref, scope: Scope) -> Value:
    path = expr.path
    if len(path) == 1:
        return _readable(scope.column(path[0]))
    if len(path) == 2:
        return _readable(scope.follow(path[0], path[1]))
    raise _fail(f"'{expr}' follows more than one key; add a compute column on the parent", expr)


def _temporal_literal(text: str, like: pa.DataType) -> pa.Scalar:
    if pa.types.is_date(like):
        return scalar(date.fromisoformat(text[:10]), pa.date32())
    moment = datetime.fromisoformat(text)
    return scalar(moment.replace(tzinfo=None), TS)


def _align(a: Value, b: Value) -> tuple[Value, Value]:
    """Make temporal operands comparable: ISO strings parse, dates widen to timestamps."""
    ta, tb = a.type, b.type
    if pa.types.is_string(ta) and _is_temporal(tb) and isinstance(a, pa.Scalar):
        a = _temporal_literal(a.as_py(), tb)
    if pa.types.is_string(tb) and _is_temporal(ta) and isinstance(b, pa.Scalar):
        b = _temporal_literal(b.as_py(), ta)
    if _is_temporal(a.type) and _is_temporal(b.type) and a.type != b.type:
        a, b = a.cast(TS), b.cast(TS)
    return a, b


def _is_temporal(t: pa.DataType) -> bool:
    return bool(pa.types.is_timestamp(t) or pa.types.is_date(t))


def _strip_tz(value: Value) -> Value:
    if pa.types.is_timestamp(value.type) and value.type.tz is not None:
        return value.cast(TS)
    return value


_CMP = {
    "=": pc.equal,
    "!=": pc.not_equal,
    "<": pc.less,
    "<=": pc.less_equal,
    ">": pc.greater,
    ">=": pc.greater_equal,
}


def _arith(op: str, a: Value, b: Value) -> Value:
    if b.type == INTERVAL and op in ("+", "-") and _is_temporal(a.type):
        return shift_months(a, b, 1 if op == "+" else -1)
    if a.type == INTERVAL and op == "+" and _is_temporal(b.type):
        return shift_months(b, a, 1)
    if op == "+" and (pa.types.is_string(a.type) or pa.types.is_string(b.type)):
        return pc.binary_join_element_wise(a.cast(pa.string()), b.cast(pa.string()), EMPTY)
    if pa.types.is_date(a.type) and pa.types.is_duration(b.type):
        a = a.cast(TS)
    if op == "/" and pa.types.is_duration(a.type):
        return _divide_duration(a, b)
    if op == "/":
        return pc.divide(pc.cast(a, pa.float64()), pc.cast(b, pa.float64()))
    if op == "%":
        a, b = pc.cast(a, pa.float64()), pc.cast(b, pa.float64())
        return pc.subtract(a, pc.multiply(pc.floor(pc.divide(a, b)), b))
    fn = {"+": pc.add, "-": pc.subtract, "*": pc.multiply}[op]
    return fn(a, b)


def _divide_duration(a: Value, b: Value) -> Value:
    """``(ends - starts) / minutes(1)``: how many of one duration fit in another (a
    number, as in PostgreSQL's ``EXTRACT(EPOCH …) / 60``); a duration over a number
    is a duration."""
    micros = pc.cast(a.cast(pa.int64()), pa.float64())
    if pa.types.is_duration(b.type):
        return pc.divide(micros, pc.cast(b.cast(pa.int64()), pa.float64()))
    scaled = pc.round(pc.divide(micros, pc.cast(b, pa.float64())))
    return pc.cast(pc.cast(scaled, pa.int64()), pa.duration("us"))


#: Relative margin a strict comparison must clear inside a check (see ``_with_margin``).
STRICT_MARGIN = 1e-9


def _with_margin(op: str, a: Value, b: Value) -> tuple[Value, Value]:
    """Checks compare numbers read as float64, where 0.10 * 1.1 > 0.11 although the
    exact decimals are equal. A strict comparison in a check must therefore hold by a
    small relative margin, so a row a database would reject is re-drawn instead."""
    numeric = (pa.types.is_integer, pa.types.is_floating)
    if not (any(f(a.type) for f in numeric) and any(f(b.type) for f in numeric)):
        return a, b
    a, b = pc.cast(a, pa.float64()), pc.cast(b, pa.float64())
    tol = pc.multiply(pc.max_element_wise(pc.abs(a), pc.abs(b), scalar(1.0)), scalar(STRICT_MARGIN))
    return a, (pc.subtract(b, tol) if op == "<" else pc.add(b, tol))


def _is_shift(t: pa.DataType) -> bool:
    return bool(pa.types.is_duration(t) or t == INTERVAL)


def _date_operand(value: Value, other: Value, expr: Binary) -> Value:
    """``'2025-01-06 08:00' + minutes(30)``: an ISO text constant next to a duration
    is the moment it spells (not text to join), as it is in min:, max: and checks."""
    if not (pa.types.is_string(value.type) and _is_shift(other.type)):
        return value
    parsed = _iso_scalar(value) if isinstance(value, pa.Scalar) else value
    if pa.types.is_string(parsed.type):
        shown = f" {parsed.as_py()!r}" if isinstance(parsed, pa.Scalar) else ""
        raise _fail(
            f"cannot add a duration to the text{shown}: only a date or datetime moves "
            "by days(…), hours(…) or months(…)",
            expr,
            hint="write the date as ISO text such as '2024-01-31' or '2024-01-31 08:00', "
            "or use a date column",
        )
    return parsed


def _nearly_equal(a: Value, b: Value) -> Value | None:
    """Equality in a check where a side is a float: decimals are read as float64, so
    ``gross = net + tax`` over decimal(10,2) columns is exact in a database but
    0.1 + 0.2 != 0.3 here. Within a relative 1e-9 the values are the same decimal;
    None when no side is a float (exact comparison applies)."""
    numeric = (pa.types.is_integer, pa.types.is_floating)
    if not (any(f(a.type) for f in numeric) and any(f(b.type) for f in numeric)):
        return None
    if not (pa.types.is_floating(a.type) or pa.types.is_floating(b.type)):
        return None
    a, b = pc.cast(a, pa.float64()), pc.cast(b, pa.float64())
    tol = pc.multiply(pc.max_element_wise(pc.abs(a), pc.abs(b), scalar(1.0)), scalar(STRICT_MARGIN))
    result: Value = pc.less_equal(pc.abs(pc.subtract(a, b)), tol)
    return result


def _binary(expr: Binary, scope: Scope) -> Value:
    a, b = _strip_tz(evaluate(expr.left, scope)), _strip_tz(evaluate(expr.right, scope))
    if expr.op in ("+", "-"):
        a, b = _date_operand(a, b, expr), _date_operand(b, a, expr)
    if expr.op == "and":
        return pc.and_kleene(a, b)
    if expr.op == "or":
        return pc.or_kleene(a, b)
    if expr.op in _CMP:
        a, b = _align(a, b)
        if expr.op in ("<", ">") and getattr(scope, "strict_margin", False):
            a, b = _with_margin(expr.op, a, b)
        if expr.op in ("=", "!=", "<>") and getattr(scope, "strict_margin", False):
            close = _nearly_equal(a, b)
            if close is not None:
                return close if expr.op == "=" else pc.invert(close)
        return _CMP[expr.op](a, b)
    try:
        return _arith(expr.op, a, b)
    except (pa.ArrowNotImplementedError, pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise _fail(f"cannot apply '{expr.op}' to {a.type} and {b.type}: {exc}", expr) from None


def _if(expr: If, scope: Scope) -> Value:
    result = evaluate(expr.otherwise, scope)
    for cond, then in reversed(expr.branches):
        test = pc.fill_null(evaluate(cond, scope), FALSE)
        value = evaluate(then, scope)
        value, result = _common(value, result)
        result = pc.if_else(test, value, result)
    return result


def _common(a: Value, b: Value) -> tuple[Value, Value]:
    if a.type == b.type or pa.types.is_null(a.type) or pa.types.is_null(b.type):
        return a, b
    if pa.types.is_floating(a.type) or pa.types.is_floating(b.type):
        return a.cast(pa.float64()), b.cast(pa.float64())
    if pa.types.is_integer(a.type) and pa.types.is_integer(b.type):
        return a.cast(pa.int64()), b.cast(pa.int64())
    return _align(a, b)


def _in(expr: In, scope: Scope) -> Value:
    operand = evaluate(expr.operand, scope)
    options = [evaluate(o, scope) for o in expr.options]
    if all(isinstance(o, pa.Scalar) for o in options):
        value_set = pa.concat_arrays([pa.repeat(o, 1).cast(operand.type) for o in options])
        found = pc.is_in(operand, value_set=value_set)
    else:
        found = scalar(False)
        for option in options:
            found = pc.or_kleene(found, pc.equal(*_align(operand, option)))
    if isinstance(operand, pa.Array) and operand.null_count:
        found = pc.if_else(pc.is_null(operand), scalar(None, pa.bool_()), found)
    return pc.invert(found) if expr.negated else found


def _duration(name: str) -> Callable[[list[Value]], Value]:
    def make(args: list[Value]) -> Value:
        micros = pc.multiply(pc.cast(args[0], pa.float64()), scalar(float(_DURATION_US[name])))
        return pc.cast(pc.cast(pc.round(micros), pa.int64()), pa.duration("us"))

    return make


def _iso_literals(fn: Callable[[list[Value]], Value]) -> Callable[[list[Value]], Value]:
    """``year('2024-03-01')``: an ISO text constant reads as the date it spells."""

    def run(args: list[Value]) -> Value:
        return fn([_iso_scalar(a) for a in args])

    return run


def _iso_scalar(value: Value) -> Value:
    if isinstance(value, pa.Scalar) and pa.types.is_string(value.type) and value.is_valid:
        text = value.as_py()
        try:
            return _temporal_literal(text, pa.date32() if len(text) == 10 else TS)
        except ValueError:
            return value
    return value


def _extract(fn: Callable[[Value], Value]) -> Callable[[list[Value]], Value]:
    return _iso_literals(lambda args: fn(args[0]))


_FUNCTIONS: dict[str, Callable[[list[Value]], Value]] = {
    **{name: _duration(name) for name in _DURATION_US},
    "months": lambda args: month_interval(args[0], 1),
    "years": lambda args: month_interval(args[0], 12),
    "coalesce": lambda args: pc.coalesce(*_unify(args)),
    "lower": _extract(pc.utf8_lower),
    "upper": _extract(pc.utf8_upper),
    "length": _extract(pc.utf8_length),
    "abs": _extract(pc.abs),
    "year": _extract(pc.year),
    "month": _extract(pc.month),
    "day": _extract(pc.day),
    "date": lambda args: args[0].cast(TS).cast(pa.date32()),
    "concat": lambda args: pc.binary_join_element_wise(*[a.cast(pa.string()) for a in args], EMPTY),
    "round": lambda args: round_array(args[0], int(args[1].as_py()) if len(args) > 1 else 0),
    "floor": _extract(pc.floor),
    "ceil": _extract(pc.ceil),
    "least": lambda args: pc.min_element_wise(*_unify(args)),
    "greatest": lambda args: pc.max_element_wise(*_unify(args)),
    "nullif": lambda args: _nullif(*_common(args[0], args[1])),
    **LIBRARY,
    **{name: _iso_literals(fn) for name, fn in LIBRARY.items() if name in TEMPORAL_FUNCTIONS},
}


def _unify(args: list[Value]) -> list[Value]:
    """One type for ``least``/``greatest``/``coalesce`` arguments, which Arrow needs:
    ISO text constants next to dates read as dates, dates widen to timestamps next
    to timestamps, and integers widen to floats next to floats."""
    types = [a.type for a in args if not pa.types.is_null(a.type)]
    if len(set(types)) <= 1:
        return args
    target: pa.DataType | None = None
    temporal = [t for t in types if _is_temporal(t)]
    if temporal:
        target = pa.date32() if all(pa.types.is_date(t) for t in temporal) else TS
        args = [_iso_scalar(a) for a in args]
        if any(pa.types.is_timestamp(a.type) for a in args):
            target = TS
    elif all(pa.types.is_integer(t) or pa.types.is_floating(t) for t in types):
        target = pa.float64() if any(pa.types.is_floating(t) for t in types) else pa.int64()
    if target is None:
        return args
    return [
        a.cast(target) if _is_temporal(a.type) or not pa.types.is_string(a.type) else a
        for a in args
    ]


def _nullif(a: Value, b: Value) -> Value:
    same = pc.fill_null(pc.equal(a, b), FALSE)
    return pc.if_else(same, scalar(None, a.type), a)


def _over_rows(expr: Call, scope: Scope) -> Value | None:
    """``running_sum(x)`` or ``sum/min/max/avg/count(child.col)``: their exact result
    (a decimal sum is ``decimal128(38, s)``), or None for any other call."""
    if expr.name == "running_sum" and len(expr.args) == 1:
        return scope.running_sum(expr.args[0])
    if expr.name in AGGREGATES and len(expr.args) == 1 and isinstance(expr.args[0], Ref):
        path = expr.args[0].path
        if scope.is_child_table(path[0]):
            return scope.aggregate(expr.name, path[0], path[1] if len(path) > 1 else None)
    return None


def _call(expr: Call, scope: Scope) -> Value:
    name = expr.name
    if name == "now":
        return scalar(scope.now_us, TS)
    if name == "today":
        return scalar(scope.now_us // 86_400_000_000, pa.int32()).cast(pa.date32())
    if name == "child_index":
        return scope.child_index()
    reduced = _over_rows(expr, scope)
    if reduced is not None:
        # Read like a decimal column: Arrow refuses decimal128(38, s) + int64
        # (precision 39), and checks compare numbers as float64 with a margin.
        return _readable(reduced) if isinstance(reduced, pa.Array) else reduced
    if name in ("min", "max") and len(expr.args) > 1:
        name = "least" if name == "min" else "greatest"
    fn = _FUNCTIONS.get(name)
    if fn is None:
        raise _fail(f"unknown function '{expr.name}'", expr)
    args = [_strip_tz(evaluate(a, scope)) for a in expr.args]
    try:
        return fn(args)
    except ArgumentError as exc:
        raise _fail(str(exc), expr) from None
    except (pa.ArrowNotImplementedError, pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise _fail(f"{expr.name}(): {exc}", expr) from None


def _unary(expr: Unary, scope: Scope) -> Value:
    value = evaluate(expr.operand, scope)
    return pc.invert(value) if expr.op == "not" else pc.negate(value)


def _is_null(expr: IsNull, scope: Scope) -> Value:
    value = evaluate(expr.operand, scope)
    return pc.is_valid(value) if expr.negated else pc.is_null(value)


_HANDLERS: dict[type, Callable[[Expr, Scope], Value]] = {
    Lit: lambda e, s: _lit(e),  # type: ignore[arg-type]
    Ref: _ref,  # type: ignore[dict-item]
    Binary: _binary,  # type: ignore[dict-item]
    Unary: _unary,  # type: ignore[dict-item]
    IsNull: _is_null,  # type: ignore[dict-item]
    In: _in,  # type: ignore[dict-item]
    If: _if,  # type: ignore[dict-item]
    Call: _call,  # type: ignore[dict-item]
}


def evaluate(expr: Expr, scope: Scope) -> Value:
    """Evaluate ``expr`` for every row of ``scope`` (a scalar means: the same for all)."""
    return _HANDLERS[type(expr)](expr, scope)


def evaluate_exact(expr: Expr, scope: Scope) -> Value:
    """A compute column's value: a bare column, aggregate or running sum keeps its
    exact decimal, which the column's cast rescales without float64 (a
    ``decimal(38,10)`` total of 20 digits would keep only 15-16 of them); any
    other expression is evaluated as usual, decimals read as float64."""
    if isinstance(expr, Call):
        reduced = _over_rows(expr, scope)
        if reduced is not None:
            return reduced
    if isinstance(expr, Ref) and len(expr.path) == 1:
        return scope.column(expr.path[0])
    if isinstance(expr, Ref) and len(expr.path) == 2:
        return scope.follow(expr.path[0], expr.path[1])
    return evaluate(expr, scope)


def as_array(value: Value, size: int) -> pa.Array:
    """Broadcast a scalar result to a column of ``size`` rows."""
    if isinstance(value, pa.Scalar):
        if not value.is_valid:
            return pa.nulls(size, value.type)
        return (
            pa.repeat(value, size)
            if hasattr(pa, "repeat")
            else pa.array([value.as_py()] * size, value.type)
        )
    if isinstance(value, pa.ChunkedArray):
        return value.combine_chunks()
    return value
