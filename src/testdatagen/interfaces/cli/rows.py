"""``--rows TABLE=N`` checked against the schema before anything runs.

The engine would apply counts to the tables it plans and ignore the rest, so
a misspelt table or a table whose count follows from ``per_parent`` would be
silently skipped; here both are usage errors that say what to do instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from difflib import get_close_matches
from typing import TYPE_CHECKING

from testdatagen.errors import Diagnostic
from testdatagen.interfaces.cli.failures import UsageProblem

if TYPE_CHECKING:
    from testdatagen.model.plan import Project
    from testdatagen.model.schema import Column, ReferenceGen, Schema, Table

__all__ = ["check_row_overrides"]

UNKNOWN_TABLE = "TDG110"
PER_PARENT_COUNT = "TDG421"


def check_row_overrides(project: Project, plan: str | None, rows: Mapping[str, int]) -> None:
    """Raise one usage error listing every ``--rows`` entry that would not take effect."""
    if not rows:
        return
    schema = _schema(project, plan)
    if schema is None:
        return
    problems = [d for name, count in rows.items() if (d := _problem(schema, name, count))]
    if problems:
        raise UsageProblem(problems)


def _schema(project: Project, plan: str | None) -> Schema | None:
    chosen = project.plan_named(plan) if project.plans else None
    candidates = [s for s in project.schemas if chosen is None or s.name == chosen.schema_name]
    return candidates[0] if len(candidates) == 1 else None


def _problem(schema: Schema, name: str, count: int) -> Diagnostic | None:
    if name not in schema.table_names:
        close = get_close_matches(name, schema.table_names, n=1)
        hint = f"did you mean '{close[0]}'?" if close else None
        return Diagnostic(
            UNKNOWN_TABLE,
            f"schema {schema.name} has no table '{name}'",
            hint=hint or f"tables: {', '.join(schema.table_names)}",
            path=f"--rows {name}={count}",
        )
    table = schema.table(name)
    found = table.per_parent
    if found is None:
        return None
    return _per_parent(table, *found, count)


def _per_parent(table: Table, column: Column, ref: ReferenceGen, count: int) -> Diagnostic:
    key = f"{table.name}.{column.name}"
    notes = (f"per_parent is declared at {column.span}",) if column.span else ()
    return Diagnostic(
        PER_PARENT_COUNT,
        f"the row count of '{table.name}' follows from per_parent on {key} "
        f"({_describe(ref)} per {ref.table} row), so it cannot be set",
        hint=f"change the rows of the parent instead (--rows {ref.table}=N), or the "
        f"per_parent range of {key} in the file",
        notes=notes,
        path=f"--rows {table.name}={count}",
    )


def _describe(ref: ReferenceGen) -> str:
    spec = ref.per_parent
    low, high = getattr(spec, "low", None), getattr(spec, "high", None)
    if low is not None and high is not None:
        return f"{low}..{high}"
    return str(getattr(spec, "name", "a distribution of children"))
