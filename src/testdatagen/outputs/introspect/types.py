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

__all__ = ["JSON_VALUES", "DeclaredType", "MappedType", "map_type"]


@dataclass(frozen=True, slots=True)
class DeclaredType:
    """A column type SQLAlchemy did not recognise, by the name the database declares
    (``point``, ``int4range``, ``tsquery``): enough to pick values it accepts."""

    name: str
    #: The literals below are PostgreSQL's; elsewhere (MySQL ``point``) they would not load.
    dialect: str = "postgresql"
    #: A PostgreSQL composite type's number of fields (0: not a composite).
    fields: int = 0

    def __str__(self) -> str:
        return self.name


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


#: JSON objects only: ``CHECK (jsonb_typeof(doc) = 'object')`` is common and not translated.
JSON_VALUES = _pick("{}", '{"id": 1}', '{"tags": ["a", "b"]}', '{"active": true, "score": 4.5}')
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
    "TSVECTOR": _pick("alpha beta", "gamma", "delta epsilon zeta"),
    "BYTEA": _pick("\\x00", "\\xdeadbeef", "\\x0102030405"),
    "MONEY": PatternGen(regex="[1-9][0-9]{0,3}\\.[0-9]{2}"),
}

#: PostgreSQL types SQLAlchemy reflects as NullType, by ``format_type`` name (modifiers
#: stripped): literals each type's input function accepts, so NOT NULL columns load too.
_DECLARED: dict[str, Generator] = {
    "point": _pick("(0,0)", "(1.5,2.5)", "(-3,4)"),
    "line": _pick("{1,-1,0}", "{0,1,-2}"),
    "lseg": _pick("[(0,0),(1,1)]", "[(2,3),(4,5)]"),
    "box": _pick("(1,1),(0,0)", "(4,5),(2,3)"),
    "path": _pick("[(0,0),(1,1),(2,0)]", "((0,0),(1,1))"),
    "polygon": _pick("((0,0),(1,1),(1,0))", "((0,0),(0,2),(2,2),(2,0))"),
    "circle": _pick("<(0,0),1>", "<(2,3),4.5>"),
    "int4range": _pick("[1,10)", "[5,6)", "empty"),
    "int8range": _pick("[1,10)", "[100,1000)"),
    "numrange": _pick("[1.5,2.5)", "[0,100]"),
    "daterange": _pick("[2020-01-01,2020-02-01)", "[2021-06-01,2021-06-30]"),
    "tsrange": _pick("[2020-01-01 00:00,2020-01-02 00:00)"),
    "tstzrange": _pick("[2020-01-01 00:00+00,2020-01-02 00:00+00)"),
    "tsquery": _pick("alpha & beta", "gamma | delta"),
    "tsvector": _pick("alpha beta", "gamma"),
    "bit": _pick("1", "0"),
    "bit varying": _pick("1", "0101"),
    "money": _pick("0.00", "12.34", "999.99"),
    "time with time zone": _pick("12:00:00+00", "08:30:00+02"),
    "hstore": _pick("a=>1", "key=>value, other=>2"),
    "ltree": _pick("top", "top.science", "top.science.astronomy"),
    "oid": _pick("1", "42"),
    "pg_lsn": _pick("0/0", "16/B374D848"),
    "txid_snapshot": _pick("10:20:10,14,15"),
    "xml": _pick("<item/>", "<item>1</item>"),
    "geometry": _pick("POINT(0 0)", "POINT(2.35 48.85)"),  # PostGIS reads WKT
    "geography": _pick("POINT(0 0)", "POINT(2.35 48.85)"),
}


#: MariaDB types SQLAlchemy does not know; their text form loads as is.
_MARIADB: dict[str, Generator] = {
    "inet4": FormatGen(name="ipv4"),
    "inet6": FormatGen(name="ipv6"),
}


