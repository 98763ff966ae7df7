"""What a column strategy is given, and the helpers every strategy shares.

``ColumnJob`` is resolved once per run and table; ``permuted`` is the unique
path (a keyed bijection of the row index onto a domain); ``cast_to_column``
brings an expression or provider result to the column's Arrow type.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from testdatagen.engine.permutation import KeyedPermutation
from testdatagen.engine.rng import Stream
from testdatagen.engine.rounding import round_array, round_scaled
from testdatagen.engine.values import decimal_from_whole, decimal_to_float, to_numpy
from testdatagen.errors import Diagnostic, GenerationError
from testdatagen.model.expr import Expr
from testdatagen.model.schema import Column

__all__ = ["ColumnJob", "cast_to_column", "domain_error", "permuted"]

I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class ColumnJob:
    """What a strategy needs about one column, resolved once per run."""

    table: str
    column: Column
    arrow_type: pa.DataType
    seed: int
    locale: str
    total_rows: int
    now_us: int
    unique: bool = False
    extra_min: tuple[Expr, ...] = ()
    extra_max: tuple[Expr, ...] = ()
    cache: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def name(self) -> str:
        return f"{self.table}.{self.column.name}"


def domain_error(job: ColumnJob, domain: int, what: str) -> GenerationError:
    return GenerationError(
        [
            Diagnostic(
                "TDG520",
                f"{job.name} is unique but {what} allows {domain} values for {job.total_rows} rows",
                span=job.column.span,
                hint="widen the range, lower the row count, or drop unique",
            )
        ]
    )


def permuted(job: ColumnJob, rows: I64, stream: Stream, domain: int, what: str) -> I64:
    if domain < job.total_rows:
        raise domain_error(job, domain, what)
    return KeyedPermutation(stream.child("unique").key, domain).apply(rows)


def cast_to_column(values: pa.Array, job: ColumnJob) -> pa.Array:
    """Bring an expression or provider result to the column's Arrow type."""
    target = job.arrow_type
    if values.type == target:
        return values
    if pa.types.is_decimal(target) and pa.types.is_decimal(values.type):
        return _rescale(values, job)
    if pa.types.is_decimal(target):
        scale = target.scale
        as_float = decimal_to_float(values) if pa.types.is_decimal(values.type) else values
        as_float = as_float.cast(pa.float64())
        scaled = round_scaled(to_numpy(as_float, np.nan), scale)
        valid = ~np.isnan(scaled)
        return decimal_from_whole(np.where(valid, scaled, 0.0), target, valid)
    if pa.types.is_integer(target) and pa.types.is_floating(values.type):
        values = round_array(values, 0)
    if pa.types.is_string(target) and not pa.types.is_string(values.type):
        return values.cast(pa.string())
    return values.cast(target, safe=False)


def _rescale(values: pa.Array, job: ColumnJob) -> pa.Array:
    """A decimal (an exact sum, min or max) into the column's decimal(p, s) without going
    through float64, which keeps only 15-16 digits: rounded half away from zero to
    the column's scale as SQL does, then checked against its precision."""
    target = job.arrow_type
    if values.type.scale > target.scale:
        values = pc.round(values, target.scale, round_mode="half_towards_infinity")
    try:
        return values.cast(target)
    except pa.ArrowInvalid:
        raise GenerationError(
            [
                Diagnostic(
                    "TDG522",
                    f"{job.name}: a value does not fit {job.column.type} "
                    f"({target.precision - target.scale} digits before the point)",
                    span=job.column.span,
                    hint=f"widen {job.column.name} to decimal({min(38, target.precision + 6)}, "
                    f"{target.scale}) or narrow what it adds up",
                )
            ]
        ) from None
