"""Reflected records (reader.py) → model ``Schema``: keys, checks, enums, comments.

Pure: no database here, so every rule is unit-tested on hand-made records.
What cannot be said in the language is never dropped silently — it goes
into the table's or column's ``comment`` for the person reading the .tdg.
"""

from __future__ import annotations

import re
from dataclasses import replace

from testdatagen.errors import Diagnostic, OutputError
from testdatagen.model.expr import Binary, Call, Expr, IsNull, Lit, Ref, Scalar
from testdatagen.model.schema import (
    Check,
    ChoiceGen,
    Column,
    Enum,
    EnumMember,
    ReferenceGen,
    Schema,
    Table,
)
from testdatagen.model.types import DataType, TypeKind
from testdatagen.outputs.introspect.columns import ColumnFacts, build_column
from testdatagen.outputs.introspect.constraints import bounds_of, merge, value_list
from testdatagen.outputs.introspect.cycles import Cut, cut_not_null_cycles
from testdatagen.outputs.introspect.formats import infer_format
from testdatagen.outputs.introspect.reader import RawForeignKey, RawSchema, RawTable
from testdatagen.outputs.introspect.sqlexpr import (
    Untranslatable,
    one_of,
    regex_match,
    translate_sql,
)
from testdatagen.outputs.introspect.stats import as_literal, as_number
from testdatagen.outputs.introspect.types import JSON_VALUES, DeclaredType, map_type
from testdatagen.providers.pattern import compile_pattern

__all__ = ["build_schema", "build_schema_with_cuts", "build_table"]


def build_schema(raw: RawSchema) -> Schema:
    return build_schema_with_cuts(raw)[0]


def build_schema_with_cuts(raw: RawSchema) -> tuple[Schema, list[Cut]]:
    """The model, and the foreign keys cut out of NOT NULL cycles (cycles.py)."""
    keyed = _keyed_targets(raw.tables)
    tables, cuts = cut_not_null_cycles(tuple(build_table(t, raw.dialect) for t in keyed))
    return Schema(name=raw.name, tables=tables, enums=_enums(tables, raw)), cuts


def _keyed_targets(tables: list[RawTable]) -> list[RawTable]:
    """InnoDB lets a foreign key point at any indexed columns, not only a unique key;
    tdg references need a unique parent key, so such parent columns are made unique
    (stricter than the database asks, which it accepts)."""
    by_name = {t.name: t for t in tables}
    extra: dict[str, list[tuple[str, ...]]] = {}
    for table in tables:
        for fk in table.foreign_keys:
            parent = by_name.get(fk.table)
            if parent is None or fk.other_schema is not None:
                continue
            keys = [parent.primary_key, *parent.unique_keys, *extra.get(parent.name, [])]
            if any(set(k) == set(fk.targets) for k in keys if k):
                continue
            if all(t in {c.name for c in parent.columns} for t in fk.targets):
                extra.setdefault(parent.name, []).append(fk.targets)
    out = []
    for table in tables:
        added = extra.get(table.name, [])
        if added:
            note = "; ".join(
                f"({', '.join(k)}) made unique: a foreign key points at it" for k in added
            )
            comment = f"{table.comment}; {note}" if table.comment else note
            table = replace(table, unique_keys=[*table.unique_keys, *added], comment=comment)
        out.append(table)
    return out


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
    raw, left_to_default = _server_defaulted(raw)
    facts = {
        c.name: ColumnFacts(
            table=raw.name, mapped=map_type(c.sa_type, table=raw.name, column=c.name)
        )
        for c in raw.columns
    }
    raw, excluded = _exclusions(raw, facts)
    _keys(raw, facts)
    notes: list[str] = [*excluded, *_lower_unique(raw, facts)]
    notes += _partition_list(raw, facts)
    notes += [
        f"generated column {name} is computed by the database: left out" for name in raw.generated
    ]
    notes += left_to_default
    _references(raw, facts, notes)
    checks = _checks(raw, facts, dialect, notes)
    columns = _temporal_order(tuple(build_column(c, facts[c.name], dialect) for c in raw.columns))
    columns = _partition_range(raw, columns, notes)
    columns = _future_only(checks, columns)
    columns = _one_of(raw, dialect, columns, notes)
    comment = "; ".join([*([raw.comment] if raw.comment else []), *notes]) or None
    return Table(
        name=raw.name,
        columns=columns,
        checks=tuple(checks),
        unique_keys=_composite_uniques(raw),
        primary_key=raw.primary_key,
        comment=comment,
    )


