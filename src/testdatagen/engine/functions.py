"""Text, number and calendar functions of expressions, vectorized with Arrow compute.

Each takes its evaluated arguments (columns or broadcast scalars) and returns
a column or scalar, with SQL's NULL rule: a NULL argument gives NULL. Where
Arrow takes an argument as a kernel option (the text ``replace`` looks for,
``substr``'s start) it must be a constant; the checks say so before a run,
``ArgumentError`` is the safety net when a model skipped them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["LIBRARY", "TEMPORAL_FUNCTIONS", "ArgumentError"]

Value: TypeAlias = pa.Array | pa.Scalar
Function: TypeAlias = Callable[[list[Value]], Value]
TS = pa.timestamp("us")
_FINER_THAN_DAY = frozenset({"hour", "minute", "second"})


class ArgumentError(Exception):
    """An argument the kernel cannot take (a column where a constant is needed)."""


def _const(value: Value, what: str) -> object:
    if not isinstance(value, pa.Scalar):
        raise ArgumentError(f"{what} must be a constant, not a column")
    return value.as_py()


def _int_const(value: Value, what: str) -> int | None:
    found = _const(value, what)
    if found is None:
        return None
    if not isinstance(found, int | float) or isinstance(found, bool):
        raise ArgumentError(f"{what} must be a whole number")
    return int(found)


def _text_const(value: Value, what: str) -> str | None:
    found = _const(value, what)
    if found is not None and not isinstance(found, str):
        raise ArgumentError(f"{what} must be text")
    return found


def _nulls(like: Value, dtype: pa.DataType) -> Value:
    return pa.nulls(len(like), dtype) if isinstance(like, pa.Array) else pa.scalar(None, dtype)


def _as_text(value: Value) -> Value:
    return value if pa.types.is_string(value.type) else to_string(value)


def _slice(s: Value, start: int, stop: int | None) -> Value:
    return pc.utf8_slice_codeunits(s, start=start, stop=stop)


# -- text ---------------------------------------------------------------------


def to_string(value: Value) -> Value:
    """Text as a person writes it: ``42``, ``2.5``, ``2024-01-01 05:06:07``, ``true``."""
    t = value.type
    if pa.types.is_string(t):
        return value
    if pa.types.is_null(t):
        return value.cast(pa.string())
    text = value.cast(pa.string())
    if pa.types.is_timestamp(t):
        text = pc.replace_substring_regex(text, pattern=r"\.0+$", replacement="")
    return text


def _replace(args: list[Value]) -> Value:
    s = args[0]
    find = _text_const(args[1], "replace()'s text to find")
    to = _text_const(args[2], "replace()'s replacement")
    if find is None or to is None:
        return _nulls(s, pa.string())
    if not find:
        return s
    return pc.replace_substring(s, pattern=find, replacement=to)


def _substr(args: list[Value]) -> Value:
    s = args[0]
    start = _int_const(args[1], "substr()'s start")
    length = _int_const(args[2], "substr()'s length") if len(args) > 2 else None
    if start is None or (len(args) > 2 and length is None):
        return _nulls(s, pa.string())
    if length is not None and length < 0:
        return _slice(s, 0, 0)
    if start == 0 and length is not None:
        # SQL counts the positions before 1 toward the length: substr(s, 0, 3) is 2 characters.
        return _slice(s, 0, max(length - 1, 0))
    begin = start - 1 if start > 0 else start
    stop = None if length is None else begin + length
    if begin < 0 and stop is not None and stop >= 0:
        stop = None
    return _slice(s, begin, stop)


def _left(args: list[Value]) -> Value:
    n = _int_const(args[1], "left()'s count")
    return _nulls(args[0], pa.string()) if n is None else _slice(args[0], 0, n)


def _right(args: list[Value]) -> Value:
    n = _int_const(args[1], "right()'s count")
    if n is None:
        return _nulls(args[0], pa.string())
    return _slice(args[0], 0, 0) if n == 0 else _slice(args[0], -n, None)


def _trim(whitespace: Callable[[Value], Value], chars: Callable[..., Value], name: str) -> Function:
    def run(args: list[Value]) -> Value:
        if len(args) == 1:
            return whitespace(args[0])
        characters = _text_const(args[1], f"{name}()'s characters")
        if characters is None:
            return _nulls(args[0], pa.string())
        return chars(args[0], characters=characters)

    return run


def _pad(kernel: Callable[..., Value], name: str) -> Function:
    def run(args: list[Value]) -> Value:
        s = _as_text(args[0])
        width = _int_const(args[1], f"{name}()'s length")
        fill = _text_const(args[2], f"{name}()'s fill") if len(args) > 2 else " "
        if width is None or fill is None:
            return _nulls(s, pa.string())
        if len(fill) != 1:
            raise ArgumentError(f"{name}()'s fill must be one character, got {fill!r}")
        width = max(width, 0)
        return _slice(kernel(s, width=width, padding=fill), 0, width)

    return run


#: Letters NFKD does not split into a base letter and a mark, spelled the usual way.
_LATIN_LETTERS = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "đ": "d",
    "ł": "l",
    "þ": "th",
    "ð": "d",
}


def _slugify(args: list[Value]) -> Value:
    """Accents go (NFKD, then combining marks dropped), runs of other characters become
    one '-', and no '-' is left at either end: 'Crème Brûlée!' → 'creme-brulee'."""
    s = pc.utf8_lower(args[0])
    if not pc.all(pc.string_is_ascii(s)).as_py():
        s = pc.replace_substring_regex(
            pc.utf8_normalize(s, form="NFKD"), pattern=r"\pM+", replacement=""
        )
        for letter, spelled in _LATIN_LETTERS.items():
            s = pc.replace_substring(s, pattern=letter, replacement=spelled)
    s = pc.replace_substring_regex(s, pattern=r"[^a-z0-9]+", replacement="-")
    return pc.utf8_trim(s, characters="-")


def _affix(kernel: Callable[..., Value], name: str) -> Function:
    def run(args: list[Value]) -> Value:
        part = _text_const(args[1], f"{name}()'s text")
        if part is None:
            return _nulls(args[0], pa.bool_())
        return kernel(args[0], pattern=part)

    return run


# -- numbers ------------------------------------------------------------------


def _finite(value: Value) -> Value:
    """NaN and ±inf become NULL: a database column cannot hold them, a SQL engine
    would have raised or returned NULL."""
    return pc.if_else(pc.is_finite(value), value, pa.scalar(None, value.type))


def _float(value: Value) -> Value:
    return pc.cast(value, pa.float64())


def _mod(args: list[Value]) -> Value:
    a, b = args
    whole = pa.types.is_integer(a.type) and pa.types.is_integer(b.type)
    if whole:
        a, b = pc.cast(a, pa.int64()), pc.cast(b, pa.int64())
        b = pc.if_else(pc.equal(b, 0), pa.scalar(None, pa.int64()), b)
        return pc.subtract(a, pc.multiply(pc.divide(a, b), b))
    a, b = _float(a), _float(b)
    b = pc.if_else(pc.equal(b, 0.0), pa.scalar(None, pa.float64()), b)
    return _finite(pc.subtract(a, pc.multiply(pc.trunc(pc.divide(a, b)), b)))


def _numeric(kernel: Callable[..., Value]) -> Function:
    return lambda args: _finite(kernel(*(_float(a) for a in args)))


# -- dates and times ----------------------------------------------------------


def _as_timestamp(value: Value) -> Value:
    return value.cast(TS) if pa.types.is_date(value.type) else value


def _weekday(args: list[Value]) -> Value:
    return pc.day_of_week(args[0], count_from_zero=False, week_start=1)


def _date_trunc(args: list[Value]) -> Value:
    unit = _text_const(args[0], "date_trunc()'s unit")
    value = args[1]
    if unit is None:
        return _nulls(value, value.type)
    unit = unit.lower()
    if pa.types.is_date(value.type) and unit in _FINER_THAN_DAY:
        return value
    return pc.floor_temporal(value, unit=unit, week_starts_monday=True)


LIBRARY: dict[str, Function] = {
    "to_string": lambda args: to_string(args[0]),
    "replace": _replace,
    "substr": _substr,
    "substring": _substr,
    "left": _left,
    "right": _right,
    "trim": _trim(pc.utf8_trim_whitespace, pc.utf8_trim, "trim"),
    "ltrim": _trim(pc.utf8_ltrim_whitespace, pc.utf8_ltrim, "ltrim"),
    "rtrim": _trim(pc.utf8_rtrim_whitespace, pc.utf8_rtrim, "rtrim"),
    "lpad": _pad(pc.utf8_lpad, "lpad"),
    "rpad": _pad(pc.utf8_rpad, "rpad"),
    "slugify": _slugify,
    "starts_with": _affix(pc.starts_with, "starts_with"),
    "ends_with": _affix(pc.ends_with, "ends_with"),
    "contains": _affix(pc.match_substring, "contains"),
    "mod": _mod,
    "power": _numeric(pc.power),
    "pow": _numeric(pc.power),
    "sqrt": _numeric(pc.sqrt),
    "ln": _numeric(pc.ln),
    "exp": _numeric(pc.exp),
    "hour": lambda args: pc.hour(_as_timestamp(args[0])),
    "minute": lambda args: pc.minute(_as_timestamp(args[0])),
    "weekday": _weekday,
    "date_trunc": _date_trunc,
}

#: Functions of a date or datetime: an ISO text constant is read as one (the evaluator).
TEMPORAL_FUNCTIONS = frozenset({"hour", "minute", "weekday", "date_trunc"})
