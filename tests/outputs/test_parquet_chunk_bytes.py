"""Same seed, same Parquet bytes: whatever ``chunk_rows`` and worker count the engine used.

Row groups were already cut to a fixed size, but each was written from the
engine's chunks as they came, and the Parquet writer cuts data pages and
decides dictionary fallback per input array: 1,000-row chunks gave other
pages (and another sha256) than 65,536-row ones once a column outgrew a page.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pyarrow.parquet as pq

from testdatagen.engine import generate
from testdatagen.language.api import load_text
from testdatagen.model import OutputSpec
from testdatagen.outputs import create_output

SOURCE = """
schema S {
  table events {
    id      bigint       [primary_key, sequential]
    amount  bigint       [min: 0, max: 1000000000000]
    score   float        [min: 0, max: 1]
    code    string(12)   [not_null]
    kind    string(10)   [choice: {'a': 50%, 'b': 30%, 'c': 20%}]
  }
}
"""
ROWS = 150_000


def _digests(tmp_path: Path, chunk_rows: int, workers: int) -> dict[str, str]:
    dataset = generate(
        load_text(SOURCE, filename="s.tdg"),
        rows={"events": ROWS},
        seed=5,
        chunk_rows=chunk_rows,
        workers=workers,
        now=datetime(2025, 6, 1),
    )
    try:
        spec = OutputSpec(kind="parquet", options={"dir": f"c{chunk_rows}w{workers}"})
        items = create_output(spec, base_dir=tmp_path).write(dataset).items
    finally:
        dataset.close()
    return {Path(item.location).name: item.sha256 for item in items}


def test_parquet_bytes_ignore_chunk_rows_and_workers(tmp_path: Path) -> None:
    reference = _digests(tmp_path, 65_536, 1)
    assert _digests(tmp_path, 1_000, 1) == reference
    assert _digests(tmp_path, 1_000, 2) == reference
    # The file spans more than one row group and many pages, so the comparison bites.
    meta = pq.ParquetFile(tmp_path / "c65536w1" / "events.parquet").metadata
    assert meta.num_row_groups == 2
    assert meta.num_rows == ROWS
