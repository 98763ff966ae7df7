"""Worker processes for one dataset: forked where possible, batches back as Arrow IPC.

On Linux the pool forks, after the parent has warmed the engine up, so every
worker starts with the imports, value packs and lookup tables already loaded
(copy-on-write); elsewhere it spawns and each worker rebuilds the engine from
the pickled plan. A worker writes each batch as an Arrow IPC stream into a
shared-memory file (``/dev/shm``) that the parent memory-maps and unlinks:
nothing is pickled or copied through a pipe, and the parent only hands
batches on, so its time goes to the consumer (a writer). Without
``/dev/shm`` the IPC message travels through the pool's pipe instead.
At most ``2 × workers`` chunks are in flight and results come back in task
order, which bounds memory by chunk size × workers and keeps the output
identical to one worker.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa

from testdatagen.engine.runtime import (
    Engine,
    init_worker,
    produce_ipc,
    produce_ipc_file,
    produce_mapped,
)

__all__ = ["WorkerPool", "shared_memory_dir", "start_method"]

Task = tuple[str, int, int]
T = TypeVar("T")


def start_method() -> str:
    """'fork' on Linux (cheap, inherits the warm engine), 'spawn' elsewhere (macOS and
    Windows either lack fork or make it unsafe with system frameworks)."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def shared_memory_dir() -> str | None:
    """A RAM-backed directory for batch files, or None (then batches use the pipe)."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _read_file(path: str) -> pa.RecordBatch:
    """Map the batch (its buffers keep the mapping alive) and unlink the name at once."""
    try:
        with pa.memory_map(path) as source:
            return pa.ipc.open_stream(source).read_next_batch()
    finally:
        Path(path).unlink()


class WorkerPool:
    """An order-preserving, bounded ``imap`` of the chunk function over a process pool."""

    def __init__(self, engine: Engine, workers: int) -> None:
        self.engine = engine
        self.workers = workers
        self.method = start_method()
        if self.method == "fork":
            engine.warm_up()
        shm = shared_memory_dir()
        self._dir = tempfile.mkdtemp(prefix="tdg-", dir=shm) if shm else None
        source = engine if self.method == "fork" else engine.plan
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context(self.method),
            initializer=init_worker,
            initargs=(source,),
        )

    def _submit(self, task: Task) -> Future[Any]:
        if self._dir is None:
            return self._executor.submit(produce_ipc, task)
        return self._executor.submit(partial(produce_ipc_file, directory=self._dir), task)

    def _receive(self, future: Future[Any], schema: pa.Schema) -> pa.RecordBatch:
        result = future.result()
        if isinstance(result, str):
            return _read_file(result)
        return pa.ipc.read_record_batch(result, schema)

    def imap(self, table: str, tasks: Iterable[Task]) -> Iterator[pa.RecordBatch]:
        schema = self.engine.arrow_schema(table)
        for future in self._window(self._submit(task) for task in tasks):
            yield self._receive(future, schema)

    def map(
        self, tasks: Iterable[Task], fn: Callable[[pa.RecordBatch], T], chunk_rows: int
    ) -> Iterator[T]:
        """``fn`` of each task's rows, run in the workers; results in task order."""
        work = partial(produce_mapped, fn=fn, chunk_rows=chunk_rows)
        for future in self._window(self._executor.submit(work, task) for task in tasks):
            yield future.result()

    def _window(self, futures: Iterator[Future[Any]]) -> Iterator[Future[Any]]:
        """Futures in submission order with at most ``2 × workers`` in flight: each
        worker has one task queued behind the one it runs, and memory stays bounded."""
        window: deque[Future[Any]] = deque()
        try:
            for future in futures:
                window.append(future)
                if len(window) >= 2 * self.workers:
                    yield window.popleft()
            while window:
                yield window.popleft()
        finally:
            for future in window:
                future.cancel()

    def close(self, *, wait: bool = True) -> None:
        """Stop the workers and remove the batch files no consumer read (a worker still
        finishing a chunk then fails to create its file, which nobody awaits)."""
        self._executor.shutdown(wait=wait, cancel_futures=True)
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
