"""Progress of a generate run: live bars on a terminal, plain lines in a log, or nothing.

Outputs call back ``(table, rows_done)`` as batches land; a reporter turns
that into rows/s and an ETA. One reporter serves all outputs of a run: each
output announces itself with the row totals of its tables.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Column
from rich.text import Text

from testdatagen.interfaces.cli.console import Consoles

__all__ = ["NullReporter", "PlainReporter", "Reporter", "RichReporter", "make_reporter"]

PLAIN_INTERVAL_S = 10.0


class Reporter(Protocol):
    def start_output(self, label: str, totals: Mapping[str, int]) -> None: ...
    def update(self, table: str, rows_done: int) -> None: ...
    def close(self) -> None: ...


class NullReporter:
    """``--quiet`` and ``--json``: the summary (or the JSON) is all the user asked for."""

    def start_output(self, label: str, totals: Mapping[str, int]) -> None:
        return None

    def update(self, table: str, rows_done: int) -> None:
        return None

    def close(self) -> None:
        return None


class RowsPerSecond(ProgressColumn):
    """Never wraps: on a narrow terminal the bar gives up width, not the figure."""

    def __init__(self) -> None:
        super().__init__(table_column=Column(no_wrap=True, justify="right", min_width=16))

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} rows/s" if speed else "", style="muted")


class RichReporter:
    """Live bars on stderr; finished bars stay visible as a record of the run."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(bar_width=30),
            TextColumn("{task.completed:>12,.0f}/{task.total:,.0f}"),
            RowsPerSecond(),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=console,
            refresh_per_second=8,
        )
        self._tasks: dict[str, TaskID] = {}
        self._totals: dict[str, int] = {}
        self._started = False

    def start_output(self, label: str, totals: Mapping[str, int]) -> None:
        # Started with the first output, not when made: a run that fails before
        # writing (a bad --locale, a missing file) must not leave the terminal's
        # cursor hidden by a live display that nothing stops.
        if not self._started:
            self._progress.start()
            self._started = True
        self._progress.console.print(f"[bold]{label}[/]")
        # Tables are written one after another: a bar's clock starts when its turn comes.
        self._tasks = {
            table: self._progress.add_task(f"  {table}", total=max(total, 1), start=False)
            for table, total in totals.items()
        }
        self._totals = dict(totals)
        self._start_next()

    def _start_next(self) -> None:
        for task_id in self._tasks.values():
            task = self._progress.tasks[task_id]
            if not task.started:
                self._progress.start_task(task_id)
                return

    def update(self, table: str, rows_done: int) -> None:
        task = self._tasks.get(table)
        if task is None:
            return
        self._progress.start_task(task)  # a no-op when already running
        self._progress.update(task, completed=rows_done)
        if rows_done >= self._totals.get(table, 0):
            self._start_next()

    def close(self) -> None:
        if self._started:
            self._progress.stop()


class PlainReporter:
    """One line per finished table, and a line every few seconds for long tables."""

    def __init__(self, console: Console, interval_s: float = PLAIN_INTERVAL_S) -> None:
        self._console = console
        self._interval = interval_s
        self._totals: dict[str, int] = {}
        self._started: dict[str, float] = {}
        self._last_line = 0.0
        self._mark = time.perf_counter()
        self._done: set[str] = set()

    def start_output(self, label: str, totals: Mapping[str, int]) -> None:
        self._console.print(label, markup=False)
        self._totals = dict(totals)
        self._started.clear()
        self._done.clear()
        # The first periodic line comes one interval after the output starts.
        self._mark = self._last_line = time.perf_counter()

    def update(self, table: str, rows_done: int) -> None:
        now = time.perf_counter()
        # A table's clock starts when the one before it finished, not at its first batch.
        started = self._started.setdefault(table, self._mark)
        total = self._totals.get(table, 0)
        rate = rows_done / max(now - started, 1e-9)
        if rows_done >= total and table not in self._done:
            self._done.add(table)
            self._mark = now
            self._line(
                f"  {table}: {rows_done:,} rows in {now - started:.1f}s ({rate:,.0f} rows/s)"
            )
        elif now - self._last_line >= self._interval and table not in self._done:
            eta = (total - rows_done) / rate if rate > 0 else 0.0
            pct = 100 * rows_done / max(total, 1)
            self._line(
                f"  {table}: {rows_done:,}/{total:,} rows ({pct:.0f}%), "
                f"{rate:,.0f} rows/s, eta {eta:.0f}s"
            )
        else:
            return
        self._last_line = now

    def _line(self, text: str) -> None:
        self._console.print(text, markup=False, highlight=False)

    def close(self) -> None:
        return None


def make_reporter(consoles: Consoles) -> Reporter:
    if consoles.quiet or consoles.json:
        return NullReporter()
    if consoles.err.is_terminal:
        return RichReporter(consoles.err)
    return PlainReporter(consoles.err)
