"""Column type spellings people bring from SQL and other generators.

``varchar(50)``, ``int``, ``timestamp``, ``double`` … all map to the model's
types, so a config copied from elsewhere works without renaming.
"""

from __future__ import annotations

import difflib
import re

from testdatagen.model.types import DataType, TypeKind

__all__ = ["TYPE_SPELLINGS", "UnknownType", "parse_type"]

TYPE_SPELLINGS: dict[str, TypeKind] = {
    "str": TypeKind.STRING,
    "string": TypeKind.STRING,
    "varchar": TypeKind.STRING,
    "char": TypeKind.STRING,
    "text": TypeKind.TEXT,
    "int": TypeKind.INTEGER,
    "integer": TypeKind.INTEGER,
    "smallint": TypeKind.INTEGER,
    "bigint": TypeKind.BIGINT,
    "long": TypeKind.BIGINT,
    "float": TypeKind.FLOAT,
    "double": TypeKind.FLOAT,
    "real": TypeKind.FLOAT,
    "decimal": TypeKind.DECIMAL,
    "numeric": TypeKind.DECIMAL,
    "bool": TypeKind.BOOLEAN,
    "boolean": TypeKind.BOOLEAN,
    "date": TypeKind.DATE,
    "datetime": TypeKind.DATETIME,
    "timestamp": TypeKind.DATETIME,
    "uuid": TypeKind.UUID,
}

_SHAPE = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*\Z")


class UnknownType(ValueError):
    def __init__(self, message: str, hint: str | None) -> None:
        super().__init__(message)
        self.hint = hint


def _sized(kind: TypeKind, first: int | None, second: int | None) -> DataType:
    if kind is TypeKind.DECIMAL:
        return DataType(kind=kind, precision=first, scale=second if first is not None else None)
    if kind is TypeKind.STRING:
        return DataType(kind=kind, length=first)
    return DataType(kind=kind)


def parse_type(spelling: str, enums: frozenset[str]) -> DataType:
    """``"decimal(10,2)"`` → ``DataType(decimal, 10, 2)``; enum names win over spellings."""
    match = _SHAPE.match(spelling)
    if match is None:
        raise UnknownType(f"cannot read the type {spelling!r}", "write e.g. 'string(120)'")
    name, first, second = match.groups()
    if name in enums and first is None:
        return DataType(kind=TypeKind.ENUM, enum=name)
    kind = TYPE_SPELLINGS.get(name.lower())
    if kind is None:
        known = [*TYPE_SPELLINGS, *enums]
        close = difflib.get_close_matches(name.lower(), known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"types: {', '.join(TypeKind)}"
        raise UnknownType(f"unknown column type '{name}'", hint)
    return _sized(kind, int(first) if first else None, int(second) if second else None)
