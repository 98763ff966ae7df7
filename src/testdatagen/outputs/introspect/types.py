"""SQLAlchemy column types (as reflected from a database) → model ``DataType``.

Reflection hands us dialect type objects (``VARCHAR(120)``, ``NUMERIC(10,2)``,
PostgreSQL ``ENUM``, MySQL ``TINYINT(1)``). We map them by their class name
through one table instead of ``isinstance`` chains, so dialect subclasses
(``DOUBLE_PRECISION``, ``TIMESTAMP(timezone=True)``) find their family by
walking the class hierarchy. Anything we cannot represent becomes ``text``
and says so in a comment, so the generated .tdg stays loadable and honest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from testdatagen.model.schema import ChoiceGen, FormatGen, Generator, PatternGen
from testdatagen.model.types import DataType, TypeKind

__all__ = ["JSON_VALUES", "MappedType", "map_type"]


@dataclass(frozen=True, slots=True)
class MappedType:
    """The model type, plus enum labels when the database type was an enum."""

    dtype: DataType
    comment: str | None = None
    enum_labels: tuple[str, ...] = ()
    enum_name: str | None = None
    #: Values the database accepts for a type the model only knows as text.
    generator: Generator | None = None
    #: An unknown type in a nullable column: NULL is the only value sure to load.
    null_only: bool = False
    #: The storage range of narrow or unsigned integers, which ``integer`` alone does not say.
    bounds: tuple[int, int] | None = None


#: Ranges of integer types narrower than the model's 32-bit ``integer``.
_NARROW: dict[str, tuple[int, int]] = {
    "TINYINT": (-128, 127),
    "SMALLINT": (-32768, 32767),
    "MEDIUMINT": (-8388608, 8388607),
    "YEAR": (1901, 2155),
}


#: Class names (upper case, as SQLAlchemy spells them) → model kind.
_KINDS: dict[str, TypeKind] = {
    "SMALLINT": TypeKind.INTEGER,
    "INTEGER": TypeKind.INTEGER,
    "MEDIUMINT": TypeKind.INTEGER,
    "YEAR": TypeKind.INTEGER,
    "BIGINT": TypeKind.BIGINT,
    "VARCHAR": TypeKind.STRING,
    "NVARCHAR": TypeKind.STRING,
    "CHAR": TypeKind.STRING,
    "NCHAR": TypeKind.STRING,
    "STRING": TypeKind.STRING,
    "TEXT": TypeKind.TEXT,
    "TINYTEXT": TypeKind.TEXT,
    "MEDIUMTEXT": TypeKind.TEXT,
    "LONGTEXT": TypeKind.TEXT,
    "CLOB": TypeKind.TEXT,
    "CITEXT": TypeKind.TEXT,
    "BOOLEAN": TypeKind.BOOLEAN,
    "NUMERIC": TypeKind.DECIMAL,
    "DECIMAL": TypeKind.DECIMAL,
    "REAL": TypeKind.FLOAT,
    "FLOAT": TypeKind.FLOAT,
    "DOUBLE": TypeKind.FLOAT,
    "DOUBLE_PRECISION": TypeKind.FLOAT,
    "DATE": TypeKind.DATE,
    "DATETIME": TypeKind.DATETIME,
    "TIMESTAMP": TypeKind.DATETIME,
    "UUID": TypeKind.UUID,
    "UUIDTYPE": TypeKind.UUID,
}


#: Types kept as text, each with values its database accepts (random text would not load).
def _pick(*values: str) -> ChoiceGen:
    return ChoiceGen(values=values, weights=(1.0,) * len(values))


JSON_VALUES = _pick("{}", "[]", '{"id": 1}', '{"tags": ["a", "b"]}')
_AS_TEXT: dict[str, Generator] = {
    "JSON": JSON_VALUES,
    "JSONB": JSON_VALUES,
    "XML": _pick("<item/>", "<item>1</item>"),
    "INET": FormatGen(name="ipv4"),
    "CIDR": FormatGen(name="ipv4"),
    "MACADDR": FormatGen(name="mac_address"),
    "INTERVAL": _pick("1 day", "2 hours", "30 minutes", "1 week"),
    "TIME": PatternGen(regex="([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"),
    "ARRAY": _pick("{}"),
}


def map_type(sa_type: Any, *, table: str = "", column: str = "") -> MappedType:
    """Map one reflected type; ``table``/``column`` name enums that have no name (MySQL)."""
    if type(sa_type).__name__.upper() == "SET":
        return _mysql_set(sa_type)
    name = _family(sa_type)
    if name == "ENUM" or getattr(sa_type, "enums", None):
        return _enum(sa_type, table, column)
    if name == "TINYINT":
        return _tinyint(sa_type)
    kind = _KINDS.get(name)
    if kind is None:
        return _as_text(name, sa_type)
    return MappedType(_sized(kind, sa_type), bounds=_bounds(name, sa_type))


def _bounds(name: str, sa_type: Any) -> tuple[int, int] | None:
    low, high = _NARROW.get(name, (None, None))
    if getattr(sa_type, "unsigned", False):
        return 0, (high * 2 + 1) if high is not None else 2_147_483_647
    return (low, high) if low is not None and high is not None else None


def _as_text(name: str, sa_type: Any) -> MappedType:
    shown, text = _shown(sa_type), DataType(kind=TypeKind.TEXT)
    if name in _AS_TEXT:
        comment = f"database type {shown}: kept as text"
        return MappedType(text, comment=comment, generator=_AS_TEXT[name])
    comment = f"database type {shown} is unknown here: NULL when allowed, else random text"
    return MappedType(text, comment=comment, null_only=True)


def _family(sa_type: Any) -> str:
    """The first class name in the MRO that we know, else the type's own name."""
    for cls in type(sa_type).__mro__:
        upper = cls.__name__.upper()
        if upper in _KINDS or upper in _AS_TEXT or upper in ("ENUM", "TINYINT"):
            return upper
    return type(sa_type).__name__.upper()


