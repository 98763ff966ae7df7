"""One column declaration → ``model.Column``: its type, then its settings.

Settings are read by ``lower_settings``; this module resolves the type
(built-in, enum, or a helpful error for SQL spellings) and assembles the
column with the conventions the engine relies on: an enum column without
another strategy picks its members by weight, and a foreign key takes the
column's distribution and per_parent onto its ``ReferenceGen``.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from testdatagen.errors import DiagnosticSink
from testdatagen.language import ast
from testdatagen.language.lower_llm import attach_llm
from testdatagen.language.lower_settings import ColumnBuilder, apply_settings
from testdatagen.language.lower_values import lower_distribution, number_of
from testdatagen.language.settings import BUILTIN_TYPES, TYPE_ALIASES
from testdatagen.model import ChoiceGen, Column, DataType, Enum, ReferenceGen, TypeKind

__all__ = ["lower_column", "lower_distribution", "lower_type", "number_of"]


def _with_llm(b: ColumnBuilder, generator: object) -> object:
    wrapped = attach_llm(b.llm or {}, generator)
    if isinstance(wrapped, str):
        b.sink.error(
            "TDG207",
            f"'{b.decl.name.name}' has both llm and {wrapped}",
            b.decl.name.span,
            hint="llm falls back to the column's format, pattern or choice: keep one of those",
        )
        return generator
    return wrapped


def lower_type(t: ast.TypeRef, enums: Mapping[str, Enum], sink: DiagnosticSink) -> DataType:
    kind = BUILTIN_TYPES.get(t.name)
    if kind is None and t.name in enums:
        return DataType(kind=TypeKind.ENUM, enum=t.name)
    if kind is None:
        _unknown_type(t, enums, sink)
        return DataType(kind=TypeKind.STRING)
    if kind is TypeKind.STRING and len(t.args) == 1:
        if t.args[0] < 1:
            sink.error("TDG202", "string(n) needs n ≥ 1", t.span)
        return DataType(kind=kind, length=t.args[0])
    if kind is TypeKind.DECIMAL and t.args:
        precision, scale = t.args[0], t.args[1] if len(t.args) > 1 else 0
        if not (1 <= precision <= 38 and 0 <= scale <= precision):
            sink.error(
                "TDG202",
                f"decimal({precision},{scale}) is not a valid precision and scale",
                t.span,
                hint="decimal(p,s) needs 1 ≤ p ≤ 38 and 0 ≤ s ≤ p",
            )
        return DataType(kind=kind, precision=precision, scale=scale)
    if t.args:
        sink.error("TDG202", f"{t.name} takes no arguments", t.span, hint=f"write {t.name}")
    return DataType(kind=kind)


def _unknown_type(t: ast.TypeRef, enums: Mapping[str, Enum], sink: DiagnosticSink) -> None:
    alias = TYPE_ALIASES.get(t.name.lower())
    if alias is not None:
        sink.error("TDG100", f"unknown type '{t.name}' — tdg spells it '{alias}'", t.span)
        return
    names = [*BUILTIN_TYPES, *enums]
    close = difflib.get_close_matches(t.name, names, n=1)
    message = f"unknown type '{t.name}'" + (f" — did you mean '{close[0]}'?" if close else "")
    sink.error(
        "TDG100",
        message,
        t.span,
        hint="types: " + ", ".join([*BUILTIN_TYPES][:10]) + ", or an enum",
    )


def lower_column(decl: ast.ColumnDecl, enums: Mapping[str, Enum], sink: DiagnosticSink) -> Column:
    dtype = lower_type(decl.type, enums, sink)
    b = ColumnBuilder(decl, sink)
    apply_settings(b, decl.settings)
    timezone = b.fields.pop("timezone", None)
    if timezone is not None:
        dtype = dtype.model_copy(update={"timezone": timezone})
    generator = b.fields.pop("generator", None)
    if generator is None and dtype.enum is not None and dtype.enum in enums:
        members = enums[dtype.enum].members
        generator = ChoiceGen(
            values=tuple(m.value for m in members), weights=tuple(m.weight for m in members)
        )
    if isinstance(generator, ReferenceGen):
        generator = generator.model_copy(
            update={"distribution": b.distribution, "per_parent": b.per_parent}
        )
    else:
        b.fields["distribution"] = b.distribution
    if b.llm is not None:
        generator = _with_llm(b, generator)
    if generator is not None:
        b.fields["generator"] = generator
    return Column(name=decl.name.name, type=dtype, options=b.options, span=decl.span, **b.fields)
