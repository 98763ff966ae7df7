"""Reflected records (reader.py) → model ``Schema``: keys, checks, enums, comments.

Pure: no database here, so every rule is unit-tested on hand-made records.
What cannot be said in the language is never dropped silently — it goes
into the table's or column's ``comment`` for the person reading the .tdg.
"""

from __future__ import annotations

import re
from dataclasses import replace

from testdatagen.errors import Diagnostic, OutputError
from testdatagen.model.expr import Expr, Ref
from testdatagen.model.schema import Check, Column, Enum, EnumMember, ReferenceGen, Schema, Table
from testdatagen.model.types import TypeKind
from testdatagen.outputs.introspect.columns import ColumnFacts, build_column
from testdatagen.outputs.introspect.constraints import bounds_of, merge, value_list
from testdatagen.outputs.introspect.formats import infer_format
from testdatagen.outputs.introspect.reader import RawForeignKey, RawSchema, RawTable
from testdatagen.outputs.introspect.sqlexpr import Untranslatable, translate_sql
from testdatagen.outputs.introspect.types import JSON_VALUES, map_type

__all__ = ["build_schema", "build_table"]


def build_schema(raw: RawSchema) -> Schema:
    tables = tuple(build_table(t, raw.dialect) for t in raw.tables)
    _refuse_not_null_cycles(tables)
    return Schema(name=raw.name, tables=tables, enums=_enums(tables, raw))


def _refuse_not_null_cycles(tables: tuple[Table, ...]) -> None:
    """NOT NULL foreign keys around a cycle of tables: no table can be filled first.

    ``tdg check`` rejects such a schema (TDG311), so no file is written: the error
    names the cycle and how to break it.
    """
    edges: dict[str, list[tuple[str, str]]] = {}
    for table in tables:
        for column in table.columns:
            ref = column.generator
            if isinstance(ref, ReferenceGen) and column.not_null and ref.table != table.name:
                edges.setdefault(table.name, []).append((ref.table, f"{table.name}.{column.name}"))
    for start in edges:
        cycle = _cycle(start, edges)
        if cycle is not None:
            path = " → ".join(cycle)
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


def _cycle(start: str, edges: dict[str, list[tuple[str, str]]]) -> list[str] | None:
    """The columns along a NOT NULL reference path from ``start`` back to itself."""
    stack: list[tuple[str, list[str], frozenset[str]]] = [(start, [], frozenset({start}))]
    while stack:
        table, path, seen = stack.pop()
        for parent, column in edges.get(table, ()):
            if parent == start:
                return [*path, column, start]
            if parent not in seen:
                stack.append((parent, [*path, column], seen | {parent}))
    return None


def _enums(tables: tuple[Table, ...], raw: RawSchema) -> tuple[Enum, ...]:
    """One model enum per database enum type, in order of first use."""
    found: dict[str, tuple[str, ...]] = {}
    for table in raw.tables:
        for column in table.columns:
            mapped = map_type(column.sa_type, table=table.name, column=column.name)
            if mapped.enum_name is not None:
                found.setdefault(mapped.enum_name, mapped.enum_labels)
    return tuple(
        Enum(name=name, members=tuple(EnumMember(value=v) for v in labels))
        for name, labels in found.items()
    )


def build_table(raw: RawTable, dialect: str) -> Table:
    facts = {
        c.name: ColumnFacts(
            table=raw.name, mapped=map_type(c.sa_type, table=raw.name, column=c.name)
        )
        for c in raw.columns
    }
    _keys(raw, facts)
    notes: list[str] = _lower_unique(raw, facts)
    notes += [
        f"generated column {name} is computed by the database: left out" for name in raw.generated
    ]
    _references(raw, facts, notes)
    checks = _checks(raw, facts, dialect, notes)
    columns = _temporal_order(tuple(build_column(c, facts[c.name], dialect) for c in raw.columns))
    comment = "; ".join([*([raw.comment] if raw.comment else []), *notes]) or None
    return Table(
        name=raw.name,
        columns=columns,
        checks=tuple(checks),
        unique_keys=_composite_uniques(raw),
        primary_key=raw.primary_key,
        comment=comment,
    )


def _keys(raw: RawTable, facts: dict[str, ColumnFacts]) -> None:
    if len(raw.primary_key) == 1:
        facts[raw.primary_key[0]].primary_key = True
    else:
        for name in raw.primary_key:
            facts[name].in_composite_key = True
    for key in raw.unique_keys:
        if len(key) == 1 and key != raw.primary_key and key[0] in facts:
            facts[key[0]].unique = True


def _lower_unique(raw: RawTable, facts: dict[str, ColumnFacts]) -> list[str]:
    """A unique index on ``lower(col)``: unique on ``col`` when its values are lower-case.

    Emails are generated lower-case, so uniqueness on the column is uniqueness
    on ``lower(col)``; other generators may differ only in case and are noted.
    """
    notes = []
    for name in raw.lower_unique:
        f = facts.get(name)
        if f is None or f.unique or f.primary_key:
            continue
        if infer_format(name, f.mapped.dtype, table=raw.name, unique=True) in _LOWER_CASE_FORMATS:
            f.unique = True
            f.notes += (f"unique index on lower({name}): unique, values are lower-case",)
        else:
            notes.append(
                f"unique index on lower({name}) is not generated: values may repeat ignoring case"
            )
    return notes


#: Formats whose values are always lower-case (verified in tests/introspect).
_LOWER_CASE_FORMATS = frozenset({"email"})


def _composite_uniques(raw: RawTable) -> tuple[tuple[str, ...], ...]:
    present = {c.name for c in raw.columns}
    keys = [
        k
        for k in raw.unique_keys
        if len(k) > 1 and k != raw.primary_key and all(c in present for c in k)
    ]
    return tuple(dict.fromkeys(keys))


