"""The Dataset a generation run returns: batches made on demand, locally or in a pool.

Nothing is generated until a consumer asks for a table's batches; each batch
is the pure chunk function of (table, start, stop), so the bytes do not depend
on ``chunk_rows`` or ``workers``. With workers, ``pool.WorkerPool`` forks
processes that inherit the warmed-up engine and return batches as Arrow IPC.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

import pyarrow as pa

from testdatagen.engine import ENGINE_OUTPUT_VERSION
from testdatagen.engine.dataset import Dataset
from testdatagen.engine.fallback import FallbackReport, dedupe_batches, fallback_keys
from testdatagen.engine.plan import RunPlan
from testdatagen.engine.pool import WorkerPool
from testdatagen.engine.runtime import Engine

__all__ = ["GeneratedDataset"]

T = TypeVar("T")


class GeneratedDataset(Dataset):
    def __init__(self, plan: RunPlan, *, workers: int = 1, chunk_rows: int = 65_536) -> None:
        if chunk_rows < 1:
            raise ValueError(f"Expected chunk_rows >= 1 but got chunk_rows={chunk_rows!r}")
        self.plan = plan
        self.schema = plan.schema
        self.seed = plan.seed
        self.locale = plan.locale
        self.workers = max(1, int(workers))
        self.chunk_rows = int(chunk_rows)
        self.engine = Engine(plan)
        self._pool: WorkerPool | None = None
        #: How much the seen-set fallback for unique columns was used.
        self.fallback = FallbackReport()

    @property
    def tables(self) -> tuple[str, ...]:
        return self.plan.order

    @property
    def deferred_keys(self) -> tuple[tuple[str, str], ...]:
        """(table, column) keys to load as NULL first and update once the parent exists."""
        return self.plan.deferred

    def row_count(self, table: str) -> int:
        return self.plan.rows[table]

    def arrow_schema(self, table: str) -> pa.Schema:
        return self.engine.arrow_schema(table)

    @property
    def metadata(self) -> dict[str, str]:
        meta = super().metadata
        meta["tdg.engine_output_version"] = str(ENGINE_OUTPUT_VERSION)
        meta["tdg.now_us"] = str(self.plan.now_us)
        return meta

    def _tasks(self, table: str) -> Iterator[tuple[str, int, int]]:
        total = self.row_count(table)
        for start in range(0, total, self.chunk_rows):
            yield table, start, min(start + self.chunk_rows, total)

    def batches(self, table: str) -> Iterator[pa.RecordBatch]:
        gen = self.engine.table(table)  # KeyError for unknown names before any work
        keys = fallback_keys(gen.table, gen.keys.unenforced, gen.keys.fixed_columns)
        if keys:
            yield from dedupe_batches(gen, self._batches(table), keys, self.fallback)
        else:
            yield from self._batches(table)

    def map_slices(self, table: str, size: int, fn: Callable[[pa.RecordBatch], T]) -> Iterator[T]:
        """With workers, each makes whole slices and runs ``fn`` on them (a writer's
        encoding then scales with the workers, and the parent only collects results).
        The seen-set fallback for unique keys must see every row in order, so a
        table that needs it is made here and cut in this process."""
        gen = self.engine.table(table)
        if self.workers == 1 or fallback_keys(
            gen.table, gen.keys.unenforced, gen.keys.fixed_columns
        ):
            yield from super().map_slices(table, size, fn)
            return
        if self._pool is None:
            self._pool = WorkerPool(self.engine, self.workers)
        total = self.row_count(table)
        tasks = ((table, start, min(start + size, total)) for start in range(0, total, size))
        yield from self._pool.map(tasks, fn, self.chunk_rows)

    def _batches(self, table: str) -> Iterator[pa.RecordBatch]:
        if self.workers == 1:
            gen = self.engine.table(table)
            for _, start, stop in self._tasks(table):
                yield gen.batch(start, stop)
            return
        yield from self._pooled(table)

    def _pooled(self, table: str) -> Iterator[pa.RecordBatch]:
        if self._pool is None:
            self._pool = WorkerPool(self.engine, self.workers)
        yield from self._pool.imap(table, self._tasks(table))

    def close(self) -> None:
        """Stop the worker processes (also done when the dataset is collected)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> GeneratedDataset:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        # Waits for the workers: a shutdown left running races the interpreter's own
        # exit hook for process pools, which then writes to the closed wake-up pipe
        # ("Exception ignored … OSError: Bad file descriptor" after a CLI run that
        # never closed its dataset). Pending chunks are cancelled, so the wait is short.
        pool = getattr(self, "_pool", None)
        if pool is not None:
            pool.close(wait=True)
