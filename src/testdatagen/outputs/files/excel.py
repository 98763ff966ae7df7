"""Excel ``.xlsx`` through xlsxwriter in constant-memory mode, a sheet per table.

Cells get real types: numbers, booleans, dates and datetimes (with a
number format), text written as text (never read as a formula or URL).
Excel cannot hold everything exactly, so the writer is explicit:
zoned timestamps are written as naive UTC; decimals become numbers (Excel
keeps ~15 significant digits); integers beyond 15 digits and dates before
1900 are written as text so nothing is silently wrong. Floats are written
as their shortest round-trip text (``repr``), so what a reader parses back is
the very double that was generated. Writing cells is
per-value Python by nature of the format, so everything else (serial
dates, decimal casts) is computed column-wise per batch beforehand.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO, ClassVar

import pyarrow as pa
import pyarrow.compute as pc
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from testdatagen.engine.dataset import Dataset
from testdatagen.outputs.files.base import FileOutput, RowCounter
from testdatagen.outputs.files.text import to_text
from testdatagen.outputs.options import BAD_VALUE, ROW_LIMIT, output_error

__all__ = ["MAX_DATA_ROWS", "ExactWorksheet", "ExcelOutput", "number_text", "sheet_names"]

#: Excel's 1,048,576 rows per sheet, less the header row.
MAX_DATA_ROWS = 1_048_575
MAX_EXACT_INT = 999_999_999_999_999
MAX_CELL_CHARS = 32_767
#: Excel's serial day number of 1970-01-01.
_UNIX_SERIAL = 25_569
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
#: Fixed document dates keep the workbook's bytes the same from run to run.
_FIXED_CREATED = dt.datetime(2000, 1, 1)

CellWriter = Callable[[Any, int, int, Any], int | None]


def sheet_names(table: str, parts: int, taken: set[str]) -> list[str]:
    """``orders``, ``orders_2`` … made legal (31 chars, no ``[]:*?/\\``) and unique."""
    base = _SHEET_BAD.sub("_", table).strip("'") or "sheet"
    names = []
    for part in range(1, parts + 1):
        suffix = "" if part == 1 else f"_{part}"
        name, n = base[: 31 - len(suffix)] + suffix, 1
        while name.lower() in taken:
            n += 1
            extra = f"~{n}"
            name = base[: 31 - len(suffix) - len(extra)] + suffix + extra
        taken.add(name.lower())
        names.append(name)
    return names


class ExactWorksheet(Worksheet):  # type: ignore[misc]
    """A worksheet whose numbers read back bit for bit.

    xlsxwriter formats every number cell with ``%.16G``: 16 significant digits
    are one short of what a double needs, so 0.1 + 0.2 came back as 0.3 and
    1/3 lost its last digit. ``float.__repr__`` is the shortest text that
    parses to the same double. This overrides xlsxwriter's per-cell writer
    (a private method, pinned by ``xlsxwriter<4`` and by the round-trip tests).
    """

    def _xml_number_element(
        self, number: float, attributes: Sequence[tuple[str, Any]] = ()
    ) -> None:
        attr = "".join(f' {k}="{self._escape_attributes(v)}"' for k, v in attributes)
        self.fh.write(f"<c{attr}><v>{number_text(number)}</v></c>")


def number_text(number: float) -> str:
    """``0.30000000000000004`` rather than ``0.3``; integers as integers."""
    if isinstance(number, float):
        return float.__repr__(number).upper()
    return f"{number:.16G}"


class ExcelOutput(FileOutput):
    extension: ClassVar[str] = ".xlsx"
    compressible: ClassVar[bool] = False
    combined: ClassVar[bool] = True
    format_options: ClassVar[frozenset[str]] = frozenset(
        {"header", "split_sheets", "max_rows_per_sheet", "date_format", "datetime_format"}
    )

    def configure(self) -> None:
        o = self.opts
        self.header = o.boolean("header", True)
        self.split = o.boolean("split_sheets", False)
        self.max_rows = o.integer("max_rows_per_sheet", MAX_DATA_ROWS)
        if self.max_rows > MAX_DATA_ROWS:
            self.max_rows = MAX_DATA_ROWS
        self.date_format = o.string("date_format", "yyyy-mm-dd")
        self.datetime_format = o.string("datetime_format", "yyyy-mm-dd hh:mm:ss.000")

    def check(self, dataset: Dataset) -> None:
        if self.split:
            return
        for table in dataset.tables:
            rows = dataset.row_count(table)
            if rows > self.max_rows:
                raise output_error(
                    ROW_LIMIT,
                    f"table '{table}' has {rows:,} rows; an Excel sheet holds at most "
                    f"{self.max_rows:,} data rows",
                    "set split_sheets: true to continue on sheets "
                    f"{table}_2, {table}_3, …, or write csv/parquet instead",
                )

    def write_file(
        self, dataset: Dataset, tables: Sequence[str], stream: BinaryIO, counter: RowCounter
    ) -> None:
        workbook = xlsxwriter.Workbook(
            stream,
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        workbook.set_properties({"created": _FIXED_CREATED})
        formats = {
            "date": workbook.add_format({"num_format": self.date_format}),
            "datetime": workbook.add_format({"num_format": self.datetime_format}),
        }
        taken: set[str] = set()
        try:
            for table in tables:
                self._table(workbook, dataset, table, taken, formats, counter)
        except BaseException:
            with contextlib.suppress(Exception):  # only to remove its temp files
                workbook.close()
            raise
        workbook.close()

    def _table(
        self,
        workbook: Any,
        dataset: Dataset,
        table: str,
        taken: set[str],
        formats: dict[str, Any],
        counter: RowCounter,
    ) -> None:
        schema = dataset.arrow_schema(table)
        parts = max(1, -(-dataset.row_count(table) // self.max_rows))
        names = iter(sheet_names(table, parts, taken))
        writers = [_cell_writer(f.type, formats) for f in schema]
        sheet, row = None, self.max_rows
        for batch in counter.stream(dataset, table):
            columns = [_python_values(c) for c in batch.columns]
            for index in range(batch.num_rows):
                if row >= self.max_rows:
                    sheet, row = self._new_sheet(workbook, next(names), schema), 0
                self._row(sheet, row + int(self.header), columns, writers, index, table)
                row += 1
        if sheet is None:
            self._new_sheet(workbook, next(names), schema)

    def _new_sheet(self, workbook: Any, name: str, schema: pa.Schema) -> Any:
        sheet = workbook.add_worksheet(name, worksheet_class=ExactWorksheet)
        if self.header:
            for col, field_name in enumerate(schema.names):
                sheet.write_string(0, col, field_name)
        return sheet

    @staticmethod
    def _row(
        sheet: Any,
        row: int,
        columns: list[list[Any]],
        writers: list[CellWriter],
        index: int,
        table: str,
    ) -> None:
        for col, (values, write) in enumerate(zip(columns, writers, strict=True)):
            value = values[index]
            if value is not None and write(sheet, row, col, value) == -2:
                raise output_error(
                    BAD_VALUE,
                    f"a value in table '{table}' is longer than Excel's {MAX_CELL_CHARS:,} "
                    "characters per cell",
                    "shorten the column or write csv/parquet instead",
                )


def _python_values(column: pa.Array) -> list[Any]:
    """Column-wise conversion to what the cell writers take (floats, serial dates)."""
    data_type = column.type
    if pa.types.is_decimal(data_type):
        # Through text: Arrow's direct decimal cast is not correctly rounded
        # (1234567890.12 became 1234567890.1200001); parsing the digits is.
        return column.cast(pa.string()).cast(pa.float64()).to_pylist()  # type: ignore[no-any-return]
    if pa.types.is_timestamp(data_type) or pa.types.is_date(data_type):
        return _serial_dates(column)
    return column.to_pylist()  # type: ignore[no-any-return]


def _serial_dates(column: pa.Array) -> list[Any]:
    """Excel serial day numbers, computed for the whole column at once.

    Zoned timestamps count in UTC. Excel counts a phantom 1900-02-29, so
    serials before 1900-03-01 shift by one day; dates before 1900 do not
    exist in Excel and are written as ISO text instead.
    """
    if pa.types.is_date(column.type):
        days = pc.cast(column.cast(pa.date32()).cast(pa.int32()), pa.float64())
    else:
        micros = column.cast(pa.timestamp("us", tz=column.type.tz)).cast(pa.int64())
        days = pc.divide(pc.cast(micros, pa.float64()), 86_400_000_000.0)
    serial = pc.add(days, float(_UNIX_SERIAL))
    serial = pc.if_else(pc.less(serial, 61.0), pc.subtract(serial, 1.0), serial)
    values: list[Any] = serial.to_pylist()
    early = pc.less(serial, 1.0)
    if pc.any(early).as_py():
        texts = to_text(column).to_pylist()
        for index in pc.indices_nonzero(pc.fill_null(early, False)).to_pylist():
            values[index] = texts[index]
    return values


def _cell_writer(data_type: pa.DataType, formats: dict[str, Any]) -> CellWriter:
    if pa.types.is_boolean(data_type):
        return lambda sheet, row, col, value: sheet.write_boolean(row, col, value)
    if pa.types.is_integer(data_type):
        return _write_integer
    if pa.types.is_floating(data_type) or pa.types.is_decimal(data_type):
        return lambda sheet, row, col, value: sheet.write_number(row, col, value)
    if pa.types.is_timestamp(data_type) or pa.types.is_date(data_type):
        fmt = formats["datetime" if pa.types.is_timestamp(data_type) else "date"]
        return lambda sheet, row, col, value: (
            sheet.write_string(row, col, value)
            if isinstance(value, str)
            else sheet.write_number(row, col, value, fmt)
        )
    return lambda sheet, row, col, value: sheet.write_string(row, col, str(value))


def _write_integer(sheet: Any, row: int, col: int, value: int) -> int | None:
    if abs(value) > MAX_EXACT_INT:  # Excel's doubles would round the last digits
        return sheet.write_string(row, col, str(value))  # type: ignore[no-any-return]
    return sheet.write_number(row, col, value)  # type: ignore[no-any-return]
