"""Column settings, one small handler each, dispatched by name through ``_HANDLERS``.

Mistakes are reported to the sink and the column is still built, as close to
the intent as possible, so later passes can report their own findings too.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from testdatagen.errors import DiagnosticSink, Span
from testdatagen.language import ast
from testdatagen.language.lower_llm import read_llm
from testdatagen.language.lower_values import lower_distribution, number_of
from testdatagen.language.settings import SETTINGS
from testdatagen.model import (
    Binary,
    Call,
    ChoiceGen,
    ComputeGen,
    Distribution,
    FormatGen,
    IntRange,
    Lit,
    PatternGen,
    Ref,
    ReferenceGen,
    SequentialGen,
)
from testdatagen.model.catalog import canonical_format
from testdatagen.model.expr import Scalar

__all__ = ["ColumnBuilder", "apply_settings"]


@dataclass
class ColumnBuilder:
    """Accumulates one column's fields while its settings are read."""

    decl: ast.ColumnDecl
    sink: DiagnosticSink
    fields: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    strategies: list[tuple[str, Span]] = field(default_factory=list)
    distribution: Distribution | None = None
    per_parent: IntRange | Distribution | None = None
    llm: dict[str, Any] | None = None

    def bad(self, setting: ast.Setting, message: str, hint: str | None = None) -> None:
        """A setting with a value it cannot take (TDG206)."""
        self.sink.error("TDG206", message, setting.value_span, hint=hint)

    def strategy(self, setting: ast.Setting, generator: Any) -> None:
        self.strategies.append((setting.name, setting.name_span))
        self.fields["generator"] = generator


def _int_range(value: object, b: ColumnBuilder, s: ast.Setting) -> IntRange | None:
    if isinstance(value, ast.RangeValue):
        low, high = number_of(value.low), number_of(value.high)
        if isinstance(low, int) and isinstance(high, int):
            return IntRange(low=low, high=high, span=value.span)
    n = number_of(value)
    if isinstance(n, int):
        return IntRange(low=n, high=n, span=getattr(value, "span", None))
    b.bad(s, f"{s.name} needs a whole-number range such as 1..5")
    return None


def _rate(b: ColumnBuilder, s: ast.Setting) -> float | None:
    value = s.value
    n = number_of(value)
    if n is None:
        b.bad(s, f"{s.name} needs a percentage such as 15%")
        return None
    rate = n / 100 if isinstance(value, Lit) and value.unit == "percent" else float(n)
    if not 0 <= rate <= 1:
        hint = f"write {n}%" if rate > 1 and n <= 100 else "use 0%..100%"
        b.sink.error("TDG209", f"{s.name} must be between 0% and 100%", s.value_span, hint=hint)
        return None
    return rate


def _string(b: ColumnBuilder, s: ast.Setting) -> str | None:
    if isinstance(s.value, Lit) and isinstance(s.value.value, str):
        return s.value.value
    b.bad(s, f"{s.name} needs a string such as 'text'", hint="strings use single quotes")
    return None


def _flag(b: ColumnBuilder, s: ast.Setting) -> None:
    if s.value is not None or s.call:
        b.bad(s, f"{s.name} is a flag: write just '{s.name}'")
    b.fields[s.name] = True
    if s.name == "primary_key":
        b.fields["not_null"] = b.fields["unique"] = True


def _expr(b: ColumnBuilder, s: ast.Setting) -> None:
    if isinstance(s.value, ast.RangeValue | ast.WeightsValue) or s.value is None:
        b.bad(s, f"{s.name} needs a value: {s.name}: …")
        return
    if s.name == "compute":
        b.strategy(s, ComputeGen(expr=s.value))
    else:
        b.fields[s.name] = s.value


def _null_rate(b: ColumnBuilder, s: ast.Setting) -> None:
    rate = _rate(b, s)
    if rate is not None:
        b.fields["null_rate"] = rate


def _option_rate(b: ColumnBuilder, s: ast.Setting) -> None:
    rate = _rate(b, s)
    if rate is not None:
        b.options[s.name] = rate


def _option(b: ColumnBuilder, s: ast.Setting) -> None:
    n = number_of(s.value)
    if n is not None:
        b.options[s.name] = n
    elif isinstance(s.value, Lit | Ref):
        b.options[s.name] = s.value.value if isinstance(s.value, Lit) else str(s.value)
    else:
        b.bad(s, f"{s.name} needs a plain value")


def _affix(b: ColumnBuilder, s: ast.Setting) -> None:
    """``prefix: 'CUST-'``: the engine renders the value as text and adds this around it."""
    text = _string(b, s)
    if text is not None:
        b.options[s.name] = text


def _length(b: ColumnBuilder, s: ast.Setting) -> None:
    r = _int_range(s.value, b, s)
    if r is not None:
        b.fields["length"] = r


def _distribution(b: ColumnBuilder, s: ast.Setting) -> None:
    b.distribution = lower_distribution(s.value, b.sink, s.value_span)


