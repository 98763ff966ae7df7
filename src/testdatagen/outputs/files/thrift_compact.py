"""Just enough of Thrift's compact protocol to read and rewrite a Parquet footer.

Parquet keeps its file metadata (schema, row groups, column chunk offsets) as
one Thrift struct in compact encoding. Stitching row groups that different
processes encoded into one file means shifting their byte offsets, which no
pyarrow API offers; so the footer is decoded here into a generic tree —
a struct is a list of ``Field(id, type, value)`` in wire order — edited, and
encoded again. Keeping wire order, types and the shortest varints makes
``encode(decode(b)) == b`` for what Arrow writes (tested).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["I16", "I64", "LIST", "STRUCT", "Field", "decode_struct", "encode_struct"]

# Compact type ids. A struct field's boolean travels in its type (1 = true, 2 = false).
TRUE, FALSE, BYTE, I16, I32, I64, DOUBLE, BINARY, LIST, SET, MAP, STRUCT = range(1, 13)
_VARINT = (I16, I32, I64)


@dataclass
class Field:
    id: int
    type: int
    value: Any


@dataclass
class Sequence:
    """A list or set: its element type and elements."""

    element: int
    items: list[Any]


@dataclass
class Mapping:
    key: int
    value: int
    items: list[tuple[Any, Any]]


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = memoryview(data)
        self.pos = 0

    def byte(self) -> int:
        value = self.data[self.pos]
        self.pos += 1
        return value

    def varint(self) -> int:
        shift = result = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def take(self, n: int) -> bytes:
        chunk = bytes(self.data[self.pos : self.pos + n])
        self.pos += n
        return chunk

    def value(self, kind: int) -> Any:
        if kind in (TRUE, FALSE):  # inside a container: one byte per element
            return self.byte()
        if kind == BYTE:
            return self.byte()
        if kind in _VARINT:
            return self.zigzag()
        if kind == DOUBLE:
            return self.take(8)
        if kind == BINARY:
            return self.take(self.varint())
        if kind in (LIST, SET):
            head = self.byte()
            size = head >> 4 if head >> 4 != 15 else self.varint()
            element = head & 0x0F
            return Sequence(element, [self.value(element) for _ in range(size)])
        if kind == MAP:
            size = self.varint()
            types = self.byte() if size else 0
            k, v = types >> 4, types & 0x0F
            return Mapping(k, v, [(self.value(k), self.value(v)) for _ in range(size)])
        if kind == STRUCT:
            return self.fields()
        raise ValueError(f"Expected a Thrift compact type id but got {kind}")

    def fields(self) -> list[Field]:
        out: list[Field] = []
        last = 0
        while True:
            head = self.byte()
            if head == 0:
                return out
            kind, delta = head & 0x0F, head >> 4
            fid = last + delta if delta else self.zigzag()
            value = kind == TRUE if kind in (TRUE, FALSE) else self.value(kind)
            out.append(Field(fid, kind, value))
            last = fid


class _Writer:
    def __init__(self) -> None:
        self.out = bytearray()

    def varint(self, n: int) -> None:
        while n > 0x7F:
            self.out.append((n & 0x7F) | 0x80)
            n >>= 7
        self.out.append(n)

    def zigzag(self, n: int) -> None:
        self.varint((n << 1) ^ (n >> 63))

    def value(self, kind: int, value: Any) -> None:
        if kind in (TRUE, FALSE, BYTE):
            self.out.append(value & 0xFF)
        elif kind in _VARINT:
            self.zigzag(value)
        elif kind == DOUBLE:
            self.out += value
        elif kind == BINARY:
            self.varint(len(value))
            self.out += value
        elif kind in (LIST, SET):
            size = len(value.items)
            if size < 15:
                self.out.append(size << 4 | value.element)
            else:
                self.out.append(0xF0 | value.element)
                self.varint(size)
            for item in value.items:
                self.value(value.element, item)
        elif kind == MAP:
            self.varint(len(value.items))
            if value.items:
                self.out.append(value.key << 4 | value.value)
            for k, v in value.items:
                self.value(value.key, k)
                self.value(value.value, v)
        elif kind == STRUCT:
            self.fields(value)
        else:
            raise ValueError(f"Expected a Thrift compact type id but got {kind}")

    def fields(self, fields: list[Field]) -> None:
        last = 0
        for f in fields:
            kind = (TRUE if f.value else FALSE) if f.type in (TRUE, FALSE) else f.type
            if 0 < f.id - last <= 15:
                self.out.append((f.id - last) << 4 | kind)
            else:
                self.out.append(kind)
                self.zigzag(f.id)
            if f.type not in (TRUE, FALSE):
                self.value(f.type, f.value)
            last = f.id
        self.out.append(0)


def decode_struct(data: bytes) -> list[Field]:
    reader = _Reader(data)
    fields = reader.fields()
    if reader.pos != len(data):
        raise ValueError(f"Expected one Thrift struct but {len(data) - reader.pos} bytes remain")
    return fields


def encode_struct(fields: list[Field]) -> bytes:
    writer = _Writer()
    writer.fields(fields)
    return bytes(writer.out)
