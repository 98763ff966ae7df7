"""Name resolution: every table, column and function an expression or key names exists.

Paths in expressions: ``price`` is a column of the row; ``customer_id.created_at``
follows a foreign key to the parent's column; ``order_items.line_total`` names
a child table's column and is allowed only inside an aggregate.
"""

from __future__ import annotations

from functools import partial

from testdatagen.errors import Span
from testdatagen.language import ast
from testdatagen.language.checks.context import CheckContext, ColumnSite
from testdatagen.language.checks.exprs import walk
from testdatagen.language.functions import FUNCTIONS, function_info, suggest_function
from testdatagen.language.functypes import call_problems, infer, kind_of_type, signature
from testdatagen.language.suggest import did_you_mean, listing
from testdatagen.model import Binary, Call, Column, Lit, Ref, Schema, Table
from testdatagen.model.expr import Expr
from testdatagen.model.types import TypeKind

__all__ = ["run"]

_EXPR_SETTINGS = ("compute", "when", "min", "max", "default")


def run(ctx: CheckContext) -> None:
    for site in ctx.columns():
        _reference_target(ctx, site)
        for name in _EXPR_SETTINGS:
            expr = _expr_of(site, name)
            if expr is not None:
                _expression(ctx, site.schema, site.table, expr)
        when = site.column.when
        if when is not None:
            _condition(ctx, site.schema, site.table, when, "when:", site.value_span("when"))
    for schema, table in ctx.tables():
        for check in table.checks:
            _expression(ctx, schema, table, check.expr)
            _condition(ctx, schema, table, check.expr, f"check {check.name}", check.expr.span)
        for key in ctx.index.keys.get((schema.name, table.name), []):
            _key(ctx, schema, table, key)


def _expr_of(site: ColumnSite, name: str) -> Expr | None:
    if name == "compute":
        gen = site.column.generator
        return gen.expr if gen.strategy == "compute" else None
    value: Expr | None = getattr(site.column, name)
    return value


def _unknown_table(ctx: CheckContext, schema: Schema, name: str, span: Span | None) -> None:
    ctx.sink.error(
        "TDG110",
        f"unknown table '{name}'{did_you_mean(name, schema.table_names)}",
        span,
        hint=f"tables of schema {schema.name}: {', '.join(schema.table_names) or 'none'}",
    )


def _unknown_column(
    ctx: CheckContext, table: Table, name: str, span: Span | None, hint: str | None = None
) -> None:
    literal = _LITERAL_HABITS.get(name.lower())
    if literal is not None and name not in table.column_names:
        ctx.sink.error(
            "TDG111",
            f"table '{table.name}' has no column '{name}' — {literal[0]}",
            span,
            hint=literal[1],
        )
        return
    ctx.sink.error(
        "TDG111",
        f"table '{table.name}' has no column '{name}'{did_you_mean(name, table.column_names)}",
        span,
        hint=hint or f"columns: {', '.join(table.column_names)}",
    )


#: Bare words that read as column names but were meant as values (Python, YAML, SQL).
_LITERAL_HABITS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        ("true", "yes", "on"), ("booleans are written true and false", "write true (lowercase)")
    ),
    **dict.fromkeys(
        ("false", "no", "off"), ("booleans are written true and false", "write false (lowercase)")
    ),
    "none": ("no value is written null", "write null"),
    "nil": ("no value is written null", "write null"),
    "now": ("the current time is the function now()", "write now()"),
    "today": ("the current date is the function today()", "write today()"),
    "current_timestamp": ("the current time is the function now()", "write now()"),
    "current_date": ("the current date is the function today()", "write today()"),
}


def _reference_target(ctx: CheckContext, site: ColumnSite) -> None:
    ref = site.column.reference
    if ref is None or site.setting("references") is None:
        return
    span = site.value_span("references")
    parent = ctx.table_named(site.schema, ref.table)
    if parent is None:
        _unknown_table(ctx, site.schema, ref.table, span)
    elif ref.column not in parent.column_names:
        _unknown_column(ctx, parent, ref.column, span)


def _key(
    ctx: CheckContext, schema: Schema, table: Table, key: ast.KeyDecl | ast.ForeignKeyDecl
) -> None:
    for ident in key.columns:
        if ident.name not in table.column_names:
            _unknown_column(ctx, table, ident.name, ident.span)
    if not isinstance(key, ast.ForeignKeyDecl):
        return
    parent = ctx.table_named(schema, key.table.name)
    if parent is None:
        _unknown_table(ctx, schema, key.table.name, key.table.span)
        return
    for ident in key.targets:
        if ident.name not in parent.column_names:
            _unknown_column(ctx, parent, ident.name, ident.span)