def _exclusions(raw: RawTable, facts: dict[str, ColumnFacts]) -> tuple[RawTable, list[str]]:
    """``EXCLUDE USING gist (room WITH =, during WITH &&)``: no two rows may match on
    every element. One element that never matches is enough: an empty range overlaps
    nothing, NULL equals nothing. With ``=`` alone the constraint is a unique key."""
    notes, keys = [], list(raw.unique_keys)
    for name, columns, ops in raw.exclusions:
        plain = [c for c in columns if c is not None and c in facts]
        ranges = [
            c
            for c, op in zip(columns, ops, strict=False)
            if c is not None and c in facts and op == "&&" and _is_range(raw, c)
        ]
        if ranges or len(plain) == len(columns) == len(ops):
            if ranges:
                column = ranges[0]
                empty = "{}" if _type_name(raw, column).endswith("multirange") else "empty"
                generator = ChoiceGen(values=(empty,), weights=(1.0,))
                facts[column].mapped = replace(facts[column].mapped, generator=generator)
                facts[column].notes += (
                    f"exclusion constraint {name}: always '{empty}', which overlaps nothing",
                )
                continue
            if all(op == "=" for op in ops):
                keys.append(tuple(plain))
                notes.append(f"exclusion constraint {name} (all '='): generated as a unique key")
                continue
            nullable = [c for c in plain if next(r for r in raw.columns if r.name == c).nullable]
            keyed = set(raw.primary_key) | {c for fk in raw.foreign_keys for c in fk.columns}
            free = [c for c in nullable if c not in keyed]
            if free:
                facts[free[0]].always_null = True
                facts[free[0]].notes += (f"exclusion constraint {name}: always NULL",)
                continue
        elements = ", ".join(
            f"{c or '<expression>'} WITH {o}" for c, o in zip(columns, ops, strict=False)
        )
        raise OutputError(
            [
                Diagnostic(
                    "TDG663",
                    f"table {raw.name}: exclusion constraint {name} ({elements}) "
                    "cannot be satisfied by generated rows",
                    hint="introspect without this table (--tables), or drop the constraint "
                    "in the copy you load into",
                )
            ]
        )
    return replace(raw, unique_keys=keys), notes


def _type_name(raw: RawTable, column: str) -> str:
    sa_type = next(c.sa_type for c in raw.columns if c.name == column)
    return (str(sa_type) if isinstance(sa_type, DeclaredType) else type(sa_type).__name__).lower()


def _is_range(raw: RawTable, column: str) -> bool:
    """A PostgreSQL range or multirange column (``tsrange``, ``INT4RANGE``, custom ranges)."""
    return "range" in _type_name(raw, column).split("(")[0]


def _partition_list(raw: RawTable, facts: dict[str, ColumnFacts]) -> list[str]:
    """A row whose key no list partition accepts fails the load: pick among the values
    the partitions list."""
    if raw.partition_values is None:
        return []
    key, values = raw.partition_values
    f = facts.get(key)
    if f is None or not values or f.reference is not None or f.unique or f.primary_key:
        return [f"partitioned by list of {key}: values are not kept to the partitions' lists"]
    dtype = f.mapped.dtype
    typed: list[Scalar] = []
    for value in values:
        number = as_number(value, dtype) if dtype.is_numeric else None
        typed.append(value if number is None else as_literal(number, dtype, up=False).value)
    f.choices = tuple(typed)
    return [f"partitioned by list of {key}: values picked from the partitions' lists"]


