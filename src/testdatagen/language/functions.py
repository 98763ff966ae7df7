"""Functions an expression may call: arity, argument kinds and result kind.

The names check reads the arity, the argument-type check (``functypes``) the
kinds, the reference page all of it. The engine's evaluator implements every
name here (a test enforces it), so the three cannot drift apart.

Kinds are coarse on purpose: ``text``, ``number`` (``integer`` is a number),
``boolean``, ``date``, ``datetime``, ``temporal`` (a date or datetime),
``duration`` and ``any``. A result of ``same`` takes the kind of the
first argument (``abs``), ``same:N`` that of argument N, ``common`` the kind
all arguments share (``coalesce``, ``least``).
"""

from __future__ import annotations

from dataclasses import dataclass

from testdatagen.language.suggest import closest

__all__ = [
    "AGGREGATES",
    "DATE_TRUNC_UNITS",
    "FUNCTIONS",
    "FUNCTION_ALIASES",
    "FUNCTION_SUGGESTIONS",
    "FunctionInfo",
    "function_info",
    "known_function_names",
    "suggest_function",
]


@dataclass(frozen=True, slots=True)
class FunctionInfo:
    name: str
    summary: str
    min_args: int = 0
    max_args: int = 0
    #: Kind of each positional argument; the last one repeats for variadic functions.
    params: tuple[str, ...] = ()
    result: str = "any"
    #: Positions whose argument must be a literal (Arrow takes them as options, not columns).
    constant: tuple[int, ...] = ()
    #: Other spellings accepted as the same function.
    also: tuple[str, ...] = ()

    def param(self, index: int) -> str:
        """The kind argument ``index`` must have (``any`` when unconstrained)."""
        if not self.params:
            return "any"
        return self.params[min(index, len(self.params) - 1)]


AGGREGATES = frozenset({"sum", "count", "avg", "min", "max"})

#: Units ``date_trunc`` accepts, in the order the reference lists them.
DATE_TRUNC_UNITS = ("year", "quarter", "month", "week", "day", "hour", "minute", "second")

_T, _N, _I, _B = "text", "number", "integer", "boolean"
_TEMP = "temporal"

