"""Apache Parquet through ``pyarrow.parquet.ParquetWriter``, one file per table.

The dataset's metadata (seed, tool version, schema hash) goes into the
file's key-value metadata, so a file says how to make it again. Parquet
compresses internally (``compression`` picks the codec), so ``.parquet.gz``
is refused.

Row groups hold exactly ``row_group_size`` rows (the last one fewer),
whatever the engine's batch size, so the bytes do not depend on chunking;
memory is bounded by one row group.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, ClassVar

import pyarrow as pa
import pyarrow.parquet as pq

from testdatagen.engine.dataset import Dataset
from testdatagen.model.plan import OutputSpec
from testdatagen.outputs.files.base import FileOutput, RowCounter
from testdatagen.outputs.options import BAD_OPTION, output_error

__all__ = ["ParquetOutput"]

CODECS = ("zstd", "snappy", "gzip", "brotli", "lz4", "none")
_LEVELLED = ("zstd", "gzip", "brotli")
DEFAULT_ROW_GROUP = 131_072


class ParquetOutput(FileOutput):
    extension: ClassVar[str] = ".parquet"
    compressible: ClassVar[bool] = False
    format_options: ClassVar[frozenset[str]] = frozenset({"row_group_size"})

    def __init__(self, spec: OutputSpec, base_dir: Path) -> None:
        # ``compression`` names Parquet's internal codec here, not a file suffix.
        options = dict(spec.options)
        self.codec = str(options.pop("compression", "zstd") or "none").lower()
        self.codec_level = options.pop("compression_level", None)
        super().__init__(spec.model_copy(update={"options": options}), base_dir)

    def configure(self) -> None:
        if self.codec not in CODECS:
            raise output_error(
                BAD_OPTION,
                f"unknown Parquet compression {self.codec!r}",
                f"use one of: {', '.join(CODECS)}",
            )
        if self.codec_level is not None and (
            isinstance(self.codec_level, bool) or not isinstance(self.codec_level, int)
        ):
            raise output_error(BAD_OPTION, "compression_level expects an integer")
        if self.codec_level is not None and self.codec not in _LEVELLED:
            raise output_error(
                BAD_OPTION,
                f"Parquet compression {self.codec!r} has no levels",
                f"compression_level applies to {', '.join(_LEVELLED)}",
            )
        self.row_group_size = self.opts.integer("row_group_size", DEFAULT_ROW_GROUP)

    def write_file(
        self, dataset: Dataset, tables: Sequence[str], stream: BinaryIO, counter: RowCounter
    ) -> None:
        for table in tables:
            schema = dataset.arrow_schema(table)
            schema = schema.with_metadata({**(schema.metadata or {}), **dataset.metadata})
            sink = pa.PythonFile(stream, mode="w")
            with pq.ParquetWriter(
                sink, schema, compression=self.codec, compression_level=self.codec_level
            ) as writer:
                self._write_groups(writer, schema, counter.stream(dataset, table))

    def _write_groups(
        self, writer: pq.ParquetWriter, schema: pa.Schema, batches: Iterator[pa.RecordBatch]
    ) -> None:
        pending: list[pa.RecordBatch] = []
        rows = 0
        for batch in batches:
            pending.append(batch)
            rows += batch.num_rows
            while rows >= self.row_group_size:
                buffered = pa.Table.from_batches(pending, schema=schema)
                writer.write_table(buffered.slice(0, self.row_group_size), self.row_group_size)
                rest = buffered.slice(self.row_group_size)
                pending, rows = rest.to_batches(), rest.num_rows
        if rows:
            writer.write_table(pa.Table.from_batches(pending, schema=schema), self.row_group_size)
