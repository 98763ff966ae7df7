"""What a generate run will do, worked out from the model alone (no data made).

The engine owns the real plan; this module asks it first (exact counts of
per_parent tables) and falls back to reading the model, estimating derived
counts from the mean fan-out, so ``tdg explain`` works on any valid file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from testdatagen.model.evaluate import resolve_params, resolve_row_counts
from testdatagen.model.expr import Scalar
from testdatagen.model.plan import DEFAULT_LOCALE, DEFAULT_ROWS, DEFAULT_SEED, Project
from testdatagen.model.schema import Distribution, IntRange, Schema, Table
from testdatagen.model.types import DataType, TypeKind

__all__ = [
    "Edge",
    "ExplainReport",
    "TablePlan",
    "analyse",
    "from_run_plan",
    "load_order",
    "type_width",
]

_WIDTH = {
    TypeKind.INTEGER: 4,
    TypeKind.BIGINT: 8,
    TypeKind.BOOLEAN: 1,
    TypeKind.DECIMAL: 16,
    TypeKind.FLOAT: 8,
    TypeKind.DATETIME: 8,
    TypeKind.DATE: 4,
    TypeKind.UUID: 16,
    TypeKind.TEXT: 120,
    TypeKind.ENUM: 10,
}


@dataclass(frozen=True)
class Edge:
    """``child.column → parent`` with how the parent is picked or how many children."""

    child: str
    column: str
    parent: str
    how: str
    per_parent: bool


@dataclass
class TablePlan:
    name: str
    rows: int
    exact: bool = True
    derived_from: str | None = None
    bytes_per_row: float = 0.0


@dataclass
class ExplainReport:
    schema: str
    plan: str | None
    seed: int
    locale: str
    params: dict[str, Scalar]
    tables: list[TablePlan]
    edges: list[Edge] = field(default_factory=list)
    measured_rows_per_s: float | None = None
    measured_sample_rows: int = 0

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)

    @property
    def bytes(self) -> int:
        return int(sum(t.rows * t.bytes_per_row for t in self.tables))

    @property
    def seconds(self) -> float | None:
        return self.rows / self.measured_rows_per_s if self.measured_rows_per_s else None


def type_width(dtype: DataType) -> float:
    """Rough in-memory bytes per value; strings count half their declared length."""
    if dtype.kind is TypeKind.STRING:
        return max(4.0, (dtype.length or 40) / 2)
    return float(_WIDTH.get(dtype.kind, 8))


def load_order(schema: Schema) -> list[Table]:
    """Parents before children, keeping declaration order among independent tables."""
    pending = list(schema.tables)
    placed: list[Table] = []
    names: set[str] = set()
    while pending:
        ready = next(
            (t for t in pending if all(p in names or p == t.name for p in t.parent_tables)),
            pending[0],  # a cycle: the engine defers a key; keep going in file order
        )
        pending.remove(ready)
        placed.append(ready)
        names.add(ready.name)
    return placed


def _describe(spec: IntRange | Distribution | None) -> str:
    if isinstance(spec, IntRange):
        return f"{spec.low}..{spec.high} per parent"
    if isinstance(spec, Distribution):
        args = ", ".join(f"{k}: {v:g}" for k, v in spec.params.items())
        return f"{spec.name}({args}) per parent" if args else f"{spec.name} per parent"
    return ""


def _mean_children(spec: IntRange | Distribution) -> float:
    if isinstance(spec, IntRange):
        return (spec.low + spec.high) / 2
    return float(spec.params.get("lam", spec.params.get("mean", 1.0)))


def _edges(table: Table) -> list[Edge]:
    edges = []
    for column, ref in table.references:
        if ref.per_parent is not None:
            how, fan = _describe(ref.per_parent), True
        else:
            dist = ref.distribution or column.distribution
            how, fan = (f"{dist.name} pick" if dist else "uniform pick"), False
        edges.append(Edge(table.name, column.name, ref.table, how, fan))
    return edges


def analyse(
    project: Project,
    *,
    plan: str | None = None,
    rows: Mapping[str, int] | None = None,
    params: Mapping[str, Scalar] | None = None,
    engine_counts: Mapping[str, int] | None = None,
) -> ExplainReport:
    chosen = project.plan_named(plan)
    schema = project.schema_named(chosen.schema_name if chosen else None)
    env = resolve_params(chosen.params if chosen else {}, params)
    asked = resolve_row_counts(chosen.rows if chosen else {}, env) | dict(rows or {})
    planned: dict[str, TablePlan] = {}
    for table in load_order(schema):
        planned[table.name] = _table_plan(table, asked, planned, engine_counts or {})
    return ExplainReport(
        schema=schema.name,
        plan=chosen.name if chosen else None,
        seed=chosen.seed if chosen else DEFAULT_SEED,
        locale=chosen.locale if chosen else DEFAULT_LOCALE,
        params=env,
        tables=list(planned.values()),
        edges=[e for t in schema.tables for e in _edges(t)],
    )


def _table_plan(
    table: Table, asked: Mapping[str, int], done: Mapping[str, TablePlan], exact: Mapping[str, Any]
) -> TablePlan:
    width = sum(type_width(c.type) for c in table.columns)
    fan = table.per_parent
    if table.name in exact:
        derived = fan[1].table if fan and table.name not in asked else None
        return TablePlan(table.name, int(exact[table.name]), True, derived, width)
    if table.name in asked or fan is None:
        return TablePlan(table.name, asked.get(table.name, DEFAULT_ROWS), True, None, width)
    _, ref = fan
    parent = done.get(ref.table)
    parent_rows = parent.rows if parent else DEFAULT_ROWS
    assert ref.per_parent is not None
    estimate = round(parent_rows * _mean_children(ref.per_parent))
    return TablePlan(table.name, estimate, False, ref.table, width)


def from_run_plan(run: Any, plan: str | None, params: Mapping[str, Scalar]) -> ExplainReport:
    """The engine's exact plan (``testdatagen.engine.plan.RunPlan``) as a report."""
    schema: Schema = run.schema
    derived = {r.table: r.parent for r in run.references if r.per_parent is not None}
    tables = [
        TablePlan(
            name,
            int(run.rows[name]),
            True,
            derived.get(name),
            sum(type_width(c.type) for c in schema.table(name).columns),
        )
        for name in run.order
    ]
    edges = [
        Edge(
            r.table,
            r.column,
            r.parent,
            _engine_how(r),
            r.per_parent is not None,
        )
        for r in run.references
    ]
    return ExplainReport(schema.name, plan, run.seed, run.locale, dict(params), tables, edges)


def _engine_how(ref: Any) -> str:
    if ref.per_parent is not None:
        low, high = ref.per_parent
        return f"{low}..{high} per parent (mean {ref.fan_out:.2f})"
    how = f"{ref.distribution} pick"
    if ref.self_reference:
        how += ", earlier rows"
    if ref.deferred:
        how += ", deferred (cycle)"
    return how
