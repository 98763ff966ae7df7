"""A config column → a model ``Column``: its type (declared or implied by the rule),
generator, nullability and the settings beside the rule."""

from __future__ import annotations

from testdatagen.language.config.codes import TDG703, TDG708, TDG711
from testdatagen.language.config.context import Context
from testdatagen.language.config.exprs import scalar_expr
from testdatagen.language.config.lower_rules import Lowered, lower_rule
from testdatagen.language.config.positions import Path
from testdatagen.language.config.rules import ExprValue, UuidRule
from testdatagen.language.config.spec import ColumnSpec
from testdatagen.language.config.typenames import UnknownType, parse_type
from testdatagen.model.expr import Expr
from testdatagen.model.schema import (
    ChoiceGen,
    Column,
    Enum,
    FormatGen,
    IntRange,
    RandomGen,
    ReferenceGen,
)
from testdatagen.model.types import DataType, TypeKind

__all__ = ["lower_column"]


def _declared_type(
    spec: ColumnSpec, enums: dict[str, Enum], ctx: Context, path: Path
) -> DataType | None:
    assert spec.type is not None
    try:
        dtype = parse_type(spec.type, frozenset(enums))
    except UnknownType as exc:
        ctx.error(TDG703, str(exc), (*path, "type"), exc.hint)
        return None
    sizes = {"length": spec.length, "precision": spec.precision, "scale": spec.scale}
    updates: dict[str, object] = {k: v for k, v in sizes.items() if v is not None}
    if spec.timezone is not None:
        updates["timezone"] = spec.timezone
    return dtype.model_copy(update=updates) if updates else dtype


def _column_type(
    spec: ColumnSpec,
    lowered: Lowered | None,
    enums: dict[str, Enum],
    ctx: Context,
    path: Path,
    deferred: bool,
) -> DataType | None:
    if spec.type is not None:
        return _declared_type(spec, enums, ctx, path)
    if lowered is not None and lowered.kind is not None:
        return DataType(
            kind=lowered.kind, length=spec.length, precision=spec.precision, scale=spec.scale
        )
    if deferred or (lowered is not None and isinstance(lowered.generator, ReferenceGen)):
        return None  # a foreign key takes its target's type later
    ctx.error(
        TDG703, f"column '{spec.name}' needs a type", (*path, "type"), 'e.g. "type": "integer"'
    )
    return None


def _enum_choice(dtype: DataType, enums: dict[str, Enum]) -> ChoiceGen | None:
    if dtype.kind is not TypeKind.ENUM or dtype.enum not in enums:
        return None
    members = enums[dtype.enum].members
    return ChoiceGen(
        values=tuple(m.value for m in members), weights=tuple(m.weight for m in members)
    )


def _nullability(spec: ColumnSpec, ctx: Context, path: Path) -> tuple[bool, float]:
    if spec.not_null is not None and spec.nullable is not None and spec.not_null == spec.nullable:
        ctx.error(TDG708, "not_null and nullable contradict each other", (*path, "nullable"))
    not_null = bool(spec.not_null) or spec.nullable is False or spec.primary_key
    rate = spec.null_rate or 0.0
    if not_null and rate > 0:
        ctx.error(
            TDG708,
            f"column '{spec.name}' is not_null but has null_rate {rate:g}",
            (*path, "null_rate"),
            "drop one of them",
        )
    return not_null, rate


def _default(spec: ColumnSpec, ctx: Context, path: Path) -> Expr | None:
    if isinstance(spec.default, ExprValue):
        return ctx.expr(spec.default.expr, (*path, "default", "expr"), "default")
    return scalar_expr(spec.default) if spec.default is not None else None


def lower_column(
    spec: ColumnSpec, enums: dict[str, Enum], ctx: Context, path: Path, *, deferred: bool = False
) -> tuple[Column, bool] | None:
    """The column and whether its type still has to come from a foreign key's target."""
    lowered = lower_rule(spec.rule, ctx, (*path, "rule")) if spec.rule is not None else None
    if spec.rule is not None and lowered is None:
        return None
    dtype = _column_type(spec, lowered, enums, ctx, path, deferred)
    untyped = dtype is None and spec.type is None and (deferred or lowered is not None)
    if dtype is None and not untyped:
        return None
    dtype = dtype or DataType(kind=TypeKind.STRING)
    generator = lowered.generator if lowered else (_enum_choice(dtype, enums) or RandomGen())
    if isinstance(spec.rule, UuidRule) and dtype.kind in (TypeKind.STRING, TypeKind.TEXT):
        generator = FormatGen(name="uuid4")
    elif isinstance(spec.rule, UuidRule) and dtype.kind is not TypeKind.UUID:
        ctx.error(TDG711, f"a uuid rule cannot fill a {dtype} column", (*path, "rule", "type"))
    not_null, rate = _nullability(spec, ctx, path)
    length = (
        IntRange(low=spec.value_length.min, high=spec.value_length.max)
        if spec.value_length
        else None
    )
    column = Column(
        name=spec.name,
        type=dtype,
        generator=generator,
        primary_key=spec.primary_key,
        unique=spec.unique or spec.primary_key,
        not_null=not_null,
        null_rate=rate,
        default=_default(spec, ctx, path),
        when=ctx.expr(spec.when, (*path, "when"), "when condition") if spec.when else None,
        min=lowered.min if lowered else None,
        max=lowered.max if lowered else None,
        distribution=lowered.distribution if lowered else None,
        length=length,
        options={**(lowered.options if lowered else {}), **spec.options},
        comment=spec.comment,
    )
    return column, untyped