def _server_defaulted(raw: RawTable) -> tuple[RawTable, list[str]]:
    """NOT NULL columns of a type we have no values for, but with a server default:
    left out, so the database fills them (random text would not load)."""
    kept, notes = [], []
    keys = set(raw.primary_key) | {c for k in raw.unique_keys for c in k}
    keys |= {c for fk in raw.foreign_keys for c in fk.columns}
    for column in raw.columns:
        mapped = map_type(column.sa_type, table=raw.name, column=column.name)
        if (
            mapped.null_only
            and not column.nullable
            and column.default is not None
            and column.name not in keys
        ):
            notes.append(
                f"column {column.name} has a type tdg cannot generate: left out, the "
                f"database fills it with its default {column.default}"
            )
            continue
        kept.append(column)
    if len(kept) == len(raw.columns):
        return raw, []
    return replace(raw, columns=kept), notes


def _keys(raw: RawTable, facts: dict[str, ColumnFacts]) -> None:
    if len(raw.primary_key) == 1:
        facts[raw.primary_key[0]].primary_key = True
    else:
        for name in raw.primary_key:
            facts[name].in_composite_key = True
    for key in raw.unique_keys:
        if len(key) == 1 and key != raw.primary_key and key[0] in facts:
            facts[key[0]].unique = True
        elif len(key) > 1:
            for name in key:
                if name in facts:
                    facts[name].in_unique_key = True
    for name in raw.case_insensitive:
        if name in facts:
            facts[name].case_insensitive = True
    for name, n in raw.key_prefixes.items():
        if name in facts:
            facts[name].key_prefix = n


def _lower_unique(raw: RawTable, facts: dict[str, ColumnFacts]) -> list[str]:
    """A unique index on ``lower(col)``: unique on ``col`` when its values are lower-case.

    Emails are generated lower-case, so uniqueness on the column is uniqueness
    on ``lower(col)``; other generators may differ only in case and are noted.
    """
    notes = []
    for name in raw.lower_unique:
        f = facts.get(name)
        if f is None:
            continue
        f.case_insensitive = True
        if f.unique or f.primary_key:
            continue
        fmt = infer_format(name, f.mapped.dtype, table=raw.name, unique=True)
        if fmt in _LOWER_CASE_FORMATS or fmt is None:
            # No format: random keys, generated in one case (columns.py).
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
            notes.append(_other_schema(raw, fk, facts, f"{fk.other_schema}.{target}"))
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


def _other_schema(
    raw: RawTable, fk: RawForeignKey, facts: dict[str, ColumnFacts], target: str
) -> str:
    """A key into a schema that is not generated: pick among the parent's rows as they are.

    The key then holds when loading back into this database, or into a copy
    holding the same parent rows (e.g. a reference-data schema copied with its
    data). A parent with no rows leaves NULL as the only value that loads.
    """
    column = fk.columns[0] if len(fk.columns) == 1 else None
    f = facts.get(column) if column is not None else None
    values = fk.parent_values
    nullable = {c.name for c in raw.columns if c.nullable}
    if f is None or values is None or f.unique or f.primary_key or f.in_composite_key:
        return f"foreign key ({', '.join(fk.columns)}) → {target} is outside the introspected schema: values are not linked"
    if values:
        f.choices = values
        return (
            f"foreign key ({column}) → {target} is outside the introspected schema: "
            f"values are the {len(values)} key(s) it holds now (load where it holds them)"
        )
    if column in nullable:
        f.always_null = True
        return f"foreign key ({column}) → {target} is outside the introspected schema and empty: always NULL"
    return f"foreign key ({column}) → {target} is outside the introspected schema and empty: values are not linked"


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
            if _json_valid(sql, facts) or _regex_pattern(name, sql, dialect, facts):
                continue
            if dialect == "sqlite" and _sqlite_date_text(name, sql, facts):
                continue
            notes.append(f"check {name} not translated ({exc}): {sql}")
            continue
        if _as_choice(expr, facts):
            continue
        _length_caps(expr, facts)
        _letter_case(expr, facts)
        kept.append(Check(name=name, expr=expr))
        bounds += bounds_of(expr, types)
    for bound in merge(bounds).values():
        facts[bound.column].low, facts[bound.column].high = bound.low, bound.high
    return kept


