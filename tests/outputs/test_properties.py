"""Properties every text writer keeps: chunking never changes bytes; numbers survive exactly."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.engine.dataset import ArrowDataset
from testdatagen.model import OutputSpec
from testdatagen.outputs import create_output
from testdatagen.outputs.files.base import RowCounter
from testdatagen.outputs.files.csv import CsvOutput
from testdatagen.outputs.files.json import JsonLinesOutput

from .conftest import rich_schema, rich_table


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("csv", {}),
        ("csv", {"quoting": "all"}),
        ("tsv", {"quote_char": "'"}),
        ("json", {}),
        ("jsonl", {"decimals": "number"}),
        ("xml", {"columns": "attributes"}),
        ("excel", {}),
    ],
)
def test_bytes_do_not_depend_on_batch_size(
    tmp_path: Path, kind: str, options: dict[str, object]
) -> None:
    table = pa.concat_tables([rich_table()] * 3)
    digests = set()
    for chunk in (1, 5, 16, 1000):
        data = ArrowDataset(rich_schema(), {"t": table}, chunk_rows=chunk)
        spec = OutputSpec(kind=kind, options={"dir": f"c{chunk}", **options})
        digests.add(create_output(spec, base_dir=tmp_path).write(data).items[0].sha256)
    assert len(digests) == 1


def _render(writer_type: type[CsvOutput] | type[JsonLinesOutput], table: pa.Table) -> bytes:
    data = ArrowDataset(rich_schema(), {"t": table}, chunk_rows=4)
    kind = "csv" if writer_type is CsvOutput else "jsonl"
    writer = writer_type(OutputSpec(kind=kind, options={"dir": "unused"}), Path())
    sink = io.BytesIO()
    writer.write_file(data, ["t"], sink, RowCounter(None))
    return sink.getvalue()


finite = st.floats(allow_nan=False, allow_infinity=False)
int64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
decimals = st.decimals(
    min_value=Decimal("-9999999999.99"), max_value=Decimal("9999999999.99"), places=2
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.none() | finite, st.none() | int64, st.none() | decimals), min_size=1))
def test_numbers_survive_csv_and_json_exactly(rows: list[tuple[object, object, object]]) -> None:
    floats, ints, decs = (list(column) for column in zip(*rows, strict=True))
    table = pa.table(
        {
            "f": pa.array(floats, pa.float64()),
            "i": pa.array(ints, pa.int64()),
            "d": pa.array(decs, pa.decimal128(12, 2)),
        }
    )
    back = pacsv.read_csv(
        io.BytesIO(_render(CsvOutput, table)),
        convert_options=pacsv.ConvertOptions(column_types=table.schema),
    )
    assert back.equals(table)
    lines = _render(JsonLinesOutput, table).decode().split("\n")[:-1]
    records = [json.loads(line) for line in lines]
    assert [r["f"] for r in records] == floats
    assert [r["i"] for r in records] == ints
    assert [None if r["d"] is None else Decimal(r["d"]) for r in records] == decs
