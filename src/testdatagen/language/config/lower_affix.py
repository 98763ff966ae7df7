"""``prefix``/``suffix``: fold the text into the inner rule, or set a column option.

A regex gains the escaped text and a choice's values gain it, so the result
is still a plain generator. A sequence, a format or a uuid keeps its own
generator (a uuid as the ``uuid4`` format) and the text goes into the
column's ``options["prefix"]`` / ``options["suffix"]``, which the engine adds
around the rendered value (``[sequential(start: 1000), prefix: 'CUST-']`` in
.tdg). A compute becomes ``concat('…', expr)``. ``lift_rules`` turns each
back into the same rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from testdatagen.language.config import rules as r
from testdatagen.language.config.codes import TDG711
from testdatagen.language.config.context import Context
from testdatagen.language.config.exprs import respan
from testdatagen.language.config.positions import Path
from testdatagen.model.expr import Call, Expr, Lit
from testdatagen.model.schema import (
    ChoiceGen,
    ComputeGen,
    Distribution,
    FormatGen,
    Generator,
    PatternGen,
    RandomGen,
    SequentialGen,
)
from testdatagen.model.types import TypeKind

__all__ = ["Lowered", "lower_affix"]

_REGEX_SPECIAL = frozenset("\\.^$*+?{}[]|()")


@dataclass(frozen=True)
class Lowered:
    generator: Generator
    kind: TypeKind | None = None
    min: Expr | None = None
    max: Expr | None = None
    distribution: Distribution | None = None
    #: Column options the rule implies (``prefix`` / ``suffix`` around a generator).
    options: dict[str, str] = field(default_factory=dict)


#: Generators the engine renders as text and wraps in options["prefix"/"suffix"].
_AFFIXABLE = (SequentialGen, FormatGen)


def _with_options(inner: Lowered, before: bool, text: str) -> Lowered | None:
    gen = inner.generator
    if inner.kind is TypeKind.UUID and isinstance(gen, RandomGen):
        gen = FormatGen(name="uuid4")
    if not isinstance(gen, _AFFIXABLE):
        return None
    options = dict(inner.options)
    if before:
        options["prefix"] = text + options.get("prefix", "")
    else:
        options["suffix"] = options.get("suffix", "") + text
    return Lowered(gen, TypeKind.STRING, options=options)


def _escape(text: str) -> str:
    return "".join("\\" + c if c in _REGEX_SPECIAL else c for c in text)


def lower_affix(
    rule: r.AffixRule,
    ctx: Context,
    path: Path,
    lower: Callable[[Any, Context, Path], Lowered | None],
) -> Lowered | None:
    inner = lower(rule.rule, ctx, (*path, "rule"))
    if inner is None:
        return None
    before = rule.type == "prefix"
    gen = inner.generator
    if isinstance(gen, PatternGen):
        text = _escape(rule.value)
        return Lowered(
            PatternGen(regex=text + gen.regex if before else gen.regex + text), TypeKind.STRING
        )
    if isinstance(gen, ChoiceGen):
        values = tuple(
            None if v is None else (rule.value + str(v) if before else str(v) + rule.value)
            for v in gen.values
        )
        return Lowered(ChoiceGen(values=values, weights=gen.weights), TypeKind.STRING)
    wrapped = _with_options(inner, before, rule.value)
    if wrapped is not None:
        return wrapped
    expr = gen.expr if isinstance(gen, ComputeGen) else None
    if expr is None:
        ctx.error(
            TDG711,
            f"{rule.type} cannot wrap a '{rule.rule.type}' rule",
            (*path, "rule", "type"),
            "wrap regex, choice, choice_from_file, sequence, uuid, a format, compute or another prefix/suffix",
        )
        return None
    parts = (Lit(value=rule.value), expr) if before else (expr, Lit(value=rule.value))
    concat = respan(Call(name="concat", args=parts), ctx.span(path))
    return Lowered(ComputeGen(expr=concat), TypeKind.STRING)
