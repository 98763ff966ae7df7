"""The ``rule`` of a config column: how its values are made, one model per type.

Rules are a union tagged by ``type``. A realistic format is a rule whose type
is the format's name (``{"type": "email"}``), so the tag function maps every
name of the format catalog to :class:`FormatRule`; the catalog can grow at run
time (plugins), which a static ``Literal`` could not follow.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, JsonValue, Tag, model_validator

from testdatagen.model.catalog import FORMAT_ALIASES, FORMATS
from testdatagen.model.expr import Scalar

__all__ = ["RULE_TYPES", "AffixRule", "Bound", "ChoiceFromFileRule", "ChoiceRule", "ComputeRule"]
__all__ += ["DateRangeRule", "DistributionSpec", "ExprValue", "ForeignKeyRule", "FormatRule"]
__all__ += ["LlmRule", "PerParent", "RandomRule", "RangeRule", "RangeSpec", "RegexRule", "Rule"]
__all__ += ["SequenceRule", "UuidRule", "member", "renamed", "rule_tag"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def renamed(data: Any, synonyms: dict[str, str]) -> Any:
    """Accept the spelling other generators use (``start``/``end``) for a canonical key.

    Both spellings at once stay an error: the synonym is left in place, so the
    strict model reports it as an unknown key.
    """
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for synonym, canonical in synonyms.items():
        if synonym in out and canonical not in out:
            out[canonical] = out.pop(synonym)
    return out


class ExprValue(Strict):
    """``{"expr": "now()"}``: an expression where a plain value would be a literal."""

    expr: str = Field(description="An expression in .tdg syntax.")


class DistributionSpec(BaseModel):
    """``{"name": "normal", "mean": 38, "sd": 12}``; the other keys are its parameters."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, float] = Field(init=False)
    name: str


Distribution = Annotated[
    str | DistributionSpec,
    Field(description="'zipf(s: 1.2)', 'uniform', or {name: normal, mean: 38, sd: 12}."),
]


class RangeSpec(Strict):
    min: int
    max: int


PerParent = Annotated[
    int | str | RangeSpec,
    Field(description="Children per parent: 3, '1..5', {min: 1, max: 5} or 'poisson(lam: 3)'."),
]
Bound = Annotated[
    int | float | dt.datetime | dt.date | str | ExprValue,
    Field(description="A literal bound, or {expr: '...'} for an expression such as now()."),
]


class ChoiceRule(Strict):
    type: Literal["choice"]
    values: list[Scalar] = Field(min_length=1)
    probabilities: list[float] | None = Field(
        default=None, description="One per value, summing to 1."
    )
    weights: list[float] | None = Field(
        default=None, description="Relative weights, one per value."
    )


class ChoiceFromFileRule(Strict):
    type: Literal["choice_from_file"]
    file_path: str = Field(description="CSV or Excel file, relative to the config file.")
    column: str
    weight_column: str | None = None
    sheet: str | None = Field(default=None, description="Excel sheet (default: the first).")
    delimiter: str | None = Field(default=None, description="CSV delimiter (default: sniffed).")


class RangeRule(Strict):
    type: Literal["range"]
    min: Bound | None = None
    max: Bound | None = None
    distribution: Distribution | None = None


class DateRangeRule(Strict):
    type: Literal["date_range"]
    min: Bound | None = None
    max: Bound | None = None
    distribution: Distribution | None = None

    _synonyms = model_validator(mode="before")(
        lambda data: renamed(data, {"start": "min", "end": "max"})
    )


class RandomRule(Strict):
    type: Literal["random"]


class RegexRule(Strict):
    type: Literal["regex"]
    pattern: str


class SequenceRule(Strict):
    type: Literal["sequence"]
    start: int | float = 1
    step: int | float = 1


class UuidRule(Strict):
    type: Literal["uuid"]