_DATE_CALL = re.compile(
    r"\b(date|datetime|julianday|unixepoch)\s*\(\s*[\"`\[]?(\w+)[\"`\]]?\s*\)", re.I
)


def _sqlite_date_text(name: str, sql: str, facts: dict[str, ColumnFacts]) -> bool:
    """SQLite checks a text date by parsing it: ``CHECK (date(d) IS NOT NULL)``, or
    ``d = date(d)``. Such a text column is made a ``date`` (``datetime`` for the other
    functions), whose ISO text every one of them reads back."""
    calls = _DATE_CALL.findall(sql)
    if not calls:
        return False
    for _function, column in calls:
        f = facts.get(column)
        if f is None or f.mapped.dtype.kind not in (TypeKind.STRING, TypeKind.TEXT):
            return False
        if f.reference is not None or f.choices is not None or f.mapped.generator is not None:
            return False
    for function, column in calls:
        kind = TypeKind.DATE if function.lower() == "date" else TypeKind.DATETIME
        f = facts[column]
        if f.mapped.dtype.kind in (TypeKind.STRING, TypeKind.TEXT):
            f.mapped = replace(f.mapped, dtype=DataType(kind=kind))
            f.notes += (f"check {name} parses it as a {kind.value}: made a {kind.value}",)
    return True


def _letter_case(expr: Expr, facts: dict[str, ColumnFacts]) -> None:
    """``code = upper(code)`` (either side, either case): values made in that case."""
    if not (isinstance(expr, Binary) and expr.op == "="):
        return
    for col, call in ((expr.left, expr.right), (expr.right, expr.left)):
        if (
            isinstance(col, Ref)
            and isinstance(call, Call)
            and call.name in ("upper", "lower")
            and call.args == (col,)
            and col.path[0] in facts
        ):
            facts[col.path[0]].letter_case = call.name


def _regex_pattern(name: str, sql: str, dialect: str, facts: dict[str, ColumnFacts]) -> bool:
    """``CHECK (code ~ '^[A-Z]{3}-[0-9]+$')``: the column's values are made from the
    regex (anchors dropped; a whole match is also a match anywhere). False when the
    regex uses syntax the pattern generator lacks or makes strings too long."""
    found = regex_match(sql, dialect)
    if found is None or found[0] not in facts:
        return False
    column, regex = found
    f = facts[column]
    dtype = f.mapped.dtype
    if dtype.kind not in (TypeKind.STRING, TypeKind.TEXT) or f.reference is not None:
        return False
    if f.choices is not None or f.mapped.generator is not None or f.pattern is not None:
        return False
    if "@" in regex and infer_format(column, dtype, table=f.table, unique=f.unique) == "email":
        f.notes += (f"check {name}: generated emails match {regex}",)
        return True
    body = regex.removeprefix("^")
    if body.endswith("$") and not body.endswith("\\$"):
        body = body[:-1]
    fitted = _fitted(body, dtype.length)
    if fitted is None:
        return False
    f.pattern = fitted
    f.notes += (f"check {name}: values follow its regex {regex}",)
    return True