def map_type(sa_type: Any, *, table: str = "", column: str = "") -> MappedType:
    """Map one reflected type; ``table``/``column`` name enums that have no name (MySQL)."""
    if isinstance(sa_type, DeclaredType):
        return _declared(sa_type)
    if type(sa_type).__name__.upper() == "SET":
        return _mysql_set(sa_type)
    name = _family(sa_type)
    if name == "ENUM" or getattr(sa_type, "enums", None):
        return _enum(sa_type, table, column)
    if name == "TINYINT":
        return _tinyint(sa_type)
    if name == "BIT" and "mysql" in type(sa_type).__module__:
        return _mysql_bit(sa_type)
    if name in _BLOBS:
        comment = f"database type {_shown(sa_type)}: ASCII text as bytes"
        return MappedType(DataType(kind=TypeKind.TEXT), comment=comment)
    if name in ("BINARY", "VARBINARY") and getattr(sa_type, "length", None):
        # Bytes the model cannot say: short ASCII text fits (BINARY pads it with zeros).
        comment = f"database type {_shown(sa_type)}: ASCII text as bytes"
        return MappedType(DataType(kind=TypeKind.STRING, length=sa_type.length), comment=comment)
    kind = _KINDS.get(name)
    if name == "ARRAY" and getattr(sa_type, "item_type", None) is not None:
        return _array(sa_type)
    if kind is None:
        return _as_text(name, sa_type)
    if kind is TypeKind.DECIMAL and (getattr(sa_type, "precision", None) or 0) > _MAX_PRECISION:
        return _wide_decimal(sa_type)
    return MappedType(_sized(kind, sa_type), bounds=_bounds(name, sa_type))


#: The widest ``decimal(p,s)`` the language knows.
_MAX_PRECISION = 38


def _wide_decimal(sa_type: Any) -> MappedType:
    """``DECIMAL(65,30)`` (MySQL's widest), ``numeric(50,45)``: narrowed to 38 digits,
    keeping the scale up to 38. Every value of the narrower type fits the wider column:
    it has the same or fewer integer digits (38 - s < p - s)."""
    scale = min(max(int(getattr(sa_type, "scale", None) or 0), 0), _MAX_PRECISION)
    dtype = DataType(kind=TypeKind.DECIMAL, precision=_MAX_PRECISION, scale=scale)
    comment = (
        f"database type {_shown(sa_type)}: generated as decimal({_MAX_PRECISION},{scale}), "
        "the widest tdg knows"
    )
    return MappedType(dtype, comment=comment)


#: Binary large objects (MySQL's; SQLite's BLOB is read as a declared type, since a
#: STRICT table's BLOB column refuses text).
_BLOBS = frozenset({"BLOB", "TINYBLOB", "MEDIUMBLOB", "LONGBLOB"})


#: Non-empty PostgreSQL array literals per element kind: ``CHECK (cardinality(tags) > 0)``
#: is common, and one-character elements fit any ``varchar(n)[]``.
_ARRAYS: dict[TypeKind, ChoiceGen] = {
    TypeKind.STRING: _pick("{a,b}", "{c}", "{d,e,f}"),
    TypeKind.TEXT: _pick("{alpha,beta}", "{gamma}", "{delta,epsilon,zeta}"),
    TypeKind.INTEGER: _pick("{1,2}", "{3}", "{4,5,6}"),
    TypeKind.BIGINT: _pick("{1,2}", "{3}", "{4,5,6}"),
    TypeKind.FLOAT: _pick("{1.5,2}", "{0.25}"),
    TypeKind.BOOLEAN: _pick("{t,f}", "{t}"),
    TypeKind.DATE: _pick("{2024-01-01,2024-06-30}", "{2023-12-31}"),
    TypeKind.DATETIME: _pick('{"2024-01-01 10:00:00"}', '{"2023-06-30 08:30:00"}'),
    TypeKind.UUID: _pick("{00000000-0000-4000-8000-000000000001}"),
}


