"""Expressions of the language: compute, when, check, min/max and row counts.

A small tagged tree (``kind`` discriminates) so it serialises to JSON and the
engine can dispatch on node type. ``Ref.path`` is resolved by the checks:
``("price",)`` is a column of the same row, ``("customer_id", "created_at")``
follows a foreign key to the parent row, ``("order_items", "line_total")``
names a child table's column inside an aggregate.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from testdatagen.errors import Span
from testdatagen.model.base import Node, SpanField

__all__ = [
    "Binary",
    "Call",
    "Expr",
    "If",
    "In",
    "IsNull",
    "Lit",
    "Ref",
    "Scalar",
    "Unary",
]

Scalar = None | bool | int | float | str

BinaryOp = Literal["+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=", "and", "or"]


class Lit(Node):
    """A literal. ``unit`` is ``"percent"`` for ``15%`` (``value`` keeps 15)."""

    kind: Literal["lit"] = "lit"
    value: Scalar
    unit: Literal["percent"] | None = None
    span: Span | None = SpanField()


class Ref(Node):
    kind: Literal["ref"] = "ref"
    path: tuple[str, ...]
    span: Span | None = SpanField()

    def __str__(self) -> str:
        return ".".join(self.path)


class Call(Node):
    """``now()``, ``days(5)``, ``sum(order_items.line_total)``, ``normal(mean: 1, sd: 2)``."""

    kind: Literal["call"] = "call"
    name: str
    args: tuple[Expr, ...] = ()
    kwargs: dict[str, Expr] = Field(default_factory=dict)
    span: Span | None = SpanField()


class Unary(Node):
    kind: Literal["unary"] = "unary"
    op: Literal["-", "not"]
    operand: Expr
    span: Span | None = SpanField()


class Binary(Node):
    kind: Literal["binary"] = "binary"
    op: BinaryOp
    left: Expr
    right: Expr
    span: Span | None = SpanField()


class IsNull(Node):
    kind: Literal["is_null"] = "is_null"
    operand: Expr
    negated: bool = False
    span: Span | None = SpanField()


class In(Node):
    kind: Literal["in"] = "in"
    operand: Expr
    options: tuple[Expr, ...]
    negated: bool = False
    span: Span | None = SpanField()


class If(Node):
    """``if c1 then a elif c2 then b else d end``."""

    kind: Literal["if"] = "if"
    branches: tuple[tuple[Expr, Expr], ...]
    otherwise: Expr
    span: Span | None = SpanField()


Expr = Annotated[
    Union[Lit, Ref, Call, Unary, Binary, IsNull, In, If],  # noqa: UP007 - pydantic discriminator
    Field(discriminator="kind"),
]

for _node in (Call, Unary, Binary, IsNull, In, If):
    _node.model_rebuild()
