"""A model ``Project`` → config data (plain dicts and lists, ready for JSON or YAML).

The inverse of ``lower``: loading the result gives an equal model. The config
form holds one schema and at most one generate block; anything else is a
TDG710 error naming what does not fit.
"""

from __future__ import annotations

from typing import Any

from testdatagen.errors import Diagnostic, InputError
from testdatagen.language.config.codes import TDG710
from testdatagen.language.config.exprs import print_expr
from testdatagen.language.config.lift_rules import (
    AFFIX_OPTIONS,
    lift_distribution,
    lift_per_parent,
    lift_rule,
    lift_value,
    plain_numbers,
)
from testdatagen.language.config.lower import DEFAULT_PLAN
from testdatagen.model.expr import Expr
from testdatagen.model.plan import GeneratePlan, Project
from testdatagen.model.schema import Column, Enum, RandomGen, ReferenceGen, Schema, Table
from testdatagen.model.types import TypeKind

__all__ = ["project_to_config"]

Json = dict[str, Any]


def _fail(message: str, hint: str | None = None) -> InputError:
    return InputError([Diagnostic(TDG710.code, message, hint=hint)])


def _type(column: Column) -> Json:
    dtype = column.type
    out: Json = {"type": dtype.enum if dtype.kind is TypeKind.ENUM else str(dtype)}
    if dtype.timezone is not None:
        out["timezone"] = dtype.timezone
    return out


def _enum_default(column: Column, enums: dict[str, Enum]) -> bool:
    enum = enums.get(column.type.enum or "")
    gen = column.generator
    if enum is None or column.type.kind is not TypeKind.ENUM:
        return False
    values = tuple(m.value for m in enum.members)
    weights = tuple(m.weight for m in enum.members)
    return getattr(gen, "values", None) == values and getattr(gen, "weights", None) == weights


def _flags(column: Column, key_flag: bool) -> Json:
    out: Json = {}
    flagged = key_flag and column.primary_key
    if flagged:
        out["primary_key"] = True
    if column.unique and not flagged:
        out["unique"] = True
    if column.not_null and not flagged:
        out["not_null"] = True
    if column.null_rate:
        out["null_rate"] = column.null_rate
    return out


def _column(column: Column, table: Table, key_flag: bool, enums: dict[str, Enum]) -> Json:
    where = f"{table.name}.{column.name}"
    shaped = column.min is not None or column.max is not None or column.distribution is not None
    if shaped and not isinstance(column.generator, RandomGen):
        raise _fail(f"{where}: min/max/distribution beside a {column.generator.strategy} rule")
    out: Json = {"name": column.name, **_type(column), **_flags(column, key_flag)}
    grouped = isinstance(column.generator, ReferenceGen) and column.generator.group is not None
    if not grouped and not _enum_default(column, enums):
        rule = lift_rule(column)
        if rule is not None:
            out["rule"] = rule
    if column.default is not None:
        out["default"] = lift_value(column.default)
    if column.when is not None:
        out["when"] = print_expr(column.when)
    if column.length is not None:
        out["value_length"] = {"min": column.length.low, "max": column.length.high}
    options = {k: v for k, v in column.options.items() if k not in AFFIX_OPTIONS}
    if options:
        out["options"] = options
    if column.comment is not None:
        out["comment"] = column.comment
    return out


def _foreign_keys(table: Table) -> list[Json]:
    groups: dict[str, list[tuple[Column, ReferenceGen]]] = {}
    for column, ref in table.references:
        if ref.group is not None:
            groups.setdefault(ref.group, []).append((column, ref))
    out = []
    for group, members in groups.items():
        own = [c.name for c, _ in members]
        first = members[0][1]
        fk: Json = {
            "columns": own,
            "references": {"table": first.table, "columns": [r.column for _, r in members]},
        }
        if group != "fk_" + "_".join(own):
            fk["name"] = group
        if first.distribution is not None:
            fk["distribution"] = lift_distribution(first.distribution)
        if first.per_parent is not None:
            fk["per_parent"] = lift_per_parent(first.per_parent)
        out.append(fk)
    return out


def _expression(expr: Expr) -> Any:
    """Row counts and params: plain literals stay values, the rest is expression text
    (a string here is read back as an expression, so string literals are quoted)."""
    value = lift_value(expr)
    return print_expr(expr) if isinstance(value, dict | str) else value


def _table(table: Table, plan: GeneratePlan | None, enums: dict[str, Enum]) -> Json:
    flagged = tuple(c.name for c in table.columns if c.primary_key)
    composite = bool(table.primary_key) and flagged != table.primary_key
    out: Json = {"name": table.name}
    if plan is not None and table.name in plan.rows:
        out["rows"] = _expression(plan.rows[table.name])
    out["columns"] = [_column(c, table, not composite, enums) for c in table.columns]
    if composite:
        out["primary_key"] = list(table.primary_key)
    if table.unique_keys:
        out["unique_keys"] = [list(k) for k in table.unique_keys]
    if fks := _foreign_keys(table):
        out["foreign_keys"] = fks
    if table.checks:
        out["checks"] = [{"name": c.name, "expr": print_expr(c.expr)} for c in table.checks]
    if table.comment is not None:
        out["comment"] = table.comment
    return out


def _enum(enum: Enum) -> Json:
    out: Json = {"name": enum.name, "values": [m.value for m in enum.members]}
    if any(m.weight != 1.0 for m in enum.members):
        out["weights"] = plain_numbers(tuple(m.weight for m in enum.members))
    return out


def _generate(plan: GeneratePlan, schema: Schema) -> Json:
    if plan.schema_name != schema.name:
        raise _fail(f"generate {plan.name} names schema '{plan.schema_name}', not '{schema.name}'")
    unknown = sorted(set(plan.rows) - set(schema.table_names))
    if unknown:
        raise _fail(f"generate {plan.name} counts rows of unknown tables: {', '.join(unknown)}")
    out: Json = {} if plan.name == DEFAULT_PLAN else {"name": plan.name}
    out |= {"seed": plan.seed, "locale": plan.locale}
    if plan.now is not None:
        out["now"] = plan.now
    if plan.params:
        out["params"] = {k: _expression(v) for k, v in plan.params.items()}
    for output in plan.outputs:
        if "type" in output.options:
            raise _fail(f"output {output.kind} has an option named 'type'")
    if plan.outputs:
        out["outputs"] = [{"type": o.kind, **o.options} for o in plan.outputs]
    return out


def project_to_config(project: Project) -> Json:
    """Config data for ``project``; raises TDG710 when the config form cannot hold it."""
    if len(project.schemas) != 1:
        raise _fail(
            f"a config holds one schema, this project has {len(project.schemas)}",
            "convert one schema at a time",
        )
    if len(project.plans) > 1:
        raise _fail(f"a config holds one generate block, this project has {len(project.plans)}")
    schema = project.schemas[0]
    plan = project.plans[0] if project.plans else None
    enums = {e.name: e for e in schema.enums}
    out: Json = {"schema": schema.name}
    if schema.enums:
        out["enums"] = [_enum(e) for e in schema.enums]
    if plan is not None:
        out["generate"] = _generate(plan, schema)
    out["tables"] = [_table(t, plan, enums) for t in schema.tables]
    return out
