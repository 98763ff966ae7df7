"""CSV and TSV (RFC 4180 quoting), one file per table.

Two engines, same output rules: Arrow's C++ ``CSVWriter`` when the options
are ones it implements (``"`` quotes, ``all`` or ``nonnumeric`` quoting,
UTF-8), else a vectorized formatter built from Arrow compute kernels
(``minimal`` quoting, any quote character, any encoding). Timestamps are
rendered in ISO 8601 first in both, so the engines agree on values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO, ClassVar

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from testdatagen.engine.dataset import Dataset
from testdatagen.outputs.files.base import FileOutput, RowCounter
from testdatagen.outputs.files.text import (
    concat_rows,
    is_numeric,
    is_text,
    join_columns,
    quote,
    to_text,
)
from testdatagen.outputs.options import BAD_OPTION, BAD_VALUE, output_error

__all__ = ["CsvOutput", "TsvOutput"]

QUOTING = ("minimal", "all", "nonnumeric")
_ARROW_QUOTING = {"all": "all_valid", "nonnumeric": "needed"}
_UTF8 = ("utf-8", "utf8")
#: Every character a number, boolean, date or ISO timestamp can render as.
_PLAIN_CHARS = frozenset("0123456789+-.:eEinfatrulsTZ ")


class CsvOutput(FileOutput):
    extension: ClassVar[str] = ".csv"
    default_delimiter: ClassVar[str] = ","
    format_options: ClassVar[frozenset[str]] = frozenset(
        {"header", "delimiter", "quote_char", "quoting", "null", "line_terminator", "encoding"}
    )

    def configure(self) -> None:
        o = self.opts
        self.header = o.boolean("header", True)
        self.delimiter = o.char("delimiter", self.default_delimiter)
        self.quote_char = o.char("quote_char", '"')
        self.quoting = o.choice("quoting", "minimal", QUOTING)
        self.null = o.string("null", "")
        self.eol = o.string("line_terminator", "\n")
        self.encoding = o.string("encoding", "utf-8").lower()
        self._check_options()

    def _check_options(self) -> None:
        if self.delimiter == self.quote_char or self.delimiter in "\r\n":
            raise output_error(BAD_OPTION, f"the CSV delimiter cannot be {self.delimiter!r}")
        if self.quote_char in self.null or any(c in self.null for c in "\r\n" + self.delimiter):
            raise output_error(
                BAD_OPTION,
                f"the NULL spelling {self.null!r} contains a quote, delimiter or line break",
                "use a plain word such as 'NULL' or '\\N'",
            )
        if self.eol not in ("\n", "\r\n", "\r"):
            raise output_error(BAD_OPTION, r"line_terminator must be '\n', '\r\n' or '\r'")
        try:
            "".encode(self.encoding)
        except LookupError:
            raise output_error(BAD_OPTION, f"unknown encoding {self.encoding!r}") from None

    @property
    def _arrow_fits(self) -> bool:
        utf8 = self.encoding in (*_UTF8, "utf-8-sig")
        return utf8 and self.quote_char == '"' and self.quoting in _ARROW_QUOTING

    def write_file(
        self, dataset: Dataset, tables: Sequence[str], stream: BinaryIO, counter: RowCounter
    ) -> None:
        for table in tables:  # exactly one: CSV is not a combined format
            if self.encoding == "utf-8-sig":
                stream.write("\ufeff".encode())
            if self._arrow_fits:
                self._write_arrow(dataset, table, stream, counter)
            else:
                self._write_vectorized(dataset, table, stream, counter)

    # -- Arrow's CSVWriter ------------------------------------------------------------

    def _write_arrow(
        self, dataset: Dataset, table: str, stream: BinaryIO, counter: RowCounter
    ) -> None:
        options = pacsv.WriteOptions(
            include_header=self.header,
            delimiter=self.delimiter,
            eol=self.eol,
            null_string=self.null,
            quoting_style=_ARROW_QUOTING[self.quoting],
        )
        schema = _text_schema(dataset.arrow_schema(table), self.quoting)
        sink = pa.PythonFile(stream, mode="w")
        with pacsv.CSVWriter(sink, schema, write_options=options) as writer:
            for batch in counter.stream(dataset, table):
                writer.write_batch(_render(batch, schema, self.quoting))

    # -- vectorized formatter ---------------------------------------------------------

    def _write_vectorized(
        self, dataset: Dataset, table: str, stream: BinaryIO, counter: RowCounter
    ) -> None:
        schema = dataset.arrow_schema(table)
        if self.header:
            names = pa.array(schema.names, pa.string())
            cells = self._cells(names, numeric=False)
            stream.write(self._encode(self.delimiter.join(cells.to_pylist()) + self.eol, table))
        for batch in counter.stream(dataset, table):
            columns = [
                self._cells(
                    to_text(column),
                    numeric=is_numeric(column.type),
                    plain=not is_text(column.type),
                )
                for column in batch.columns
            ]
            rows = join_columns(columns, self.delimiter, "", self.eol, batch.num_rows)
            stream.write(self._encode_bytes(concat_rows(rows), table))

    def _cells(self, text: pa.Array, *, numeric: bool, plain: bool = False) -> pa.Array:
        """Quote where the style asks (and where a value could be misread), NULL spelled.

        ``plain`` columns (numbers, dates, booleans) cannot hold a delimiter,
        quote or line break, so only the NULL look-alike check applies to them.
        """
        if self.quoting == "all" or (self.quoting == "nonnumeric" and not numeric):
            needs = pc.is_valid(text)
        elif plain and not set(self.delimiter + self.quote_char) & _PLAIN_CHARS:
            needs = pc.equal(text, pa.scalar(self.null))
        else:
            needs = pc.or_(
                pc.match_substring_regex(text, self._special_pattern),
                pc.equal(text, pa.scalar(self.null)),
            )
        if pc.any(needs).as_py():
            text = pc.if_else(needs, quote(text, self.quote_char), text)
        return pc.fill_null(text, pa.scalar(self.null))

    @property
    def _special_pattern(self) -> str:
        specials = "".join(sorted({self.delimiter, self.quote_char, "\r", "\n"}))
        return "[" + "".join("\\" + c if c in "]\\^-[" else c for c in specials) + "]"

    def _encode(self, text: str, table: str) -> bytes:
        return self._encode_bytes(text.encode(), table)

    def _encode_bytes(self, data: bytes, table: str) -> bytes:
        if self.encoding in _UTF8 or self.encoding == "utf-8-sig":
            return data
        try:
            return data.decode().encode(self.encoding)
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start : exc.end]
            raise output_error(
                BAD_VALUE,
                f"table '{table}' has the character {bad!r}, which {self.encoding} cannot encode",
                "use encoding: 'utf-8' (the default)",
            ) from None


class TsvOutput(CsvOutput):
    """Tab-separated: the CSV writer with a tab delimiter (quoting rules unchanged)."""

    extension: ClassVar[str] = ".tsv"
    default_delimiter: ClassVar[str] = "\t"


def _arrow_text(data_type: pa.DataType, quoting: str) -> bool:
    """Which columns become strings before Arrow's writer sees them.

    Timestamps always (for ISO form); with ``nonnumeric`` also dates and
    booleans, so that Arrow quotes them exactly as the vectorized formatter does.
    """
    if pa.types.is_timestamp(data_type):
        return True
    return quoting == "nonnumeric" and not is_numeric(data_type) and not is_text(data_type)


def _text_schema(schema: pa.Schema, quoting: str) -> pa.Schema:
    return pa.schema(
        [f.with_type(pa.string()) if _arrow_text(f.type, quoting) else f for f in schema]
    )


def _render(batch: pa.RecordBatch, schema: pa.Schema, quoting: str) -> pa.RecordBatch:
    columns = [
        to_text(column) if _arrow_text(column.type, quoting) else column for column in batch.columns
    ]
    return pa.RecordBatch.from_arrays(columns, schema=schema)