def _shown(sa_type: Any) -> str:
    try:
        return str(sa_type)
    except Exception:  # some reflected types cannot compile without a dialect
        return type(sa_type).__name__


def _sized(kind: TypeKind, sa_type: Any) -> DataType:
    if kind is TypeKind.STRING:
        length = getattr(sa_type, "length", None)
        return DataType(kind=kind, length=length) if length else DataType(kind=TypeKind.TEXT)
    if kind is TypeKind.DECIMAL:
        return _decimal(sa_type)
    if kind is TypeKind.DATETIME and getattr(sa_type, "timezone", False):
        return DataType(kind=kind, timezone="UTC")
    return DataType(kind=kind)


def _decimal(sa_type: Any) -> DataType:
    precision = getattr(sa_type, "precision", None)
    scale = getattr(sa_type, "scale", None)
    if precision is None:  # unconstrained numeric: any value; a float is the honest model
        return DataType(kind=TypeKind.FLOAT)
    return DataType(kind=TypeKind.DECIMAL, precision=precision, scale=scale or 0)


def _mysql_set(sa_type: Any) -> MappedType:
    """MySQL ``SET('a','b')`` holds comma-joined members: generate one member per row."""
    members = tuple(str(v) for v in getattr(sa_type, "values", ()) or () if str(v))
    if not members:
        return MappedType(
            DataType(kind=TypeKind.TEXT), comment="database type SET()", null_only=True
        )
    length = max(len(m) for m in members)
    return MappedType(
        DataType(kind=TypeKind.STRING, length=length),
        comment=f"database type SET: one member per row ({', '.join(members)})",
        generator=_pick(*members),
    )


def _tinyint(sa_type: Any) -> MappedType:
    """MySQL spells booleans ``TINYINT(1)``; any other tinyint is a small integer."""
    if getattr(sa_type, "display_width", None) == 1:
        return MappedType(DataType(kind=TypeKind.BOOLEAN))
    return MappedType(DataType(kind=TypeKind.INTEGER), bounds=_bounds("TINYINT", sa_type))


def _enum(sa_type: Any, table: str, column: str) -> MappedType:
    labels = tuple(str(v) for v in getattr(sa_type, "enums", ()) or ())
    name = getattr(sa_type, "name", None) or f"{table}_{column}"
    return MappedType(DataType(kind=TypeKind.ENUM, enum=name), enum_labels=labels, enum_name=name)
