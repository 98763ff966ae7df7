"""A validated config document → the model ``Project`` (one schema, at most one plan).

Passes run in order and record every finding before anything is raised:
enums, tables, then references across tables (which also give untyped
foreign-key columns their target's type), then the generate section.
"""

from __future__ import annotations

from testdatagen.language.checks.exprs import walk
from testdatagen.language.config.codes import TDG701, TDG704, TDG705, TDG708, TDG709
from testdatagen.language.config.context import Context, did_you_mean
from testdatagen.language.config.exprs import scalar_expr
from testdatagen.language.config.lower_table import TableDraft, lower_table
from testdatagen.language.config.positions import Path
from testdatagen.language.config.spec import ConfigDocument
from testdatagen.language.config.spec import OutputSpec as OutputConfig
from testdatagen.model.catalog import LOCALES, OUTPUT_KINDS
from testdatagen.model.expr import Expr, Lit, Ref, Scalar
from testdatagen.model.plan import (
    DEFAULT_LOCALE,
    DEFAULT_SEED,
    GeneratePlan,
    OutputSpec,
    Project,
    parse_now,
)
from testdatagen.model.schema import Column, Enum, EnumMember, Schema, Table

__all__ = ["DEFAULT_PLAN", "lower_document"]

DEFAULT_PLAN = "default"


def _enums(doc: ConfigDocument, ctx: Context) -> dict[str, Enum]:
    enums: dict[str, Enum] = {}
    for index, spec in enumerate(doc.enums):
        path: Path = ("enums", index)
        if spec.name in enums:
            ctx.error(TDG709, f"two enums are named '{spec.name}'", (*path, "name"))
            continue
        weights = spec.weights or [1.0] * len(spec.values)
        if len(weights) != len(spec.values):
            ctx.error(
                TDG705, f"{len(weights)} weights for {len(spec.values)} values", (*path, "weights")
            )
            continue
        members = tuple(
            EnumMember(value=v, weight=w) for v, w in zip(spec.values, weights, strict=True)
        )
        enums[spec.name] = Enum(name=spec.name, members=members, span=ctx.span(path))
    return enums


def _is_key(table: Table, column: str) -> bool:
    col = table.column(column)
    return (
        col.primary_key
        or col.unique
        or (column,) in table.unique_keys
        or table.primary_key == (column,)
    )


def _key_of(path: Path, key: str, ctx: Context) -> Path:
    """The rule's own ``table``/``column`` key when the file has one, so the caret
    lands on the misspelt name rather than on the start of the rule."""
    keyed = (*path, key if path[-1] == "rule" else "references")
    return keyed if ctx.span(keyed) != ctx.span(path) else path


def _resolve_column(
    draft: TableDraft, index: int, tables: dict[str, Table], ctx: Context
) -> Column:
    column = draft.table.columns[index]
    ref = column.reference
    if ref is None:
        return column
    declared = draft.fk_paths.get(column.name)
    path: Path = (*draft.path, "columns", index, "rule") if declared is None else declared
    target = tables.get(ref.table)
    if target is None:
        hint = did_you_mean(ref.table, tables) or f"tables: {', '.join(tables)}"
        ctx.error(
            TDG704,
            f"foreign key to unknown table '{ref.table}'",
            _key_of(path, "table", ctx),
            hint,
        )
        return column
    if ref.column not in target.column_names:
        hint = did_you_mean(ref.column, target.column_names) or (
            f"columns of {ref.table}: {', '.join(target.column_names)}"
        )
        ctx.error(
            TDG704,
            f"foreign key to unknown column '{ref.table}.{ref.column}'",
            _key_of(path, "column", ctx),
            hint,
        )
        return column
    if ref.group is None and not _is_key(target, ref.column):  # groups: the references pass
        ctx.error(
            TDG704,
            f"'{ref.table}.{ref.column}' is not a primary or unique key",
            path,
            f"mark {ref.table}.{ref.column} primary_key or unique",
        )
    if column.name in draft.untyped:
        return column.model_copy(update={"type": target.column(ref.column).type})
    return column


def _references(drafts: list[TableDraft], ctx: Context) -> tuple[Table, ...]:
    """Two rounds so a key that references a key that references a key gets its type."""
    tables = {d.table.name: d.table for d in drafts}
    for _ in range(2):
        silent = Context(ctx.positions, ctx.file, ctx.base_dir)
        for draft in drafts:
            cols = tuple(
                _resolve_column(draft, i, tables, silent) for i in range(len(draft.table.columns))
            )
            tables[draft.table.name] = draft.table = draft.table.model_copy(
                update={"columns": cols}
            )
    for diagnostic in silent.diagnostics:
        ctx.sink.add(diagnostic)
    return tuple(tables.values())


def _value(value: Scalar, ctx: Context, path: Path) -> Expr | None:
    """Row counts and params: numbers are literals, strings are expressions over params."""
    if isinstance(value, str):
        return ctx.expr(value, path, "expression")
    return scalar_expr(value)


def _merged(doc: ConfigDocument, key: str, ctx: Context) -> object:
    top, section = getattr(doc, key), getattr(doc.generate, key, None) if doc.generate else None
    if top not in (None, {}, []) and section not in (None, {}, []):
        ctx.error(TDG708, f"'{key}' is set both at the top and in 'generate'", ("generate", key))
    return section if section not in (None, {}, []) else top


