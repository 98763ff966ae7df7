"""A ``generate`` block → ``model.GeneratePlan`` (checked further by checks/generate.py)."""

from __future__ import annotations

from testdatagen.errors import DiagnosticSink
from testdatagen.language import ast
from testdatagen.language.lower_values import number_of
from testdatagen.language.suggest import did_you_mean
from testdatagen.model import GeneratePlan, Lit, OutputSpec, Ref
from testdatagen.model.expr import Scalar
from testdatagen.model.plan import DEFAULT_LOCALE, DEFAULT_SEED, parse_now

__all__ = ["GENERATE_KEYS", "lower_plan", "plain_scalar"]

GENERATE_KEYS = ("schema", "seed", "locale", "now")


def plain_scalar(value: object) -> tuple[bool, Scalar]:
    """``(ok, value)``: literals, numbers and bare names (as strings) are plain."""
    n = number_of(value)
    if n is not None:
        if isinstance(value, Lit) and value.unit == "percent":
            return True, n / 100
        return True, n
    if isinstance(value, Lit):
        return True, value.value
    if isinstance(value, Ref) and len(value.path) == 1:
        return True, value.path[0]
    return False, None


def lower_plan(decl: ast.GenerateDecl, sink: DiagnosticSink) -> GeneratePlan:
    schema, seed, locale = "", DEFAULT_SEED, DEFAULT_LOCALE
    now: str | None = None
    for kv in decl.settings:
        _, value = plain_scalar(kv.value)
        if kv.name == "schema" and isinstance(value, str):
            schema = value
        elif kv.name == "seed" and isinstance(value, int) and not isinstance(value, bool):
            seed = value
        elif kv.name == "locale" and isinstance(value, str):
            locale = value
        elif kv.name == "now" and isinstance(value, str) and parse_now(value) is not None:
            now = value
        elif kv.name in GENERATE_KEYS:
            sink.error("TDG423", f"bad value for {kv.name}", kv.span, hint=_HINTS[kv.name])
        else:
            sink.error(
                "TDG115",
                f"unknown generate option '{kv.name}'{did_you_mean(kv.name, GENERATE_KEYS)}",
                kv.name_span,
                hint=f"if it is a row count, move it into rows {{ {kv.name}: … }}; generate blocks "
                "take schema:, seed:, locale:, now:, param, rows { } and output"
                if not did_you_mean(kv.name, GENERATE_KEYS)
                else "generate blocks take schema:, seed:, locale:, now:, param, rows { } and output",
            )
    if not any(kv.name == "schema" for kv in decl.settings):
        sink.error(
            "TDG422",
            f"generate {decl.name.name} does not name a schema",
            decl.name.span,
            hint="add schema: NAME",
        )
    return GeneratePlan(
        name=decl.name.name,
        schema_name=schema,
        seed=seed,
        locale=locale,
        now=now,
        params={p.name: p.expr for p in decl.params},
        rows={r.table.name: r.expr for r in decl.rows},
        outputs=tuple(_output(o, sink) for o in decl.outputs),
        span=decl.span,
    )


_HINTS = {
    "schema": "name a schema: schema: Shop",
    "seed": "seed is a whole number: seed: 42",
    "locale": "locale is a string: locale: 'de_DE'",
    "now": "now is an ISO date or timestamp (UTC unless an offset is given): now: '2025-06-30 12:00:00'",
}


def _output(decl: ast.OutputDecl, sink: DiagnosticSink) -> OutputSpec:
    options: dict[str, Scalar] = {}
    for kv in decl.options:
        ok, value = plain_scalar(kv.value)
        if not ok:
            sink.error(
                "TDG206",
                f"output option '{kv.name}' needs a plain value",
                kv.span,
                hint="use a string, number, true/false or a name",
            )
            continue
        options[kv.name] = value
    return OutputSpec(kind=decl.kind, options=options, span=decl.span)
