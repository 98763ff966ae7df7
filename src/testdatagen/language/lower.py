"""AST (root file plus imports) → ``model.Project``, keeping an index back to the AST.

The engine relies on the conventions documented in docs/reference.md
(primary_key implies not_null and unique, a key's distribution moves onto its
``ReferenceGen``, templates are inlined, …). The ``SourceIndex`` lets the
checks that run on the model point at the exact setting in the source.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from testdatagen.errors import DiagnosticSink
from testdatagen.language import ast
from testdatagen.language.imports import SourceSet
from testdatagen.language.lower_column import lower_column, number_of
from testdatagen.language.lower_plan import lower_plan
from testdatagen.language.lower_settings import ColumnBuilder, apply_settings
from testdatagen.language.lower_values import fk_group
from testdatagen.language.settings import SETTINGS
from testdatagen.model import (
    Check,
    Column,
    Enum,
    EnumMember,
    Lit,
    Project,
    ReferenceGen,
    Schema,
    Table,
)

__all__ = ["SourceIndex", "lower_project"]

ColumnKey = tuple[str, str, str]


@dataclass
class SourceIndex:
    """Where each model element came from (schema, table, column names as keys)."""

    columns: dict[ColumnKey, ast.ColumnDecl] = field(default_factory=dict)
    tables: dict[tuple[str, str], ast.TableDecl] = field(default_factory=dict)
    keys: dict[tuple[str, str], list[ast.KeyDecl | ast.ForeignKeyDecl]] = field(
        default_factory=dict
    )
    schemas: dict[str, ast.SchemaDecl] = field(default_factory=dict)
    plans: dict[str, ast.GenerateDecl] = field(default_factory=dict)
    #: Columns whose type did not resolve: type-specific checks skip them.
    broken: set[ColumnKey] = field(default_factory=set)
    #: Settings a column got from its composite ``foreign_key (…) references …[…]``.
    key_settings: dict[ColumnKey, tuple[ast.Setting, ...]] = field(default_factory=dict)


@dataclass
class _Scope:
    enums: dict[str, Enum]
    templates: dict[str, ast.TemplateDecl]


def lower_project(sources: SourceSet, sink: DiagnosticSink) -> tuple[Project, SourceIndex]:
    index = SourceIndex()
    files = list(sources.files.values())
    glob = _Scope({}, {})
    for f in files:
        _declare(glob, [i for i in f.items if isinstance(i, ast.EnumDecl | ast.TemplateDecl)], sink)
    schemas = [
        _lower_schema(s, glob, index, sink)
        for f in files
        for s in f.items
        if isinstance(s, ast.SchemaDecl)
    ]
    _no_duplicates([(s.name, s.span) for s in schemas], "schema", sink)
    root = sources.files.get(sources.root)
    plans = []
    for item in root.items if root else ():
        if isinstance(item, ast.GenerateDecl):
            index.plans[item.name.name] = item
            plans.append(lower_plan(item, sink))
    _no_duplicates([(p.name, p.span) for p in plans], "generate block", sink)
    return Project(schemas=tuple(schemas), plans=tuple(plans), source=sources.root), index


def _no_duplicates(items: list[tuple[str, object]], what: str, sink: DiagnosticSink) -> None:
    seen: set[str] = set()
    for name, span in items:
        if name in seen:
            sink.error("TDG114", f"{what} '{name}' is declared twice", span, hint="rename one")  # type: ignore[arg-type]
        seen.add(name)


def _declare(
    scope: _Scope, items: list[ast.EnumDecl | ast.TemplateDecl], sink: DiagnosticSink
) -> None:
    for item in items:
        name = item.name.name
        if name in scope.enums or name in scope.templates:
            sink.error("TDG114", f"'{name}' is declared twice", item.name.span, hint="rename one")
            continue
        if isinstance(item, ast.EnumDecl):
            scope.enums[name] = _lower_enum(item, sink)
        else:
            scope.templates[name] = item


def _lower_enum(decl: ast.EnumDecl, sink: DiagnosticSink) -> Enum:
    members = []
    percents: list[float] = []
    for m in decl.members:
        weight = 1.0
        for s in m.settings:
            n = number_of(s.value)
            if s.name != "weight" or n is None or n < 0:
                message = (
                    "an enum member's weight is a number ≥ 0"
                    if s.name == "weight"
                    else f"enum members take only [weight: n], not '{s.name}'"
                )
                sink.error(
                    "TDG206",
                    message,
                    s.span,
                    hint="write new [weight: 70] or new [weight: 70%]",
                )
                continue
            weight = float(n)
            if isinstance(s.value, Lit) and s.value.unit == "percent":
                percents.append(weight)
        members.append(EnumMember(value=m.name, weight=weight, span=m.span))
    if percents and len(percents) == len(members) and abs(sum(percents) - 100) > 1e-9:
        sink.error(
            "TDG402",
            f"enum {decl.name.name} weights add up to {sum(percents):g}%, not 100%",
            decl.name.span,
            hint="adjust them to sum to 100%, or write plain weights (70, 25, 5)",
        )
    _no_duplicates([(m.value, m.span) for m in members], "enum member", sink)
    return Enum(name=decl.name.name, members=tuple(members), span=decl.span)


def _lower_schema(
    decl: ast.SchemaDecl, glob: _Scope, index: SourceIndex, sink: DiagnosticSink
) -> Schema:
    index.schemas[decl.name.name] = decl
    scope = _Scope(dict(glob.enums), dict(glob.templates))
    local = [i for i in decl.items if isinstance(i, ast.EnumDecl | ast.TemplateDecl)]
    _declare(_Scope({}, {}), local, sink)  # duplicates among the schema's own names
    for item in local:
        if isinstance(item, ast.EnumDecl):
            scope.enums[item.name.name] = _lower_enum(item, DiagnosticSink())
        else:
            scope.templates[item.name.name] = item
    tables = [
        _lower_table(decl.name.name, t, scope, index, sink)
        for t in decl.items
        if isinstance(t, ast.TableDecl)
    ]
    _no_duplicates([(t.name, t.span) for t in tables], "table", sink)
    return Schema(
        name=decl.name.name,
        tables=tuple(tables),
        enums=tuple(scope.enums.values()),
        span=decl.span,
    )


def _expand(
    items: tuple[ast.TableItem, ...], scope: _Scope, sink: DiagnosticSink, chain: tuple[str, ...]
) -> list[ast.TableItem]:
    """Inline ``use template`` (recursively), reporting unknown templates and cycles."""
    out: list[ast.TableItem] = []
    for item in items:
        if not isinstance(item, ast.UseDecl):
            out.append(item)
            continue
        name = item.template.name
        template = scope.templates.get(name)
        if template is None:
            from testdatagen.language.suggest import did_you_mean

            sink.error(
                "TDG112",
                f"unknown template '{name}'{did_you_mean(name, scope.templates)}",
                item.template.span,
            )
        elif name in chain:
            cycle = " → ".join([*chain[chain.index(name) :], name])
            sink.error("TDG116", f"template cycle: {cycle}", item.span)
        else:
            out.extend(_expand(template.items, scope, sink, (*chain, name)))
    return out


def _lower_table(
    schema: str, decl: ast.TableDecl, scope: _Scope, index: SourceIndex, sink: DiagnosticSink
) -> Table:
    name = decl.name.name
    index.tables[(schema, name)] = decl
    _table_settings(decl, sink)
    items = _expand(decl.items, scope, sink, ())
    columns: dict[str, Column] = {}
    for item in items:
        if isinstance(item, ast.ColumnDecl) and _sql_constraint(item, sink):
            continue
        if isinstance(item, ast.ColumnDecl):
            col_sink = DiagnosticSink()
            column = lower_column(item, scope.enums, col_sink)
            for d in col_sink.diagnostics:
                sink.add(d)
                if d.code == "TDG100":
                    index.broken.add((schema, name, column.name))
            if column.name in columns:
                sink.error("TDG114", f"column '{column.name}' is declared twice", item.name.span)
                continue
            index.columns[(schema, name, column.name)] = item
            columns[column.name] = column
    keys = [i for i in items if isinstance(i, ast.KeyDecl | ast.ForeignKeyDecl)]
    index.keys[(schema, name)] = keys
    primary = tuple(c.name for c in columns.values() if c.primary_key)
    unique_keys: list[tuple[str, ...]] = []
    for key in keys:
        cols = tuple(i.name for i in key.columns)
        if isinstance(key, ast.ForeignKeyDecl):
            for member in _apply_foreign_key(key, columns, sink):
                index.key_settings[(schema, name, member)] = key.settings
        elif key.kind == "unique":
            unique_keys.append(cols)
        elif primary:
            sink.error("TDG206", f"table '{name}' already has a primary key", key.span)
        else:
            primary = cols
            for c in cols:
                if c in columns:
                    columns[c] = columns[c].model_copy(update={"not_null": True})
    checks = [
        Check(name=i.name.name, expr=i.expr, span=i.span)
        for i in items
        if isinstance(i, ast.CheckDecl)
    ]
    return Table(
        name=name,
        columns=tuple(columns.values()),
        checks=tuple(checks),
        unique_keys=tuple(unique_keys),
        primary_key=primary,
        comment=_table_comment(decl),
        span=decl.span,
    )


#: ``x integer NOT NULL`` reads as a second column ``NOT`` of type ``NULL``.
_SQL_CONSTRAINTS = {
    ("not", "null"): ("TDG014", "not_null"),
    ("primary", "key"): ("TDG024", "primary_key"),
}


def _sql_constraint(decl: ast.ColumnDecl, sink: DiagnosticSink) -> bool:
    """Report a SQL constraint written after a column as what it is, not as a column."""
    words = (decl.name.name.lower(), decl.type.name.lower())
    found = _SQL_CONSTRAINTS.get(words)
    if found is None or decl.type.args or decl.name.quoted:
        return False
    code, tdg = found
    written = f"{decl.name.name} {decl.type.name}"
    sink.error(
        code,
        f"SQL's '{written}' is written [{tdg}] in tdg",
        decl.name.span,
        hint=f"write it inside the column's settings: name type [{tdg}]",
    )
    return True


def _table_settings(decl: ast.TableDecl, sink: DiagnosticSink) -> None:
    for s in decl.settings:
        if s.name != "comment":
            sink.error(
                "TDG105",
                f"tables take only [comment: '…'], not '{s.name}'",
                s.name_span,
                hint="column settings go on the columns",
            )


def _table_comment(decl: ast.TableDecl) -> str | None:
    for s in decl.settings:
        value = getattr(s.value, "value", None)
        if s.name == "comment" and isinstance(value, str):
            return value
    return None


#: What a composite key's ``[...]`` may hold: how parents are picked and how many
#: children each gets, and whether the key may be NULL (all its columns together).
FOREIGN_KEY_SETTINGS = ("per_parent", "distribution", "null_rate", "not_null")


def _apply_foreign_key(
    key: ast.ForeignKeyDecl, columns: dict[str, Column], sink: DiagnosticSink
) -> list[str]:
    """Point the key's columns at the parent's; return the columns that were changed."""
    if len(key.columns) != len(key.targets):
        sink.error(
            "TDG304",
            f"foreign_key pairs {len(key.columns)} columns with {len(key.targets)} targets",
            key.span,
            hint="list as many target columns as key columns",
        )
        return []
    settings = _key_settings(key, sink)
    group = fk_group(tuple(c.name for c in key.columns))
    changed: list[str] = []
    for col, target in zip(key.columns, key.targets, strict=True):
        if col.name not in columns:
            continue  # reported by the names pass
        ref = ReferenceGen(
            table=key.table.name,
            column=target.name,
            group=group,
            distribution=settings.distribution,
            per_parent=settings.per_parent,
        )
        update: dict[str, object] = {"generator": ref, **settings.fields}
        columns[col.name] = columns[col.name].model_copy(update=update)
        changed.append(col.name)
    return changed


def _key_settings(key: ast.ForeignKeyDecl, sink: DiagnosticSink) -> ColumnBuilder:
    """Read the key's ``[...]`` with the column-setting handlers; refuse the rest."""
    usable: list[ast.Setting] = []
    for s in key.settings:
        if s.name in FOREIGN_KEY_SETTINGS:
            usable.append(s)
            continue
        if s.name in SETTINGS:
            message = f"'{s.name}' does not apply to a foreign_key"
        else:
            message = f"unknown setting '{s.name}'" + _close(s.name, FOREIGN_KEY_SETTINGS)
        sink.error(
            "TDG200" if s.name in SETTINGS else "TDG105",
            message,
            s.name_span,
            hint="a foreign_key takes "
            + ", ".join(FOREIGN_KEY_SETTINGS)
            + "; other settings go on its columns",
        )
    first = key.columns[0]
    decl = ast.ColumnDecl(first, ast.TypeRef("", (), first.span), tuple(usable), key.span)
    builder = ColumnBuilder(decl, sink)
    apply_settings(builder, decl.settings)
    return builder


def _close(name: str, choices: tuple[str, ...]) -> str:
    found = difflib.get_close_matches(name, choices, n=1)
    return f" — did you mean '{found[0]}'?" if found else ""
