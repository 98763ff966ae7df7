"""CSV/TSV read back by independent readers (pyarrow, DuckDB, pandas) equal the data."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.engine.dataset import ArrowDataset
from testdatagen.errors import OutputError
from testdatagen.model import OutputSpec
from testdatagen.outputs import create_output
from testdatagen.outputs.files.csv import CsvOutput

from .conftest import Write, rich_schema


def read_csv(path: Path, schema: pa.Schema, *, delimiter: str = ",", null: str = "") -> pa.Table:
    return pacsv.read_csv(
        path,
        parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types=schema,
            null_values=[null],
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
        ),
    )


@pytest.mark.parametrize("quoting", ["minimal", "all", "nonnumeric"])
@pytest.mark.parametrize("kind", ["csv", "tsv"])
def test_csv_round_trip_with_pyarrow(
    write: Write, table: pa.Table, kind: str, quoting: str
) -> None:
    result = write(kind, quoting=quoting)
    path = Path(result.items[0].location)
    assert path.name == f"things.{kind}"
    back = read_csv(path, table.schema, delimiter="\t" if kind == "tsv" else ",")
    assert back.equals(table)
    assert [i.rows for i in result.items] == [table.num_rows, 7]


@pytest.mark.parametrize("quoting", ["all", "nonnumeric"])
def test_both_engines_write_the_same_bytes(
    write: Write, quoting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    arrow = Path(write("csv", dir="arrow", quoting=quoting, null="NULL").items[0].location)
    monkeypatch.setattr(CsvOutput, "_arrow_fits", property(lambda self: False))
    ours = Path(write("csv", dir="ours", quoting=quoting, null="NULL").items[0].location)
    assert ours.read_bytes() == arrow.read_bytes()


@pytest.mark.parametrize("null", ["", "NULL", r"\N"])
def test_null_spelling_keeps_nulls_and_look_alike_strings_apart(
    write: Write, table: pa.Table, null: str
) -> None:
    path = Path(write("csv", null=null).items[0].location)
    assert read_csv(path, table.schema, null=null).equals(table)


def test_duckdb_infers_the_types_and_reads_the_values(write: Write, table: pa.Table) -> None:
    path = Path(write("csv").items[0].location)
    con = duckdb.connect()
    source = f"read_csv('{path}', header=true)"
    description = con.execute(f"select * from {source}").description
    types = {name: str(kind) for name, kind, *_ in description}
    assert types["born"] == "DATE" and types["flag"] == "BOOLEAN"
    assert types["seen"] == "TIMESTAMP" and types["at"] == "TIMESTAMP WITH TIME ZONE"
    rows = con.execute(
        f'select id, name, born, seen, epoch_us("at"), flag from {source}'
    ).fetchall()
    at_micros = table["at"].cast(pa.int64()).to_pylist()
    expected = [
        (r["id"], r["name"], r["born"], r["seen"], micros, r["flag"])
        for r, micros in zip(table.to_pylist(), at_micros, strict=True)
    ]
    # DuckDB reads a quoted empty string as NULL; everything else comes back exactly.
    assert rows == [(*e[:1], e[1] or None, *e[2:]) for e in expected]


def test_pandas_reads_timestamps_and_decimals_in_iso(write: Write, table: pa.Table) -> None:
    path = Path(write("csv").items[0].location)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    seen = [v.isoformat() if v else "" for v in table["seen"].to_pylist()]
    assert list(frame["seen"]) == seen
    assert list(frame["price"]) == ["" if v is None else str(v) for v in table["price"].to_pylist()]
    assert frame["at"].iloc[0].endswith("Z") and "T" in frame["at"].iloc[0]


def test_options_header_delimiter_quote_char_and_crlf(write: Write, table: pa.Table) -> None:
    path = Path(
        write("csv", header=False, delimiter=";", quote_char="'", line_terminator="\r\n")
        .items[0]
        .location
    )
    raw = path.read_bytes()
    assert raw.count(b"\r\n") >= table.num_rows and not raw.startswith(b"id;")
    parsed = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(column_names=table.column_names),
        parse_options=pacsv.ParseOptions(delimiter=";", quote_char="'", newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types=table.schema,
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
        ),
    )
    assert parsed.equals(table)


def test_utf8_sig_writes_a_bom(write: Write, table: pa.Table) -> None:
    path = Path(write("csv", encoding="utf-8-sig").items[0].location)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,")
    assert read_csv(path, table.schema).equals(table)  # pyarrow skips the BOM


def test_latin1_encodes_and_refuses_what_it_cannot_hold(tmp_path: Path) -> None:
    t = pa.table({"s": ["café", "naïve", None]})
    ds = ArrowDataset(rich_schema(), {"t": t})
    spec = OutputSpec(kind="csv", options={"dir": "o", "encoding": "latin-1"})
    create_output(spec, base_dir=tmp_path).write(ds)
    assert (tmp_path / "o" / "t.csv").read_bytes() == "s\ncafé\nnaïve\n\n".encode("latin-1")
    bad = ArrowDataset(rich_schema(), {"t": pa.table({"s": ["ok", "😀"]})})
    with pytest.raises(OutputError) as err:
        create_output(spec, base_dir=tmp_path).write(bad)
    assert err.value.diagnostics[0].code == "TDG606" and "utf-8" in (
        err.value.diagnostics[0].hint or ""
    )
    assert (tmp_path / "o" / "t.csv").read_bytes().startswith("s\ncafé".encode("latin-1"))


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"quoting": "smart"}, "cannot be 'smart'"),
        ({"delimiter": ",,"}, "exactly one character"),
        ({"null": 'N"A'}, "NULL spelling"),
        ({"header": 3}, "true or false"),
        ({"encoding": "klingon"}, "unknown encoding"),
        ({"delimeter": ";"}, "has no option 'delimeter'"),
    ],
)
def test_bad_options_fail_before_writing(
    tmp_path: Path, options: dict[str, object], fragment: str
) -> None:
    with pytest.raises(OutputError) as err:
        create_output(OutputSpec(kind="csv", options={"dir": "o", **options}), base_dir=tmp_path)
    assert fragment in str(err.value)
    assert not (tmp_path / "o").exists()


def test_misspelt_option_suggests_the_right_one(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as err:
        create_output(
            OutputSpec(kind="csv", options={"dir": "o", "delimeter": ";"}), base_dir=tmp_path
        )
    assert err.value.diagnostics[0].hint == "did you mean 'delimiter'?"


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.one_of(st.none(), st.text()), min_size=1, max_size=20),
    quoting=st.sampled_from(["minimal", "all", "nonnumeric"]),
)
def test_any_text_survives_the_round_trip(values: list[str | None], quoting: str) -> None:
    table = pa.table({"s": pa.array(values, pa.string())})
    ds = ArrowDataset(rich_schema(), {"t": table}, chunk_rows=3)
    sink = io.BytesIO()
    from testdatagen.outputs.files.base import RowCounter

    writer = CsvOutput(
        OutputSpec(kind="csv", options={"dir": "unused", "quoting": quoting}), Path()
    )
    writer.write_file(ds, ["t"], sink, RowCounter(None))
    sink.seek(0)
    back = pacsv.read_csv(
        sink,
        parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
        convert_options=pacsv.ConvertOptions(
            column_types=table.schema,
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
        ),
    )
    assert back.column("s").to_pylist() == values
