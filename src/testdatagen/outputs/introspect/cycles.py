"""NOT NULL foreign keys around a cycle of tables (Sakila's ``store`` ↔ ``staff``).

No table of such a cycle can be generated first, and ``tdg check`` rejects the
schema (TDG311). When one key of the cycle joins two tables numbered by
their sequences (``sequential`` primary keys 1, 2, 3 …), that key is cut from
the model: each child row points at the parent row with its own number
(``manager_staff_id = store_id``), which exists as long as the parent has at
least as many rows — the caller raises the parent's row count to make sure.
The database keeps its foreign key; the loaders check it after every table
is filled. A cycle with no such key stops introspection with an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from testdatagen.errors import Diagnostic, OutputError
from testdatagen.model.expr import Ref
from testdatagen.model.schema import Column, ComputeGen, ReferenceGen, SequentialGen, Table

__all__ = ["Cut", "cut_not_null_cycles"]


@dataclass(frozen=True, slots=True)
class Cut:
    """``table.column`` no longer references ``parent``: it copies the row's own key."""

    table: str
    column: str
    parent: str


@dataclass(frozen=True, slots=True)
class _Edge:
    table: str
    column: str
    parent: str

    def __str__(self) -> str:
        return f"{self.table}.{self.column}"


def cut_not_null_cycles(tables: tuple[Table, ...]) -> tuple[tuple[Table, ...], list[Cut]]:
    """Cut one key per NOT NULL cycle where the numbering allows; else TDG663."""
    cuts: list[Cut] = []
    while (cycle := _any_cycle(tables)) is not None:
        edge = next((e for e in cycle if _cuttable(tables, e)), None)
        if edge is None:
            path = " → ".join([*(str(e) for e in cycle), cycle[0].table])
            raise OutputError(
                [
                    Diagnostic(
                        "TDG663",
                        f"NOT NULL foreign keys form a cycle: {path}; no table can be "
                        "generated first",
                        hint="make one foreign key of the cycle nullable (or DEFERRABLE and "
                        "fill it after the load), or introspect without one of the tables",
                    )
                ]
            )
        tables = tuple(_cut(t, edge) if t.name == edge.table else t for t in tables)
        cuts.append(Cut(edge.table, edge.column, edge.parent))
    return tables, cuts


def _edges(tables: tuple[Table, ...]) -> dict[str, list[_Edge]]:
    edges: dict[str, list[_Edge]] = {}
    for table in tables:
        for column in table.columns:
            ref = column.generator
            if isinstance(ref, ReferenceGen) and column.not_null and ref.table != table.name:
                edges.setdefault(table.name, []).append(_Edge(table.name, column.name, ref.table))
    return edges


def _any_cycle(tables: tuple[Table, ...]) -> list[_Edge] | None:
    edges = _edges(tables)
    for start in edges:
        stack: list[tuple[str, list[_Edge], frozenset[str]]] = [(start, [], frozenset({start}))]
        while stack:
            table, path, seen = stack.pop()
            for edge in edges.get(table, ()):
                if edge.parent == start:
                    return [*path, edge]
                if edge.parent not in seen:
                    stack.append((edge.parent, [*path, edge], seen | {edge.parent}))
    return None


def _sequential_key(table: Table) -> Column | None:
    key = [c for c in table.columns if c.primary_key]
    if len(key) == 1 and isinstance(key[0].generator, SequentialGen) and key[0].type.is_integer:
        generator = key[0].generator
        if generator.start == 1 and generator.step == 1:
            return key[0]
    return None


def _cuttable(tables: tuple[Table, ...], edge: _Edge) -> bool:
    by_name = {t.name: t for t in tables}
    child, parent = by_name[edge.table], by_name[edge.parent]
    column = child.column(edge.column)
    ref = column.generator
    parent_key = _sequential_key(parent)
    return (
        isinstance(ref, ReferenceGen)
        and ref.group is None
        and parent_key is not None
        and ref.column == parent_key.name
        and _sequential_key(child) is not None
        and not column.primary_key
    )


def _cut(table: Table, edge: _Edge) -> Table:
    key = _sequential_key(table)
    assert key is not None
    note = (
        f"foreign key cycle cut here: row n points at {edge.parent} row n "
        f"({edge.column} = {key.name}); keep rows of {edge.parent} ≥ rows of {table.name}"
    )
    columns = tuple(
        c.model_copy(
            update={
                "generator": ComputeGen(expr=Ref(path=(key.name,))),
                "comment": "; ".join([*([c.comment] if c.comment else []), note]),
            }
        )
        if c.name == edge.column
        else c
        for c in table.columns
    )
    return table.model_copy(update={"columns": columns})
