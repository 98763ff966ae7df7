"""Schema → Table → Column: what the data is.

Strategies (how a column's values are made) form a tagged union on
``strategy``. Templates and imports are resolved before the model is built,
and enum-typed columns carry their weighted members as a ``ChoiceGen`` so
downstream layers never look names up again.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Literal, Union

from pydantic import Field

from testdatagen.errors import Span
from testdatagen.model.base import Node, SpanField
from testdatagen.model.expr import Expr, Scalar
from testdatagen.model.types import DataType

__all__ = [
    "Check",
    "ChoiceGen",
    "Column",
    "ComputeGen",
    "Distribution",
    "Enum",
    "EnumMember",
    "FormatGen",
    "Generator",
    "IntRange",
    "LlmGen",
    "PatternGen",
    "RandomGen",
    "ReferenceGen",
    "Schema",
    "SequentialGen",
    "Table",
]


class Distribution(Node):
    """``normal(mean: 38, sd: 12)``, ``zipf(s: 1.2)``, ``uniform``."""

    name: str
    params: dict[str, float] = Field(default_factory=dict)
    span: Span | None = SpanField()


class IntRange(Node):
    """``1..5``, inclusive at both ends."""

    low: int
    high: int
    span: Span | None = SpanField()


class RandomGen(Node):
    """Random within the column's min/max/length, shaped by its distribution."""

    strategy: Literal["random"] = "random"


class SequentialGen(Node):
    strategy: Literal["sequential"] = "sequential"
    start: int | float = 1
    step: int | float = 1


class FormatGen(Node):
    """A realistic value from the providers' registry (``email``, ``city``, …)."""

    strategy: Literal["format"] = "format"
    name: str
    params: dict[str, Scalar] = Field(default_factory=dict)


class PatternGen(Node):
    """Strings matching a regular expression (the supported subset is checked)."""

    strategy: Literal["pattern"] = "pattern"
    regex: str


class ChoiceGen(Node):
    """A weighted pick; weights need not sum to 1 (the engine normalises)."""

    strategy: Literal["choice"] = "choice"
    values: tuple[Scalar, ...]
    weights: tuple[float, ...] | None = None


class ComputeGen(Node):
    strategy: Literal["compute"] = "compute"
    expr: Expr


class ReferenceGen(Node):
    """A foreign key to ``table.column``.

    Columns of one composite key share a ``group`` so one parent row is picked
    for all of them. ``per_parent`` makes this table's row count follow from
    the parent's: each parent gets that many children.
    """

    strategy: Literal["reference"] = "reference"
    table: str
    column: str
    distribution: Distribution | None = None
    per_parent: IntRange | Distribution | None = None
    group: str | None = None


class LlmGen(Node):
    """Values from an OpenAI-compatible endpoint (cached, cost-limited, with a fallback)."""

    strategy: Literal["llm"] = "llm"
    prompt: str
    model: str | None = None
    endpoint: str | None = None
    max_cost_usd: float | None = None
    cache: str | None = None
    fallback: FormatGen | PatternGen | ChoiceGen | None = None


Generator = Annotated[
    Union[  # noqa: UP007 - pydantic discriminator
        RandomGen, SequentialGen, FormatGen, PatternGen, ChoiceGen, ComputeGen, ReferenceGen, LlmGen
    ],
    Field(discriminator="strategy"),
]


class Column(Node):
    """One column. ``options`` holds type- or format-specific settings
    (``true_rate`` for booleans, ``version`` for uuids, ``locale`` overrides)."""

    name: str
    type: DataType
    generator: Generator = Field(default_factory=RandomGen)
    primary_key: bool = False
    unique: bool = False
    not_null: bool = False
    null_rate: float = 0.0
    default: Expr | None = None
    when: Expr | None = None
    min: Expr | None = None
    max: Expr | None = None
    distribution: Distribution | None = None
    length: IntRange | None = None
    options: dict[str, Scalar] = Field(default_factory=dict)
    comment: str | None = None
    span: Span | None = SpanField()

    @property
    def nullable(self) -> bool:
        return not (self.not_null or self.primary_key)

    @property
    def reference(self) -> ReferenceGen | None:
        return self.generator if isinstance(self.generator, ReferenceGen) else None


class Check(Node):
    name: str
    expr: Expr
    span: Span | None = SpanField()


class Table(Node):
    name: str
    columns: tuple[Column, ...]
    checks: tuple[Check, ...] = ()
    unique_keys: tuple[tuple[str, ...], ...] = ()
    primary_key: tuple[str, ...] = ()
    comment: str | None = None
    span: Span | None = SpanField()

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name}.{name}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def references(self) -> tuple[tuple[Column, ReferenceGen], ...]:
        return tuple(
            (c, c.generator) for c in self.columns if isinstance(c.generator, ReferenceGen)
        )

    @property
    def parent_tables(self) -> frozenset[str]:
        return frozenset(ref.table for _, ref in self.references)

    @property
    def per_parent(self) -> tuple[Column, ReferenceGen] | None:
        """The reference this table's row count follows from, if any."""
        for column, ref in self.references:
            if ref.per_parent is not None:
                return column, ref
        return None


class EnumMember(Node):
    value: str
    weight: float = 1.0
    span: Span | None = SpanField()


class Enum(Node):
    name: str
    members: tuple[EnumMember, ...]
    span: Span | None = SpanField()


class Schema(Node):
    name: str
    tables: tuple[Table, ...]
    enums: tuple[Enum, ...] = ()
    span: Span | None = SpanField()

    def table(self, name: str) -> Table:
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)

    @property
    def table_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tables)

    def fingerprint(self) -> str:
        """sha256 of the canonical JSON: recorded in every output's metadata."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()
