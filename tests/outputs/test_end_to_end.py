"""The real engine's output for examples/shop.tdg, written and read back in each format."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

import testdatagen
from testdatagen.engine.dataset import Dataset
from testdatagen.outputs import create_output, output_spec_for_target

from .test_json_xml import typed

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop.tdg"
ROWS = {"customers": 60, "products": 25, "employees": 6, "orders": 120}


@pytest.fixture(scope="module")
def shop() -> Dataset:
    return testdatagen.generate(SHOP, rows=ROWS, seed=3, chunk_rows=32)


def _read_csv(path: Path, schema: pa.Schema) -> pa.Table:
    return pacsv.read_csv(
        path,
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types=schema,
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
        ),
    )


def test_csv_parquet_and_jsonl_hold_exactly_what_the_engine_made(
    shop: Dataset, tmp_path: Path
) -> None:
    targets = {fmt: tmp_path / fmt for fmt in ("csv", "parquet", "jsonl")}
    for fmt, directory in targets.items():
        result = create_output(output_spec_for_target(f"{directory}/", fmt)).write(shop)
        assert [i.rows for i in result.items] == [shop.row_count(t) for t in shop.tables]
    for table in shop.tables:
        expected = shop.to_arrow(table)
        records = expected.to_pylist()
        schema = expected.schema
        assert pq.read_table(targets["parquet"] / f"{table}.parquet").to_pylist() == records
        assert _read_csv(targets["csv"] / f"{table}.csv", schema).to_pylist() == records
        lines = (targets["jsonl"] / f"{table}.jsonl").read_text().split("\n")[:-1]
        assert [typed(json.loads(line), schema) for line in lines] == records
    manifest = json.loads((targets["csv"] / "manifest.json").read_text())
    assert manifest["seed"] == 3 and [t["name"] for t in manifest["tables"]] == list(shop.tables)