def _fitted(regex: str, length: int | None) -> str | None:
    """``regex`` if its strings fit ``length``; else with ``+``/``*`` bounded to
    ``{1,n}``/``{0,n}``, n as large as fits; None when nothing fits or it does not parse."""
    for n in [None] if length is None else [None, *range(length, 0, -1)]:
        candidate = regex if n is None else _bounded(regex, n)
        try:
            compiled = compile_pattern(candidate)
        except Exception:  # PatternError or worse: syntax the generator cannot follow
            return None
        if length is None or compiled.max_length <= length:
            return candidate
    return None


def _bounded(regex: str, n: int) -> str:
    """Unbounded ``+``/``*`` outside character classes → ``{1,n}``/``{0,n}``."""
    out, in_class, escaped = [], False, False
    for ch in regex:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "]":
            in_class = False
            out.append(ch)
        elif ch in "+*" and not in_class:
            out.append(f"{{{1 if ch == '+' else 0},{n}}}")
        else:
            out.append(ch)
    return "".join(out)


def _length_caps(expr: Expr, facts: dict[str, ColumnFacts]) -> None:
    """``length(code) <= 40`` (SQLite's and PostgreSQL's way to bound text) makes a
    text column ``string(40)``, so values are made short enough instead of re-drawn."""
    parts = [expr]
    while parts:
        node = parts.pop()
        if isinstance(node, Binary) and node.op == "and":
            parts += [node.left, node.right]
            continue
        if not isinstance(node, Binary) or node.op not in ("<=", "<", ">=", ">"):
            continue
        call, limit = (node.left, node.right) if node.op in ("<=", "<") else (node.right, node.left)
        if not (
            isinstance(call, Call)
            and call.name == "length"
            and len(call.args) == 1
            and isinstance(call.args[0], Ref)
            and isinstance(limit, Lit)
            and isinstance(limit.value, int)
            and not isinstance(limit.value, bool)
        ):
            continue
        cap = limit.value - (1 if node.op in ("<", ">") else 0)
        f = facts.get(call.args[0].path[0])
        dtype = f.mapped.dtype if f is not None else None
        if f is None or dtype is None or cap < 1 or dtype.kind not in _TEXTUAL:
            continue
        if dtype.length is None or dtype.length > cap:
            f.mapped = replace(f.mapped, dtype=DataType(kind=TypeKind.STRING, length=cap))


_TEXTUAL = frozenset({TypeKind.TEXT, TypeKind.STRING})


_JSON_VALID = re.compile(r"\s*json_valid\(\s*[`\"]?(\w+)[`\"]?\s*\)\s*", re.I)


def _json_valid(sql: str, facts: dict[str, ColumnFacts]) -> bool:
    """MariaDB's JSON is LONGTEXT plus ``CHECK (json_valid(col))``: generate JSON there.
    A check that says more (``AND json_type(col) = 'ARRAY'``, ``json_length(col) > 0``)
    gets non-empty objects, or non-empty arrays when it names ARRAY."""
    match = _JSON_VALID.fullmatch(sql)
    if match is not None and match[1] in facts:
        f = facts[match[1]]
        f.mapped = replace(f.mapped, generator=JSON_VALUES, comment="JSON (checked by json_valid)")
        return True
    found = _JSON_VALID.search(sql)
    if found is None or found[1] not in facts:
        return False
    f = facts[found[1]]
    values = _JSON_ARRAYS if "'ARRAY'" in sql.upper() else _JSON_OBJECTS
    comment = f"JSON (checked by json_valid and more: {sql})"
    f.mapped = replace(f.mapped, generator=values, comment=comment)
    return True


_JSON_OBJECTS = ChoiceGen(values=JSON_VALUES.values[1:], weights=(1.0,) * 3)
_JSON_ARRAYS = ChoiceGen(values=('["a", "b"]', "[1, 2, 3]", '[{"id": 1}]'), weights=(1.0,) * 3)


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


