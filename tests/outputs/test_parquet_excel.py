"""Parquet (pyarrow, DuckDB) and Excel (openpyxl) read back equal the data."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.engine.dataset import ArrowDataset, Dataset
from testdatagen.errors import OutputError
from testdatagen.model import Column, DataType, OutputSpec, Schema, Table, TypeKind
from testdatagen.outputs import create_output
from testdatagen.outputs.files.excel import MAX_DATA_ROWS, sheet_names

from .conftest import Write, rich_schema


def test_parquet_round_trip_types_values_and_metadata(
    write: Write, table: pa.Table, dataset: Dataset
) -> None:
    path = Path(write("parquet").items[0].location)
    back = pq.read_table(path)
    assert back.equals(table)  # types too: decimal128(12,2), timestamp tz, date32
    metadata = pq.read_schema(path).metadata
    assert metadata[b"tdg.seed"] == b"7"
    assert metadata[b"tdg.schema_hash"] == dataset.metadata["tdg.schema_hash"].encode()
    assert metadata[b"tdg.version"] == dataset.metadata["tdg.version"].encode()
    assert pq.ParquetFile(path).metadata.row_group(0).column(0).compression == "ZSTD"


def test_duckdb_reads_parquet(write: Write, table: pa.Table) -> None:
    path = Path(write("parquet").items[0].location)
    rows = duckdb.connect().execute(f"select id, name, price from '{path}'").fetchall()
    assert rows == [(r["id"], r["name"], r["price"]) for r in table.to_pylist()]


def test_parquet_row_groups_are_exact_and_bytes_ignore_chunking(
    tmp_path: Path, table: pa.Table
) -> None:
    big = pa.concat_tables([table] * 10)
    digests = []
    for chunk in (3, 7, 50):
        data = ArrowDataset(rich_schema(), {"t": big}, chunk_rows=chunk)
        spec = OutputSpec(
            kind="parquet",
            options={"dir": f"c{chunk}", "row_group_size": 16, "compression": "snappy"},
        )
        item = create_output(spec, base_dir=tmp_path).write(data).items[0]
        meta = pq.ParquetFile(item.location).metadata
        sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
        assert sizes == [16] * 7 + [8]
        assert meta.row_group(0).column(0).compression == "SNAPPY"
        digests.append(item.sha256)
    assert len(set(digests)) == 1


def test_parquet_refuses_external_compression(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="own compression"):
        create_output(
            OutputSpec(kind="parquet", options={"file": "x.parquet.gz"}), base_dir=tmp_path
        )
    with pytest.raises(OutputError, match="has no levels"):
        spec = OutputSpec(
            kind="parquet", options={"dir": "o", "compression": "snappy", "compression_level": 3}
        )
        create_output(spec, base_dir=tmp_path)
    with pytest.raises(OutputError, match="unknown Parquet compression"):
        create_output(
            OutputSpec(kind="parquet", options={"dir": "o", "compression": "zip"}),
            base_dir=tmp_path,
        )


def excel_expected(table: pa.Table) -> list[tuple[object, ...]]:
    """What Excel can hold: floats for decimals, naive UTC datetimes, big ints as text."""
    rows = []
    for record in table.to_pylist():
        row = []
        for name, value in record.items():
            if name == "id" and value is not None and abs(value) > 999_999_999_999_999:
                value = str(value)
            elif name == "price" and value is not None:
                value = float(value)
            elif name == "born" and value is not None:
                value = dt.datetime.combine(value, dt.time())
            elif name == "at" and value is not None:
                value = value.astimezone(dt.UTC).replace(tzinfo=None)
            elif name == "name" and value == "":
                value = None  # openpyxl reads an empty text cell as empty
            row.append(value)
        rows.append(tuple(row))
    return rows


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def excel_text(value: object) -> object:
    """Decode OOXML's ``_xHHHH_`` escapes as Excel does (openpyxl leaves them in)."""
    if isinstance(value, str):
        return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return value


def read_sheets(path: Path) -> dict[str, list[tuple[object, ...]]]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return {
            ws.title: [tuple(excel_text(v) for v in row) for row in ws.iter_rows(values_only=True)]
            for ws in workbook.worksheets
        }
    finally:
        workbook.close()


def test_excel_round_trip(write: Write, table: pa.Table) -> None:
    path = Path(write("excel", file="book.xlsx").items[0].location)
    sheets = read_sheets(path)
    assert list(sheets) == ["things", "other"]
    header, *rows = sheets["things"]
    assert header == tuple(table.column_names)
    got = [tuple(None if v == "" else v for v in r) for r in rows]
    assert got == excel_expected(table)
    assert isinstance(rows[0][5], bool) and isinstance(rows[0][7], dt.datetime)


EXACT_FLOATS = [
    0.1 + 0.2,
    1 / 3,
    2 / 3,
    1e-300,
    -1.7976931348623157e308,
    5e-324,
    2.2250738585072014e-308,
    123456789.12345679,
    9007199254740993.0,
    -2.5e-8,
    1e22,
    0.0,
]


