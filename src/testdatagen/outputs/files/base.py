"""What every file writer shares: options, targets, safe writes, progress and the manifest.

A format implements ``write_file`` (stream some tables into one binary
stream). ``FileOutput.write`` does the rest: it resolves the target, writes
every file under a temporary name through the compressor and a hashing
sink, publishes all files together, then writes ``manifest.json``.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, ClassVar

import pyarrow as pa

from testdatagen.engine.dataset import Dataset
from testdatagen.model.plan import OutputSpec
from testdatagen.outputs.atomic import AtomicGroup, clean_stale_temps
from testdatagen.outputs.base import OutputResult, Progress, WrittenItem
from testdatagen.outputs.compression import LEVELS, check_compression, compressed
from testdatagen.outputs.manifest import write_manifest
from testdatagen.outputs.options import BAD_OPTION, OptionReader, output_error
from testdatagen.outputs.target import FileTarget

__all__ = ["FileOutput", "RowCounter"]

_COMMON_OPTIONS = frozenset({"dir", "file", "compression", "compression_level", "manifest"})


class RowCounter:
    """Counts rows per table and reports them to the optional progress callback."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress
        self.rows: dict[str, int] = {}

    def add(self, table: str, rows: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + rows
        if self._progress is not None:
            self._progress(table, self.rows[table])

    def stream(self, dataset: Dataset, table: str) -> Iterator[pa.RecordBatch]:
        """The table's batches, counted as they are consumed."""
        self.rows.setdefault(table, 0)
        for batch in dataset.batches(table):
            yield batch
            self.add(table, batch.num_rows)


class FileOutput(abc.ABC):
    """Base of the file writers; subclasses set the class attributes and ``write_file``."""

    kind: str
    extension: ClassVar[str]
    #: Whether external gzip/zstd compression applies (text formats).
    compressible: ClassVar[bool] = True
    #: Whether one file can hold several tables (Excel sheets, one JSON/XML document).
    combined: ClassVar[bool] = False
    format_options: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, spec: OutputSpec, base_dir: Path) -> None:
        self.kind = spec.kind
        self.spec = spec
        self.opts = OptionReader(spec.kind, spec.options, _COMMON_OPTIONS | self.format_options)
        self.opts.check_names()
        compression = check_compression(self.opts.optional_string("compression"))
        self.target = FileTarget.resolve(
            spec.kind,
            self.opts.optional_string("dir"),
            self.opts.optional_string("file"),
            compression,
            base_dir,
        )
        if self.target.compression and not self.compressible:
            raise output_error(
                BAD_OPTION,
                f"{spec.kind} files cannot be compressed with gzip/zstd",
                f"{spec.kind} has its own compression options; see docs/outputs.md",
            )
        self.compression_level = self._level()
        self.with_manifest = self.opts.boolean("manifest", True)
        self.configure()

    def _level(self) -> int | None:
        if self.opts.options.get("compression_level") is None:
            return None
        low, high = LEVELS.get(self.target.compression or "", (0, 0))
        if high == 0:
            raise output_error(
                BAD_OPTION,
                "compression_level needs a compression (gzip or zstd)",
                "add compression: 'gzip' or name the file .gz/.zst",
            )
        level = self.opts.integer("compression_level", low, minimum=low)
        if level > high:
            raise output_error(
                BAD_OPTION, f"{self.target.compression} levels go from {low} to {high}, not {level}"
            )
        return level

    def configure(self) -> None:  # noqa: B027 - an optional hook
        """Read and check the format's own options (called once, before writing)."""

    @abc.abstractmethod
    def write_file(
        self, dataset: Dataset, tables: Sequence[str], stream: BinaryIO, counter: RowCounter
    ) -> None:
        """Stream ``tables`` into ``stream`` (already compressed if asked)."""

    def check(self, dataset: Dataset) -> None:  # noqa: B027 - an optional hook
        """Refuse a dataset this format cannot hold, before anything is written."""

    def validate(self, dataset: Dataset) -> None:
        """Everything that can be known to fail before any output writes a byte."""
        self.check(dataset)
        self._plan(dataset)

    def _plan(self, dataset: Dataset) -> list[tuple[Path, tuple[str, ...]]]:
        return self.target.plan(self.kind, dataset.tables, self.extension, combined=self.combined)

    def write(self, dataset: Dataset, *, progress: Progress | None = None) -> OutputResult:
        self.check(dataset)
        plan = self._plan(dataset)
        for directory in {path.parent for path, _ in plan}:
            clean_stale_temps(directory)
        counter = RowCounter(progress)
        with AtomicGroup() as group:
            for path, tables in plan:
                handle = group.open(path)
                with compressed(handle.sink, self.target.compression, self.compression_level) as s:
                    self.write_file(dataset, tables, s, counter)
            if self.with_manifest:  # a stale manifest must never vouch for new files
                self.target.manifest_path.unlink(missing_ok=True)
            group.commit()
        items = [
            WrittenItem(
                table, counter.rows.get(table, 0), str(h.final), h.sink.bytes_written, h.sink.sha256
            )
            for h, (_, tables) in zip(group.files, plan, strict=True)
            for table in tables
        ]
        if self.with_manifest:
            write_manifest(self.target.manifest_path, self.kind, items, dataset.metadata)
        location = self.target.file or self.target.directory
        return OutputResult(kind=self.kind, target=str(location), items=items)
