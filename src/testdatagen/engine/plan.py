"""The run plan: which schema, seed and clock; table order; exact row counts; fan-out.

Everything a worker needs to produce any chunk lives here, and it pickles,
so a process pool receives the plan once and nothing else.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime

from testdatagen.engine.layout import ParentLayout, count_bounds
from testdatagen.engine.rng import Stream
from testdatagen.engine.siblings import check_row_functions
from testdatagen.errors import Diagnostic, InputError
from testdatagen.model.catalog import LOCALES
from testdatagen.model.evaluate import resolve_params, resolve_row_counts
from testdatagen.model.expr import Scalar
from testdatagen.model.plan import (
    DEFAULT_LOCALE,
    DEFAULT_ROWS,
    DEFAULT_SEED,
    Project,
    parse_now,
)
from testdatagen.model.schema import Schema, Table

__all__ = ["ReferencePlan", "RunPlan", "build_run_plan", "table_order"]


@dataclass(frozen=True, slots=True)
class ReferencePlan:
    """One foreign key as the engine will fill it (what ``tdg explain`` shows)."""

    table: str
    column: str
    parent: str
    parent_column: str
    distribution: str
    per_parent: tuple[int, int] | None
    self_reference: bool
    deferred: bool
    #: Child rows per parent row on average (rows / parent rows).
    fan_out: float


@dataclass
class RunPlan:
    schema: Schema
    seed: int
    locale: str
    #: ``now()`` in microseconds since the epoch (UTC); fixed for a run so output repeats.
    now_us: int
    order: tuple[str, ...]
    rows: dict[str, int]
    references: tuple[ReferencePlan, ...] = ()
    layouts: dict[str, ParentLayout] = field(default_factory=dict)

    def summary(self) -> dict[str, object]:
        """Plain data for ``tdg explain`` and JSON: order, exact rows, fan-out, deferred keys."""
        return {
            "seed": self.seed,
            "locale": self.locale,
            "now_us": self.now_us,
            "order": list(self.order),
            "rows": {name: self.rows[name] for name in self.order},
            "total_rows": sum(self.rows.values()),
            "references": [
                {**asdict(r), "per_parent": list(r.per_parent) if r.per_parent else None}
                for r in self.references
            ],
            "deferred": [f"{t}.{c}" for t, c in self.deferred],
        }

    @property
    def deferred(self) -> tuple[tuple[str, str], ...]:
        """(table, column) keys whose parent loads later: load NULL first, update after."""
        return tuple((r.table, r.column) for r in self.references if r.deferred)


def _fail(code: str, message: str, hint: str | None = None) -> InputError:
    return InputError([Diagnostic(code, message, hint=hint)])


def _midnight_now() -> int:
    today = date.today()
    return int(datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp()) * 1_000_000


def _resolve(
    source: Project | Schema,
    plan: str | None,
    rows: Mapping[str, int] | None,
    params: Mapping[str, Scalar] | None,
) -> tuple[Schema, dict[str, int], int, str]:
    if isinstance(source, Schema):
        return source, dict(rows or {}), DEFAULT_SEED, DEFAULT_LOCALE
    try:
        gen = source.plan_named(plan)
    except KeyError:
        names = ", ".join(p.name for p in source.plans) or "none"
        raise _fail(
            "TDG412", f"no generate block named '{plan}'", f"generate blocks: {names}"
        ) from None
    if gen is None:
        return source.schema_named(), dict(rows or {}), DEFAULT_SEED, DEFAULT_LOCALE
    counts = resolve_row_counts(gen.rows, resolve_params(gen.params, params))
    counts.update(rows or {})
    return source.schema_named(gen.schema_name), counts, gen.seed, gen.locale


def table_order(schema: Schema) -> tuple[tuple[str, ...], frozenset[tuple[str, str]]]:
    """Parents before children; a cycle is broken at nullable keys, which are deferred."""
    edges = [
        (ref.table, t.name, col)
        for t in schema.tables
        for col, ref in t.references
        if ref.table != t.name
    ]
    deferred: set[tuple[str, str]] = set()
    while True:
        order = _toposort(
            schema.table_names, [(p, c) for p, c, col in edges if (c, col.name) not in deferred]
        )
        if order is not None:
            return order, frozenset(deferred)
        breakable = [
            (c, col.name)
            for p, c, col in edges
            if col.nullable
            and col.reference is not None
            and col.reference.per_parent is None
            and (c, col.name) not in deferred
        ]
        if not breakable:
            cycle = sorted({c for _, c, _ in edges})
            raise _fail(
                "TDG311",
                f"reference cycle between tables {', '.join(cycle)} with no nullable key to break it",
                "make one foreign key in the cycle nullable (drop not_null)",
            )
        deferred.add(breakable[-1])


def _toposort(names: tuple[str, ...], edges: list[tuple[str, str]]) -> tuple[str, ...] | None:
    indegree = dict.fromkeys(names, 0)
    for _, child in edges:
        indegree[child] += 1
    ready = [n for n in names if indegree[n] == 0]
    order: list[str] = []
    while ready:
        name = ready.pop(0)
        order.append(name)
        for parent, child in edges:
            if parent == name:
                indegree[child] -= 1
                if indegree[child] == 0:
                    ready.append(child)
    return tuple(order) if len(order) == len(names) else None


def _check_rows(schema: Schema, rows: Mapping[str, int]) -> None:
    for name, count in rows.items():
        if name not in schema.table_names:
            raise _fail(
                "TDG110",
                f"rows given for unknown table '{name}'",
                f"tables: {', '.join(schema.table_names)}",
            )
        if count < 0:
            raise _fail("TDG413", f"row count of '{name}' must not be negative, got {count}")


def _layout(plan: RunPlan, table: Table) -> None:
    found = table.per_parent
    if found is None:
        return
    column, ref = found
    assert ref.per_parent is not None
    stream = Stream.root(plan.seed, table.name, column.name, "per_parent")
    layout = ParentLayout(ref.per_parent, stream, plan.rows[ref.table])
    plan.layouts[table.name] = layout
    plan.rows[table.name] = layout.children


def _reference_plans(
    plan: RunPlan, deferred: frozenset[tuple[str, str]]
) -> tuple[ReferencePlan, ...]:
    out = []
    for table in plan.schema.tables:
        for column, ref in table.references:
            parents = plan.rows[ref.table]
            out.append(
                ReferencePlan(
                    table=table.name,
                    column=column.name,
                    parent=ref.table,
                    parent_column=ref.column,
                    distribution=ref.distribution.name if ref.distribution else "uniform",
                    per_parent=count_bounds(ref.per_parent) if ref.per_parent else None,
                    self_reference=ref.table == table.name,
                    deferred=(table.name, column.name) in deferred,
                    fan_out=plan.rows[table.name] / parents if parents else 0.0,
                )
            )
    return tuple(out)


def build_run_plan(
    source: Project | Schema,
    *,
    plan: str | None = None,
    rows: Mapping[str, int] | None = None,
    params: Mapping[str, Scalar] | None = None,
    seed: int | None = None,
    locale: str | None = None,
    now: datetime | None = None,
) -> RunPlan:
    """Resolve counts, order and layouts; cheap (one pass over per-parent counts)."""
    schema, counts, plan_seed, plan_locale = _resolve(source, plan, rows, params)
    _check_locale(locale)
    _check_rows(schema, counts)
    order, deferred = table_order(schema)
    pinned = _pinned_now(source, plan) if now is None else now
    now_us = _midnight_now() if pinned is None else _to_us(pinned)
    run = RunPlan(
        schema=schema,
        seed=plan_seed if seed is None else seed,
        locale=plan_locale if locale is None else locale,
        now_us=now_us,
        order=order,
        rows={t: int(counts.get(t, DEFAULT_ROWS)) for t in schema.table_names},
    )
    check_row_functions(schema)
    for name in order:
        _layout(run, schema.table(name))
    run.references = _reference_plans(run, deferred)
    return run


def _check_locale(locale: str | None) -> None:
    """An unknown ``locale=`` fails here, before any output opens, not at the first
    value pack a writer happens to need."""
    if locale is None or locale in LOCALES:
        return
    close = difflib.get_close_matches(locale.replace("-", "_"), list(LOCALES), n=1)
    hint = f"did you mean {close[0]!r}?" if close else "locales: " + ", ".join(LOCALES)
    raise InputError([Diagnostic("TDG103", f"unknown locale {locale!r}", hint=hint)])


def _pinned_now(source: Project | Schema, plan: str | None) -> datetime | None:
    """The generate block's ``now:``, if it has one (checked when the file was read)."""
    if isinstance(source, Schema):
        return None
    try:
        gen = source.plan_named(plan)
    except KeyError:
        return None
    return parse_now(gen.now) if gen is not None and gen.now is not None else None


def _to_us(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
