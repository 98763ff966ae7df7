"""Apache Parquet, one file per table, row groups encoded in parallel and stitched.

The dataset's metadata (seed, tool version, schema hash) goes into the
file's key-value metadata, so a file says how to make it again. Parquet
compresses internally (``compression`` picks the codec), so ``.parquet.gz``
is refused.

Row groups hold exactly ``row_group_size`` rows (the last one fewer),
whatever the engine's batch size, and each is encoded from one contiguous
batch (pages and dictionary fallback follow the input arrays) into a
one-group file by ``parquet_parts.encode_part`` — in the engine's worker
processes when there are any — then stitched in order. So the bytes do not
depend on chunk size or worker count, the encoding scales with the workers,
and memory is bounded by a few row groups per worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO, ClassVar

from testdatagen.engine.dataset import Dataset
from testdatagen.model.plan import OutputSpec
from testdatagen.outputs.files.base import FileOutput, RowCounter
from testdatagen.outputs.files.parquet_parts import (
    PartOptions,
    Stitcher,
    dictionary_columns,
    empty_file,
    encode_part,
)
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
            level = None if self.codec_level is None else int(self.codec_level)
            options = PartOptions(schema, self.codec, level, dictionary_columns(schema))
            counter.rows.setdefault(table, 0)
            stitcher = Stitcher(stream)
            encode = partial(encode_part, options)
            for rows, part in dataset.map_slices(table, self.row_group_size, encode):
                stitcher.add(part)
                counter.add(table, rows)
            stitcher.finish(empty_file(options))
