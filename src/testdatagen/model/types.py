"""Column data types of the language, independent of any storage format."""

from __future__ import annotations

from enum import StrEnum

from testdatagen.model.base import Node

__all__ = ["DataType", "TypeKind"]


class TypeKind(StrEnum):
    INTEGER = "integer"
    BIGINT = "bigint"
    STRING = "string"
    TEXT = "text"
    BOOLEAN = "boolean"
    DECIMAL = "decimal"
    FLOAT = "float"
    DATETIME = "datetime"
    DATE = "date"
    UUID = "uuid"
    ENUM = "enum"


INTEGER_KINDS = frozenset({TypeKind.INTEGER, TypeKind.BIGINT})
NUMERIC_KINDS = frozenset({TypeKind.INTEGER, TypeKind.BIGINT, TypeKind.DECIMAL, TypeKind.FLOAT})
TEXT_KINDS = frozenset({TypeKind.STRING, TypeKind.TEXT, TypeKind.ENUM, TypeKind.UUID})
TEMPORAL_KINDS = frozenset({TypeKind.DATE, TypeKind.DATETIME})


class DataType(Node):
    """``string(120)``, ``decimal(10,2)``, ``datetime`` or an enum by name.

    ``timezone`` applies to datetime only: ``None`` means naive timestamps.
    """

    kind: TypeKind
    length: int | None = None
    precision: int | None = None
    scale: int | None = None
    enum: str | None = None
    timezone: str | None = None

    @property
    def is_integer(self) -> bool:
        return self.kind in INTEGER_KINDS

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def is_textual(self) -> bool:
        return self.kind in TEXT_KINDS

    @property
    def is_temporal(self) -> bool:
        return self.kind in TEMPORAL_KINDS

    def __str__(self) -> str:
        if self.kind is TypeKind.ENUM:
            return self.enum or "enum"
        if self.kind is TypeKind.STRING and self.length is not None:
            return f"string({self.length})"
        if self.kind is TypeKind.DECIMAL and self.precision is not None:
            return f"decimal({self.precision},{self.scale or 0})"
        return self.kind.value
