"""PostgreSQL planner statistics (``pg_stats``) → null rates, weighted choices, ranges.

``ANALYZE`` already summarised every column: the share of NULLs, the most
common values with their frequencies, histogram bounds and the number of
distinct values. Reading them costs one catalog query per table and never
touches a table row. Correctness comes first, so statistics only ever
*shape* values inside what the schema allows: keys and unique columns are
left alone, a foreign key only takes its share of NULLs (which parent a child
picks stays the engine's job), NOT NULL columns keep a null rate of 0, and a
range from the histogram is intersected with the range CHECKs already set.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from testdatagen.model.expr import Expr, Lit, Scalar
from testdatagen.model.schema import ChoiceGen, Column, Distribution, RandomGen, Table
from testdatagen.model.types import DataType, TypeKind

__all__ = [
    "MAX_CHOICES",
    "ColumnStats",
    "apply_stats",
    "as_literal",
    "as_number",
    "long_tail",
    "read_mariadb_stats",
    "read_pg_stats",
]

#: At most this many distinct values turn a column into a weighted choice.
MAX_CHOICES = 20
#: The most common values must cover this share of non-null rows to stand for the column.
_COVERAGE = 0.95

_QUERY = sa.text(
    "SELECT attname, null_frac, n_distinct, most_common_vals::text::text[] AS mcv, "
    "most_common_freqs AS freqs, histogram_bounds::text::text[] AS hist "
    "FROM pg_stats WHERE schemaname = :schema AND tablename = :table"
)


@dataclass(frozen=True, slots=True)
class ColumnStats:
    null_frac: float = 0.0
    n_distinct: float = 0.0
    values: tuple[str, ...] = ()
    freqs: tuple[float, ...] = ()
    histogram: tuple[str, ...] = ()


def read_pg_stats(conn: sa.Connection, schema: str, table: str) -> dict[str, ColumnStats]:
    rows = conn.execute(_QUERY, {"schema": schema, "table": table}).mappings()
    return {
        row["attname"]: ColumnStats(
            null_frac=float(row["null_frac"] or 0.0),
            n_distinct=float(row["n_distinct"] or 0.0),
            values=tuple(row["mcv"] or ()),
            freqs=tuple(float(f) for f in row["freqs"] or ()),
            histogram=tuple(row["hist"] or ()),
        )
        for row in rows
    }


_MARIADB_QUERY = sa.text(
    "SELECT column_name, nulls_ratio, min_value, max_value FROM mysql.column_stats "
    "WHERE db_name = :db AND table_name = :table"
)


def read_mariadb_stats(conn: sa.Connection, database: str, table: str) -> dict[str, ColumnStats]:
    """MariaDB's engine-independent statistics (``ANALYZE TABLE t PERSISTENT FOR ALL``).

    ``mysql.column_stats`` holds each column's NULL share and its lowest and highest
    value, read as a two-point histogram (a range, never a choice: its histograms
    are binary and list no values). No table row is read. MySQL has no such table
    and a user may not read it: then there are simply no statistics.
    """
    try:
        rows = conn.execute(_MARIADB_QUERY, {"db": database, "table": table}).mappings().all()
    except sa.exc.DBAPIError:
        return {}
    found: dict[str, ColumnStats] = {}
    for row in rows:
        ends = (row["min_value"], row["max_value"])
        found[str(row["column_name"])] = ColumnStats(
            null_frac=float(row["nulls_ratio"] or 0.0),
            histogram=tuple(_text(v) for v in ends) if None not in ends else (),
        )
    return found


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def apply_stats(
    table: Table, stats: dict[str, ColumnStats], enums: Mapping[str, tuple[str, ...]] | None = None
) -> Table:
    """``enums`` maps each enum type to its labels, so an enum column can be weighted too."""
    keyed = {c for key in (table.primary_key, *table.unique_keys) if len(key) > 1 for c in key}
    labels = enums or {}
    columns = tuple(
        _column(c, stats[c.name], c.name in keyed, labels) if c.name in stats else c
        for c in table.columns
    )
    return table.model_copy(update={"columns": columns})


def _column(
    column: Column, s: ColumnStats, in_key: bool, enums: Mapping[str, tuple[str, ...]]
) -> Column:
    if column.primary_key:
        return column
    if column.when is not None or column.null_rate >= 1.0:
        # Made by construction (one of num_nonnulls(a, b), an EXCLUDE or overlapping key
        # that holds only through NULL): the data's own NULL share would break it.
        return column
    update: dict[str, Any] = {}
    if column.nullable and s.null_frac > 0:
        update["null_rate"] = round(min(s.null_frac, 0.99), 4)
    if column.unique:
        # NULLs never collide in a unique column: only their share is data.
        return column.model_copy(update=update) if update else column
    if column.reference is not None:
        # Which parent a child picks is the engine's job; only the NULL share is data.
        return column.model_copy(update=update) if update else column
    free = isinstance(column.generator, RandomGen) and not in_key
    if column.type.kind is TypeKind.BOOLEAN:
        update |= _true_rate(column, s)
    elif column.type.kind is TypeKind.ENUM and not in_key and column.type.enum is not None:
        labels = enums.get(column.type.enum, ())
        if labels:
            flat = ChoiceGen(values=labels, weights=(1.0,) * len(labels))
            update |= _reweigh(flat, column.type, s)
    elif isinstance(column.generator, ChoiceGen) and column.type.kind is not TypeKind.ENUM:
        update |= _reweigh(column.generator, column.type, s)
    elif free and _few_values(s) and (choice := _choice(column.type, s)) is not None:
        update["generator"] = choice
    elif free:
        update |= _range(column, s)
    return column.model_copy(update=update) if update else column


def _few_values(s: ColumnStats) -> bool:
    covered = sum(s.freqs) >= _COVERAGE * (1.0 - s.null_frac)
    return 0 < s.n_distinct <= MAX_CHOICES and bool(s.values) and covered


def _choice(dtype: DataType, s: ColumnStats) -> ChoiceGen | None:
    """The common values weighted by frequency; the rare rest is spread over them in proportion."""
    values = [_scalar(v, dtype) for v in s.values]
    if any(v is None for v in values) or dtype.is_temporal or dtype.kind is TypeKind.UUID:
        return None
    total = sum(s.freqs)
    weights = tuple(round(f / total, 4) or 0.0001 for f in s.freqs)
    return ChoiceGen(values=tuple(values), weights=weights)


def _reweigh(choice: ChoiceGen, dtype: DataType, s: ColumnStats) -> dict[str, Any]:
    """A choice from a CHECK's list, weighted by how often each value occurs.

    Values the statistics do not list share what the common values leave over
    (at least a small weight each, so every allowed value can still appear).
    """
    found = {_scalar(v, dtype): f for v, f in zip(s.values, s.freqs, strict=False)}
    if not found or not set(found) <= set(choice.values):
        return {}
    rest = [v for v in choice.values if v not in found]
    spare = max(1.0 - s.null_frac - sum(found.values()), 0.0) / len(rest) if rest else 0.0
    weights = [found.get(v, spare) for v in choice.values]
    total = sum(weights)
    return {
        "generator": choice.model_copy(
            update={"weights": tuple(round(w / total, 4) or 0.0001 for w in weights)}
        )
    }


def _scalar(text: str, dtype: DataType) -> Scalar:
    try:
        if dtype.is_integer:
            return int(text)
        if dtype.is_numeric:
            return float(text)
    except ValueError:
        return None
    if dtype.kind is TypeKind.STRING and dtype.length is not None and len(text) > dtype.length:
        return None
    return text if dtype.is_textual or dtype.kind is TypeKind.ENUM else None


def _true_rate(column: Column, s: ColumnStats) -> dict[str, Any]:
    if "t" not in s.values:
        return {"options": {**column.options, "true_rate": 0.0}} if s.values == ("f",) else {}
    share = s.freqs[s.values.index("t")] / max(1.0 - s.null_frac, 1e-9)
    return {"options": {**column.options, "true_rate": round(min(share, 1.0), 4)}}


def _range(column: Column, s: ColumnStats) -> dict[str, Any]:
    """Histogram (and common values) ends, inside any bound a CHECK already set.

    A bound that is an expression (``min: created_at``) is a rule, not a guess: keep it.
    """
    if any(e is not None and not isinstance(e, Lit) for e in (column.min, column.max)):
        return {}
    points = [
        p for p in (as_number(v, column.type) for v in (*s.histogram, *s.values)) if p is not None
    ]
    if len(points) < 2 or not (column.type.is_numeric or column.type.is_temporal):
        return {}
    low, high = min(points), max(points)
    low = max(low, _bound(column.min, column.type, low))
    high = min(high, _bound(column.max, column.type, high))
    if low > high:
        return {}
    update: dict[str, Any] = {
        "min": as_literal(low, column.type, up=False),
        "max": as_literal(high, column.type, up=True),
    }
    if column.distribution is None and column.type.is_numeric:
        found = [as_number(v, column.type) for v in s.histogram]
        shape = long_tail([float(p) for p in found if p is not None])
        if shape is not None:
            update["distribution"] = shape
    return update


#: The histogram's median lies in the lowest fifth of its range: a long right tail
#: (amounts, prices, durations) that a uniform range would turn into mostly huge values.
_TAIL = 0.2


def long_tail(bounds: list[float]) -> Distribution | None:
    """``lognormal`` fitted to a right-skewed, positive histogram, else None.

    ``histogram_bounds`` are equal-frequency quantiles, so the middle bound is the
    median and the quartile bounds give the spread: ``mu`` = ln(median), ``sigma`` =
    (ln q3 − ln q1) / 1.349 (the normal's interquartile width). The engine truncates
    it to ``min``/``max``, so the bounds stay exactly those of the data.
    """
    if len(bounds) < 5 or min(bounds) <= 0:
        return None
    ordered = sorted(bounds)
    low, high = ordered[0], ordered[-1]
    n = len(ordered) - 1
    median, q1, q3 = ordered[n // 2], ordered[n // 4], ordered[(3 * n) // 4]
    if high <= low or (median - low) > _TAIL * (high - low) or q3 <= q1:
        return None
    sigma = (math.log(q3) - math.log(q1)) / 1.349
    return Distribution(
        name="lognormal", params={"mu": round(math.log(median), 4), "sigma": round(sigma, 4)}
    )


def as_number(text: str, dtype: DataType) -> float | None:
    """Values in one comparable unit: numbers, days or seconds since the epoch (UTC).

    Integers stay exact ``int``s: a bigint near 1.5e18 would lose digits as a float.
    """
    try:
        if dtype.is_integer:
            return int(text)
        if dtype.kind is TypeKind.DATE:
            return float(date.fromisoformat(text).toordinal())
        if dtype.kind is TypeKind.DATETIME:
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            return moment.timestamp()
        return float(text)
    except ValueError:
        return None


def _bound(expr: Expr | None, dtype: DataType, fallback: float) -> float:
    if isinstance(expr, Lit) and expr.value is not None and not isinstance(expr.value, bool):
        found = as_number(str(expr.value), dtype)
        return found if found is not None else fallback
    return fallback


def as_literal(value: float, dtype: DataType, *, up: bool) -> Lit:
    if dtype.is_integer and isinstance(value, int):
        return Lit(value=value)
    if dtype.kind is TypeKind.DATE:
        return Lit(value=date.fromordinal(int(value)).isoformat())
    if dtype.kind is TypeKind.DATETIME:
        moment = datetime.fromtimestamp(value, tz=UTC).replace(tzinfo=None)
        whole = moment.replace(microsecond=0)
        if up and whole < moment:
            whole += timedelta(seconds=1)
        return Lit(value=whole.isoformat(sep=" "))
    if dtype.is_integer or float(value).is_integer():
        return Lit(value=int(value))
    return Lit(value=value)
