"""One reflected column → a model ``Column``: type, keys, default, realistic format.

The table-level facts a column needs (is it the primary key, unique, part
of a foreign key, restricted by a CHECK) are computed by build.py and passed
in as a ``ColumnFacts``; this module only decides the column's own settings.
Strategy priority: foreign key, enum, CHECK's value list, CHECK's regex, the
type's own values, one letter case (a case CHECK), realistic format, one-case
keys where the database compares ignoring case, ``sequential`` for
auto-increment keys, otherwise random within the bounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from testdatagen.model.expr import Expr, Lit, Ref, Scalar
from testdatagen.model.schema import (
    ChoiceGen,
    Column,
    ComputeGen,
    FormatGen,
    Generator,
    PatternGen,
    RandomGen,
    ReferenceGen,
    SequentialGen,
)
from testdatagen.model.types import DataType, TypeKind
from testdatagen.outputs.introspect.formats import infer_format
from testdatagen.outputs.introspect.reader import RawColumn
from testdatagen.outputs.introspect.sqlexpr import Untranslatable, parse_literal
from testdatagen.outputs.introspect.types import MappedType

__all__ = ["ColumnFacts", "build_column"]

#: The engine's default upper bound for integers; narrower types need an explicit max.
_DEFAULT_INT_MAX = 1_000_000


@dataclass(slots=True)
class ColumnFacts:
    table: str
    mapped: MappedType
    primary_key: bool = False
    in_composite_key: bool = False
    unique: bool = False
    reference: ReferenceGen | None = None
    self_reference_key: str | None = None
    choices: tuple[Scalar, ...] | None = None
    low: float | None = None
    high: float | None = None
    notes: tuple[str, ...] = ()
    #: Always NULL: the only way a dropped overlapping foreign key holds.
    always_null: bool = False
    #: A regex every value must match (a CHECK ``col ~ '…'``), anchors removed.
    pattern: str | None = None
    #: A unique index covers only this many leading characters (MySQL ``code(4)``).
    key_prefix: int | None = None
    #: ``CHECK (code = upper(code))``: every value in this case ("upper" or "lower").
    letter_case: str | None = None
    #: Part of a composite unique key.
    in_unique_key: bool = False
    #: Compared ignoring case (MySQL ``_ci`` collations, SQLite ``NOCASE``, ``citext``,
    #: a unique index on ``lower(col)``): 'aB' and 'Ab' are the same key.
    case_insensitive: bool = False


def build_column(raw: RawColumn, facts: ColumnFacts, dialect: str) -> Column:
    dtype = facts.mapped.dtype
    not_null = not raw.nullable or facts.primary_key or facts.in_composite_key
    min_, max_ = _bounds(facts)
    generator = _generator(raw, facts, not_null)
    return Column(
        name=raw.name,
        type=dtype,
        generator=generator,
        options=_folded_locale(generator, facts, dialect),
        primary_key=facts.primary_key,
        unique=facts.unique or facts.primary_key,
        not_null=not_null,
        null_rate=1.0 if (facts.mapped.null_only or facts.always_null) and not not_null else 0.0,
        default=_default(raw, dtype, dialect),
        min=min_,
        max=max_,
        comment=_comment(raw, facts),
    )


def _generator(raw: RawColumn, facts: ColumnFacts, not_null: bool) -> Generator:
    dtype = facts.mapped.dtype
    if facts.reference is not None:
        if facts.self_reference_key is not None and not_null:
            # A NOT NULL self-reference cannot start: the first row has no parent.
            # Each row pointing at itself satisfies the key (see docs/introspect.md).
            return ComputeGen(expr=Ref(path=(facts.self_reference_key,)))
        return facts.reference
    if dtype.kind is TypeKind.ENUM:
        labels = facts.mapped.enum_labels
        return ChoiceGen(values=labels, weights=(1.0,) * len(labels))
    if facts.choices is not None and not (facts.unique or facts.primary_key):
        return ChoiceGen(values=facts.choices, weights=(1.0,) * len(facts.choices))
    if facts.pattern is not None:
        return PatternGen(regex=facts.pattern)
    if facts.mapped.generator is not None:
        return facts.mapped.generator
    unique = facts.unique or facts.primary_key
    keyed = unique or facts.in_composite_key or facts.in_unique_key
    textual = dtype.kind in (TypeKind.STRING, TypeKind.TEXT)
    if textual and facts.letter_case is not None:  # CHECK (code = upper(code))
        return _one_case(dtype, facts.letter_case, facts.key_prefix)
    fmt = infer_format(raw.name, dtype, table=facts.table, unique=unique)
    if fmt in _SIGNED_FORMATS and facts.mapped.bounds is not None and facts.mapped.bounds[0] >= 0:
        fmt = None  # an UNSIGNED column cannot hold a western longitude
    if fmt is not None and dtype.kind is not TypeKind.UUID:
        return FormatGen(name=fmt)
    if textual and keyed and (facts.case_insensitive or facts.key_prefix is not None):
        # Random keys mix cases: 'aB' and 'Ab' are distinct to tdg, a duplicate to a
        # case-insensitive database (MySQL's _ci collations, NOCASE, lower() indexes).
        # A prefix index: the distinct part must be the prefix, so values are that long.
        return _one_case(dtype, "lower", facts.key_prefix)
    if raw.autoincrement and dtype.is_integer:
        # serial/identity/AUTO_INCREMENT, key or not: 1, 2, 3 … as the sequence would
        # number them (the loaders move the sequence past them).
        return SequentialGen()
    return RandomGen()


#: Its values are plain ASCII and no two differ only in case (checked over every format).
_FOLDED_LOCALE = "en_US"


def _folded_locale(generator: Generator, facts: ColumnFacts, dialect: str) -> dict[str, Scalar]:
    """``locale: 'en_US'`` for a realistic key column that MySQL compares by a ``_ci`` collation.

    ``utf8mb4_general_ci``/``unicode_ci``/``uca1400_ai_ci`` ignore accents as well as
    case: the pairs ('Trüb', 'Meryem') and ('Trub', 'Meryem') are distinct to tdg but
    one key to MariaDB, which rejects the load. Values of the en_US locale are ASCII
    and never differ only in case, so distinct values stay distinct under the
    collation whatever locale the run uses.
    """
    keyed = facts.unique or facts.primary_key or facts.in_composite_key or facts.in_unique_key
    if dialect == "mysql" and facts.case_insensitive and keyed and isinstance(generator, FormatGen):
        return {"locale": _FOLDED_LOCALE}
    return {}


def _one_case(dtype: DataType, case: str, prefix: int | None = None) -> PatternGen:
    """Letters of one case and digits, the column's full length (up to 16, and no longer
    than a unique prefix)."""
    letters = "A-Z" if case == "upper" else "a-z"
    width = min(dtype.length or _CASELESS_WIDTH, _CASELESS_WIDTH, prefix or _CASELESS_WIDTH)
    return PatternGen(regex=f"[{letters}0-9]{{{width}}}")


#: Length of generated case-insensitive keys (36**16 values: never short of keys).
_CASELESS_WIDTH = 16

_SIGNED_FORMATS = frozenset({"latitude", "longitude"})


def _bounds(facts: ColumnFacts) -> tuple[Expr | None, Expr | None]:
    """CHECK-derived bounds, narrowed to what the storage type holds."""
    dtype = facts.mapped.dtype
    if not dtype.is_numeric or facts.reference is not None or facts.choices is not None:
        return None, None
    low, high = facts.low, facts.high
    if facts.mapped.bounds is not None:
        type_low, type_high = facts.mapped.bounds
        if high is not None or type_high < _DEFAULT_INT_MAX:
            high = type_high if high is None else min(high, type_high)
        if low is not None or type_low > 0:
            low = type_low if low is None else max(low, type_low)
    low, high = _complete(low, high, dtype)
    if dtype.kind is TypeKind.DECIMAL and dtype.precision is not None:
        # decimal(4,2) holds ±99.99: a completed (or CHECK) bound beyond it would not load.
        scale = dtype.scale or 0
        room = round(10.0 ** (dtype.precision - scale) - 10.0**-scale, scale)
        low = None if low is None else max(low, -room)
        high = None if high is None else min(high, room)
    if facts.mapped.bounds is not None:  # the partner _complete made must fit the type too
        type_low, type_high = facts.mapped.bounds
        low = None if low is None else max(low, type_low)
        high = None if high is None else min(high, type_high)
    return _number(low, dtype), _number(high, dtype)


def _complete(
    low: float | None, high: float | None, dtype: DataType
) -> tuple[float | None, float | None]:
    """Give the other end when one bound alone would cross the engine's default range."""
    default_high = _default_high(dtype)
    if low is not None and high is None and low >= default_high:
        high = low + default_high
    if high is not None and low is None and high < 0:
        low = high - default_high
    return low, high


