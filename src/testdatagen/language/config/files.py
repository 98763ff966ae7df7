"""Values (and weights) for ``choice_from_file``, read once when the config loads.

The values land in the model as a ``ChoiceGen``, so the model stays
self-contained: generating never reads the file again, and the schema's
fingerprint changes when the file's contents do.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from testdatagen.model.expr import Scalar

__all__ = ["DataFileError", "read_choices"]

_EXCEL = {".xlsx", ".xlsm"}


class DataFileError(ValueError):
    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def _csv_rows(path: Path, delimiter: str | None) -> Iterator[dict[str, Any]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        if delimiter is None:
            try:
                delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
            except csv.Error:
                delimiter = ","
        yield from csv.DictReader(handle, delimiter=delimiter)


def _excel_rows(path: Path, sheet: str | None) -> Iterator[dict[str, Any]]:
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError) as exc:
        raise DataFileError(f"{path.name} is not a readable Excel workbook ({exc})") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise DataFileError(
                f"{path.name} has no sheet '{sheet}'", f"sheets: {', '.join(book.sheetnames)}"
            )
        rows = (book[sheet] if sheet else book.worksheets[0]).iter_rows(values_only=True)
        header = [str(h) if h is not None else "" for h in next(rows, ())]
        for row in rows:
            if any(cell is not None for cell in row):
                yield dict(zip(header, row, strict=False))
    finally:
        book.close()


def _scalar(cell: Any) -> Scalar:
    if isinstance(cell, dt.datetime | dt.date | dt.time):
        return cell.isoformat()
    if cell is None or isinstance(cell, bool | int | float | str):
        return cell
    return str(cell)


def _weight(cell: Any, row: int, column: str) -> float:
    try:
        weight = float(cell)
    except (TypeError, ValueError):
        raise DataFileError(
            f"row {row}: weight {cell!r} in column '{column}' is not a number"
        ) from None
    if weight < 0:
        raise DataFileError(f"row {row}: weight {weight} in column '{column}' is negative")
    return weight


def _require(header: Iterable[str], column: str, path: Path) -> None:
    names = list(header)
    if column not in names:
        raise DataFileError(f"{path.name} has no column '{column}'", f"columns: {', '.join(names)}")


def read_choices(
    path: Path,
    column: str,
    weight_column: str | None = None,
    *,
    sheet: str | None = None,
    delimiter: str | None = None,
) -> tuple[tuple[Scalar, ...], tuple[float, ...] | None]:
    """Values in file order (blank cells skipped) and their weights, if a weight column is named."""
    if not path.is_file():
        raise DataFileError(f"no such file: {path}", "file_path is relative to the config file")
    excel = path.suffix.lower() in _EXCEL
    rows = list(_excel_rows(path, sheet) if excel else _csv_rows(path, delimiter))
    header = rows[0].keys() if rows else []
    for needed in (column, weight_column):
        if needed is not None:
            _require(header, needed, path)
    values: list[Scalar] = []
    weights: list[float] = []
    for number, row in enumerate(rows, start=2):
        value = _scalar(row.get(column))
        if value is None or value == "":
            continue
        values.append(value)
        if weight_column is not None:
            weights.append(_weight(row.get(weight_column), number, weight_column))
    if not values:
        raise DataFileError(f"{path.name} has no values in column '{column}'")
    return tuple(values), tuple(weights) if weight_column is not None else None
