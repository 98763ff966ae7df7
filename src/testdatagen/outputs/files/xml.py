"""XML: a root element, an element per table, an element per row.

Values are escaped column-wise with Arrow kernels. XML 1.0 cannot carry
most control characters at all (not even as ``&#1;``), so they are
replaced by U+FFFD, the replacement character — documented, and the only
lossy step; tab, newline and carriage return are kept (``\\r`` as ``&#13;``
so parsers do not normalise it away, and in attributes tab/newline as
character references too). NULL is an omitted element (or attribute) by
default, or ``xsi:nil="true"`` with ``nulls: nil``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import BinaryIO, ClassVar
from xml.sax.saxutils import quoteattr

import pyarrow as pa
import pyarrow.compute as pc

from testdatagen.engine.dataset import Dataset
from testdatagen.outputs.files.base import FileOutput, RowCounter
from testdatagen.outputs.files.text import concat_rows, is_text, join_columns, to_text
from testdatagen.outputs.options import BAD_OPTION, output_error

__all__ = ["XmlOutput", "xml_escape"]

XSI = "http://www.w3.org/2001/XMLSchema-instance"
_FORBIDDEN = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x{FFFE}\\x{FFFF}]"
_NAME = re.compile(r"^[^\W\d][\w.\-]*$")
_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_ATTR_ESCAPES = (('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;"))


def xml_escape(text: pa.Array, *, attribute: bool = False) -> pa.Array:
    """Escape a string column for element text (or a double-quoted attribute)."""
    text = pc.replace_substring_regex(text, _FORBIDDEN, "\ufffd")
    escapes = _TEXT_ESCAPES + (_ATTR_ESCAPES if attribute else ())
    for char, entity in escapes:
        text = pc.replace_substring(text, char, entity)
    return text


def _check_name(name: str, what: str) -> str:
    if not _NAME.match(name) or name.lower().startswith("xml"):
        raise output_error(
            BAD_OPTION,
            f"{what} {name!r} is not a valid XML element or attribute name",
            "names start with a letter or '_' and hold letters, digits, '_', '-', '.'",
        )
    return name


class XmlOutput(FileOutput):
    extension: ClassVar[str] = ".xml"
    combined: ClassVar[bool] = True
    format_options: ClassVar[frozenset[str]] = frozenset(
        {"root_element", "table_element", "row_element", "columns", "nulls"}
    )

    def configure(self) -> None:
        o = self.opts
        self.root = _check_name(o.string("root_element", "dataset"), "root_element")
        self.table_element = o.string("table_element", "{table}")
        self.row = _check_name(o.string("row_element", "row"), "row_element")
        self.attributes = (
            o.choice("columns", "elements", ("elements", "attributes")) == "attributes"
        )
        self.nil = o.choice("nulls", "omit", ("omit", "nil")) == "nil"
        if self.nil and self.attributes:
            raise output_error(
                BAD_OPTION,
                "nulls: nil needs columns as elements (an attribute cannot be nil)",
                "use nulls: omit with columns: attributes",
            )

    def write_file(
        self, dataset: Dataset, tables: Sequence[str], stream: BinaryIO, counter: RowCounter
    ) -> None:
        namespace = f' xmlns:xsi="{XSI}"' if self.nil else ""
        stream.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<{self.root}{namespace}>\n'.encode())
        for table in tables:
            element, attribute = self._table_tag(table)
            stream.write(f"  <{element}{attribute}>\n".encode())
            names = [_check_name(n, "column") for n in dataset.arrow_schema(table).names]
            for batch in counter.stream(dataset, table):
                stream.write(self._rows(batch, names))
            stream.write(f"  </{element}>\n".encode())
        stream.write(f"</{self.root}>\n".encode())

    def _table_tag(self, table: str) -> tuple[str, str]:
        """``{table}`` in the name is replaced; otherwise the name goes in ``name="…"``."""
        if "{table}" in self.table_element:
            return _check_name(self.table_element.replace("{table}", table), "table element"), ""
        return _check_name(self.table_element, "table_element"), f" name={quoteattr(table)}"

    def _rows(self, batch: pa.RecordBatch, names: list[str]) -> bytes:
        cells = [
            self._cell(name, column) for name, column in zip(names, batch.columns, strict=True)
        ]
        if self.attributes:
            rows = join_columns(cells, "", f"    <{self.row}", "/>\n", batch.num_rows)
        else:
            rows = join_columns(cells, "", f"    <{self.row}>", f"</{self.row}>\n", batch.num_rows)
        return concat_rows(rows)

    def _cell(self, name: str, column: pa.Array) -> pa.Array:
        text = to_text(column)
        # numbers, dates and booleans render without any character that needs escaping
        escaped = xml_escape(text, attribute=self.attributes) if is_text(column.type) else text
        if self.attributes:
            cell = pc.binary_join_element_wise(pa.scalar(f' {name}="'), escaped, pa.scalar('"'), "")
            return pc.fill_null(cell, pa.scalar(""))
        cell = pc.binary_join_element_wise(
            pa.scalar(f"<{name}>"), escaped, pa.scalar(f"</{name}>"), ""
        )
        missing = f'<{name} xsi:nil="true"/>' if self.nil else ""
        return pc.fill_null(cell, pa.scalar(missing))