def _per_parent(b: ColumnBuilder, s: ast.Setting) -> None:
    value = s.value
    if isinstance(value, Binary) and value.op == "-":  # per_parent: 1-5, a SQL-ish range
        low, high = number_of(value.left), number_of(value.right)
        if isinstance(low, int) and isinstance(high, int):
            message = f"per_parent {low}-{high} is a subtraction; ranges use '..'"
            b.bad(s, message, hint=f"write per_parent: {low}..{high}")
            return
    if isinstance(s.value, ast.RangeValue) or number_of(s.value) is not None:
        b.per_parent = _int_range(s.value, b, s)
    else:
        b.per_parent = lower_distribution(s.value, b.sink, s.value_span)


def _sequential(b: ColumnBuilder, s: ast.Setting) -> None:
    params: dict[str, int | float] = {}
    names = ["start", "step"]
    pairs = [(names[i] if i < 2 else f"_{i}", a) for i, a in enumerate(s.args)] + list(s.kwargs)
    for key, arg in pairs:
        n = number_of(arg)
        if key not in names or n is None:
            message = (
                f"sequential's {key} must be a number"
                if key in names
                else f"sequential takes start: and step:, not '{key}'"
            )
            b.bad(
                s,
                message,
                hint="write sequential(start: 1000, step: 1)",
            )
            continue
        params[key] = n
    if s.value is not None:
        b.bad(s, "write sequential or sequential(start: 1, step: 1)")
    b.strategy(s, SequentialGen(**params))


def _format(b: ColumnBuilder, s: ast.Setting) -> None:
    value = s.value
    if isinstance(value, Ref) and len(value.path) == 1:
        b.strategy(s, FormatGen(name=canonical_format(value.path[0])))
    elif isinstance(value, Call):
        params = format_params(value, b, s)
        if params is not None:
            b.strategy(s, FormatGen(name=canonical_format(value.name), params=params))
    elif isinstance(value, Lit) and isinstance(value.value, str):
        b.strategy(s, FormatGen(name=canonical_format(value.value)))
    else:
        b.bad(s, "format needs a format name such as email")


def format_params(call: Call, b: ColumnBuilder, s: ast.Setting) -> dict[str, Scalar] | None:
    """``email(domain: 'example.org')``: named plain values, handed to the provider as is.

    (The formats registry lists no parameters per format yet, so names are not
    checked here; the provider rejects what it does not know.)
    """
    if call.args:
        b.bad(s, "format parameters are named", hint=f"write {call.name}(name: value, …)")
        return None
    params: dict[str, Scalar] = {}
    for key, arg in call.kwargs.items():
        if not isinstance(arg, Lit) or arg.unit is not None:
            b.bad(
                s, f"format parameter '{key}' needs a plain value: a string, number or true/false"
            )
            return None
        params[key] = arg.value
    return params


def _llm(b: ColumnBuilder, s: ast.Setting) -> None:
    b.llm = read_llm(s, b.bad)


def _pattern(b: ColumnBuilder, s: ast.Setting) -> None:
    regex = _string(b, s)
    if regex is not None:
        b.strategy(s, PatternGen(regex=regex))


def _choice(b: ColumnBuilder, s: ast.Setting) -> None:
    if not isinstance(s.value, ast.WeightsValue):
        hint = None
        if isinstance(s.value, Lit):
            shown = repr(s.value.value) if isinstance(s.value.value, str) else s.value.value
            hint = f"for one fixed value write compute: {shown}"
        elif isinstance(s.value, Ref) and len(s.value.path) == 1:
            hint = f"values are quoted: {{'{s.value.path[0]}': 70%, 'other': 30%}}"
        b.bad(s, "choice needs weighted values: {'a': 70%, 'b': 30%}", hint=hint)
        return
    values = []
    for w in s.value.items:
        lit = w.value
        values.append(lit.value if isinstance(lit, Lit) else None)
    weights = tuple(w.weight for w in s.value.items)
    b.strategy(s, ChoiceGen(values=tuple(values), weights=weights))


def _references(b: ColumnBuilder, s: ast.Setting) -> None:
    value = s.value
    if isinstance(value, Ref) and len(value.path) == 2:
        b.strategy(s, ReferenceGen(table=value.path[0], column=value.path[1]))
    else:
        b.bad(s, "references needs table.column", hint="e.g. references: customers.id")


def _timezone(b: ColumnBuilder, s: ast.Setting) -> None:
    tz = _string(b, s)
    if tz is not None:
        b.fields["timezone"] = tz


def _comment(b: ColumnBuilder, s: ast.Setting) -> None:
    text = _string(b, s)
    if text is not None:
        b.fields["comment"] = text


_Handler = Callable[[ColumnBuilder, ast.Setting], None]
_HANDLERS: dict[str, _Handler] = {
    "primary_key": _flag,
    "unique": _flag,
    "not_null": _flag,
    "null_rate": _null_rate,
    "default": _expr,
    "when": _expr,
    "min": _expr,
    "max": _expr,
    "compute": _expr,
    "length": _length,
    "distribution": _distribution,
    "sequential": _sequential,
    "format": _format,
    "pattern": _pattern,
    "choice": _choice,
    "references": _references,
    "per_parent": _per_parent,
    "timezone": _timezone,
    "true_rate": _option_rate,
    "version": _option,
    "locale": _option,
    "prefix": _affix,
    "suffix": _affix,
    "comment": _comment,
    "llm": _llm,
}
assert set(_HANDLERS) == set(SETTINGS), "every registered setting needs a handler"


