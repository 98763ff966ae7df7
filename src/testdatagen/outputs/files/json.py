"""JSON (one array per table) and JSON Lines, rendered column-wise.

Each column becomes JSON text with Arrow kernels (escaping, quoting,
``null``), the columns are joined into ``{"a":1,"b":"x"}`` rows, and a batch
is written as one block — the document stays valid JSON however large, as
the brackets and separators are written around the streamed rows.

Types: integers and floats are numbers (NaN and infinities, which JSON
cannot spell, become ``null``); decimals are strings by default (exact) or
numbers with ``decimals: number``; dates and timestamps are ISO 8601
strings; booleans are ``true``/``false``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import BinaryIO, ClassVar

import pyarrow as pa
import pyarrow.compute as pc

from testdatagen.engine.dataset import Dataset
from testdatagen.outputs.files.base import FileOutput, RowCounter
from testdatagen.outputs.files.text import concat_rows, is_text, join_columns, to_text

__all__ = ["JsonLinesOutput", "JsonOutput", "json_values"]

_ESCAPES = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CONTROL = "[\x00-\x1f]"


def _escape(text: pa.Array) -> pa.Array:
    text = pc.replace_substring(text, "\\", "\\\\")
    text = pc.replace_substring(text, '"', '\\"')
    if not pc.any(pc.match_substring_regex(text, _CONTROL)).as_py():
        return text
    for code in range(0x20):  # rare: only batches that hold control characters pay
        char = chr(code)
        text = pc.replace_substring(text, char, _ESCAPES.get(char, f"\\u{code:04x}"))
    return text


def _string(text: pa.Array, *, escape: bool = True) -> pa.Array:
    quote = pa.scalar('"')
    return pc.binary_join_element_wise(quote, _escape(text) if escape else text, quote, "")


def json_values(column: pa.Array, *, decimals_as_numbers: bool = False) -> pa.Array:
    """A column as JSON value texts, ``null`` for nulls; never contains nulls itself."""
    data_type = column.type
    if pa.types.is_integer(data_type) or pa.types.is_boolean(data_type):
        text = column.cast(pa.string())
    elif pa.types.is_floating(data_type):
        finite = pc.is_finite(column)
        text = pc.if_else(finite, column.cast(pa.string()), pa.scalar(None, pa.string()))
    elif pa.types.is_decimal(data_type) and decimals_as_numbers:
        text = column.cast(pa.string())
    else:  # dates, timestamps and decimals render without characters to escape
        text = _string(to_text(column), escape=is_text(data_type))
    return pc.fill_null(text, pa.scalar("null"))


class _JsonBase(FileOutput):
    format_options: ClassVar[frozenset[str]] = frozenset({"decimals"})

    def configure(self) -> None:
        self.decimals_as_numbers = (
            self.opts.choice("decimals", "string", ("string", "number")) == "number"
        )

    def _rows(self, batch: pa.RecordBatch, suffix: str) -> bytes:
        """The batch's rows as objects, each followed by ``suffix``."""
        fields = [
            pc.binary_join_element_wise(
                pa.scalar(json.dumps(name, ensure_ascii=False) + ":"),
                json_values(column, decimals_as_numbers=self.decimals_as_numbers),
                "",
            )
            for name, column in zip(batch.schema.names, batch.columns, strict=True)
        ]
        return concat_rows(join_columns(fields, ",", "{", "}" + suffix, batch.num_rows))


class JsonOutput(_JsonBase):
    """``[{...},{...}]`` per table file; several tables in one file form an object of arrays."""

    extension: ClassVar[str] = ".json"
    combined: ClassVar[bool] = True

    def write_file(
        self, dataset: Dataset, tables: Sequence[str], stream: BinaryIO, counter: RowCounter
    ) -> None:
        keyed = len(tables) > 1
        if keyed:
            stream.write(b"{")
        for index, table in enumerate(tables):
            if keyed:
                prefix = ("," if index else "") + "\n" + json.dumps(table, ensure_ascii=False)
                stream.write((prefix + ":").encode())
            self._array(dataset, table, stream, counter)
        stream.write(b"\n}\n" if keyed else b"\n")

    def _array(self, dataset: Dataset, table: str, stream: BinaryIO, counter: RowCounter) -> None:
        stream.write(b"[")
        first = True
        for batch in counter.stream(dataset, table):
            if batch.num_rows == 0:
                continue
            stream.write(b"\n" if first else b",\n")
            stream.write(self._rows(batch, ",\n")[:-2])
            first = False
        stream.write(b"]" if first else b"\n]")


class JsonLinesOutput(_JsonBase):
    """One object per line (``.jsonl``), one file per table."""

    extension: ClassVar[str] = ".jsonl"

    def write_file(
        self, dataset: Dataset, tables: Sequence[str], stream: BinaryIO, counter: RowCounter
    ) -> None:
        for table in tables:
            for batch in counter.stream(dataset, table):
                stream.write(self._rows(batch, "\n"))
