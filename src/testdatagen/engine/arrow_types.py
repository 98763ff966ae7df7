"""How model types map to Arrow types: the one place every writer and loader agrees on."""

from __future__ import annotations

import pyarrow as pa

from testdatagen.model.schema import Table
from testdatagen.model.types import DataType, TypeKind

__all__ = ["arrow_schema", "arrow_type"]


def arrow_type(data_type: DataType) -> pa.DataType:
    match data_type.kind:
        case TypeKind.INTEGER:
            return pa.int32()
        case TypeKind.BIGINT:
            return pa.int64()
        case TypeKind.FLOAT:
            return pa.float64()
        case TypeKind.DECIMAL:
            return pa.decimal128(data_type.precision or 18, data_type.scale or 0)
        case TypeKind.BOOLEAN:
            return pa.bool_()
        case TypeKind.DATE:
            return pa.date32()
        case TypeKind.DATETIME:
            return pa.timestamp("us", tz=data_type.timezone)
        case TypeKind.STRING | TypeKind.TEXT | TypeKind.ENUM | TypeKind.UUID:
            return pa.string()
    raise AssertionError(data_type.kind)


def arrow_schema(table: Table, metadata: dict[str, str] | None = None) -> pa.Schema:
    fields = [
        pa.field(
            c.name, arrow_type(c.type), nullable=c.nullable, metadata={"tdg_type": str(c.type)}
        )
        for c in table.columns
    ]
    return pa.schema(fields, metadata=metadata)