#: Setting names from SQL, DBML, Prisma, Faker and Mockaroo, and how tdg writes them:
#: (what to say after "unknown setting 'x' —", the hint with the rewrite).
FOREIGN_SETTINGS: dict[str, tuple[str, str]] = {
    "pk": ("tdg spells it 'primary_key'", "write [primary_key]"),
    "increment": ("tdg spells it 'sequential'", "write [sequential] (or sequential(start: 1))"),
    "auto_increment": ("tdg spells it 'sequential'", "write [sequential]"),
    "autoincrement": ("tdg spells it 'sequential'", "write [sequential]"),
    "identity": ("tdg spells it 'sequential'", "write [sequential]"),
    "serial": ("tdg spells it 'sequential'", "write [sequential]"),
    "required": ("tdg spells it 'not_null'", "write [not_null]"),
    "notnull": ("tdg spells it 'not_null'", "write [not_null]"),
    "nullable": ("columns are nullable unless not_null", "set how often: [null_rate: 10%]"),
    "null": ("columns are nullable unless not_null", "set how often: [null_rate: 10%]"),
    "blank": ("tdg spells it 'null_rate'", "write [null_rate: 20%]"),
    "blank_rate": ("tdg spells it 'null_rate'", "write [null_rate: 20%]"),
    "null_percent": ("tdg spells it 'null_rate'", "write [null_rate: 20%]"),
    "regex": ("tdg spells it 'pattern'", "write [pattern: '[A-Z]{3}-\\d{4}']"),
    "faker": ("tdg spells it 'format'", "write [format: email] (the formats registry)"),
    "provider": ("tdg spells it 'format'", "write [format: email] (the formats registry)"),
    "ref": ("tdg spells it 'references'", "write [references: table.column]"),
    "fk": ("tdg spells it 'references'", "write [references: table.column]"),
    "foreign_key": ("tdg spells it 'references'", "write [references: table.column]"),
    "values": ("tdg spells it 'choice'", "write [choice: {'a': 70%, 'b': 30%}]"),
    "enum": ("tdg spells it 'choice'", "write [choice: {'a': 70%, 'b': 30%}], or declare an enum"),
    "options": ("tdg spells it 'choice'", "write [choice: {'a': 70%, 'b': 30%}]"),
    "check": (
        "a check is a line of its own in the table, not a setting",
        "write a line in the table: check positive_price: price > 0",
    ),
    "minimum": ("tdg spells it 'min'", "write [min: 0]"),
    "maximum": ("tdg spells it 'max'", "write [max: 100]"),
    "formula": ("tdg spells it 'compute'", "write [compute: quantity * unit_price]"),
    "expression": ("tdg spells it 'compute'", "write [compute: quantity * unit_price]"),
    "note": ("tdg spells it 'comment'", "write [comment: '…']"),
    "fake": ("tdg spells it 'format'", "write [format: name] (the formats registry)"),
    "range": ("a range is written min: and max:", "write [min: 18, max: 90]"),
    "between": ("a range is written min: and max:", "write [min: 18, max: 90]"),
    "rows": (
        "row counts go in the generate block",
        "write rows { customers: 1000 } inside generate dev { … }",
    ),
    "count": (
        "row counts go in the generate block",
        "write rows { customers: 1000 } inside generate dev { … }",
    ),
    "seed": ("the seed goes in the generate block", "write seed: 42 inside generate dev { … }"),
    "weights": ("weights go inside choice", "write [choice: {'a': 70%, 'b': 30%}]"),
    "probabilities": ("weights go inside choice", "write [choice: {'a': 70%, 'b': 30%}]"),
}


def apply_settings(b: ColumnBuilder, settings: tuple[ast.Setting, ...]) -> None:
    seen: set[str] = set()
    for s in settings:
        handler = _HANDLERS.get(s.name)
        if handler is None:
            foreign = FOREIGN_SETTINGS.get(s.name.lower())
            if foreign is not None:
                message = f"unknown setting '{s.name}' — {foreign[0]}"
                b.sink.error("TDG105", message, s.name_span, hint=foreign[1])
                continue
            close = difflib.get_close_matches(s.name, list(SETTINGS), n=1)
            message = f"unknown setting '{s.name}'" + (
                f" — did you mean '{close[0]}'?" if close else ""
            )
            b.sink.error("TDG105", message, s.name_span, hint="settings: " + ", ".join(SETTINGS))
            continue
        if s.name in seen:
            b.sink.error("TDG208", f"'{s.name}' is set twice", s.name_span, hint="keep one")
        seen.add(s.name)
        handler(b, s)
    if len(b.strategies) > 1:
        (first, _), (second, span) = b.strategies[0], b.strategies[1]
        b.sink.error(
            "TDG207",
            f"'{b.decl.name.name}' has both {first} and {second}",
            span,
            hint="a column has one way of making values: keep one",
        )
