"""The contract of every output: consume a Dataset, write it whole or not at all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from testdatagen.engine.dataset import Dataset

__all__ = ["Output", "OutputResult", "Progress", "WrittenItem"]

#: Called as batches are written: (table, rows written so far in that table).
Progress = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class WrittenItem:
    """One table's data at its final location (a file path or ``db-url#table``)."""

    table: str
    rows: int
    location: str
    bytes: int | None = None
    sha256: str | None = None


@dataclass(slots=True)
class OutputResult:
    kind: str
    target: str
    items: list[WrittenItem] = field(default_factory=list)


class Output(Protocol):
    kind: str

    def write(self, dataset: Dataset, *, progress: Progress | None = None) -> OutputResult:
        """Write every table of ``dataset``; on failure leave nothing that looks complete."""
        ...