def _partition_range(
    raw: RawTable, columns: tuple[Column, ...], notes: list[str]
) -> tuple[Column, ...]:
    """A row whose key no partition accepts fails the load: keep the partition key
    between the lowest and highest partition bound (the upper one is exclusive)."""
    if raw.partitions is None:
        return columns
    key, ranges = raw.partitions
    column = next((c for c in columns if c.name == key), None)
    if column is None or not (column.type.is_numeric or column.type.is_temporal):
        return columns
    lows = [_as_number(low, column.type) for low, _ in ranges]
    highs = [_as_number(high, column.type) for _, high in ranges]
    low = None if not lows or None in lows else min(x for x in lows if x is not None)
    high = None if not highs or None in highs else max(x for x in highs if x is not None)
    if low is None and high is None:
        return columns
    step = 1  # one unit below the exclusive upper bound: 1, a day or a second
    update: dict[str, Lit] = {}
    if low is not None:
        update["min"] = as_literal(low, column.type, up=True)
    if high is not None:
        update["max"] = as_literal(high - step, column.type, up=False)
    notes.append(
        f"partitioned by range of {key}: values kept within the partitions' bounds"
        + (" (gaps between partitions are not avoided)" if len(ranges) > 1 else "")
    )
    return tuple(c.model_copy(update=update) if c.name == key else c for c in columns)


def _one_of(
    raw: RawTable, dialect: str, columns: tuple[Column, ...], notes: list[str]
) -> tuple[Column, ...]:
    """``CHECK (num_nonnulls(a, b, c) = 1)`` (a polymorphic link): each column is made
    only when the ones before it are NULL, with NULL shares that leave one value per row;
    ``<= 1`` keeps the shares and only stops a second value."""
    by_name = {c.name: c for c in columns}
    for name, sql in raw.checks:
        found = one_of(sql, dialect)
        if found is None or not all(n in by_name for n in found[0]):
            continue
        names, exact = found
        if any(by_name[n].not_null or by_name[n].when is not None for n in names):
            continue
        for i, n in enumerate(names):
            update: dict[str, object] = {}
            if i > 0:
                earlier = [IsNull(operand=Ref(path=(e,))) for e in names[:i]]
                cond: Expr = earlier[0]
                for part in earlier[1:]:
                    cond = Binary(op="and", left=cond, right=part)
                update["when"] = cond
            if exact:
                update["null_rate"] = 1 - 1 / (len(names) - i)
            by_name[n] = by_name[n].model_copy(update=update)
        notes.append(f"check {name}: {', '.join(names)} are made one after another")
    return tuple(by_name[c.name] for c in columns)


def _future_only(checks: list[Check], columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """``CHECK (expires_at > now())``: datetimes are in the past by default, so such a
    column is made from tomorrow to a year ahead. A day of margin, because the server
    checks against its clock at load time, later than the ``now()`` of generation."""
    future: set[str] = set()
    for check in checks:
        parts: list[Expr] = [check.expr]
        while parts:
            node = parts.pop()
            if isinstance(node, Binary) and node.op == "and":
                parts += [node.left, node.right]
            elif isinstance(node, Binary) and node.op in (">", ">=", "<", "<="):
                col, clock = (
                    (node.left, node.right) if node.op in (">", ">=") else (node.right, node.left)
                )
                if isinstance(col, Ref) and isinstance(clock, Call) and clock.name in _CLOCKS:
                    future.add(col.path[0])
    out = []
    for c in columns:
        if c.name in future and c.type.is_temporal and c.min is None and c.reference is None:
            clock = Call(name="today" if c.type.kind is TypeKind.DATE else "now")
            start = Binary(op="+", left=clock, right=Call(name="days", args=(Lit(value=1),)))
            end = Binary(op="+", left=clock, right=Call(name="days", args=(Lit(value=366),)))
            c = c.model_copy(update={"min": start, "max": c.max or end})
        out.append(c)
    return tuple(out)


_CLOCKS = frozenset({"now", "today"})


def _as_number(text: str | None, dtype: DataType) -> float | None:
    return None if text is None else as_number(text, dtype)


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