def _default_high(dtype: DataType) -> float:
    """The engine's default upper bound (engine/bounds.py ``default_range``); lower is 0."""
    if dtype.kind is TypeKind.FLOAT:
        return 1.0
    if dtype.kind is TypeKind.DECIMAL:
        p, s = dtype.precision or 18, dtype.scale or 0
        return float(min(10 ** (p - s) - 10.0**-s, 1000.0))
    return float(_DEFAULT_INT_MAX)


def _number(value: float | None, dtype: DataType) -> Expr | None:
    if value is None:
        return None
    if dtype.is_integer or float(value).is_integer():
        return Lit(value=int(value))
    return Lit(value=float(value))


def _default(raw: RawColumn, dtype: DataType, dialect: str) -> Expr | None:
    """Literal server defaults only: ``now()`` or a sequence is the database's business."""
    if raw.default is None or raw.autoincrement:
        return None
    try:
        value = parse_literal(raw.default, dialect)
    except Untranslatable:
        return None
    if value is None or not _fits(value, dtype):
        return None
    return Lit(value=value)


def _fits(value: Scalar, dtype: DataType) -> bool:
    if dtype.kind is TypeKind.BOOLEAN:
        return isinstance(value, bool) or value in (0, 1)
    if dtype.is_numeric:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if dtype.kind is TypeKind.STRING and dtype.length is not None:
        return isinstance(value, str) and len(value) <= dtype.length
    if dtype.is_temporal:  # MySQL's zero date '0000-00-00 00:00:00' is no date
        return isinstance(value, str) and _iso_temporal(value, dtype)
    return isinstance(value, str)


def _iso_temporal(text: str, dtype: DataType) -> bool:
    try:
        if dtype.kind is TypeKind.DATE:
            date.fromisoformat(text)
        else:
            datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _comment(raw: RawColumn, facts: ColumnFacts) -> str | None:
    parts = [raw.comment] if raw.comment else []
    if facts.mapped.comment:
        parts.append(facts.mapped.comment)
    parts += facts.notes
    return "; ".join(parts) if parts else None