def _where(doc: ConfigDocument, key: str) -> Path:
    """Where a generate setting was written: in the section or at the top."""
    return (
        ("generate",) if doc.generate and getattr(doc.generate, key) not in (None, {}, []) else ()
    )


def _outputs(outputs: list[OutputConfig], ctx: Context, base: Path) -> tuple[OutputSpec, ...]:
    result = []
    for index, out in enumerate(outputs):
        if out.type not in OUTPUT_KINDS:
            hint = did_you_mean(out.type, OUTPUT_KINDS) or f"outputs: {', '.join(OUTPUT_KINDS)}"
            ctx.error(TDG701, f"unknown output type '{out.type}'", (*base, index, "type"), hint)
        else:
            _output_options(out, ctx, (*base, index))
        result.append(
            OutputSpec(
                kind=out.type, options=dict(out.model_extra or {}), span=ctx.span((*base, index))
            )
        )
    return tuple(result)


def _output_options(out: OutputConfig, ctx: Context, path: Path) -> None:
    """A misspelt option would stop the run after planning; report it with the rest."""
    known = OUTPUT_KINDS[out.type].options
    if known is None:
        return
    for name in out.model_extra or {}:
        if name not in known:
            hint = did_you_mean(name, known) or f"{out.type} options: {', '.join(sorted(known))}"
            ctx.error(TDG701, f"output {out.type} has no option '{name}'", (*path, name), hint)


def _plan(doc: ConfigDocument, schema: str, ctx: Context) -> GeneratePlan | None:
    seed, locale = _merged(doc, "seed", ctx), _merged(doc, "locale", ctx)
    now = _merged(doc, "now", ctx)
    params, outputs = _merged(doc, "params", ctx), _merged(doc, "outputs", ctx)
    assert isinstance(params, dict) and isinstance(outputs, list)
    rows = {t.name: t.rows for t in doc.tables if t.rows is not None}
    if (
        doc.generate is None
        and not rows
        and seed is None
        and locale is None
        and now is None
        and not params
        and not outputs
    ):
        return None
    if isinstance(locale, str) and locale not in LOCALES:
        hint = did_you_mean(locale, LOCALES) or f"locales: {', '.join(LOCALES)}"
        ctx.error(TDG701, f"unknown locale '{locale}'", (*_where(doc, "locale"), "locale"), hint)
    if isinstance(now, str) and parse_now(now) is None:
        hint = "e.g. '2025-06-30' or '2025-06-30 12:00:00' (UTC unless an offset is given)"
        ctx.error(
            TDG701,
            f"now: '{now}' is not an ISO date or timestamp",
            (*_where(doc, "now"), "now"),
            hint,
        )
    param_exprs = {
        k: _value(v, ctx, (*_where(doc, "params"), "params", k)) for k, v in params.items()
    }
    index = {t.name: i for i, t in enumerate(doc.tables)}
    row_exprs = {k: _value(v, ctx, ("tables", index[k], "rows")) for k, v in rows.items()}
    for name, expr in row_exprs.items():
        if isinstance(expr, Lit) and isinstance(expr.value, int) and expr.value < 0:
            ctx.error(
                TDG701, f"rows of '{name}' must not be negative", ("tables", index[name], "rows")
            )
        for ref in _unknown_params(expr, params):
            ctx.error(
                TDG701,
                f"rows of '{name}' names '{ref}', which is not a param",
                ("tables", index[name], "rows"),
                "rows is a whole number (rows: 1000) or an expression over params "
                "(params: {scale: 1} and rows: '1000 * scale')",
            )
    return GeneratePlan(
        name=(doc.generate.name if doc.generate else None) or DEFAULT_PLAN,
        schema_name=schema,
        seed=seed if isinstance(seed, int) else DEFAULT_SEED,
        locale=locale if isinstance(locale, str) else DEFAULT_LOCALE,
        now=now if isinstance(now, str) and parse_now(now) is not None else None,
        params={k: v for k, v in param_exprs.items() if v is not None},
        rows={k: v for k, v in row_exprs.items() if v is not None},
        outputs=_outputs(outputs, ctx, (*_where(doc, "outputs"), "outputs")),
    )


def _unknown_params(expr: Expr | None, params: dict[str, object]) -> list[str]:
    """Names in a row count that no param declares (``rows: many`` reads as a name)."""
    if expr is None:
        return []
    found = [str(node) for node, _ in walk(expr) if isinstance(node, Ref)]
    return [name for name in found if name not in params]


def lower_document(doc: ConfigDocument, ctx: Context) -> Project:
    """The model; findings land in ``ctx`` (the caller raises if any is an error)."""
    enums = _enums(doc, ctx)
    drafts: list[TableDraft] = []
    seen: set[str] = set()
    for index, spec in enumerate(doc.tables):
        if spec.name in seen:
            ctx.error(TDG709, f"two tables are named '{spec.name}'", ("tables", index, "name"))
            continue
        seen.add(spec.name)
        drafts.append(lower_table(spec, enums, ctx, ("tables", index)))
    schema = Schema(name=doc.schema_, tables=_references(drafts, ctx), enums=tuple(enums.values()))
    plan = _plan(doc, doc.schema_, ctx)
    return Project(schemas=(schema,), plans=(plan,) if plan else (), source=ctx.file)