def _references(raw: RawTable, facts: dict[str, ColumnFacts], notes: list[str]) -> None:
    """Foreign keys; columns of a composite key share a ``group`` (named as the parser does)."""
    for fk in raw.foreign_keys:
        target = f"{fk.table}({', '.join(fk.targets)})"
        if fk.other_schema is not None:
            notes.append(
                f"foreign key ({', '.join(fk.columns)}) → {fk.other_schema}.{target} "
                "is outside the introspected schema: values are not linked"
            )
            continue
        if any(c not in facts for c in fk.columns):
            continue  # a generated column: the database computes it
        if any(facts[c].reference is not None for c in fk.columns):
            _overlap(raw, fk, facts, notes)
            continue
        group = "fk_" + "_".join(fk.columns) if len(fk.columns) > 1 else None
        for column, parent in zip(fk.columns, fk.targets, strict=True):
            facts[column].reference = ReferenceGen(table=fk.table, column=parent, group=group)
            if fk.table == raw.name:
                facts[column].self_reference_key = parent
                if not next(c for c in raw.columns if c.name == column).nullable:
                    facts[column].notes += (
                        f"NOT NULL self-reference: each row points at itself ({column} = {parent})",
                    )


def _overlap(
    raw: RawTable, fk: RawForeignKey, facts: dict[str, ColumnFacts], notes: list[str]
) -> None:
    """A foreign key sharing columns with one already generated.

    The model links one parent row per key, so two overlapping keys cannot both
    hold in general. A NULL in one of this key's own columns satisfies it (MATCH
    SIMPLE), so a nullable non-shared column is always NULL; otherwise no valid
    file can be written and introspection stops with an error.
    """
    target = f"{fk.table}({', '.join(fk.columns)})"
    nullable = {c.name for c in raw.columns if c.nullable}
    own = [
        c
        for c in fk.columns
        if facts[c].reference is None
        and c in nullable
        and not (facts[c].primary_key or facts[c].in_composite_key or facts[c].unique)
    ]
    if own:
        column = own[0]
        facts[column].always_null = True
        facts[column].notes += (
            f"always NULL: foreign key ({', '.join(fk.columns)}) → {target} overlaps "
            "another foreign key and holds only with a NULL here",
        )
        notes.append(
            f"foreign key ({', '.join(fk.columns)}) → {target} overlaps another "
            f"foreign key: only the first is generated, {column} is always NULL"
        )
        return
    first = next(
        other
        for other in raw.foreign_keys
        if other is not fk and set(other.columns) & set(fk.columns) and other.other_schema is None
    )
    keys = (
        f"({', '.join(first.columns)}) → {first.table} and ({', '.join(fk.columns)}) → {fk.table}"
    )
    raise OutputError(
        [
            Diagnostic(
                "TDG663",
                f"table {raw.name}: overlapping composite foreign keys are not supported yet: "
                f"{keys} share columns and no column of the second can be NULL",
                hint="introspect without this table (--tables), or make a column of one key "
                "nullable; then write the shared values by hand",
            )
        ]
    )


def _checks(
    raw: RawTable, facts: dict[str, ColumnFacts], dialect: str, notes: list[str]
) -> list[Check]:
    names = frozenset(facts)
    types = {n: f.mapped.dtype for n, f in facts.items()}
    kept: list[Check] = []
    bounds = []
    for name, sql in raw.checks:
        try:
            expr = translate_sql(sql, dialect, names)
        except Untranslatable as exc:
            if not _json_valid(sql, facts):
                notes.append(f"check {name} not translated ({exc}): {sql}")
            continue
        if _as_choice(expr, facts):
            continue
        kept.append(Check(name=name, expr=expr))
        bounds += bounds_of(expr, types)
    for bound in merge(bounds).values():
        facts[bound.column].low, facts[bound.column].high = bound.low, bound.high
    return kept


_JSON_VALID = re.compile(r"\s*json_valid\(\s*[`\"]?(\w+)[`\"]?\s*\)\s*", re.I)


def _json_valid(sql: str, facts: dict[str, ColumnFacts]) -> bool:
    """MariaDB's JSON is LONGTEXT plus ``CHECK (json_valid(col))``: generate JSON there."""
    match = _JSON_VALID.fullmatch(sql)
    if match is None or match[1] not in facts:
        return False
    f = facts[match[1]]
    f.mapped = replace(f.mapped, generator=JSON_VALUES, comment="JSON (checked by json_valid)")
    return True


def _as_choice(expr: Expr, facts: dict[str, ColumnFacts]) -> bool:
    """``col IN (…)`` on a free column becomes its choice; the check is then implied."""
    found = value_list(expr)
    if found is None:
        return False
    column, values = found
    f = facts[column]
    free = f.reference is None and not (f.unique or f.primary_key or f.in_composite_key)
    if not free or f.mapped.dtype.kind is TypeKind.ENUM or f.choices is not None:
        return False
    f.choices = values
    return True


_CREATED = ("created_at", "created", "created_on", "inserted_at", "creation_date")
_UPDATED = ("updated_at", "updated", "updated_on", "modified_at", "last_modified")


def _temporal_order(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """``updated_at`` never before a NOT NULL ``created_at`` of the same row."""
    created = next((c for c in columns if c.name.lower() in _CREATED and _plain_time(c)), None)
    if created is None or not created.not_null:
        return columns
    return tuple(
        c.model_copy(update={"min": Ref(path=(created.name,))})
        if c.name.lower() in _UPDATED and _plain_time(c) and c.type == created.type
        else c
        for c in columns
    )


def _plain_time(column: Column) -> bool:
    return column.type.kind is TypeKind.DATETIME and column.min is None and column.reference is None