def write_floats(tmp_path: Path, values: list[float], name: str = "f.xlsx") -> list[object]:
    schema = Schema(
        name="F",
        tables=(Table(name="t", columns=(Column(name="x", type=DataType(kind=TypeKind.FLOAT)),)),),
    )
    data = ArrowDataset(schema, {"t": pa.table({"x": pa.array(values, pa.float64())})})
    spec = OutputSpec(kind="excel", options={"file": name})
    create_output(spec, base_dir=tmp_path).write(data)
    return [row[0] for row in read_sheets(tmp_path / name)["t"][1:]]


def test_excel_floats_read_back_exactly(tmp_path: Path) -> None:
    """Regression (QA #6): xlsxwriter's 16 digits turned 0.1 + 0.2 into 0.3."""
    got = write_floats(tmp_path, EXACT_FLOATS)
    assert got == EXACT_FLOATS
    assert [float(v).hex() for v in got] == [v.hex() for v in EXACT_FLOATS]  # type: ignore[arg-type]
    assert got[0] != 0.3


@settings(max_examples=25, deadline=None)
@given(values=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=40))
def test_excel_any_finite_float_round_trips(values: list[float]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        got = write_floats(Path(folder), values)
    assert [float(v).hex() for v in got] == [float(v).hex() for v in values]  # type: ignore[arg-type]


def test_excel_bytes_are_reproducible(write: Write) -> None:
    first = write("excel", file="a.xlsx").items[0].sha256
    assert write("excel", file="b.xlsx").items[0].sha256 == first


def test_excel_dates_around_1900(tmp_path: Path) -> None:
    days = [dt.date(1899, 12, 31), dt.date(1900, 1, 1), dt.date(1900, 2, 28), dt.date(1900, 3, 1)]
    data = ArrowDataset(rich_schema(), {"t": pa.table({"d": pa.array(days, pa.date32())})})
    create_output(OutputSpec(kind="excel", options={"file": "d.xlsx"}), base_dir=tmp_path).write(
        data
    )
    values = [row[0] for row in read_sheets(tmp_path / "d.xlsx")["t"][1:]]
    assert values == ["1899-12-31"] + [dt.datetime.combine(d, dt.time()) for d in days[1:]]


def test_excel_split_sheets(write: Write, table: pa.Table) -> None:
    path = Path(
        write("excel", file="s.xlsx", split_sheets=True, max_rows_per_sheet=5).items[0].location
    )
    sheets = read_sheets(path)
    assert list(sheets) == ["things", "things_2", "things_3", "other", "other_2"]
    rows = [r for name in ("things", "things_2", "things_3") for r in sheets[name][1:]]
    assert [r[2] or "" for r in rows] == [n or "" for n in table.column("name").to_pylist()]
    assert all(sheets[n][0] == tuple(table.column_names) for n in sheets)


class HugeDataset(ArrowDataset):
    """Claims more rows than a sheet holds; streaming it would be a bug (check comes first)."""

    def row_count(self, table: str) -> int:
        return MAX_DATA_ROWS + 1

    def batches(self, table: str) -> Iterator[pa.RecordBatch]:
        raise AssertionError("the row limit must be checked before writing")


def test_excel_row_limit_is_a_clear_error(tmp_path: Path) -> None:
    data = HugeDataset(rich_schema(), {"big": pa.table({"a": [1]})})
    with pytest.raises(OutputError) as err:
        create_output(
            OutputSpec(kind="excel", options={"file": "x.xlsx"}), base_dir=tmp_path
        ).write(data)
    diagnostic = err.value.diagnostics[0]
    assert diagnostic.code == "TDG604" and "1,048,576 rows" in diagnostic.message
    assert "split_sheets: true" in (diagnostic.hint or "")
    assert list(tmp_path.iterdir()) == []


def test_sheet_names_are_legal_and_unique() -> None:
    taken: set[str] = set()
    first = sheet_names("a/b:c" + "x" * 40, 2, taken)
    again = sheet_names("A/B:C" + "x" * 40, 1, taken)
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in first + again)
    assert len({n.lower() for n in first + again}) == 3


@pytest.mark.slow
def test_excel_splits_a_real_million_rows(tmp_path: Path) -> None:
    rows = MAX_DATA_ROWS + 10
    data = ArrowDataset(rich_schema(), {"t": pa.table({"n": pa.array(range(rows), pa.int64())})})
    spec = OutputSpec(kind="excel", options={"file": "m.xlsx", "split_sheets": True})
    create_output(spec, base_dir=tmp_path).write(data)
    sheets = read_sheets(tmp_path / "m.xlsx")
    assert [len(s) - 1 for s in sheets.values()] == [MAX_DATA_ROWS, 10]
    assert sheets["t_2"][-1] == (rows - 1,)