FUNCTIONS: dict[str, FunctionInfo] = {
    f.name: f
    for f in [
        # clock and durations
        FunctionInfo(
            "now",
            "The run's reference time: the generate block's now: (or --now), else today 00:00 UTC",
            result="datetime",
        ),
        FunctionInfo("today", "The date of now()", result="date"),
        FunctionInfo("seconds", "A duration of n seconds", 1, 1, (_N,), "duration"),
        FunctionInfo("minutes", "A duration of n minutes", 1, 1, (_N,), "duration"),
        FunctionInfo("hours", "A duration of n hours", 1, 1, (_N,), "duration"),
        FunctionInfo("days", "A duration of n days", 1, 1, (_N,), "duration"),
        FunctionInfo("weeks", "A duration of n weeks", 1, 1, (_N,), "duration"),
        FunctionInfo("months", "A duration of n months", 1, 1, (_N,), "duration"),
        FunctionInfo("years", "A duration of n years", 1, 1, (_N,), "duration"),
        # aggregates (over a parent's children) and their row-wise forms
        FunctionInfo("sum", "Sum over a parent's children: sum(items.total)", 1, 1, result="same"),
        FunctionInfo("count", "Number of a parent's children: count(items.id)", 1, 1, result=_I),
        FunctionInfo("avg", "Mean over a parent's children", 1, 1, result=_N),
        FunctionInfo("min", "Least of values, or over a parent's children", 1, 8, result="common"),
        FunctionInfo(
            "max", "Greatest of values, or over a parent's children", 1, 8, result="common"
        ),
        FunctionInfo(
            "least", "Least of values; NULLs are skipped (as in PostgreSQL)", 1, 16, result="common"
        ),
        FunctionInfo(
            "greatest",
            "Greatest of values; NULLs are skipped (as in PostgreSQL)",
            1,
            16,
            result="common",
        ),
        FunctionInfo("coalesce", "First non-NULL argument", 1, 8, result="common"),
        FunctionInfo("nullif", "NULL where a = b, else a: nullif(a, b)", 2, 2, result="same"),
        # numbers
        FunctionInfo("round", "Round to n decimals", 1, 2, (_N, _I), "same", constant=(1,)),
        FunctionInfo("floor", "Round down", 1, 1, (_N,), "same"),
        FunctionInfo("ceil", "Round up", 1, 1, (_N,), "same"),
        FunctionInfo("abs", "Absolute value", 1, 1, (_N,), "same"),
        FunctionInfo(
            "mod",
            "Remainder of a / b with the sign of a, as SQL's MOD (a % b takes b's sign); "
            "NULL when b = 0",
            2,
            2,
            (_N, _N),
            "common",
        ),
        FunctionInfo("power", "a raised to the power b", 2, 2, (_N, _N), _N, also=("pow",)),
        FunctionInfo("sqrt", "Square root; NULL below 0", 1, 1, (_N,), _N),
        FunctionInfo("ln", "Natural logarithm; NULL at or below 0", 1, 1, (_N,), _N),
        FunctionInfo("exp", "e raised to the power x", 1, 1, (_N,), _N),
        # text
        FunctionInfo("concat", "Join values as text", 1, 16, result=_T),
        FunctionInfo(
            "to_string",
            "Any value as text: 42 → '42', 12.50 → '12.5', dates as ISO 8601, true → 'true'",
            1,
            1,
            result=_T,
        ),
        FunctionInfo("lower", "Lower-case text", 1, 1, (_T,), _T),
        FunctionInfo("upper", "Upper-case text", 1, 1, (_T,), _T),
        FunctionInfo("length", "Length of text in characters", 1, 1, (_T,), _I),
        FunctionInfo(
            "replace",
            "Every occurrence of a text replaced: replace(s, ' ', '-')",
            3,
            3,
            (_T, _T, _T),
            _T,
            constant=(1, 2),
        ),
        FunctionInfo(
            "substr",
            "Part of text, 1-based as in SQL: substr(s, start[, length]); "
            "a negative start counts from the end",
            2,
            3,
            (_T, _I, _I),
            _T,
            constant=(1, 2),
            also=("substring",),
        ),
        FunctionInfo("left", "The first n characters: left(s, n)", 2, 2, (_T, _I), _T, (1,)),
        FunctionInfo("right", "The last n characters: right(s, n)", 2, 2, (_T, _I), _T, (1,)),
        FunctionInfo(
            "trim",
            "Text without leading and trailing whitespace, or the given characters: trim(s, '-')",
            1,
            2,
            (_T, _T),
            _T,
            constant=(1,),
        ),
        FunctionInfo(
            "ltrim", "Text without leading whitespace (or characters)", 1, 2, (_T, _T), _T, (1,)
        ),
        FunctionInfo(
            "rtrim", "Text without trailing whitespace (or characters)", 1, 2, (_T, _T), _T, (1,)
        ),
        FunctionInfo(
            "lpad",
            "Text padded on the left to n characters, cut to n if longer: lpad(id, 6, '0')",
            2,
            3,
            ("any", _I, _T),
            _T,
            constant=(1, 2),
        ),
        FunctionInfo(
            "rpad",
            "Text padded on the right to n characters, cut to n if longer",
            2,
            3,
            ("any", _I, _T),
            _T,
            constant=(1, 2),
        ),
        FunctionInfo(
            "slugify",
            "URL slug: accents dropped, lower case, other characters → '-'",
            1,
            1,
            (_T,),
            _T,
        ),
        FunctionInfo("starts_with", "Whether text begins with a prefix", 2, 2, (_T, _T), _B, (1,)),
        FunctionInfo("ends_with", "Whether text ends with a suffix", 2, 2, (_T, _T), _B, (1,)),
        FunctionInfo("contains", "Whether text contains a part", 2, 2, (_T, _T), _B, (1,)),
        # dates and times
        FunctionInfo("year", "Year of a date", 1, 1, (_TEMP,), _I),
        FunctionInfo("month", "Month of a date, 1..12", 1, 1, (_TEMP,), _I),
        FunctionInfo("day", "Day of the month, 1..31", 1, 1, (_TEMP,), _I),
        FunctionInfo("hour", "Hour of a datetime, 0..23", 1, 1, (_TEMP,), _I),
        FunctionInfo("minute", "Minute of a datetime, 0..59", 1, 1, (_TEMP,), _I),
        FunctionInfo(
            "weekday",
            "ISO day of the week: Monday = 1 … Sunday = 7 (MySQL's WEEKDAY() counts from 0)",
            1,
            1,
            (_TEMP,),
            _I,
        ),
        FunctionInfo("date", "Date part of a datetime", 1, 1, (_TEMP,), "date"),
        FunctionInfo(
            "date_trunc",
            "Start of the period: date_trunc('month', ts); units: " + ", ".join(DATE_TRUNC_UNITS),
            2,
            2,
            (_T, _TEMP),
            "same:1",
            constant=(0,),
        ),
        # a row's place among its siblings
        FunctionInfo(
            "child_index",
            "Position (0-based) among the parent's children (per_parent)",
            result=_I,
        ),
        FunctionInfo("running_sum", "Sum over earlier siblings and this row", 1, 1, (_N,), "same"),
    ]
}

#: Other spellings of a function, mapped to its registry name.
FUNCTION_ALIASES: dict[str, str] = {alias: f.name for f in FUNCTIONS.values() for alias in f.also}


#: Names from SQL and Python that tdg spells one way only: suggested, not accepted, so each
#: function keeps one documented spelling (and MySQL's ``dayofweek`` counts from Sunday).
FUNCTION_SUGGESTIONS: dict[str, str] = {
    "str": "to_string",
    "string": "to_string",
    "cast": "to_string",
    "text": "to_string",
    "len": "length",
    "char_length": "length",
    "character_length": "length",
    "lcase": "lower",
    "ucase": "upper",
    "ceiling": "ceil",
    "log": "ln",
    "ifnull": "coalesce",
    "nvl": "coalesce",
    "isnull": "coalesce",
    "dayofweek": "weekday",
    "day_of_week": "weekday",
    "isodow": "weekday",
    "dayofmonth": "day",
    "startswith": "starts_with",
    "endswith": "ends_with",
    "slug": "slugify",
    "datetrunc": "date_trunc",
    "trunc": "date_trunc",
}


def suggest_function(name: str) -> str | None:
    """The function an unknown name most likely meant, or None."""
    return FUNCTION_SUGGESTIONS.get(name.lower()) or closest(name, known_function_names())


def function_info(name: str) -> FunctionInfo | None:
    """The function ``name`` calls, by its own name or an accepted synonym."""
    found = FUNCTIONS.get(name)
    if found is None:
        canonical = FUNCTION_ALIASES.get(name)
        found = FUNCTIONS.get(canonical) if canonical is not None else None
    return found


def known_function_names() -> list[str]:
    """Every name a call may use, for did-you-mean suggestions."""
    return [*FUNCTIONS, *FUNCTION_ALIASES]