def _expression(ctx: CheckContext, schema: Schema, table: Table, expr: Expr) -> None:
    for node, in_aggregate in walk(expr):
        if isinstance(node, Ref):
            _path(ctx, schema, table, node, in_aggregate)
        elif isinstance(node, Call):
            _call(ctx, node)
            _aggregate_type(ctx, schema, node)
            _argument_types(ctx, schema, table, node)


_ORDERED = frozenset({"=", "!=", "<>", "<", "<=", ">", ">="})
_NUMBERS = frozenset({"integer", "number"})
_COMPARE = _ORDERED | {"and", "or"}


def _condition(
    ctx: CheckContext, schema: Schema, table: Table, expr: Expr, where: str, span: Span | None
) -> None:
    """``when: a`` (a number, not a condition) and ``a = 'x'`` with a number column: the
    engine would fail or never match mid-run; say so while checking."""
    resolve = partial(_kind_at, ctx, schema, table)
    kind = "boolean" if isinstance(expr, Binary) and expr.op in _COMPARE else infer(expr, resolve)
    if kind is not None and kind != "boolean":
        ctx.sink.error(
            "TDG219",
            f"{where} needs a condition, but this is {'an' if kind[0] in 'aeiou' else 'a'} "
            f"{kind} value",
            expr.span or span,
            hint="compare it: a > 1, status = 'paid', d is not null",
        )
        return
    for node, _ in walk(expr):
        if not (isinstance(node, Binary) and node.op in _ORDERED):
            continue
        # Only a quoted literal beside a number is checked: resolving every column of
        # every comparison would cost the 200-table benchmark a few per cent.
        left, right = node.left, node.right
        if isinstance(left, Lit) and isinstance(left.value, str):
            other = right
        elif isinstance(right, Lit) and isinstance(right.value, str):
            other = left
        else:
            continue
        if infer(other, resolve) in _NUMBERS:
            ctx.sink.error(
                "TDG219",
                f"{where} compares a number with text",
                node.span or span,
                hint="compare numbers with numbers (a = 1) and text with text (status = 'paid')",
            )


def _argument_types(ctx: CheckContext, schema: Schema, table: Table, call: Call) -> None:
    """``upper(year(d))``: an argument of the wrong kind fails here, not mid-run."""
    for problem in call_problems(call, partial(_kind_at, ctx, schema, table)):
        ctx.sink.error("TDG218", problem.message, problem.span, hint=problem.hint)


def _kind_at(ctx: CheckContext, schema: Schema, table: Table, ref: Ref) -> str | None:
    found = _column_at(ctx, schema, table, ref.path)
    if found is None or (schema.name, found[0].name, found[1].name) in ctx.index.broken:
        return None  # unknown, or its type already failed: no follow-on error
    return kind_of_type(found[1].type.kind)


def _column_at(
    ctx: CheckContext, schema: Schema, table: Table, path: tuple[str, ...]
) -> tuple[Table, Column] | None:
    """The column a path reads: this row's, a followed parent's, or an aggregated child's."""
    head = path[0]
    if head in table.column_names:
        column = table.column(head)
        if len(path) == 1:
            return table, column
        target = column.reference
        parent = ctx.table_named(schema, target.table) if target is not None else None
    else:
        parent = ctx.table_named(schema, head)
    if parent is None or len(path) != 2 or path[1] not in parent.column_names:
        return None
    return parent, parent.column(path[1])


#: Types ``sum``/``avg`` can add up; ``min``/``max``/``count`` take any type.
_SUMMABLE = frozenset(
    {TypeKind.INTEGER, TypeKind.BIGINT, TypeKind.FLOAT, TypeKind.DECIMAL, TypeKind.BOOLEAN}
)


def _aggregate_type(ctx: CheckContext, schema: Schema, call: Call) -> None:
    """``sum(orders.placed_at)`` has no meaning: say so here, not as a crash mid-run."""
    if call.name not in ("sum", "avg") or len(call.args) != 1:
        return
    arg = call.args[0]
    if not isinstance(arg, Ref) or len(arg.path) != 2:
        return
    child = ctx.table_named(schema, arg.path[0])
    if child is None or arg.path[1] not in child.column_names:
        return
    kind = child.column(arg.path[1]).type.kind
    if kind not in _SUMMABLE:
        ctx.sink.error(
            "TDG211",
            f"{call.name}({arg}) adds up {kind.value} values, which have no sum",
            call.span,
            hint=f"use min({arg}), max({arg}) or count({arg}) for a {kind.value} column",
        )


