"""Print expressions, values and settings back as canonical ``.tdg`` text.

Expressions are printed by ``config.exprs.print_expr`` (one printer for the
formatter and the model → .tdg printer): parentheses come from operator
precedence and numbers never use exponents, so the text parses back to the
same tree (property tests hold this).
"""

from __future__ import annotations

import re

from testdatagen.language import ast
from testdatagen.language.config.exprs import literal, print_expr, print_sum
from testdatagen.model.expr import Expr

__all__ = ["KEYWORDS", "expr_text", "ident_text", "setting_text", "value_text"]

KEYWORDS = frozenset(
    {
        "import", "as", "schema", "enum", "template", "table", "check", "unique", "primary_key",
        "foreign_key", "references", "use", "generate", "param", "rows", "output", "if", "then",
        "elif", "else", "end", "or", "and", "not", "is", "in", "null", "true", "false",
    }
)  # fmt: skip
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def ident_text(name: str) -> str:
    """A name, ``"quoted"`` when it is not a plain name or would read as a keyword."""
    return name if _NAME.match(name) and name not in KEYWORDS else f'"{name}"'


def _weight_text(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e16 else literal(value)


def expr_text(e: Expr) -> str:
    """Canonical text of an expression: the one printer, shared with the config form."""
    return print_expr(e)


def value_text(v: ast.Value) -> str:
    if isinstance(v, ast.RangeValue):
        return f"{print_sum(v.low)}..{print_sum(v.high)}"
    if isinstance(v, ast.WeightsValue):
        items = [
            f"{expr_text(w.value)}: {_weight_text(w.weight)}{'%' if w.percent else ''}"
            for w in v.items
        ]
        return "{" + ", ".join(items) + "}"
    return expr_text(v)


def setting_text(s: ast.Setting) -> str:
    if s.call:
        parts = [expr_text(a) for a in s.args] + [f"{k}: {expr_text(v)}" for k, v in s.kwargs]
        return f"{s.name}({', '.join(parts)})"
    if s.value is None:
        return s.name
    return f"{s.name}: {value_text(s.value)}"


def settings_text(settings: tuple[ast.Setting, ...]) -> str:
    return "[" + ", ".join(setting_text(s) for s in settings) + "]" if settings else ""
