"""The engine's product: per-table streams of Arrow record batches.

Writers and loaders consume only this interface, so they work the same for a
real generation run and for an in-memory dataset built in a test.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import pyarrow as pa

from testdatagen.model.schema import Schema

__all__ = ["ArrowDataset", "Dataset", "slices"]

T = TypeVar("T")


class Dataset(abc.ABC):
    """Tables in load order (parents before children), each a stream of batches."""

    schema: Schema
    seed: int
    locale: str

    @property
    @abc.abstractmethod
    def tables(self) -> tuple[str, ...]:
        """Table names in an order that satisfies every non-deferred foreign key."""

    @abc.abstractmethod
    def row_count(self, table: str) -> int: ...

    @abc.abstractmethod
    def arrow_schema(self, table: str) -> pa.Schema: ...

    @abc.abstractmethod
    def batches(self, table: str) -> Iterator[pa.RecordBatch]:
        """Stream the table; calling it again yields the same batches again."""

    def map_slices(self, table: str, size: int, fn: Callable[[pa.RecordBatch], T]) -> Iterator[T]:
        """``fn`` of consecutive slices of exactly ``size`` rows (the last one fewer),
        each one contiguous batch, in order. Here it runs in this process; a generated
        dataset with workers runs it in them, so a writer's encoding is spread over the
        cores. ``fn`` must be picklable and a pure function of the rows."""
        for group in slices(self.batches(table), self.arrow_schema(table), size):
            yield fn(group)

    @property
    def metadata(self) -> dict[str, str]:
        """Recorded beside every output (Parquet key-value metadata, manifest.json)."""
        from testdatagen import __version__

        return {
            "tdg.version": __version__,
            "tdg.seed": str(self.seed),
            "tdg.locale": self.locale,
            "tdg.schema": self.schema.name,
            "tdg.schema_hash": self.schema.fingerprint(),
        }

    def to_arrow(self, table: str) -> pa.Table:
        return pa.Table.from_batches(list(self.batches(table)), schema=self.arrow_schema(table))

    def to_pandas(self, table: str) -> Any:
        from testdatagen._optional import require

        require("pandas", extra="pandas")
        return self.to_arrow(table).to_pandas()

    def to_polars(self, table: str) -> Any:
        from testdatagen._optional import require

        polars = require("polars", extra="polars")
        return polars.from_arrow(self.to_arrow(table))

    def records(self, table: str) -> Iterator[dict[str, Any]]:
        """Rows as dicts of Python values (for fixtures; not a hot path)."""
        for batch in self.batches(table):
            yield from batch.to_pylist()


class ArrowDataset(Dataset):
    """A dataset over tables already in memory (tests, conversions, small runs)."""

    def __init__(
        self,
        schema: Schema,
        tables: Mapping[str, pa.Table],
        *,
        seed: int = 0,
        locale: str = "en_US",
        chunk_rows: int = 65_536,
    ) -> None:
        self.schema = schema
        self.seed = seed
        self.locale = locale
        self._tables = dict(tables)
        self._chunk_rows = chunk_rows

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(self._tables)

    def row_count(self, table: str) -> int:
        return int(self._tables[table].num_rows)

    def arrow_schema(self, table: str) -> pa.Schema:
        return self._tables[table].schema

    def batches(self, table: str) -> Iterator[pa.RecordBatch]:
        yield from self._tables[table].to_batches(max_chunksize=self._chunk_rows)


def slices(
    batches: Iterator[pa.RecordBatch], schema: pa.Schema, size: int
) -> Iterator[pa.RecordBatch]:
    """Re-cut a batch stream into contiguous batches of ``size`` rows (the last fewer):
    whatever the producer's chunking, the same rows give the same arrays."""
    pending: list[pa.RecordBatch] = []
    rows = 0
    for batch in batches:
        pending.append(batch)
        rows += batch.num_rows
        while rows >= size:
            buffered = pa.Table.from_batches(pending, schema=schema)
            yield contiguous(buffered.slice(0, size))
            rest = buffered.slice(size)
            pending, rows = rest.to_batches(), rest.num_rows
    if rows:
        yield contiguous(pa.Table.from_batches(pending, schema=schema))


def contiguous(table: pa.Table) -> pa.RecordBatch:
    """A non-empty table as one batch whose every column is a single array (a copy
    only if it was split): the Parquet writer cuts pages per input array."""
    (batch,) = table.combine_chunks().to_batches()
    return batch