def _call(ctx: CheckContext, call: Call) -> None:
    info = function_info(call.name)
    if info is None:
        lower = call.name.lower()
        guess = lower if function_info(lower) is not None else suggest_function(call.name)
        ctx.sink.error(
            "TDG107",
            f"unknown function '{call.name}'"
            + (
                f" — did you mean '{guess}'? (function names are lowercase)"
                if guess == lower
                else f" — did you mean '{guess}'?"
                if guess
                else ""
            ),
            call.span,
            hint=listing("functions", FUNCTIONS, limit=len(FUNCTIONS)),
        )
        return
    n = len(call.args) + len(call.kwargs)
    if not info.min_args <= n <= info.max_args:
        want = (
            str(info.min_args)
            if info.min_args == info.max_args
            else f"{info.min_args}..{info.max_args}"
        )
        ctx.sink.error(
            "TDG107",
            f"{call.name}() takes {want} arguments, got {n}",
            call.span,
            hint=signature(info),
        )


def _path(ctx: CheckContext, schema: Schema, table: Table, ref: Ref, in_aggregate: bool) -> None:
    head = ref.path[0]
    if len(ref.path) == 1:
        if head not in table.column_names:
            _unknown_column(ctx, table, head, ref.span, hint=_quote_hint(ctx, ref))
        return
    if head in table.column_names:
        _follow_key(ctx, schema, table, ref)
        return
    child = ctx.table_named(schema, head)
    if child is None:
        _unknown_head(ctx, schema, table, ref, in_aggregate)
    elif not in_aggregate:
        ctx.sink.error(
            "TDG111",
            f"'{ref}' names a column of another table",
            ref.span,
            hint=f"aggregate it over the children, e.g. sum({ref}), or follow a key",
        )
    elif ref.path[1] not in child.column_names:
        _unknown_column(ctx, child, ref.path[1], ref.span)


def _unknown_head(
    ctx: CheckContext, schema: Schema, table: Table, ref: Ref, in_aggregate: bool
) -> None:
    """``a.b`` whose ``a`` is neither a column nor a table: inside an aggregate it names
    a child table (``sum(order_item.price)``), so tables are the near names to offer."""
    head = ref.path[0]
    tables = [t.name for t in schema.tables if t.name != table.name]
    near_table = did_you_mean(head, tables)
    if not (in_aggregate and near_table) and did_you_mean(head, table.column_names):
        _unknown_column(ctx, table, head, ref.span)
        return
    if near_table:
        ctx.sink.error(
            "TDG110",
            f"unknown table '{head}'{near_table}",
            ref.span,
            hint=f"tables of schema {schema.name}: {', '.join(tables)}",
        )
        return
    _unknown_column(ctx, table, head, ref.span)


def _follow_key(ctx: CheckContext, schema: Schema, table: Table, ref: Ref) -> None:
    column = table.column(ref.path[0])
    target = column.reference
    if target is None:
        ctx.sink.error(
            "TDG111",
            f"'{ref}' follows '{column.name}', which is not a foreign key",
            ref.span,
            hint="only a column with references: t.c can be followed with '.'",
        )
        return
    parent = ctx.table_named(schema, target.table)
    if parent is not None and ref.path[1] not in parent.column_names:
        _unknown_column(ctx, parent, ref.path[1], ref.span)
    elif len(ref.path) > 2:
        # ``o_id.c_id.region``: the engine follows one key per path.
        through = ref.path[1]
        ctx.sink.error(
            "TDG111",
            f"'{ref}' follows two keys; a path follows one key to its parent's column",
            ref.span,
            hint=f"add a column to {target.table} such as {ref.path[-1]} "
            f"[compute: {'.'.join(ref.path[1:])}] and read {ref.path[0]}.{ref.path[-1]}"
            if len(ref.path) == 3
            else f"add compute columns along the way, one key each ({through}, …)",
        )


def _quote_hint(ctx: CheckContext, ref: Ref) -> str | None:
    """A ``"vip"`` that was meant as the string ``'vip'`` reads as a column name."""
    span = ref.span
    if span is None:
        return None
    if ctx.text_at(span).startswith('"'):
        return f"strings use single quotes: '{ref.path[0]}'"
    return None
