"""The per-process engine: a run plan plus lazily built table generators.

A forked worker inherits the parent's warmed-up ``Engine`` (providers' value
packs, zipf tables, layout blocks); a spawned one rebuilds it from the
pickled plan. Caches never change output, so either way the batches agree.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa

from testdatagen.engine.arrow_types import arrow_schema
from testdatagen.engine.plan import RunPlan
from testdatagen.engine.table import TableGen
from testdatagen.errors import TdgError

__all__ = [
    "Engine",
    "init_worker",
    "produce_batch",
    "produce_ipc",
    "produce_ipc_file",
    "produce_mapped",
]


class Engine:
    def __init__(self, plan: RunPlan) -> None:
        self.plan = plan
        self._tables: dict[str, TableGen] = {}
        self._schemas: dict[str, pa.Schema] = {}

    def table(self, name: str) -> TableGen:
        gen = self._tables.get(name)
        if gen is None:
            gen = self._tables[name] = TableGen(self, self.plan.schema.table(name))
        return gen

    def arrow_schema(self, name: str) -> pa.Schema:
        schema = self._schemas.get(name)
        if schema is None:
            schema = self._schemas[name] = arrow_schema(self.plan.schema.table(name))
        return schema

    def warm_up(self) -> None:
        """Build every table's generator and make one row of each, so imports, value
        packs and lookup tables are loaded once in the parent and inherited by forked
        workers instead of being rebuilt by each. A user error is left for the real
        batch to raise, where the consumer asked for that table."""
        for name in self.plan.order:
            if self.plan.rows[name] == 0:
                continue
            try:
                self.table(name).batch(0, 1)
            except TdgError:
                continue


_WORKER: Engine | None = None


def init_worker(source: Engine | RunPlan) -> None:
    """Process-pool initializer: one engine per worker process (inherited when forked)."""
    global _WORKER
    # One process per core already: Arrow's own thread pool would oversubscribe.
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    _WORKER = source if isinstance(source, Engine) else Engine(source)


def produce_batch(task: tuple[str, int, int]) -> pa.RecordBatch:
    """A pure chunk function: (table, start, stop) → the batch of those rows."""
    assert _WORKER is not None, "init_worker was not run"
    table, start, stop = task
    return _WORKER.table(table).batch(start, stop)


def produce_mapped(
    task: tuple[str, int, int], fn: Callable[[pa.RecordBatch], Any], chunk_rows: int
) -> Any:
    """``fn`` of the rows [start, stop) as one contiguous batch, made ``chunk_rows`` at a
    time (values do not depend on the cut), so a consumer's per-slice work, e.g.
    Parquet encoding, runs in the worker too and only its result crosses back."""
    from testdatagen.engine.dataset import contiguous

    assert _WORKER is not None, "init_worker was not run"
    table, start, stop = task
    gen = _WORKER.table(table)
    parts = [gen.batch(i, min(i + chunk_rows, stop)) for i in range(start, stop, chunk_rows)]
    return fn(contiguous(pa.Table.from_batches(parts, schema=_WORKER.arrow_schema(table))))


def produce_ipc(task: tuple[str, int, int]) -> pa.Buffer:
    """The batch as one Arrow IPC message: a single buffer crosses the pipe and the
    parent reads it without copying (the schema is known on both sides)."""
    return produce_batch(task).serialize()


def produce_ipc_file(task: tuple[str, int, int], directory: str) -> str:
    """The batch as an Arrow IPC stream file in shared memory (``/dev/shm``): written
    once by the worker, memory-mapped by the parent, never pickled or piped."""
    table, start, _ = task
    batch = produce_batch(task)
    path = str(Path(directory) / f"{table}-{start}.arrows")
    with pa.OSFile(path, "wb") as sink, pa.ipc.new_stream(sink, batch.schema) as writer:
        writer.write_batch(batch)
    return path
