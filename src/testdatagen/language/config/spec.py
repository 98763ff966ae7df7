"""The config document: tables, columns, keys, checks, enums and the generate section.

These pydantic models are the single source of the published JSON Schema
(``docs/tdg-config.schema.json``); lowering to the model lives in ``lower``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from testdatagen.language.config.rules import (
    Distribution,
    ExprValue,
    PerParent,
    Rule,
    Strict,
    renamed,
)
from testdatagen.model.expr import Scalar

__all__ = ["CheckSpec", "ColumnSpec", "ConfigDocument", "EnumSpec", "ForeignKeySpec"]
__all__ += ["GenerateSpec", "LengthSpec", "OutputSpec", "ReferenceTarget", "TableSpec"]

RowCount = int | str


class LengthSpec(Strict):
    """How long generated strings are (``value_length``), inclusive."""

    min: int = Field(ge=0)
    max: int = Field(ge=0)


class ColumnSpec(Strict):
    name: str = Field(min_length=1)
    type: str | None = Field(
        default=None,
        description="string/str/varchar(n), text, integer/int, bigint, float/double, "
        "decimal(p,s), boolean/bool, date, datetime/timestamp, uuid, or an enum's name. "
        "Default: what the rule makes.",
    )
    length: int | None = Field(default=None, ge=1, description="Maximum string length.")
    precision: int | None = Field(default=None, ge=1)
    scale: int | None = Field(default=None, ge=0)
    timezone: str | None = None
    rule: Rule | None = None
    primary_key: bool = False
    unique: bool = False
    not_null: bool | None = None
    nullable: bool | None = Field(default=None, description="The opposite of not_null.")
    null_rate: float | None = Field(default=None, ge=0, le=1)
    default: Scalar | ExprValue = None
    when: str | None = Field(default=None, description="Generate only where this holds.")
    value_length: LengthSpec | None = None
    options: dict[str, Scalar] = Field(default_factory=dict)
    comment: str | None = None


class ReferenceTarget(Strict):
    table: str
    columns: list[str] | str


class ForeignKeySpec(Strict):
    columns: list[str] | str
    references: ReferenceTarget | str = Field(description="'table.column' or {table, columns}.")
    name: str | None = Field(default=None, description="Groups a composite key's columns.")
    distribution: Distribution | None = None
    per_parent: PerParent | None = None

    _synonyms = model_validator(mode="before")(lambda data: renamed(data, {"column": "columns"}))


class CheckSpec(Strict):
    name: str
    expr: str = Field(description="Must hold on every row, e.g. 'price >= cost * 1.1'.")


class TableSpec(Strict):
    name: str = Field(min_length=1)
    rows: RowCount | None = Field(
        default=None, description="A count or an expression over params ('2000 * scale')."
    )
    columns: list[ColumnSpec] = Field(min_length=1)
    primary_key: list[str] | None = Field(default=None, description="A composite primary key.")
    unique_keys: list[list[str]] = Field(default_factory=list)
    foreign_keys: list[ForeignKeySpec] = Field(default_factory=list)
    checks: list[CheckSpec] = Field(default_factory=list)
    comment: str | None = None


class EnumSpec(Strict):
    name: str
    values: list[str] = Field(min_length=1)
    weights: list[float] | None = None


class OutputSpec(BaseModel):
    """``{"type": "csv", "dir": "out/"}``; the other keys are the output's options."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, Scalar] = Field(init=False)
    type: str


class GenerateSpec(Strict):
    name: str | None = None
    seed: int | None = None
    locale: str | None = None
    now: str | None = Field(
        default=None,
        description="What now() and today() mean: an ISO date or timestamp, UTC unless an "
        "offset is given (default: today at 00:00 UTC).",
    )
    params: dict[str, Scalar] = Field(default_factory=dict)
    outputs: list[OutputSpec] = Field(default_factory=list)


class ConfigDocument(Strict):
    """A whole config file: one schema and at most one generate section."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, title="TestDataGen config", populate_by_name=True
    )
    schema_url: str | None = Field(
        default=None, alias="$schema", description="This JSON Schema's URL, for editors."
    )
    schema_: str = Field(default="main", alias="schema", description="The schema's name.")
    tables: list[TableSpec] = Field(min_length=1)
    enums: list[EnumSpec] = Field(default_factory=list)
    seed: int | None = None
    locale: str | None = None
    now: str | None = Field(
        default=None,
        description="What now() and today() mean: an ISO date or timestamp, UTC unless an "
        "offset is given (default: today at 00:00 UTC).",
    )
    params: dict[str, Scalar] = Field(
        default_factory=dict, description="Numbers, or expressions over earlier params."
    )
    outputs: list[OutputSpec] = Field(default_factory=list)
    generate: GenerateSpec | None = None
