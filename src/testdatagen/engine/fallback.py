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

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from testdatagen.engine.checks import enforce_checks
from testdatagen.errors import Diagnostic, GenerationError
from testdatagen.model.catalog import FORMATS
from testdatagen.model.schema import Column, FormatGen, Table

if TYPE_CHECKING:
    from testdatagen.engine.chunk import Chunk
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


def fallback_keys(
    table: Table, unenforced: list[tuple[str, ...]], fixed: Collection[str] = ()
) -> list[SeenKey]:
    """Keys of ``table`` that only the seen-set can keep unique. ``fixed`` columns are
    kept unique by a bijection (another key): re-drawing them would break that key."""
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
            and k not in fixed
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
        _dedupe(gen, keys, arrays, start, report)
        yield pa.RecordBatch.from_arrays(
            [arrays[n] for n in batch.schema.names], schema=batch.schema
        )
        start += batch.num_rows


def _value(columns: dict[str, list[object]], key: SeenKey, at: int) -> object:
    parts = [columns[k][at] for k in key.columns]
    return parts[0] if len(parts) == 1 else tuple(parts)


def _is_null(value: object) -> bool:
    return value is None or (isinstance(value, tuple) and None in value)


def _dedupe(
    gen: TableGen,
    keys: list[SeenKey],
    arrays: dict[str, pa.Array],
    start: int,
    report: FallbackReport,
) -> None:
    """Row by row in order: a row is settled once no earlier row holds any of its keys,
    so the outcome never depends on where chunks begin. All keys are settled together:
    a re-draw for one key (``unique (teacher_id, day, period)``) must not bring back a
    repeat of another that shares its columns (``unique (room, day, period)``)."""
    columns = {n: arrays[n].to_pylist() for key in keys for n in key.columns}
    size = len(next(iter(arrays.values()))) if arrays else 0
    for key in keys:
        report.checked[key.name] = report.checked.get(key.name, 0) + size
    fresh: dict[int, Chunk] = {}
    # A re-drawn row recomputes only what a re-draw can change (and the keys).
    needed = {n for key in keys for n in key.columns} | gen.analysis.dependents(
        {n for key in keys for n in key.redraw}
    )
    first = _first_redraws(gen, keys, columns, size, start, needed)
    for i in range(size):
        attempt = 0
        while True:
            clash = next((k for k in keys if _clashes(k, _value(columns, k, i))), None)
            if clash is None:
                break
            attempt += 1
            if attempt > ROUNDS or not clash.redraw:
                raise _gave_up(gen, clash, attempt - 1)
            early = first.pop(i, None) if attempt == 1 else None
            if early is not None and early[0] is clash:
                fresh[i] = early[1]
            else:
                chunk = fresh.get(i) or gen.compute(np.array([start + i], dtype=np.int64), needed)
                fresh[i] = _redraw_row(gen, clash, chunk, attempt)
            for name in columns:
                columns[name][i] = fresh[i].values[name].to_pylist()[0]
            report.redrawn[clash.name] = report.redrawn.get(clash.name, 0) + 1
        for key in keys:
            value = _value(columns, key, i)
            if not _is_null(value):
                key.seen.add(value)
    if fresh:
        _patch(arrays, fresh)


def _first_redraws(
    gen: TableGen,
    keys: list[SeenKey],
    columns: dict[str, list[object]],
    size: int,
    start: int,
    needed: set[str],
) -> dict[int, tuple[SeenKey, Chunk]]:
    """First re-draws made ahead, one batch per key, for the rows that repeat a value
    as they stand (most repeats): a re-draw is a pure function of its row and attempt,
    so making it in a batch gives what the row-by-row loop would, at a fraction of the
    cost. Rows that clash only with an earlier row's re-drawn value, or whose clash
    turns out to be another key, are re-drawn row by row as before."""
    seen = {key.name: set(key.seen) for key in keys}
    likely: dict[str, list[int]] = {key.name: [] for key in keys}
    for i in range(size):
        for key in keys:
            value = _value(columns, key, i)
            if _is_null(value):
                continue
            if value in seen[key.name]:
                if key.redraw:
                    likely[key.name].append(i)
                break
        for key in keys:
            value = _value(columns, key, i)
            if not _is_null(value):
                seen[key.name].add(value)
    made: dict[int, tuple[SeenKey, Chunk]] = {}
    for key in keys:
        rows = np.asarray(likely[key.name], dtype=np.int64)
        if rows.size < 2:  # nothing to gain over the row-by-row path
            continue
        batch = _redraw_row(gen, key, gen.compute(rows + start, needed), 1)
        for j, i in enumerate(rows.tolist()):
            made[i] = (key, batch.take(np.array([j], dtype=np.int64)))
    return made


def _clashes(key: SeenKey, value: object) -> bool:
    return not _is_null(value) and value in key.seen


def _redraw_row(gen: TableGen, key: SeenKey, chunk: Chunk, attempt: int) -> Chunk:
    """Re-draw the key's movable columns of one row, recompute what is made from them,
    and make the row pass the checks they feed again (a re-drawn ``room`` must still
    fit ``check fits: room.capacity >= class_id.size``)."""
    names = set(chunk.values)
    affected = gen.analysis.dependents(set(key.redraw))
    for name in [n for n in gen.analysis.order if n in affected]:
        stream = gen.stream(name)
        if name in key.redraw:
            stream = stream.child("dedupe", attempt)
        chunk.values[name] = gen.column(name, chunk, stream)
        if name in chunk.parents:
            chunk.forget(name)
    for group in gen.groups:
        if group.touches(affected):
            enforce_checks(gen, group, chunk, names)
    return chunk


def _patch(arrays: dict[str, pa.Array], fresh: dict[int, Chunk]) -> None:
    """Every column of the re-drawn rows takes the row's new values."""
    at = np.fromiter(fresh, dtype=np.int64, count=len(fresh))
    changed = set(next(iter(fresh.values())).values)
    for name, old in [(n, a) for n, a in arrays.items() if n in changed]:
        new = pa.concat_arrays([fresh[int(i)].values[name].cast(old.type) for i in at])
        index = np.arange(len(old), dtype=np.int64)
        index[at] = len(old) + np.arange(at.size)
        arrays[name] = pa.concat_arrays([old, new]).take(pa.array(index))


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