class ComputeRule(Strict):
    type: Literal["compute"]
    expr: str = Field(description="An expression over the row, e.g. 'quantity * unit_price'.")


_FORMAT_NAMES: list[JsonValue] = []
_FORMAT_NAMES.extend(sorted(FORMATS))


class FormatRule(Strict):
    type: str = Field(json_schema_extra={"enum": _FORMAT_NAMES})
    params: dict[str, Scalar] = Field(default_factory=dict)


class ForeignKeyRule(Strict):
    type: Literal["foreign_key"]
    table: str
    column: str
    distribution: Distribution | None = None
    per_parent: PerParent | None = None


FallbackRule = Annotated[
    Union[  # noqa: UP007 - tagged union
        Annotated[ChoiceRule, Tag("choice")],
        Annotated[RegexRule, Tag("regex")],
        Annotated[FormatRule, Tag("format")],
    ],
    Discriminator(lambda v: rule_tag(v)),
]


class LlmRule(Strict):
    type: Literal["llm"]
    prompt: str = Field(min_length=1)
    model: str | None = None
    endpoint: str | None = Field(default=None, description="OpenAI-compatible base URL.")
    max_cost_usd: float | None = Field(default=None, gt=0)
    cache: str | None = Field(default=None, description="Cache file or directory.")
    fallback: FallbackRule | None = None


class AffixRule(Strict):
    """``{"type": "prefix", "value": "CUST-", "rule": {"type": "sequence"}}``."""

    type: Literal["prefix", "suffix"]
    value: str
    rule: Rule


def rule_tag(value: Any) -> str | None:
    """The union member for a raw or validated rule: formats share one model.

    ``prefix`` is both a rule and a format (a person's title): a bare
    ``{"type": "prefix"}`` is the format, one with a ``value`` the rule.
    """
    if isinstance(value, FormatRule):
        return "format"
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    if not isinstance(kind, str):
        return None
    if kind == "prefix" and isinstance(value, dict) and not {"value", "rule"} & value.keys():
        return "format"
    if kind in _MEMBERS and kind != "format":
        return kind
    return "format" if kind in FORMATS or kind in FORMAT_ALIASES else kind


def member(tag: str) -> type[Strict] | None:
    """The model of a rule type (``"format"`` for a realistic format)."""
    return _MEMBERS.get(tag)


_MEMBERS: dict[str, type[Strict]] = {
    "choice": ChoiceRule,
    "choice_from_file": ChoiceFromFileRule,
    "range": RangeRule,
    "date_range": DateRangeRule,
    "random": RandomRule,
    "regex": RegexRule,
    "prefix": AffixRule,
    "suffix": AffixRule,
    "sequence": SequenceRule,
    "uuid": UuidRule,
    "compute": ComputeRule,
    "foreign_key": ForeignKeyRule,
    "llm": LlmRule,
    "format": FormatRule,
}
RULE_TYPES: tuple[str, ...] = tuple(name for name in _MEMBERS if name != "format")

Rule = Annotated[
    Union[  # noqa: UP007 - tagged union
        Annotated[ChoiceRule, Tag("choice")],
        Annotated[ChoiceFromFileRule, Tag("choice_from_file")],
        Annotated[RangeRule, Tag("range")],
        Annotated[DateRangeRule, Tag("date_range")],
        Annotated[RandomRule, Tag("random")],
        Annotated[RegexRule, Tag("regex")],
        Annotated[AffixRule, Tag("prefix")],
        Annotated[AffixRule, Tag("suffix")],
        Annotated[SequenceRule, Tag("sequence")],
        Annotated[UuidRule, Tag("uuid")],
        Annotated[ComputeRule, Tag("compute")],
        Annotated[ForeignKeyRule, Tag("foreign_key")],
        Annotated[LlmRule, Tag("llm")],
        Annotated[FormatRule, Tag("format")],
    ],
    Discriminator(lambda v: rule_tag(v)),
]

AffixRule.model_rebuild()
