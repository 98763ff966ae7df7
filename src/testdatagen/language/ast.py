"""The syntax tree of a ``.tdg`` file: what was written, where, before any meaning.

Every node carries the ``Span`` it came from so the checks and the formatter
can point at it. Expressions are the model's own ``Expr`` nodes (they already
are a typed tree with spans); duplicating them here would only add a
one-to-one conversion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from testdatagen.errors import Span
from testdatagen.model.expr import Expr

__all__ = [
    "CheckDecl",
    "ColumnDecl",
    "EnumDecl",
    "FileAst",
    "ForeignKeyDecl",
    "GenKv",
    "GenerateDecl",
    "Ident",
    "ImportDecl",
    "KeyDecl",
    "MemberDecl",
    "OutputDecl",
    "ParamDecl",
    "RangeValue",
    "RowCount",
    "SchemaDecl",
    "Setting",
    "TableDecl",
    "TableItem",
    "TemplateDecl",
    "TypeRef",
    "UseDecl",
    "Value",
    "Weight",
    "WeightsValue",
]


@dataclass(frozen=True, slots=True)
class Ident:
    """A name as written; ``quoted`` when it was ``"…"`` (so a mistaken string can be told apart)."""

    name: str
    span: Span
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class RangeValue:
    low: Expr
    high: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Weight:
    value: Expr
    weight: float
    percent: bool
    span: Span


@dataclass(frozen=True, slots=True)
class WeightsValue:
    items: tuple[Weight, ...]
    span: Span


Value = Expr | RangeValue | WeightsValue


@dataclass(frozen=True, slots=True)
class Setting:
    """``unique`` (flag), ``sequential(start: 1)`` (call) or ``min: 5`` (value).

    ``args`` holds a call's positional and named arguments; ``value`` a keyval's value.
    """

    name: str
    span: Span
    name_span: Span
    value: Value | None = None
    call: bool = False
    args: tuple[Expr, ...] = ()
    kwargs: tuple[tuple[str, Expr], ...] = ()

    @property
    def value_span(self) -> Span:
        value = self.value
        span = getattr(value, "span", None)
        return span if isinstance(span, Span) else self.name_span


@dataclass(frozen=True, slots=True)
class TypeRef:
    name: str
    args: tuple[int, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class ColumnDecl:
    name: Ident
    type: TypeRef
    settings: tuple[Setting, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class CheckDecl:
    name: Ident
    expr: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class KeyDecl:
    """``unique (a, b)`` or ``primary_key (a, b)``."""

    kind: str
    columns: tuple[Ident, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class ForeignKeyDecl:
    columns: tuple[Ident, ...]
    table: Ident
    targets: tuple[Ident, ...]
    settings: tuple[Setting, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class UseDecl:
    template: Ident
    span: Span


TableItem = ColumnDecl | CheckDecl | KeyDecl | ForeignKeyDecl | UseDecl


@dataclass(frozen=True, slots=True)
class TableDecl:
    name: Ident
    settings: tuple[Setting, ...]
    items: tuple[TableItem, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class TemplateDecl:
    name: Ident
    items: tuple[TableItem, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class MemberDecl:
    name: str
    settings: tuple[Setting, ...]
    span: Span
    is_string: bool = False


@dataclass(frozen=True, slots=True)
class EnumDecl:
    name: Ident
    members: tuple[MemberDecl, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class SchemaDecl:
    name: Ident
    items: tuple[TableDecl | EnumDecl | TemplateDecl, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class GenKv:
    name: str
    value: Value
    span: Span
    name_span: Span

    @property
    def value_span(self) -> Span:
        span = getattr(self.value, "span", None)
        return span if isinstance(span, Span) else self.name_span


@dataclass(frozen=True, slots=True)
class ParamDecl:
    name: str
    expr: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class RowCount:
    table: Ident
    expr: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class OutputDecl:
    kind: str
    options: tuple[GenKv, ...]
    span: Span
    kind_span: Span


@dataclass(frozen=True, slots=True)
class GenerateDecl:
    name: Ident
    settings: tuple[GenKv, ...]
    params: tuple[ParamDecl, ...]
    rows: tuple[RowCount, ...]
    outputs: tuple[OutputDecl, ...]
    span: Span
    rows_span: Span | None = None


@dataclass(frozen=True, slots=True)
class ImportDecl:
    path: str
    alias: str | None
    span: Span


TopItem = ImportDecl | EnumDecl | TemplateDecl | SchemaDecl | GenerateDecl


@dataclass(frozen=True, slots=True)
class FileAst:
    """One parsed file; ``comments`` keep ``(span, text)`` for the formatter."""

    filename: str | None
    items: tuple[TopItem, ...]
    comments: tuple[tuple[Span, str], ...] = field(default=())
