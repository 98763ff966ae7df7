"""Independent verification of generated data: every invariant a schema declares,
checked by DuckDB queries over the produced Arrow tables (not by the engine's own
code), plus the case's own SQL for its checks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from testdatagen import generate, load
from testdatagen.model.plan import Project
from testdatagen.model.schema import Schema, Table

CASES = Path(__file__).parent / "cases"


def schema_of(project: Project) -> Schema:
    """The schema the first generate block names (each case has one)."""
    name = project.plans[0].schema_name
    return next(s for s in project.schemas if s.name == name)


def produce(path: Path, **options: Any) -> dict[str, pa.Table]:
    """Every table of the file's first generate block, as Arrow."""
    dataset = generate(path, **options)
    return {t: dataset.to_arrow(t) for t in dataset.tables}


def _q(name: str) -> str:
    return '"' + name + '"'


def _cols(names: Sequence[str]) -> str:
    return ", ".join(_q(n) for n in names)


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def _declared(table: Table) -> list[tuple[str, tuple[str, ...]]]:
    """(what, columns) of every uniqueness the table declares."""
    keys: list[tuple[str, tuple[str, ...]]] = []
    if table.primary_key:
        keys.append(("primary key", table.primary_key))
    keys += [("primary key", (c.name,)) for c in table.columns if c.primary_key]
    keys += [("unique", (c.name,)) for c in table.columns if c.unique]
    keys += [("unique", k) for k in table.unique_keys]
    return keys


def _foreign_keys(table: Table) -> list[tuple[tuple[str, ...], str, tuple[str, ...]]]:
    """(child columns, parent table, parent columns); a composite key's columns share a group."""
    singles: list[tuple[tuple[str, ...], str, tuple[str, ...]]] = []
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for column, ref in table.references:
        if ref.group is None:
            singles.append(((column.name,), ref.table, (ref.column,)))
        else:
            groups.setdefault(ref.group, []).append((column.name, ref.table, ref.column))
    for members in groups.values():
        singles.append((tuple(m[0] for m in members), members[0][1], tuple(m[2] for m in members)))
    return singles


def violations(
    project: Project,
    tables: Mapping[str, pa.Table],
    sql: Sequence[str] = (),
) -> list[str]:
    """Every broken invariant, described; empty when the data is sound."""
    schema = schema_of(project)
    con = duckdb.connect()
    for name, data in tables.items():
        con.register(name, data)
    problems: list[str] = []
    for table in schema.tables:
        if table.name not in tables:
            problems.append(f"{table.name}: missing from the output")
            continue
        t = _q(table.name)
        for what, key in _declared(table):
            cols = _cols(key)
            nonnull = " and ".join(f"{_q(c)} is not null" for c in key)
            dup = _count(
                con,
                f"select count(*) from (select {cols} from {t} where {nonnull} "
                f"group by {cols} having count(*) > 1)",
            )
            if dup:
                problems.append(f"{table.name}: {what} ({', '.join(key)}) repeats {dup} values")
            if what == "primary key":
                nulls = _count(con, f"select count(*) from {t} where not ({nonnull})")
                if nulls:
                    problems.append(f"{table.name}: primary key ({', '.join(key)}) has NULLs")
        for column in table.columns:
            if column.not_null or column.primary_key:
                nulls = _count(con, f"select count(*) from {t} where {_q(column.name)} is null")
                if nulls:
                    problems.append(f"{table.name}.{column.name}: {nulls} NULLs in not_null")
        for child_cols, parent, parent_cols in _foreign_keys(table):
            on = " and ".join(
                f"c.{_q(a)} = p.{_q(b)}" for a, b in zip(child_cols, parent_cols, strict=True)
            )
            nonnull = " and ".join(f"c.{_q(a)} is not null" for a in child_cols)
            dangling = _count(
                con,
                f"select count(*) from {t} c where {nonnull} and not exists "
                f"(select 1 from {_q(parent)} p where {on})",
            )
            if dangling:
                problems.append(
                    f"{table.name} ({', '.join(child_cols)}) → {parent}: {dangling} dangling"
                )
    for query in sql:
        bad = _count(con, query)
        if bad:
            problems.append(f"{bad} rows break: {query}")
    return problems


def load_case(name: str) -> tuple[Path, Project]:
    path = CASES / f"{name}.tdg"
    return path, load(path)
