"""Values (and weights) for ``choice_from_file``, read once when the config loads.

The values land in the model as a ``ChoiceGen``, so the model stays
self-contained: generating never reads the file again, and the schema's
fingerprint changes when the file's contents do.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from testdatagen.model.expr import Scalar

__all__ = ["DataFileError", "read_choices"]

_EXCEL = {".xlsx", ".xlsm"}


class DataFileError(ValueError):
    """Why the file gives no choices; ``key`` is the rule key to blame (``column``,
    ``weight_column``, ``sheet``), so the caret lands on the name that is wrong."""

    def __init__(self, message: str, hint: str | None = None, key: str = "file_path") -> None:
        super().__init__(message)
        self.hint = hint
        self.key = key


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


def _header(path: Path, delimiter: str | None) -> list[str]:
    """The header of a CSV file that has no data rows (``DictReader`` yields none)."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        line = handle.readline()
    if not line.strip():
        return []
    sep = delimiter or next((d for d in ",;\t|" if d in line), ",")
    return next(csv.reader([line], delimiter=sep), [])


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
                f"{path.name} has no sheet '{sheet}'",
                _closest(sheet, book.sheetnames, "sheets"),
                key="sheet",
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


def _weight(cell: Any, row: int, column: str, path: Path) -> float:
    where = f"{path.name} row {row}"
    try:
        weight = float(cell)
    except (TypeError, ValueError):
        raise DataFileError(
            f"{where}: weight {cell!r} in column '{column}' is not a number",
            f"weights are numbers >= 0; fix that cell of {path.name}, or drop weight_column",
            key="weight_column",
        ) from None
    if not math.isfinite(weight):
        raise DataFileError(
            f"{where}: weight {cell!r} in column '{column}' is not a finite number",
            f"weights are numbers >= 0; fix that cell of {path.name}",
            key="weight_column",
        )
    if weight < 0:
        raise DataFileError(
            f"{where}: weight {weight:g} in column '{column}' is negative",
            f"weights are numbers >= 0; fix that cell of {path.name}",
            key="weight_column",
        )
    return weight


def _closest(name: str, names: list[str], what: str) -> str:
    close = difflib.get_close_matches(name, names, n=1)
    listed = f"{what}: {', '.join(names) or 'none'}"
    return f"did you mean '{close[0]}'? ({listed})" if close else listed


def _require(header: Iterable[str], column: str, path: Path, key: str) -> None:
    names = list(header)
    if column not in names:
        hint = _closest(column, names, "columns") if names else "the file has no header row"
        raise DataFileError(f"{path.name} has no column '{column}'", hint, key=key)


def read_choices(
    path: Path,
    column: str,
    weight_column: str | None = None,
    *,
    sheet: str | None = None,
    delimiter: str | None = None,
) -> tuple[tuple[Scalar, ...], tuple[float, ...] | None]:
    """Values in file order (blank cells skipped) and their weights, if a weight column is named."""
    if path.is_dir():
        raise DataFileError(f"{path} is a directory", "name a .csv or .xlsx file in it")
    if not path.is_file():
        raise DataFileError(
            f"no such file: {path}", "file_path is relative to the directory of the config file"
        )
    excel = path.suffix.lower() in _EXCEL
    if sheet is not None and not excel:
        raise DataFileError(
            f"sheet '{sheet}' is given, but {path.name} is not an Excel workbook",
            "drop sheet, or point file_path at an .xlsx file",
            key="sheet",
        )
    try:
        rows = list(_excel_rows(path, sheet) if excel else _csv_rows(path, delimiter))
    except UnicodeDecodeError as exc:
        raise DataFileError(
            f"{path.name} is not UTF-8 text (byte {exc.start})",
            "save it as UTF-8 (CSV UTF-8 in Excel), or as an .xlsx workbook",
        ) from None
    header = (
        _header(path, delimiter) if not rows and not excel else (rows[0].keys() if rows else [])
    )
    for needed, key in ((column, "column"), (weight_column, "weight_column")):
        if needed is not None:
            _require(header, needed, path, key)
    values: list[Scalar] = []
    weights: list[float] = []
    for number, row in enumerate(rows, start=2):
        value = _scalar(row.get(column))
        if value is None or value == "":
            continue
        values.append(value)
        if weight_column is not None:
            weights.append(_weight(row.get(weight_column), number, weight_column, path))
    if not values:
        raise DataFileError(
            f"{path.name} has no values in column '{column}'",
            "a choice needs at least one value below the header row",
            key="column",
        )
    return tuple(values), tuple(weights) if weight_column is not None else None
