"""Row groups encoded one by one (in any process) and stitched: the same file as one writer.

``ParquetOutput`` encodes every row group as its own one-group Parquet file so
worker processes can share the encoding, then rewrites the byte offsets in the
footers and concatenates. The promise is strong enough to test byte for byte:
the stitched file is exactly what a single ``ParquetWriter`` writes for the
same row groups, so readers cannot tell, and the worker count cannot show.
"""

from __future__ import annotations

import io
import struct
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.engine.dataset import slices
from testdatagen.outputs.files.parquet_parts import (
    PartOptions,
    Stitcher,
    dictionary_columns,
    empty_file,
    encode_part,
)
from testdatagen.outputs.files.thrift_compact import decode_struct, encode_struct


def _table(rows: int, extra_columns: int = 0) -> pa.Table:
    columns = {
        "id": pa.array(range(rows), pa.int64()),
        "kind": pa.array([("a", "bb", "ccc")[i % 3] for i in range(rows)]),
        "note": pa.array([None if i % 4 == 0 else f"n{i * 7919}" for i in range(rows)]),
        "amount": pa.array([Decimal(i % 1000) / 100 for i in range(rows)], pa.decimal128(10, 2)),
        "at": pa.array(range(rows), pa.timestamp("us")),
        "tags": pa.array(
            [[i, i + 1] if i % 5 else None for i in range(rows)], pa.list_(pa.int32())
        ),
    }
    columns.update({f"c{k}": pa.array([k * i for i in range(rows)]) for k in range(extra_columns)})
    return pa.table(columns).replace_schema_metadata({"tdg.seed": "7"})


def _options(schema: pa.Schema, codec: str = "zstd") -> PartOptions:
    return PartOptions(schema, codec, None, tuple(dictionary_columns(schema)))


def _stitched(table: pa.Table, group: int, batch: int, codec: str = "zstd") -> bytes:
    options = _options(table.schema, codec)
    out = io.BytesIO()
    stitcher = Stitcher(out)
    for part in slices(iter(table.to_batches(batch)), table.schema, group):
        stitcher.add(encode_part(options, part)[1])
    stitcher.finish(empty_file(options))
    return out.getvalue()


def _one_writer(table: pa.Table, group: int, codec: str = "zstd") -> bytes:
    sink = pa.BufferOutputStream()
    dictionary = list(dictionary_columns(table.schema))
    with pq.ParquetWriter(sink, table.schema, compression=codec, use_dictionary=dictionary) as w:
        for part in slices(iter(table.to_batches()), table.schema, group):
            w.write_batch(part, row_group_size=group)
    return bytes(sink.getvalue().to_pybytes())


@settings(max_examples=15, deadline=None)
@given(
    rows=st.integers(1, 3_000),
    group=st.integers(1, 1_200),
    batch=st.integers(1, 900),
    codec=st.sampled_from(["zstd", "snappy", "none"]),
)
def test_stitched_file_is_byte_identical_to_one_writer(
    rows: int, group: int, batch: int, codec: str
) -> None:
    table = _table(rows)
    stitched = _stitched(table, group, batch, codec)
    assert stitched == _one_writer(table, group, codec)
    read = pq.ParquetFile(io.BytesIO(stitched))
    assert read.metadata.num_row_groups == -(-rows // group)
    assert read.read().equals(table)


def test_many_columns_and_many_groups_read_back_group_by_group() -> None:
    # > 15 columns and > 15 row groups take the long forms of Thrift list headers.
    table = _table(4_000, extra_columns=14)
    stitched = _stitched(table, 200, 333)
    assert stitched == _one_writer(table, 200)
    read = pq.ParquetFile(io.BytesIO(stitched))
    for i in range(read.metadata.num_row_groups):
        assert read.read_row_group(i).equals(table.slice(200 * i, 200))
    assert read.schema_arrow.metadata[b"tdg.seed"] == b"7"


def test_a_table_without_rows_is_a_valid_empty_file() -> None:
    table = _table(0)
    stitched = _stitched(table, 100, 10)
    assert stitched == _one_writer(table, 100)
    assert pq.read_table(io.BytesIO(stitched)).num_rows == 0


def _footer(data: bytes) -> bytes:
    (length,) = struct.unpack("<I", data[-8:-4])
    return data[-8 - length : -8]


def test_thrift_round_trip_keeps_arrow_footers_byte_for_byte() -> None:
    footer = _footer(_one_writer(_table(2_000, extra_columns=20), 150))
    assert encode_struct(decode_struct(footer)) == footer


def test_thrift_rejects_trailing_bytes() -> None:
    footer = _footer(_one_writer(_table(10), 5))
    with pytest.raises(ValueError, match="remain"):
        decode_struct(footer + b"\x00")