def _array(sa_type: Any) -> MappedType:
    """``text[]``, ``integer[]`` …: a few non-empty literals of the element type; other
    element types (and multi-dimensional arrays) get the empty array."""
    item = map_type(sa_type.item_type)
    dims = int(getattr(sa_type, "dimensions", None) or 1)
    kind = item.dtype.kind
    if kind is TypeKind.ENUM and item.enum_labels and dims == 1:
        label = item.enum_labels[0].replace("\\", "\\\\").replace('"', '\\"')
        generator: Generator = _pick(f'{{"{label}"}}')
    elif kind is TypeKind.DECIMAL and dims == 1:
        generator = (
            _pick("{1,2}", "{0}")
            if (item.dtype.precision or 1) - (item.dtype.scale or 0) >= 1
            else _pick("{}")
        )
    else:
        generator = _ARRAYS.get(kind, _pick("{}")) if dims == 1 else _pick("{}")
    shown = f"{_shown(sa_type.item_type)}{'[]' * dims}"
    comment = f"database type {shown}: kept as text"
    return MappedType(DataType(kind=TypeKind.TEXT), comment=comment, generator=generator)


def _mysql_bit(sa_type: Any) -> MappedType:
    """MySQL ``BIT(1)`` is a flag; ``BIT(n)`` holds 0 … 2**n - 1. The loader writes the
    numbers through ``CAST(… AS UNSIGNED)`` (db/mysql_rows.py): as text they would be bytes."""
    n = int(getattr(sa_type, "length", None) or 1)
    if n == 1:
        return MappedType(DataType(kind=TypeKind.BOOLEAN), comment="database type BIT(1)")
    kind = TypeKind.INTEGER if n < 32 else TypeKind.BIGINT
    high = 2**n - 1 if n < 64 else 2**63 - 1
    return MappedType(DataType(kind=kind), comment=f"database type BIT({n})", bounds=(0, high))


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
    if name == "BIT" and "postgresql" in type(sa_type).__module__:
        n = int(getattr(sa_type, "length", None) or 1)
        size = f"{{1,{n}}}" if getattr(sa_type, "varying", False) else f"{{{n}}}"
        comment = f"database type {shown}: kept as text"
        return MappedType(text, comment=comment, generator=PatternGen(regex=f"[01]{size}"))
    if "postgresql" in type(sa_type).__module__:  # INT4RANGE, TSQUERY, HSTORE …
        return _declared(DeclaredType(shown.lower().replace("_", " ")))
    comment = f"database type {shown} is unknown here: NULL when allowed, else random text"
    return MappedType(text, comment=comment, null_only=True)


def _declared(declared: DeclaredType) -> MappedType:
    text = DataType(kind=TypeKind.TEXT)
    base = declared.name.split("(")[0].strip().lower()
    if base.endswith("[]") and declared.dialect == "postgresql":
        comment = f"database type {declared.name}: kept as text (empty arrays)"
        return MappedType(text, comment=comment, generator=_pick("{}"))
    if declared.fields and declared.dialect == "postgresql":
        # A row of NULL fields, '(,,)', is a value of every composite type.
        comment = f"database type {declared.name} (composite): its fields are NULL"
        return MappedType(
            text, comment=comment, generator=_pick(f"({',' * (declared.fields - 1)})")
        )
    if declared.dialect == "sqlite" and base in ("", "unknown"):
        # No declared type: BLOB affinity, which keeps any value as given.
        return MappedType(text, comment="no declared type: text")
    if base in _MARIADB and declared.dialect == "mysql":
        comment = f"database type {declared.name}: kept as text"
        return MappedType(text, comment=comment, generator=_MARIADB[base])
    if base in _DECLARED and declared.dialect == "postgresql":
        comment = f"database type {declared.name}: kept as text"
        return MappedType(text, comment=comment, generator=_DECLARED[base])
    comment = f"database type {declared.name} is unknown here: NULL when allowed, else random text"
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
