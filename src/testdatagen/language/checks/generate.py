"""Generate blocks: the schema exists, every table gets a row count, params are constant.

Row counts and params are expressions over params declared before them, so
``--set scale=10`` can rescale a run; anything reading row data is an error.
"""

from __future__ import annotations

import re

from testdatagen.errors import Span
from testdatagen.language import ast
from testdatagen.language.checks.context import CheckContext
from testdatagen.language.checks.exprs import walk
from testdatagen.language.suggest import closest, did_you_mean
from testdatagen.model import Call, GeneratePlan, Lit, Ref, Schema, Unary
from testdatagen.model.expr import Binary, Expr, If

__all__ = ["run"]

_CONSTANT_FUNCS = frozenset({"min", "max", "round", "ceil", "floor", "abs"})


#: Comments, removed to tell an empty file from an import library of enums/templates.
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)


def run(ctx: CheckContext) -> None:
    schemas = {s.name: s for s in ctx.project.schemas}
    if not schemas and all(not _COMMENTS.sub("", t).strip() for t in ctx.sources.values()):
        first = next(iter(ctx.sources), None)
        ctx.sink.warning(
            "TDG424",
            "no schema in file: nothing to generate",
            Span(first, 1, 1) if first and first != "<input>" else None,
            hint="declare schema NAME { table … } and a generate block",
        )
    for plan in ctx.project.plans:
        decl = ctx.index.plans.get(plan.name)
        if decl is None:
            continue
        known: list[str] = []
        for p in decl.params:
            _constant(ctx, p.expr, known)
            known.append(p.name)
        for row in decl.rows:
            _constant(ctx, row.expr, known)
        schema = schemas.get(plan.schema_name)
        if schema is None:
            if plan.schema_name:
                _unknown_schema(ctx, plan, decl, list(schemas))
            continue
        _rows(ctx, plan, decl, schema)


def _unknown_schema(
    ctx: CheckContext, plan: GeneratePlan, decl: ast.GenerateDecl, names: list[str]
) -> None:
    span = next((kv.value_span for kv in decl.settings if kv.name == "schema"), decl.span)
    ctx.sink.error(
        "TDG113",
        f"unknown schema '{plan.schema_name}'{did_you_mean(plan.schema_name, names)}",
        span,
        hint=f"schemas: {', '.join(names) or 'none'}",
    )


def _rows(ctx: CheckContext, plan: GeneratePlan, decl: ast.GenerateDecl, schema: Schema) -> None:
    known = frozenset(schema.table_names)
    for row in decl.rows:  # a negative literal count, caught here rather than at run time
        value = plan.rows.get(row.table.name)
        if isinstance(value, Lit) and isinstance(value.value, int | float) and value.value < 0:
            ctx.sink.error(
                "TDG410",
                f"row count of '{row.table.name}' must be 0 or more, got {value.value}",
                row.table.span,
                hint=f"write {row.table.name}: {-value.value}, or 0 for an empty table",
            )
    for row in decl.rows:
        if row.table.name not in known:
            ctx.sink.error(
                "TDG110",
                f"unknown table '{row.table.name}'{did_you_mean(row.table.name, schema.table_names)}",
                row.table.span,
                hint=f"tables of {schema.name}: {', '.join(schema.table_names)}",
            )
    # a count given under a misspelt name, or outside rows { }, is reported once, there
    explained = {closest(r.table.name, known) for r in decl.rows if r.table.name not in known}
    for kv in decl.settings:
        if kv.name in known:
            explained.add(kv.name)  # TDG115 says where it belongs
    where = decl.rows_span or decl.name.span
    for table in schema.tables:
        if table.name in explained:
            continue
        follows = table.per_parent is not None
        if table.name in plan.rows and follows:
            span = next(r.table.span for r in decl.rows if r.table.name == table.name)
            ctx.sink.warning(
                "TDG421",
                f"'{table.name}' gets its rows from per_parent; this count is ignored",
                span,
                hint=f"remove {table.name} from rows {{ }}",
            )
        elif table.name not in plan.rows and not follows:
            ctx.sink.error(
                "TDG420",
                f"generate {plan.name} gives no row count for table '{table.name}'",
                where,
                hint=f"add '{table.name}: 100' to rows {{ }}, or per_parent on one of its keys",
            )


def _constant(ctx: CheckContext, expr: Expr, params: list[str]) -> None:
    for node, _ in walk(expr):
        if isinstance(node, Ref):
            name = str(node)
            if len(node.path) != 1 or name not in params:
                ctx.sink.error(
                    "TDG411",
                    f"unknown parameter '{name}'{did_you_mean(name, params)}",
                    node.span,
                    hint="declare it before use: param NAME: value",
                )
        elif isinstance(node, Call) and node.name not in _CONSTANT_FUNCS:
            ctx.sink.error(
                "TDG410",
                f"{node.name}() needs row data; counts and params use numbers and params only",
                node.span,
            )
        elif not isinstance(node, Lit | Unary | Binary | If | Call):
            ctx.sink.error(
                "TDG410", "only numbers and params are allowed here", getattr(node, "span", None)
            )
