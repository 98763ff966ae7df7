"""The ``generate`` block: how much data to make, from which seed, to where."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import Field

from testdatagen.errors import Diagnostic, InputError, Span
from testdatagen.model.base import Node, SpanField
from testdatagen.model.expr import Expr, Scalar
from testdatagen.model.schema import Schema

__all__ = ["DEFAULT_LOCALE", "DEFAULT_SEED", "GeneratePlan", "OutputSpec", "Project", "parse_now"]

DEFAULT_SEED = 42
DEFAULT_LOCALE = "en_US"
DEFAULT_ROWS = 100


def parse_now(text: str) -> datetime | None:
    """``'2025-06-30'`` or ``'2025-06-30 12:00:00'`` (UTC unless an offset is given), else None.

    A pinned ``now`` makes ``now()``, ``today()`` and default date ranges repeat
    on any day, not just within the day of the run.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class OutputSpec(Node):
    """``output csv { dir: 'out/dev/' }`` — the kind names a writer or loader."""

    kind: str
    options: dict[str, Scalar] = Field(default_factory=dict)
    span: Span | None = SpanField()


class GeneratePlan(Node):
    """Row counts are expressions over ``params`` so ``--set scale=10`` rescales them."""

    name: str
    schema_name: str
    seed: int = DEFAULT_SEED
    locale: str = DEFAULT_LOCALE
    #: What now() means, as ISO text; None: today at 00:00 UTC when the run starts.
    now: str | None = None
    params: dict[str, Expr] = Field(default_factory=dict)
    rows: dict[str, Expr] = Field(default_factory=dict)
    outputs: tuple[OutputSpec, ...] = ()
    span: Span | None = SpanField()


def _no_single_schema(schemas: tuple[Schema, ...]) -> Diagnostic:
    if not schemas:
        return Diagnostic(
            "TDG424",
            "no schema in file: nothing to generate",
            hint="declare one: schema Shop { table t { id integer [primary_key, sequential] } }",
        )
    names = ", ".join(s.name for s in schemas)
    return Diagnostic(
        "TDG414",
        f"several schemas ({names}) and no generate block says which one to use",
        hint="add a generate block with schema: NAME",
    )


class Project(Node):
    """Everything one input file (with its imports) describes."""

    schemas: tuple[Schema, ...]
    plans: tuple[GeneratePlan, ...] = ()
    source: str | None = None

    def schema_named(self, name: str | None = None) -> Schema:
        if name is None:
            if len(self.schemas) == 1:
                return self.schemas[0]
            raise InputError([_no_single_schema(self.schemas)])
        for s in self.schemas:
            if s.name == name:
                return s
        raise KeyError(name)

    def plan_named(self, name: str | None = None) -> GeneratePlan | None:
        if name is None:
            return self.plans[0] if self.plans else None
        for p in self.plans:
            if p.name == name:
                return p
        raise KeyError(name)
