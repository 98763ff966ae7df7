"""How each key is kept unique: by a bijection, by distinct picks per parent, or jointly.

Decided once per table from the model: single ``unique`` columns and primary
keys map their row index onto their domain; a composite ``unique`` made of
the per-parent key and one other reference makes that reference distinct
within each parent's children; a composite made only of references (a
junction table) maps the row index onto the product of the parents' counts.

A random integer or date column with constant bounds can be a unit too
(its digit is its offset from ``min``), so ``primary_key (x, y)`` over such
columns is unique by construction instead of through the seen-set.
Columns of one composite foreign key (``ReferenceGen.group``) are one *unit*
of such a product: they name one parent row together, so they share one
digit. A key that is exactly one composite foreign key is therefore
one-to-one: a keyed permutation of the row index onto the parent rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from testdatagen.engine.apart import apart_pairs, plan_apart
from testdatagen.engine.layout import count_bounds
from testdatagen.errors import Diagnostic, GenerationError
from testdatagen.model.schema import Column, Table

__all__ = ["KeyPlan", "plan_keys"]


@dataclass
class KeyPlan:
    unique_columns: set[str] = field(default_factory=set)
    #: column → the key's units and their parents' row counts (joint bijection); a unit
    #: is a column, or the group name shared by the columns of a composite foreign key.
    joint: dict[str, tuple[list[str], list[int]]] = field(default_factory=dict)
    #: column → its unit in ``joint`` (its group, else itself).
    unit: dict[str, str] = field(default_factory=dict)
    #: references kept distinct within each per-parent segment.
    segment_distinct: set[str] = field(default_factory=set)
    #: composite keys the engine cannot guarantee (reported by ``explain``).
    unenforced: list[tuple[str, ...]] = field(default_factory=list)
    #: ``b → a`` for a check ``a != b`` the joint bijection keeps (``engine.apart``).
    apart: dict[str, str] = field(default_factory=dict)
    #: ``segment_distinct`` columns a check ``key != col`` keeps off their own segment's
    #: parent (``follows (follower per_parent, followee)``, ``check follower != followee``).
    segment_apart: set[str] = field(default_factory=set)

    @property
    def constrained_columns(self) -> set[str]:
        return set(self.joint) | self.segment_distinct

    @property
    def fixed_columns(self) -> set[str]:
        """Columns a bijection keeps unique: a seen-set must not re-draw them."""
        return self.constrained_columns | self.unique_columns


def _composites(table: Table) -> list[tuple[str, ...]]:
    keys = list(table.unique_keys)
    if len(table.primary_key) > 1:
        keys.append(tuple(table.primary_key))
    return keys


Domain = Callable[[Column], int | None]


def _no_domain(column: Column) -> int | None:
    return None


def _joint(
    plan: KeyPlan, table: Table, key: tuple[str, ...], rows: Mapping[str, int], domain: Domain
) -> None:
    """One unit per composite foreign key, reference or enumerable column of the key."""
    refs = {c.name: r for c, r in table.references}
    units: list[str] = []
    radices: list[int] = []
    for name in key:
        ref = refs.get(name)
        unit = (ref.group or name) if ref is not None else name
        plan.unit[name] = unit
        if unit not in units:
            units.append(unit)
            radices.append(rows[ref.table] if ref is not None else domain(table.column(name)) or 0)
    members = [c.name for c, r in table.references if (r.group or c.name) in units]
    members += [name for name in key if name not in refs]
    for name in members:
        plan.unit[name] = refs[name].group or name if name in refs else name
        plan.joint[name] = (units, radices)


def plan_keys(table: Table, rows: Mapping[str, int], domain: Domain = _no_domain) -> KeyPlan:
    """``domain`` gives the size of a column that can be a digit of a joint bijection
    (a random integer or date column with constant bounds), else None."""
    plan = KeyPlan()
    for column in table.columns:
        single = column.unique or (column.primary_key and len(table.primary_key) <= 1)
        if not single:
            continue
        if column.reference is not None and column.reference.per_parent is None:
            _joint(plan, table, (column.name,), rows, domain)
        elif column.reference is None:
            plan.unique_columns.add(column.name)
    per_parent = table.per_parent
    joint_keys: list[set[str]] = [
        {n for n in plan.joint if plan.joint[n] == plan.joint[c.name]}
        for c in table.columns
        if c.name in plan.joint
    ]
    for key in _composites(table):
        if _implied(plan, set(key), joint_keys):
            continue
        if any(name in plan.constrained_columns for name in key):
            # Shares columns with a key already kept by a bijection (``unique (room,
            # day, period)`` next to ``unique (teacher_id, day, period)``): a second
            # bijection would fight the first, so the seen-set keeps this one.
            plan.unenforced.append(key)
            continue
        refs = {c.name: r for c, r in table.references}
        if per_parent is not None and per_parent[0].name in key:
            others = [k for k in key if k != per_parent[0].name]
            if len(others) == 1 and others[0] in refs:
                apart = _segment_apart(table, per_parent[0].name, others[0])
                _check_segment(
                    table,
                    per_parent[1].per_parent,
                    others[0],
                    rows[refs[others[0]].table] - apart,
                )
                plan.segment_distinct.add(others[0])
                joint_keys.append({per_parent[0].name, others[0]})
                if apart:
                    plan.segment_apart.add(others[0])
                continue
        if all(
            (k in refs and refs[k].per_parent is None)
            or (k not in refs and domain(table.column(k)) is not None)
            for k in key
        ):
            _joint(plan, table, key, rows, domain)
            joint_keys.append(set(key))
            continue
        plan.unenforced.append(key)
    plan.apart = plan_apart(table, plan.joint, plan.unit)
    return plan


def _implied(plan: KeyPlan, key: set[str], joint_keys: list[set[str]]) -> bool:
    """Whether ``key`` is unique because it contains a key already kept unique: a unique
    column, or every column of a joint bijection."""
    return bool(key & plan.unique_columns) or any(j <= key for j in joint_keys if j)


def _segment_apart(table: Table, key: str, other: str) -> bool:
    """Whether a check ``key != other`` holds between the per-parent key and a reference
    to the same parent column: its distinct picks then skip the segment's own parent, as
    no re-draw could move a value the segment must keep distinct."""
    refs = {c.name: r for c, r in table.references}
    a, b = refs[key], refs[other]
    return (a.table, a.column) == (b.table, b.column) and any(
        set(pair) == {key, other} for pair in apart_pairs(table)
    )


def _check_segment(table: Table, spec: object, column: str, parents: int) -> None:
    _, most = count_bounds(spec)  # type: ignore[arg-type]
    if most > parents:
        raise GenerationError(
            [
                Diagnostic(
                    "TDG532",
                    f"{table.name}: a parent may get {most} children but {column} has only "
                    f"{parents} distinct values to give them",
                    span=table.span,
                    hint="lower per_parent's maximum or add rows to the referenced table",
                )
            ]
        )
