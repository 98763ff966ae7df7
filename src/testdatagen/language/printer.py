"""Model → canonical .tdg text that the parser reads back into an equal model.

Used by ``tdg convert`` (config → .tdg) and by database introspection. Layout
is fixed: enums first, then tables; inside a table, columns with names and
types aligned, then keys, then checks; settings always in the order of
``_SETTING_ORDER`` so printing the same model twice gives the same bytes.
Comments are printed as ``comment: '…'`` settings, the form the parser keeps.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from testdatagen.language.config.exprs import literal, print_expr, quote_ident, quote_string
from testdatagen.model.plan import GeneratePlan, OutputSpec, Project
from testdatagen.model.schema import (
    ChoiceGen,
    Column,
    ComputeGen,
    Distribution,
    Enum,
    FormatGen,
    IntRange,
    LlmGen,
    PatternGen,
    RandomGen,
    ReferenceGen,
    Schema,
    SequentialGen,
    Table,
)
from testdatagen.model.types import TypeKind

__all__ = ["print_column_settings", "print_project", "print_schema"]

_INDENT = "  "


def _rate(rate: float) -> str:
    """``0.15`` → ``15%`` when that reads back exactly, else the plain fraction."""
    percent = Decimal(repr(rate)) * 100
    text = format(percent.normalize(), "f")
    return f"{text}%" if float(text) / 100 == rate else literal(rate)


def _distribution(dist: Distribution) -> str:
    if not dist.params:
        return dist.name
    args = ", ".join(f"{k}: {literal(v)}" for k, v in dist.params.items())
    return f"{dist.name}({args})"


def _format(gen: FormatGen) -> str:
    """``email``; with params ``email(domain: 'x.org')`` (the reader has no such form yet)."""
    if not gen.params:
        return quote_ident(gen.name)
    args = ", ".join(f"{k}: {literal(v)}" for k, v in gen.params.items())
    return f"{gen.name}({args})"


def _range_or_dist(value: IntRange | Distribution) -> str:
    if isinstance(value, IntRange):
        return f"{value.low}..{value.high}"
    return _distribution(value)


def _choice(gen: ChoiceGen) -> str:
    weights = gen.weights or (1.0,) * len(gen.values)
    unit = "%" if sum(weights) == 100 else ""  # percentages read as the same weights
    items = ", ".join(
        f"{literal(v)}: {literal(w)}{unit}" for v, w in zip(gen.values, weights, strict=True)
    )
    return f"choice: {{{items}}}"


def _llm(gen: LlmGen) -> list[str]:
    args = [f"prompt: {quote_string(gen.prompt)}"]
    for key in ("model", "endpoint", "cache"):
        value = getattr(gen, key)
        if value is not None:
            args.append(f"{key}: {quote_string(value)}")
    if gen.max_cost_usd is not None:
        args.append(f"max_cost_usd: {literal(gen.max_cost_usd)}")
    # The fallback is written as the column's ordinary strategy beside llm(…).
    fallback = _generator(gen.fallback, None) if gen.fallback is not None else []
    return [f"llm({', '.join(args)})", *fallback]


def _sequential(gen: SequentialGen) -> str:
    args = [f"{k}: {literal(v)}" for k, v in (("start", gen.start), ("step", gen.step)) if v != 1]
    return f"sequential({', '.join(args)})" if args else "sequential"


def _reference(gen: ReferenceGen) -> list[str]:
    out = [f"references: {quote_ident(gen.table)}.{quote_ident(gen.column)}"]
    return out + _reference_shape(gen)


def _reference_shape(gen: ReferenceGen) -> list[str]:
    out = []
    if gen.distribution is not None:
        out.append(f"distribution: {_distribution(gen.distribution)}")
    if gen.per_parent is not None:
        out.append(f"per_parent: {_range_or_dist(gen.per_parent)}")
    return out


def _enum_choice(column: Column, enums: dict[str, Enum]) -> ChoiceGen | None:
    enum = enums.get(column.type.enum or "") if column.type.kind is TypeKind.ENUM else None
    if enum is None:
        return None
    return ChoiceGen(
        values=tuple(m.value for m in enum.members), weights=tuple(m.weight for m in enum.members)
    )


_GENERATORS: dict[type, Callable[..., list[str]]] = {
    RandomGen: lambda gen: [],
    SequentialGen: lambda gen: [_sequential(gen)],
    FormatGen: lambda gen: [f"format: {_format(gen)}"],
    PatternGen: lambda gen: [f"pattern: {quote_string(gen.regex)}"],
    ChoiceGen: lambda gen: [_choice(gen)],
    ComputeGen: lambda gen: [f"compute: {print_expr(gen.expr)}"],
    ReferenceGen: _reference,
    LlmGen: _llm,
}


def _generator(
    gen: object, column: Column | None, enums: dict[str, Enum] | None = None
) -> list[str]:
    if (
        column is not None
        and isinstance(gen, ChoiceGen)
        and gen == _enum_choice(column, enums or {})
    ):
        return []  # the enum type already says it
    if isinstance(gen, ReferenceGen) and gen.group is not None:
        return []  # printed as a table-level foreign_key
    return _GENERATORS[type(gen)](gen)


def _options(column: Column) -> list[str]:
    out = []
    for key, value in column.options.items():
        if key == "true_rate" and isinstance(value, float):
            out.append(f"true_rate: {_rate(value)}")
        else:
            out.append(f"{key}: {literal(value)}")
    return out


def print_column_settings(
    column: Column, *, key_flag: bool = True, enums: dict[str, Enum] | None = None
) -> list[str]:
    """The settings inside ``[…]``, in canonical order; ``key_flag=False`` when the
    table prints a composite ``primary_key (…)`` instead."""
    flagged = key_flag and column.primary_key
    out = ["primary_key"] if flagged else []
    out += ["unique"] if column.unique and not flagged else []
    out += ["not_null"] if column.not_null and not flagged else []
    out += _generator(column.generator, column, enums)
    for key in ("when", "min", "max"):
        expr = getattr(column, key)
        if expr is not None:
            out.append(f"{key}: {print_expr(expr)}")
    if column.length is not None:
        out.append(f"length: {column.length.low}..{column.length.high}")
    if column.distribution is not None:
        out.append(f"distribution: {_distribution(column.distribution)}")
    if column.default is not None:
        out.append(f"default: {print_expr(column.default)}")
    if column.null_rate:
        out.append(f"null_rate: {_rate(column.null_rate)}")
    if column.type.timezone is not None:
        out.append(f"timezone: {quote_string(column.type.timezone)}")
    out += _options(column)
    if column.comment is not None:
        out.append(f"comment: {quote_string(column.comment)}")
    return out


def _composite_key(table: Table) -> bool:
    flagged = tuple(c.name for c in table.columns if c.primary_key)
    return bool(table.primary_key) and flagged != table.primary_key


def _aligned(rows: list[tuple[str, str, list[str]]], indent: str) -> list[str]:
    name_w = max((len(r[0]) for r in rows), default=0)
    type_w = max((len(r[1]) for r in rows), default=0)
    lines = []
    for name, dtype, settings in rows:
        tail = f" [{', '.join(settings)}]" if settings else ""
        lines.append(f"{indent}{name:<{name_w}} {dtype:<{type_w}}{tail}".rstrip())
    return lines


def _idents(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(quote_ident(n) for n in names)


def _foreign_keys(table: Table) -> list[str]:
    groups: dict[str, list[tuple[Column, ReferenceGen]]] = {}
    for column, ref in table.references:
        if ref.group is not None:
            groups.setdefault(ref.group, []).append((column, ref))
    lines = []
    for members in groups.values():
        own = [c.name for c, _ in members]
        theirs = [r.column for _, r in members]
        shape = _reference_shape(members[0][1])
        tail = f" [{', '.join(shape)}]" if shape else ""
        target = quote_ident(members[0][1].table)
        lines.append(f"foreign_key ({_idents(own)}) references {target} ({_idents(theirs)}){tail}")
    return lines


def _table(table: Table, enums: dict[str, Enum], indent: str) -> list[str]:
    composite = _composite_key(table)
    rows = [
        (
            quote_ident(c.name),
            str(c.type),
            print_column_settings(c, key_flag=not composite, enums=enums),
        )
        for c in table.columns
    ]
    inner = indent + _INDENT
    items = [f"{inner}primary_key ({_idents(table.primary_key)})"] if composite else []
    items += [f"{inner}unique ({_idents(key)})" for key in table.unique_keys]
    items += [f"{inner}{line}" for line in _foreign_keys(table)]
    items += [f"{inner}check {quote_ident(c.name)}: {print_expr(c.expr)}" for c in table.checks]
    head = f"[comment: {quote_string(table.comment)}] " if table.comment is not None else ""
    body = _aligned(rows, inner) + ([""] if items else []) + items
    return [f"{indent}table {quote_ident(table.name)} {head}{{", *body, f"{indent}}}"]


def _member(value: str, weight: float) -> str:
    name = quote_ident(value)
    name = value if name == value else quote_string(value)
    return name if weight == 1.0 else f"{name} [weight: {literal(weight)}]"


def _enum(enum: Enum, indent: str) -> list[str]:
    members = [f"{indent}{_INDENT}{_member(m.value, m.weight)}" for m in enum.members]
    return [f"{indent}enum {quote_ident(enum.name)} {{", *members, f"{indent}}}"]


def print_schema(schema: Schema) -> str:
    """One ``schema … { … }`` block, ending in a newline."""
    enums = {e.name: e for e in schema.enums}
    blocks = [_enum(e, _INDENT) for e in schema.enums]
    blocks += [_table(t, enums, _INDENT) for t in schema.tables]
    body = [line for block in _separated(blocks) for line in block]
    return "\n".join([f"schema {quote_ident(schema.name)} {{", *body, "}"]) + "\n"


def _separated(blocks: list[list[str]]) -> list[list[str]]:
    return [block if i == 0 else ["", *block] for i, block in enumerate(blocks)]


def _output(output: OutputSpec) -> str:
    options = ", ".join(f"{k}: {literal(v)}" for k, v in output.options.items())
    return f"output {output.kind} {{ {options} }}" if options else f"output {output.kind} {{ }}"


def print_plan(plan: GeneratePlan) -> str:
    lines = [
        f"generate {quote_ident(plan.name)} {{",
        f"  schema: {quote_ident(plan.schema_name)}",
        f"  seed:   {plan.seed}",
        f"  locale: {quote_string(plan.locale)}",
    ]
    if plan.now is not None:
        lines.append(f"  now:    {quote_string(plan.now)}")
    lines += [f"  param {name}: {print_expr(expr)}" for name, expr in plan.params.items()]
    if plan.rows:
        width = max(len(quote_ident(t)) for t in plan.rows) + 1
        rows = [
            f"    {quote_ident(t) + ':':<{width}} {print_expr(e)}" for t, e in plan.rows.items()
        ]
        lines += ["  rows {", *rows, "  }"]
    lines += [f"  {_output(o)}" for o in plan.outputs]
    return "\n".join([*lines, "}"]) + "\n"


def print_project(project: Project) -> str:
    """Every schema, then every generate block, separated by blank lines."""
    parts = [print_schema(s) for s in project.schemas] + [print_plan(p) for p in project.plans]
    return "\n".join(parts)
