"""The last resort for uniqueness: a seen-set with bounded re-draws, in row order.

Used only for keys no bijection covers: unique random floats, computed
columns, formats that cannot be unique by construction, and composite keys
that are neither distinct-within-parent nor a junction of references.
Batches pass through in row order, so the first occurrence wins whatever the
chunk size or worker count; a repeat re-draws one column of the key from
``child("dedupe", k)``. It costs memory per distinct key and a set lookup per
row, so it is measured (``FallbackReport``) and gives up after ``ROUNDS``
re-draws naming the key.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from testdatagen.errors import Diagnostic, GenerationError
from testdatagen.model.catalog import FORMATS
from testdatagen.model.schema import Column, FormatGen, Table

if TYPE_CHECKING:
    from testdatagen.engine.table import TableGen

__all__ = ["ROUNDS", "FallbackReport", "SeenKey", "dedupe_batches", "fallback_keys"]

ROUNDS = 32
_REDRAWABLE = ("random", "choice", "pattern", "format", "reference", "llm")


@dataclass
class FallbackReport:
    """Per key (``a`` or ``a,b``): rows checked and rows re-drawn."""

    checked: dict[str, int] = field(default_factory=dict)
    redrawn: dict[str, int] = field(default_factory=dict)


@dataclass
class SeenKey:
    columns: tuple[str, ...]
    #: The columns re-drawn on a repeat (empty: nothing can be re-drawn).
    redraw: tuple[str, ...]
    seen: set[object] = field(default_factory=set)

    @property
    def name(self) -> str:
        return ",".join(self.columns)


def _single_needs_fallback(column: Column) -> bool:
    strategy = column.generator.strategy
    if strategy in ("compute", "llm"):
        return True
    if isinstance(column.generator, FormatGen):
        info = FORMATS.get(column.generator.name)
        return info is None or not info.uniqueable
    return strategy == "random" and column.type.kind.value == "float"


def fallback_keys(table: Table, unenforced: list[tuple[str, ...]]) -> list[SeenKey]:
    """Keys of ``table`` that only the seen-set can keep unique."""
    keys = [
        SeenKey((c.name,), (c.name,))
        for c in table.columns
        if (c.unique or (c.primary_key and len(table.primary_key) <= 1))
        and c.reference is None
        and _single_needs_fallback(c)
    ]
    for key in unenforced:
        movable = [
            k
            for k in key
            if table.column(k).generator.strategy in _REDRAWABLE
            and not (table.column(k).reference and table.column(k).reference.per_parent)  # type: ignore[union-attr]
        ]
        keys.append(SeenKey(tuple(key), tuple(movable)))
    return keys


def dedupe_batches(
    gen: TableGen, batches: Iterator[pa.RecordBatch], keys: list[SeenKey], report: FallbackReport
) -> Iterator[pa.RecordBatch]:
    start = 0
    for batch in batches:
        arrays = dict(zip(batch.schema.names, batch.columns, strict=True))
        for key in keys:
            _dedupe(gen, key, arrays, start, report)
        yield pa.RecordBatch.from_arrays(
            [arrays[n] for n in batch.schema.names], schema=batch.schema
        )
        start += batch.num_rows


def _tuples(columns: list[list[object]]) -> list[object]:
    return columns[0] if len(columns) == 1 else list(zip(*columns, strict=True))


def _is_null(value: object) -> bool:
    return value is None or (isinstance(value, tuple) and None in value)


def _dedupe(
    gen: TableGen, key: SeenKey, arrays: dict[str, pa.Array], start: int, report: FallbackReport
) -> None:
    """Row by row in order: a row is settled once no earlier row holds its key, so the
    outcome never depends on where chunks begin."""
    columns = {k: arrays[k].to_pylist() for k in key.columns}
    values = _tuples(list(columns.values()))
    report.checked[key.name] = report.checked.get(key.name, 0) + len(values)
    changed = False
    for i, value in enumerate(values):
        attempt = 0
        while not _is_null(value) and value in key.seen:
            attempt += 1
            if attempt > ROUNDS or not key.redraw:
                raise _gave_up(gen, key, attempt - 1)
            value = _redraw_row(gen, key, columns, start + i, i, attempt)
            report.redrawn[key.name] = report.redrawn.get(key.name, 0) + 1
            changed = True
        if not _is_null(value):
            key.seen.add(value)
    if changed:
        for name in key.redraw:
            arrays[name] = pa.array(columns[name], type=arrays[name].type)


def _redraw_row(
    gen: TableGen, key: SeenKey, columns: dict[str, list[object]], row: int, at: int, attempt: int
) -> object:
    chunk = gen.compute(np.array([row], dtype=np.int64), None)
    for name in key.redraw:
        fresh = gen.column(name, chunk, gen.stream(name).child("dedupe", attempt))
        columns[name][at] = fresh.to_pylist()[0]
    parts = [columns[k][at] for k in key.columns]
    return parts[0] if len(parts) == 1 else tuple(parts)


def _gave_up(gen: TableGen, key: SeenKey, attempts: int) -> GenerationError:
    return GenerationError(
        [
            Diagnostic(
                "TDG533",
                f"{gen.table.name} ({key.name}) is unique but a row still repeats a value "
                f"after {attempts} re-draws",
                span=gen.table.span,
                hint="widen the columns' ranges or drop unique",
            )
        ]
    )
