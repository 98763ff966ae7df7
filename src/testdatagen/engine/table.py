"""One table as a function of row indices: ``compute(rows, needed) -> columns``.

Columns are produced in dependency order into a :class:`Chunk`, which is also
the expression scope: same-row reads, following a key (the parent column is
recomputed at the picked parent rows) and aggregates over a parent's children
(the children's columns computed for exactly their contiguous row ranges).
Checks run last; failing rows are re-drawn from derived counters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from testdatagen.engine.analysis import TableAnalysis, analyse
from testdatagen.engine.apart import shift_apart
from testdatagen.engine.arrow_types import arrow_type
from testdatagen.engine.bounds import column_range
from testdatagen.engine.checks import CheckGroup, check_groups, enforce_checks
from testdatagen.engine.chunk import Chunk
from testdatagen.engine.columns import STRATEGIES
from testdatagen.engine.expressions import as_array, evaluate, refs
from testdatagen.engine.job import ColumnJob, cast_to_column
from testdatagen.engine.keys import KeyPlan, plan_keys
from testdatagen.engine.references import (
    distinct_in_segments,
    joint_unique,
    pick_earlier,
    pick_parents,
    segment_rows,
)
from testdatagen.engine.rng import Stream, share_rows
from testdatagen.engine.threads import same_key_refs, same_segment_refs
from testdatagen.engine.values import EMPTY, FALSE, from_numpy, scalar, to_numpy, with_nulls
from testdatagen.errors import Diagnostic, GenerationError
from testdatagen.model.expr import Expr, Lit
from testdatagen.model.schema import Column, ComputeGen, LlmGen, ReferenceGen, Table
from testdatagen.model.types import TypeKind

if TYPE_CHECKING:
    from testdatagen.engine.runtime import Engine

__all__ = ["TableGen"]


I64 = npt.NDArray[np.int64]


def _offline(table: Table, column: Column) -> Column:
    """The engine makes no network calls: an ``llm`` column uses its declared fallback."""
    gen = column.generator
    assert isinstance(gen, LlmGen)
    if gen.fallback is None:
        raise GenerationError(
            [
                Diagnostic(
                    "TDG514",
                    f"{table.name}.{column.name} asks an LLM for values and has no fallback",
                    span=column.span,
                    hint="add a fallback (a format, pattern or choice) to generate offline",
                )
            ]
        )
    return column.model_copy(update={"generator": gen.fallback})


def _affixed(column: Column, values: pa.Array) -> pa.Array:
    """``options["prefix"]``/``["suffix"]``: the value rendered as text (integers in
    decimal, uuids canonical) with the text around it; NULLs stay NULL, and a constant
    prefix and suffix keep distinct values distinct."""
    prefix, suffix = column.options.get("prefix"), column.options.get("suffix")
    if not isinstance(prefix, str) and not isinstance(suffix, str):
        return values
    text = values if pa.types.is_string(values.type) else values.cast(pa.string())
    before = scalar(prefix if isinstance(prefix, str) else "")
    after = scalar(suffix if isinstance(suffix, str) else "")
    return pc.binary_join_element_wise(before, text, after, EMPTY)


def _scatter(inverse: I64, valid: npt.NDArray[np.bool_]) -> I64:
    index = np.zeros(valid.size, dtype=np.int64)
    index[valid] = inverse
    return index


class _Memo:
    """One column's values at the rows computed so far: a row → position map and the
    values in the order they were added (merged into one array when read)."""

    def __init__(self, rows: int) -> None:
        self.position = np.full(rows, -1, dtype=np.int64)
        self.parts: list[pa.Array] = []
        self.size = 0

    def add(self, rows: I64, values: pa.Array) -> None:
        new = self.position[rows] < 0
        if not new.any():
            return
        self.position[rows[new]] = self.size + np.arange(int(new.sum()), dtype=np.int64)
        self.parts.append(values if bool(new.all()) else values.filter(from_numpy(new)))
        self.size += int(new.sum())

    def take(self, rows: I64) -> pa.Array:
        if len(self.parts) > 1:
            self.parts = [pa.concat_arrays(self.parts)]
        return self.parts[0].take(from_numpy(self.position[rows]))


class TableGen:
    """Produces any rows of one table; cheap to build, pure in its output."""

    def __init__(self, engine: Engine, table: Table) -> None:
        self.engine = engine
        self.table = table
        self.analysis: TableAnalysis = analyse(table)
        self.rows = engine.plan.rows[table.name]
        self.per_parent_key = table.per_parent
        self.keys: KeyPlan = plan_keys(table, engine.plan.rows, self._enumerable)
        self.jobs = {c.name: self._job(c) for c in table.columns}
        self._groups = {c.name: r.group for c, r in table.references if r.group is not None}
        self.groups: list[CheckGroup] = check_groups(table, self.analysis, self._redrawable())
        #: Per group, the columns its re-draws can change: computing columns outside
        #: them needs no check (a self-reference reading ``id`` of earlier rows must not
        #: run ``check manager_id != id``, which picks managers again, and so on).
        self._reach = [self.analysis.dependents(set(g.redraw)) for g in self.groups]
        #: Set while ``running_sum`` computes its siblings (re-entering it is an error).
        self.summing = False
        #: Column values already computed, by row (self-referencing tables only).
        self._memo: dict[str, _Memo] | None = (
            {} if any(r.table == table.name for _, r in table.references) else None
        )
        #: Self-references a check keeps within the row's per-parent segment.
        self.same_segment = same_segment_refs(table)
        #: Self-references a check keeps on earlier rows sharing a column's value.
        self.same_key = {
            ref: column
            for ref, column in same_key_refs(table).items()
            if column not in self.analysis.dependents({ref})
        }
        #: key → parent column → the columns (or a check's columns) that read
        #: ``key.parent_column``: what a chunk fetches from a parent in one go.
        self.follows: dict[str, dict[str, set[str]]] = self._follows()

    def _follows(self) -> dict[str, dict[str, set[str]]]:
        keys = {c.name for c, _ in self.table.references}
        readers: list[tuple[set[str], Expr]] = []
        for column in self.table.columns:
            own = [column.min, column.max, column.default, column.when]
            if isinstance(column.generator, ComputeGen):
                own.append(column.generator.expr)
            own += self.analysis.extra_min.get(column.name, [])
            own += self.analysis.extra_max.get(column.name, [])
            readers += [({column.name}, e) for e in own if e is not None]
        for check in self.table.checks:
            readers.append(({r.path[0] for r in refs(check.expr)}, check.expr))
        follows: dict[str, dict[str, set[str]]] = {}
        for by, expr in readers:
            for ref in refs(expr):
                if len(ref.path) == 2 and ref.path[0] in keys:
                    follows.setdefault(ref.path[0], {}).setdefault(ref.path[1], set()).update(by)
        return follows

    def _job(self, column: Column) -> ColumnJob:
        plan = self.engine.plan
        if isinstance(column.generator, LlmGen):
            column = _offline(self.table, column)
        return ColumnJob(
            table=self.table.name,
            column=column,
            arrow_type=arrow_type(column.type),
            seed=plan.seed,
            locale=plan.locale,
            total_rows=self.rows,
            now_us=plan.now_us,
            unique=column.name in self.keys.unique_columns,
            extra_min=tuple(self.analysis.extra_min.get(column.name, ())),
            extra_max=tuple(self.analysis.extra_max.get(column.name, ())),
        )

    def _enumerable(self, column: Column) -> int | None:
        """How many values a random integer or date column with constant bounds and no
        shape can take: such a column can be a digit of a composite key's bijection."""
        kinds = (TypeKind.INTEGER, TypeKind.BIGINT, TypeKind.DATE)
        dist = column.distribution
        if (
            column.generator.strategy != "random"
            or column.type.kind not in kinds
            or (dist is not None and dist.name != "uniform")
            or column.when is not None
            or column.name in self.analysis.extra_min
            or column.name in self.analysis.extra_max
            or not all(e is None or isinstance(e, Lit) for e in (column.min, column.max))
        ):
            return None
        lo, hi = self._bounds(column)
        return hi - lo + 1 if hi >= lo else None

    def _bounds(self, column: Column) -> tuple[int, int]:
        rng = column_range(
            column, Chunk(self, np.zeros(1, dtype=np.int64)), self.engine.plan.now_us
        )
        if rng.exact is not None:  # integer bounds beyond 2**53 stay exact
            return rng.exact
        return int(np.ceil(float(rng.lo))), int(np.floor(float(rng.hi)))

    def _joint_digit(self, name: str, rows: I64) -> I64:
        """This column's digit of its key's joint bijection; columns of one composite
        foreign key are one unit and share a digit, so together they name one parent."""
        units, radices = self.keys.joint[name]
        stream = self.stream("@".join(units))
        digits = joint_unique(
            rows,
            stream,
            radices,
            ", ".join(units),
            table=self.table.name,
            total=self.rows,
            span=self.table.span,
        )
        if self.keys.apart:
            digits = shift_apart(units, radices, digits, self.keys.apart)
        return digits[units.index(self.keys.unit[name])]

    def _joint_random(self, job: ColumnJob, rows: I64) -> pa.Array:
        lo, _ = self._bounds(job.column)
        values = self._joint_digit(job.column.name, rows) + lo
        if job.column.type.kind is TypeKind.DATE:
            return from_numpy(values.astype(np.int32), pa.date32())
        return from_numpy(values.astype(np.int64)).cast(job.arrow_type)

    def _redrawable(self) -> set[str]:
        fixed = self.keys.unique_columns | self.keys.constrained_columns
        return {
            c.name
            for c in self.table.columns
            if c.generator.strategy in ("random", "choice", "pattern", "format", "reference")
            and c.name not in fixed
            and not (c.reference is not None and c.reference.per_parent is not None)
        }

    def stream(self, column: str) -> Stream:
        """The column's root stream; columns of one composite key share theirs, so they
        pick the same parent row (and are NULL together)."""
        group = self._groups.get(column)
        name = column if group is None else "@ref:" + group
        return Stream.root(self.engine.plan.seed, self.table.name, name)

    # -- public ---------------------------------------------------------------------------

    def batch(self, start: int, stop: int) -> pa.RecordBatch:
        rows = np.arange(start, stop, dtype=np.int64)
        chunk = self.compute(rows, None)
        schema = self.engine.arrow_schema(self.table.name)
        return pa.RecordBatch.from_arrays([chunk.values[n] for n in schema.names], schema=schema)

    def at(self, rows: I64, column: str) -> pa.Array:
        """``column`` at arbitrary row indices (``-1`` → NULL); computes each distinct row once."""
        return self.at_columns(rows, {column})[column]

    def at_columns(self, rows: I64, columns: set[str]) -> dict[str, pa.Array]:
        """Several columns at arbitrary row indices (``-1`` → NULL), in one computation."""
        valid = rows >= 0
        if not valid.any():
            # No row to read (row 0 of a self-reference, all keys NULL): computing none
            # would still follow the keys of none, and a check over a self-reference
            # (``manager_id.hired_on <= hired_on``) would do so forever.
            return {c: pa.nulls(rows.size, self.jobs[c].arrow_type) for c in columns}
        out: dict[str, pa.Array] = {}
        for column in [c for c in columns if self._is_arithmetic(c)]:
            values = self.compute(np.where(valid, rows, 0), {column}).values[column]
            out[column] = values if bool(valid.all()) else with_nulls(values, ~valid)
        rest = columns - out.keys()
        if rest:
            unique, inverse = np.unique(rows[valid], return_inverse=True)
            index = from_numpy(_scatter(inverse, valid), None, valid)
            found = self._remembered(unique, rest)
            out.update({c: found[c].take(index) for c in rest})
        return out

    def _remembered(self, rows: I64, columns: set[str]) -> dict[str, pa.Array]:
        """``columns`` at distinct ``rows``. A self-referencing table remembers what it
        computed: checks over ``manager_id.x`` re-pick managers up to 64 times a row,
        and each new manager's values need its own manager's, so without the memo a
        chain is recomputed per re-draw and per depth (an org chart whose managers
        share the department, level and hire date ran for minutes)."""
        if self._memo is None:
            chunk = self.compute(rows, columns)
            return {c: chunk.values[c] for c in columns}
        memos = {c: self._memo.setdefault(c, _Memo(self.rows)) for c in columns}
        missing = rows[np.logical_or.reduce([m.position[rows] < 0 for m in memos.values()])]
        if missing.size:
            chunk = self.compute(missing, columns)
            for c, memo in memos.items():
                memo.add(missing, chunk.values[c])
        return {c: memo.take(rows) for c, memo in memos.items()}

    def _is_arithmetic(self, name: str) -> bool:
        """Sequential keys cost less to recompute than to de-duplicate the rows."""
        column = self.table.column(name)
        return (
            column.generator.strategy == "sequential"
            and column.when is None
            and column.null_rate == 0
        )

    def compute(self, rows: I64, needed: set[str] | None) -> Chunk:
        names = self._closure(needed)
        chunk = Chunk(self, share_rows(rows))
        chunk.names = None if needed is None else names
        for name in self.analysis.order:
            if name in names:
                chunk.values[name] = self.column(name, chunk, self.stream(name))
        for group in self.groups:
            if group.columns <= names:
                enforce_checks(self, group, chunk, names)
        return chunk

    def _closure(self, needed: set[str] | None) -> set[str]:
        if needed is None:
            return set(self.table.column_names)
        names = self.analysis.closure(set(needed))
        changed = True
        while changed:
            changed = False
            for group, reach in zip(self.groups, self._reach, strict=True):
                if reach & names and not group.columns <= names:
                    names |= self.analysis.closure(group.columns)
                    changed = True
        return names

    # -- one column -----------------------------------------------------------------------

    def column(self, name: str, chunk: Chunk, stream: Stream) -> pa.Array:
        job = self.jobs[name]
        column = job.column
        if column.reference is not None:
            values = self._reference(job, column.reference, chunk, stream)
        elif name in self.keys.joint:
            values = self._joint_random(job, chunk.rows)
        else:
            rows = self._redraw_rows(name, chunk.rows, stream)
            values = STRATEGIES[column.generator.strategy](job, chunk, rows, stream)
            values = _affixed(column, values)
        if column.when is not None:
            values = self._when(job, chunk, values)
        if column.nullable and column.null_rate > 0:
            null = stream.child("null").uniform(chunk.rows) < column.null_rate
            if stream != self.stream(name):
                # A check's re-draw keeps a non-NULL row non-NULL (NULL passes most
                # checks: re-drawing it would inflate null_rate); only a NULL row may
                # become non-NULL.
                null &= self.stream(name).child("null").uniform(chunk.rows) < column.null_rate
            values = with_nulls(values, null)
            if name in chunk.parents:
                chunk.parents[name] = np.where(null, -1, chunk.parents[name])
        return values

    def _redraw_rows(self, name: str, rows: I64, stream: Stream) -> I64:
        """Providers draw from identity streams keyed by row, not from the column's
        stream, so a re-draw of a format column asks for rows beyond the table instead
        (an offset derived from the re-draw stream: still a pure function of the row)."""
        if self.jobs[name].column.generator.strategy != "format" or stream == self.stream(name):
            return rows
        return rows + (1 + stream.key % 4096) * max(self.rows, 1)

    def _when(self, job: ColumnJob, chunk: Chunk, values: pa.Array) -> pa.Array:
        column = job.column
        assert column.when is not None
        test = as_array(evaluate(column.when, chunk), chunk.size).fill_null(FALSE)
        if column.default is not None:
            fallback = cast_to_column(as_array(evaluate(column.default, chunk), chunk.size), job)
        else:
            fallback = pa.nulls(chunk.size, values.type)
        if column.name in chunk.parents:
            chunk.parents[column.name] = np.where(
                to_numpy(test, False), chunk.parents[column.name], -1
            )
        return pc.if_else(test, values, fallback)

    def _reference(
        self, job: ColumnJob, ref: ReferenceGen, chunk: Chunk, stream: Stream
    ) -> pa.Array:
        name = job.column.name
        parents = self.engine.plan.rows[ref.table]
        if ref.per_parent is not None:
            picked = self.engine.plan.layouts[self.table.name].parent_of(chunk.rows)[0]
        elif name in self.same_segment:
            picked = self._pick_in_segment(ref, chunk.rows, stream)
        elif name in self.same_key:
            picked = self._pick_same_key(ref, self.same_key[name], chunk.rows, stream)
        elif name in self.keys.joint:
            picked = self._joint_digit(name, chunk.rows)
        elif name in self.keys.segment_distinct:
            picked = self._distinct_pick(name, ref, chunk.rows, stream, parents)
        else:
            picked = pick_parents(
                ref, chunk.rows, stream, parents, self_reference=ref.table == self.table.name
            )
        chunk.parents[name] = picked
        parent = self.engine.table(ref.table)
        return cast_to_column(parent.at(picked, ref.column), job)

    def _pick_in_segment(self, ref: ReferenceGen, rows: I64, stream: Stream) -> I64:
        """An earlier row of the row's own per-parent segment (its first row: none)."""
        position = self.engine.plan.layouts[self.table.name].parent_of(rows)[1]
        local = pick_earlier(ref.distribution, position, stream.uniform(rows), self.rows)
        return np.where(local >= 0, rows - position + local, -1)

    def _pick_same_key(self, ref: ReferenceGen, column: str, rows: I64, stream: Stream) -> I64:
        """An earlier row whose ``column`` equals the row's own (none: -1). The column's
        values of every row up to the last asked are read once (remembered), ranked,
        and each row counts its earlier peers by binary search, all vectorized."""
        upto = int(rows.max(initial=-1)) + 1
        if upto == 0:
            return np.full(rows.size, -1, dtype=np.int64)
        values = self.at(np.arange(upto, dtype=np.int64), column)
        distinct = pc.unique(values.drop_null())
        codes = to_numpy(pc.index_in(values, value_set=distinct).cast(pa.int64()), -1)
        codes = np.asarray(codes, dtype=np.int64)
        stride = upto + 1
        composite = np.sort(codes * stride + np.arange(upto, dtype=np.int64))
        mine = codes[rows]
        first = np.searchsorted(composite, mine * stride)
        earlier = np.searchsorted(composite, mine * stride + rows) - first
        local = pick_earlier(ref.distribution, earlier, stream.uniform(rows), max(self.rows, 1))
        ok = (local >= 0) & (mine >= 0)
        at = np.where(ok, first + np.maximum(local, 0), 0)
        return np.where(ok, composite[at] - np.maximum(mine, 0) * stride, -1)

    def _distinct_pick(
        self, name: str, ref: ReferenceGen, rows: I64, stream: Stream, parents: int
    ) -> I64:
        layout = self.engine.plan.layouts[self.table.name]
        full, segment = segment_rows(layout, rows)
        # Kept off the segment's own parent: draw among the other parents - 1 and step
        # over it, a bijection per segment, so distinct picks stay distinct.
        apart = name in self.keys.segment_apart
        domain = parents - 1 if apart else parents

        def draw(at: I64, s: Stream) -> I64:
            return pick_parents(ref, at, s, domain, self_reference=False)

        values = distinct_in_segments(segment, full, draw, stream, domain)
        if apart:
            values = values + (values >= segment)
        return values[np.searchsorted(full, rows)]
