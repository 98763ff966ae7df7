"""One lowering function per rule type, found by the rule's class.

Each returns a :class:`Lowered`: the model generator, the column settings the
rule implies (bounds, distribution) and the type the rule makes when the
column does not declare one.

``prefix``/``suffix`` live in ``lower_affix``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from testdatagen.errors import InputError
from testdatagen.language.config import rules as r
from testdatagen.language.config.codes import TDG701, TDG705, TDG706
from testdatagen.language.config.context import Context
from testdatagen.language.config.files import DataFileError, read_choices
from testdatagen.language.config.lower_affix import Lowered, lower_affix
from testdatagen.language.config.positions import Path
from testdatagen.language.config.values import lower_bound, lower_distribution, lower_per_parent
from testdatagen.model.catalog import FORMATS, canonical_format
from testdatagen.model.expr import Scalar
from testdatagen.model.regex import parse_pattern
from testdatagen.model.schema import (
    ChoiceGen,
    ComputeGen,
    FormatGen,
    LlmGen,
    PatternGen,
    RandomGen,
    ReferenceGen,
    SequentialGen,
)
from testdatagen.model.types import TypeKind

__all__ = ["Lowered", "lower_rule"]


def _kind_of(values: tuple[Scalar, ...]) -> TypeKind:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return TypeKind.BOOLEAN
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return TypeKind.INTEGER
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return TypeKind.FLOAT
    return TypeKind.STRING


def _check_weights(weights: list[float], count: int, key: str, ctx: Context, path: Path) -> bool:
    if len(weights) != count:
        ctx.error(TDG705, f"{len(weights)} {key} for {count} values", (*path, key))
        return False
    if any(w < 0 or not math.isfinite(w) for w in weights) or not any(weights):
        ctx.error(TDG705, f"{key} must be non-negative and not all zero", (*path, key))
        return False
    if key == "probabilities" and abs(sum(weights) - 1) > 1e-6:
        ctx.error(
            TDG705,
            f"probabilities sum to {sum(weights):g}, not 1",
            (*path, key),
            _sum_hint(weights),
        )
        return False
    return True


def _sum_hint(weights: list[float]) -> str:
    """Percentages (summing to 100) are the usual slip: say how to write them."""
    listed = ", ".join(f"{w:g}" for w in weights)
    if abs(sum(weights) - 100) <= 1e-6:
        shares = ", ".join(f"{w / 100:g}" for w in weights)
        return (
            f"these look like percentages: write probabilities: [{shares}], "
            f"or weights: [{listed}] (relative, any sum)"
        )
    return f"make them sum to 1, or write weights: [{listed}] (relative, any sum)"


def _choice(rule: r.ChoiceRule, ctx: Context, path: Path) -> Lowered | None:
    values = tuple(rule.values)
    if rule.probabilities is not None and rule.weights is not None:
        ctx.error(TDG701, "give probabilities or weights, not both", path)
        return None
    weights = rule.probabilities if rule.probabilities is not None else rule.weights
    key = "probabilities" if rule.probabilities is not None else "weights"
    if weights is not None and not _check_weights(weights, len(values), key, ctx, path):
        return None
    # Unweighted means equal weights, spelled out as the .tdg reader spells them.
    gen = ChoiceGen(values=values, weights=tuple(weights) if weights else (1.0,) * len(values))
    return Lowered(gen, _kind_of(values))


def _choice_from_file(rule: r.ChoiceFromFileRule, ctx: Context, path: Path) -> Lowered | None:
    try:
        values, weights = read_choices(
            ctx.base_dir / rule.file_path,
            rule.column,
            rule.weight_column,
            sheet=rule.sheet,
            delimiter=rule.delimiter,
        )
    except (DataFileError, OSError, UnicodeDecodeError) as exc:
        key = getattr(exc, "key", "file_path")
        ctx.error(
            TDG706,
            f"choice_from_file: {exc}",
            (*path, key) if getattr(rule, key, None) is not None else (*path, "file_path"),
            getattr(exc, "hint", None),
        )
        return None
    if weights is not None and not _check_weights(list(weights), len(values), "weights", ctx, path):
        return None
    equal = (1.0,) * len(values)
    return Lowered(ChoiceGen(values=values, weights=weights or equal), _kind_of(values))


def _bounds(rule: r.RangeRule | r.DateRangeRule, ctx: Context, path: Path) -> Lowered | None:
    low = lower_bound(rule.min, ctx, (*path, "min")) if rule.min is not None else None
    high = lower_bound(rule.max, ctx, (*path, "max")) if rule.max is not None else None
    dist = None
    if rule.distribution is not None:
        dist = lower_distribution(rule.distribution, ctx, (*path, "distribution"))
    return Lowered(RandomGen(), None, low, high, dist)


def _text_bounds(rule: r.RangeRule, ctx: Context, path: Path) -> bool:
    """A quoted number (``min: "18"``) or a word (``max: ninety``) is no bound: say how
    to write one at the key itself. ISO dates stay allowed (a range on a date column)."""
    ok = True
    for key, value in (("min", rule.min), ("max", rule.max)):
        if not isinstance(value, str):
            continue
        try:
            dt.datetime.fromisoformat(value.strip())
            continue
        except ValueError:
            pass
        try:
            float(value.strip().replace("_", ""))
            hint = f"write the number without quotes: {key}: {value.strip()}"
        except ValueError:
            hint = "write a number, or {expr: '...'} for an expression over params or columns"
        ctx.error(
            TDG701, f"{key} of a range is the text '{value}', not a number", (*path, key), hint
        )
        ok = False
    return ok


def _range(rule: r.RangeRule, ctx: Context, path: Path) -> Lowered | None:
    if not _text_bounds(rule, ctx, path):
        return None
    bounds = [b for b in (rule.min, rule.max) if b is not None]
    if any(isinstance(b, float) for b in bounds):
        kind = TypeKind.FLOAT
    elif bounds and all(isinstance(b, int) for b in bounds):
        kind = TypeKind.INTEGER
    else:
        kind = None
    lowered = _bounds(rule, ctx, path)
    return replace(lowered, kind=kind) if lowered else None


def _iso(value: Any, ctx: Context, path: Path) -> bool | None:
    """True for a timestamp, False for a date, None (error recorded) for neither."""
    if isinstance(value, dt.datetime):
        return True
    if isinstance(value, dt.date):
        return False
    if not isinstance(value, str):
        return False  # an expression: the column's type decides
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        ctx.error(TDG701, f"'{value}' is not an ISO date or timestamp", path, "e.g. '2024-01-31'")
        return None
    return len(value.strip()) > 10 or parsed.time() != dt.time()


def _date_range(rule: r.DateRangeRule, ctx: Context, path: Path) -> Lowered | None:
    kinds = [
        _iso(v, ctx, (*path, k)) for k, v in (("min", rule.min), ("max", rule.max)) if v is not None
    ]
    if None in kinds:
        return None
    lowered = _bounds(rule, ctx, path)
    kind = TypeKind.DATETIME if any(kinds) else TypeKind.DATE
    return replace(lowered, kind=kind) if lowered else None


def _regex(rule: r.RegexRule, ctx: Context, path: Path) -> Lowered | None:
    try:
        parse_pattern(rule.pattern)
    except InputError as exc:
        message = exc.diagnostics[0].message if exc.diagnostics else str(exc)
        ctx.error(TDG701, f"unsupported regex: {message}", (*path, "pattern"))
        return None
    return Lowered(PatternGen(regex=rule.pattern), TypeKind.STRING)


def _sequence(rule: r.SequenceRule, ctx: Context, path: Path) -> Lowered:
    floats = isinstance(rule.start, float) or isinstance(rule.step, float)
    return Lowered(
        SequentialGen(start=rule.start, step=rule.step),
        TypeKind.FLOAT if floats else TypeKind.INTEGER,
    )


def _uuid(rule: r.UuidRule, ctx: Context, path: Path) -> Lowered:
    return Lowered(RandomGen(), TypeKind.UUID)


def _compute(rule: r.ComputeRule, ctx: Context, path: Path) -> Lowered | None:
    expr = ctx.expr(rule.expr, (*path, "expr"), "compute expression")
    return Lowered(ComputeGen(expr=expr)) if expr is not None else None


def _format(rule: r.FormatRule, ctx: Context, path: Path) -> Lowered:
    name = canonical_format(rule.type)
    types = FORMATS[name].types
    kind = TypeKind.STRING if "string" in types else TypeKind(types[0])
    return Lowered(FormatGen(name=name, params=dict(rule.params)), kind)


def _foreign_key(rule: r.ForeignKeyRule, ctx: Context, path: Path) -> Lowered:
    dist = per = None
    if rule.distribution is not None:
        dist = lower_distribution(rule.distribution, ctx, (*path, "distribution"))
    if rule.per_parent is not None:
        per = lower_per_parent(rule.per_parent, ctx, (*path, "per_parent"))
    return Lowered(
        ReferenceGen(table=rule.table, column=rule.column, distribution=dist, per_parent=per)
    )


def _llm(rule: r.LlmRule, ctx: Context, path: Path) -> Lowered | None:
    fallback = None
    if rule.fallback is not None:
        inner = lower_rule(rule.fallback, ctx, (*path, "fallback"))
        if inner is None:
            return None
        assert isinstance(inner.generator, FormatGen | PatternGen | ChoiceGen)
        fallback = inner.generator
    gen = LlmGen(
        prompt=rule.prompt,
        model=rule.model,
        endpoint=rule.endpoint,
        max_cost_usd=rule.max_cost_usd,
        cache=rule.cache,
        fallback=fallback,
    )
    return Lowered(gen, TypeKind.TEXT)


_HANDLERS: dict[type[Any], Callable[[Any, Context, Path], Lowered | None]] = {
    r.ChoiceRule: _choice,
    r.ChoiceFromFileRule: _choice_from_file,
    r.RangeRule: _range,
    r.DateRangeRule: _date_range,
    r.RandomRule: lambda rule, ctx, path: Lowered(RandomGen()),
    r.RegexRule: _regex,
    r.SequenceRule: _sequence,
    r.UuidRule: _uuid,
    r.ComputeRule: _compute,
    r.FormatRule: _format,
    r.ForeignKeyRule: _foreign_key,
    r.LlmRule: _llm,
    r.AffixRule: lambda rule, ctx, path: lower_affix(rule, ctx, path, lower_rule),
}


def lower_rule(rule: Any, ctx: Context, path: Path) -> Lowered | None:
    """The rule at ``path`` as model pieces; ``None`` when an error was recorded."""
    return _HANDLERS[type(rule)](rule, ctx, path)
