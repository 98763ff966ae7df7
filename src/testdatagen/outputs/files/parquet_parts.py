"""Parquet row groups encoded anywhere, stitched into one file in order.

Encoding (dictionaries, compression, statistics) is most of the cost of
writing Parquet, and one ``ParquetWriter`` runs it on one core. So each row
group is encoded on its own as a complete one-group Parquet file
(``encode_part``, a pure function of the rows and options: a worker process
can run it), and ``Stitcher`` appends each part's column chunks to the output
and shifts the byte offsets in its footer. A row group's bytes depend only on
its rows, so the file is the same whichever process encoded which group; and
every writer goes through this path, also with one worker, so the bytes never
depend on the worker count.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from testdatagen.outputs.files.thrift_compact import LIST, Field, decode_struct, encode_struct

__all__ = ["PartOptions", "Stitcher", "dictionary_columns", "empty_file", "encode_part"]

MAGIC = b"PAR1"
_TAIL = 8  # footer length (uint32 little-endian) + magic

# Field ids in parquet.thrift.
_FILE_NUM_ROWS, _FILE_ROW_GROUPS = 3, 4
_GROUP_COLUMNS, _GROUP_FILE_OFFSET, _GROUP_ORDINAL = 1, 5, 7
_CHUNK_FILE_OFFSET, _CHUNK_META, _CHUNK_OFFSET_INDEX, _CHUNK_COLUMN_INDEX = 2, 3, 4, 6
#: ColumnMetaData: data, index and dictionary page offsets, bloom filter offset.
_META_OFFSETS = frozenset({9, 10, 11, 14})


@dataclass(frozen=True)
class PartOptions:
    """Everything besides the rows that decides a part's bytes (picklable)."""

    schema: pa.Schema
    codec: str
    level: int | None
    dictionary: tuple[str, ...]


def encode_part(options: PartOptions, group: pa.RecordBatch) -> tuple[int, bytes]:
    """One row group as a complete Parquet file, and its row count."""
    sink = pa.BufferOutputStream()
    with pq.ParquetWriter(
        sink,
        options.schema,
        compression=options.codec,
        compression_level=options.level,
        use_dictionary=list(options.dictionary),
    ) as writer:
        writer.write_batch(group, row_group_size=max(1, group.num_rows))
    return group.num_rows, bytes(sink.getvalue().to_pybytes())


def _footer(part: bytes) -> tuple[list[Field], int]:
    """The part's decoded footer and where its footer starts."""
    if part[:4] != MAGIC or part[-4:] != MAGIC:
        raise ValueError("Expected a Parquet file (PAR1 … PAR1) from encode_part")
    (length,) = struct.unpack("<I", part[-_TAIL:-4])
    start = len(part) - _TAIL - length
    return decode_struct(part[start : len(part) - _TAIL]), start


def _get(fields: list[Field], fid: int) -> Field | None:
    return next((f for f in fields if f.id == fid), None)


def _shift(fields: list[Field], ids: frozenset[int], delta: int) -> None:
    """Move byte offsets; 0 is never one (``PAR1`` is there) but "unset" (Arrow writes
    the deprecated ``ColumnChunk.file_offset`` as 0), so it stays 0."""
    for f in fields:
        if f.id in ids and f.value:
            f.value += delta


class Stitcher:
    """Writes ``PAR1``, then each part's column chunks, then one merged footer."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.offset = 0
        self.rows = 0
        self.groups: list[list[Field]] = []
        self.head: list[Field] | None = None

    def add(self, part: bytes) -> None:
        footer, end = _footer(part)
        if self.offset == 0:
            self.stream.write(MAGIC)
            self.offset = len(MAGIC)
        delta = self.offset - len(MAGIC)
        row_groups = _get(footer, _FILE_ROW_GROUPS)
        for group in row_groups.value.items if row_groups else ():
            self._relocate(group, delta)
            self.groups.append(group)
        self.stream.write(memoryview(part)[len(MAGIC) : end])
        self.offset += end - len(MAGIC)
        self.rows += _get(footer, _FILE_NUM_ROWS).value  # type: ignore[union-attr]
        self.head = self.head or footer

    def _relocate(self, group: list[Field], delta: int) -> None:
        _shift(group, frozenset({_GROUP_FILE_OFFSET}), delta)
        ordinal = _get(group, _GROUP_ORDINAL)
        if ordinal is not None:
            ordinal.value = len(self.groups)
        columns = _get(group, _GROUP_COLUMNS)
        for chunk in columns.value.items if columns else ():
            _shift(
                chunk,
                frozenset({_CHUNK_FILE_OFFSET, _CHUNK_OFFSET_INDEX, _CHUNK_COLUMN_INDEX}),
                delta,
            )
            meta = _get(chunk, _CHUNK_META)
            if meta is not None:
                _shift(meta.value, _META_OFFSETS, delta)

    def finish(self, empty: bytes) -> None:
        """Write the merged footer; ``empty`` (a zero-row file) stands in if no part came."""
        if self.head is None:
            self.stream.write(empty)
            return
        footer = [self._merged(f) for f in self.head]
        encoded = encode_struct(footer)
        self.stream.write(encoded)
        self.stream.write(struct.pack("<I", len(encoded)) + MAGIC)

    def _merged(self, f: Field) -> Field:
        if f.id == _FILE_NUM_ROWS:
            return Field(f.id, f.type, self.rows)
        if f.id == _FILE_ROW_GROUPS:
            return Field(f.id, LIST, type(f.value)(f.value.element, self.groups))
        return f


def empty_file(options: PartOptions) -> bytes:
    """A Parquet file with the schema and no row group (a table of zero rows)."""
    sink = pa.BufferOutputStream()
    with pq.ParquetWriter(
        sink, options.schema, compression=options.codec, compression_level=options.level
    ):
        pass
    return bytes(sink.getvalue().to_pybytes())


def dictionary_columns(schema: pa.Schema) -> tuple[str, ...]:
    """Dictionary-encode text only. On numbers, timestamps and decimals (ids, amounts,
    instants: mostly distinct) the writer hashes every value until the dictionary
    page overflows and then falls back to plain anyway; on the shop benchmark that
    attempt was 60% of the whole write and made the files larger, not smaller."""
    return tuple(
        field.name
        for field in schema
        if pa.types.is_string(field.type) or pa.types.is_large_string(field.type)
    )
