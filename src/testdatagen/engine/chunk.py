"""A chunk: the columns of one set of rows, and the scope expressions read from.

Reading a same-row column is a lookup; following a key recomputes the parent
column at the picked parent rows; an aggregate computes the child column for
exactly the chunk's children (contiguous per parent) and reduces per parent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.engine.aggregates import reduce_children
from testdatagen.engine.values import from_numpy
from testdatagen.errors import Diagnostic, GenerationError
from testdatagen.model.expr import Expr

if TYPE_CHECKING:
    from testdatagen.engine.table import TableGen

__all__ = ["Chunk"]

I64 = npt.NDArray[np.int64]


class Chunk:
    """Columns of one set of rows, readable by expressions (implements ``Scope``)."""

    def __init__(self, gen: TableGen, rows: I64) -> None:
        self.gen = gen
        self.rows = rows
        self.size = int(rows.size)
        self.now_us = gen.engine.plan.now_us
        self.values: dict[str, pa.Array] = {}
        self.parents: dict[str, I64] = {}
        #: Parent columns already followed, with the key rows they were read at: a range
        #: derived from ``key.col`` and the check that reads it again must not recompute
        #: the parents twice, or a self-referencing chain costs 2**depth.
        self._followed: dict[tuple[str, str], tuple[I64, pa.Array]] = {}
        #: Set while checks run: strict comparisons must clear a margin (expressions).
        self.strict_margin = False
        #: The columns this chunk computes (None: all), to know which parent columns
        #: its expressions will follow (``follow`` fetches them together).
        self.names: set[str] | None = None

    def column(self, name: str) -> pa.Array:
        return self.values[name]

    def follow(self, key: str, parent_column: str) -> pa.Array:
        ref = self.gen.table.column(key).reference
        if ref is None:
            raise GenerationError(
                [Diagnostic("TDG512", f"'{key}.{parent_column}': {key} is not a foreign key")]
            )
        rows = self.parents[key]
        cached = self._followed.get((key, parent_column))
        if cached is not None and cached[0] is rows:
            return cached[1]
        wanted = {parent_column} | self._companions(key)
        fetched = self.gen.engine.table(ref.table).at_columns(rows, wanted)
        for name, values in fetched.items():
            self._followed[(key, name)] = (rows, values)
        return fetched[parent_column]

    def _companions(self, key: str) -> set[str]:
        """Every parent column this chunk's expressions read through ``key``: fetched in
        one parent computation. Fetching them one by one costs 2**depth along a
        self-reference whose checks read two manager columns (``manager_id.level``,
        ``manager_id.hired_on``): each parent computation follows its own parent twice."""
        readers = self.gen.follows.get(key, {})
        return {
            column
            for column, by in readers.items()
            if self.names is None or not by.isdisjoint(self.names)
        }

    def forget(self, key: str) -> None:
        """``key``'s parents changed in place (a re-draw): what was followed is stale."""
        for cached in [k for k in self._followed if k[0] == key]:
            del self._followed[cached]

    def is_child_table(self, name: str) -> bool:
        return (
            name in self.gen.engine.plan.schema.table_names
            and name not in self.gen.table.column_names
        )

    def aggregate(self, func: str, child_table: str, child_column: str | None) -> pa.Array:
        child = self.gen.engine.table(child_table)
        layout = self.gen.engine.plan.layouts.get(child_table)
        if (
            layout is None
            or child.per_parent_key is None
            or child.per_parent_key[1].table != self.gen.table.name
        ):
            raise GenerationError(
                [
                    Diagnostic(
                        "TDG513",
                        f"{func}({child_table}…) needs {child_table} to reference "
                        f"{self.gen.table.name} with per_parent",
                        hint="add per_parent to the key",
                    )
                ]
            )
        rows, counts = layout.child_rows(self.rows)
        if func == "count" or child_column is None:
            return from_numpy(counts)
        values = child.compute(rows, {child_column}).values[child_column]
        return reduce_children(func, values, counts)

    def child_index(self) -> pa.Array:
        from testdatagen.engine.siblings import child_index

        return child_index(self.gen, self.rows)

    def running_sum(self, arg: Expr) -> pa.Array:
        from testdatagen.engine.siblings import running_sum

        return running_sum(self.gen, self.rows, arg)

    def take(self, index: I64) -> Chunk:
        sub = Chunk(self.gen, self.rows[index])
        sub.names = self.names
        picks = from_numpy(index)
        sub.values = {k: v.take(picks) for k, v in self.values.items()}
        sub.parents = {k: v[index] for k, v in self.parents.items()}
        return sub
