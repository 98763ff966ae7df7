"""Expressions as text, both ways: parse a config string, print a model node.

Parsing reuses the .tdg grammar (``language/grammar.lark``, entry ``expr``) and
its tree builder, so a check written in a config means exactly what it means
in a .tdg file. Printing emits the fewest parentheses that parse back to the
same tree: operands bind at least as tightly as their operator, and the right
operand of a left-associative operator binds strictly tighter.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from testdatagen.errors import Span
from testdatagen.model.base import Node
from testdatagen.model.expr import Binary, Call, Expr, If, In, IsNull, Lit, Ref, Scalar, Unary

__all__ = ["ExpressionSyntaxError", "literal", "parse_expression", "print_expr", "quote_ident"]
__all__ += ["print_sum", "quote_string", "respan", "scalar_expr"]

_GRAMMAR = Path(__file__).resolve().parent.parent / "grammar.lark"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
KEYWORDS = frozenset(
    [
        "if",
        "then",
        "elif",
        "else",
        "end",
        "and",
        "or",
        "not",
        "is",
        "null",
        "in",
        "true",
        "false",
        "import",
        "as",
        "schema",
        "enum",
        "template",
        "table",
        "check",
        "unique",
        "use",
        "generate",
        "param",
        "rows",
        "output",
        "primary_key",
        "foreign_key",
        "references",
    ]
)

# Binding strength: higher binds tighter. If sits below everything.
_IF, _OR, _AND, _NOT, _CMP, _SUM, _PROD, _ATOM = range(8)
_BINARY_LEVEL = {"or": _OR, "and": _AND, "+": _SUM, "-": _SUM, "*": _PROD, "/": _PROD, "%": _PROD}
_BINARY_LEVEL |= dict.fromkeys(("=", "!=", "<", "<=", ">", ">="), _CMP)


class ExpressionSyntaxError(ValueError):
    """An expression string did not parse; ``column`` counts from 1 within it."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column


@cache
def _parser() -> Any:
    from lark import Lark

    return Lark(
        _GRAMMAR.read_text(encoding="utf-8"),
        parser="lalr",
        start="expr",
        propagate_positions=True,
        maybe_placeholders=True,
    )


def parse_expression(text: str, *, span: Span | None = None) -> Expr:
    """Parse one expression; spans of its nodes point at ``span`` (the config value)."""
    from lark.exceptions import LarkError, UnexpectedInput

    from testdatagen.language.transform import AstBuilder

    try:
        tree = _parser().parse(text)
    except UnexpectedInput as exc:
        column = getattr(exc, "column", None)
        raise ExpressionSyntaxError(
            f"cannot parse expression {text!r} at character {column}", column
        ) from exc
    except LarkError as exc:
        raise ExpressionSyntaxError(f"cannot parse expression {text!r}: {exc}") from exc
    expr: Expr = AstBuilder(span.file if span else None).transform(tree)
    return respan(expr, span) if span is not None else expr


def respan(node: Any, span: Span | None) -> Any:
    """Point every node at the config value: positions inside the string would
    otherwise read as lines of the config file."""
    if isinstance(node, tuple):
        return tuple(respan(item, span) for item in node)
    if isinstance(node, dict):
        return {key: respan(item, span) for key, item in node.items()}
    if not isinstance(node, Node):
        return node
    updates = {name: respan(getattr(node, name), span) for name in type(node).model_fields}
    if "span" in updates:
        updates["span"] = span
    return node.model_copy(update=updates)


def quote_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def quote_ident(name: str) -> str:
    """Plain names stay bare; keywords and anything else get ``"…"``."""
    if _NAME.match(name) and name not in KEYWORDS:
        return name
    return f'"{name}"'


def _number(value: int | float) -> str:
    """Integers as digits; floats by ``repr`` so they re-read as the same float.

    ``1e20`` stays ``1e+20`` (the grammar's NUMBER takes exponents) and ``5.0``
    keeps its point: printing ``100000000000000000000`` or ``5`` would re-read
    as an integer (and overflow a bigint).
    """
    if isinstance(value, int):
        return str(value)
    return repr(value)


def _fixed(value: int | float) -> str:
    """Digits without an exponent (a percentage's NUMBER% does not take one)."""
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(repr(value)), "f")
    return text[:-2] if text.endswith(".0") else text


def literal(value: Scalar) -> str:
    """A scalar as .tdg text; floats re-read as the same float (``1e+20``, ``5.0``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number(value)
    return quote_string(value)


def scalar_expr(value: Scalar) -> Expr:
    """The expression the .tdg reader builds for ``value`` (``-5`` is ``Lit(-5)`` there too)."""
    return Lit(value=value)


def _level(expr: Expr) -> int:
    match expr:
        case If():
            return _IF
        case Binary(op=op):
            return _BINARY_LEVEL[op]
        case Unary(op="not"):
            return _NOT
        case IsNull() | In():
            return _CMP
        case Lit(value=value) if isinstance(value, int | float) and value < 0:
            return _SUM  # printed with a leading minus
    return _ATOM


def _wrap(expr: Expr, minimum: int) -> str:
    text = print_expr(expr)
    return f"({text})" if _level(expr) < minimum else text


def _binary(expr: Binary) -> str:
    level = _BINARY_LEVEL[expr.op]
    if level == _CMP:  # comparisons do not chain
        return f"{_wrap(expr.left, _SUM)} {expr.op} {_wrap(expr.right, _SUM)}"
    return f"{_wrap(expr.left, level)} {expr.op} {_wrap(expr.right, level + 1)}"


def _call(expr: Call) -> str:
    args = [print_expr(a) for a in expr.args]
    args += [f"{k}: {print_expr(v)}" for k, v in expr.kwargs.items()]
    return f"{expr.name}({', '.join(args)})"


def _if(expr: If) -> str:
    parts = []
    for index, (cond, then) in enumerate(expr.branches):
        word = "if" if index == 0 else "elif"
        parts.append(f"{word} {print_expr(cond)} then {print_expr(then)}")
    return " ".join([*parts, f"else {print_expr(expr.otherwise)} end"])


def print_sum(expr: Expr) -> str:
    """``expr`` where the grammar wants a sum (a range bound), parenthesised if looser."""
    return _wrap(expr, _SUM)


def print_expr(expr: Expr) -> str:
    """Canonical text of an expression."""
    match expr:
        case Lit(value=value, unit="percent"):
            return f"{_fixed(value) if isinstance(value, int | float) else literal(value)}%"
        case Lit(value=value):
            return literal(value)
        case Ref(path=path):
            return ".".join(quote_ident(p) for p in path)
        case Call():
            return _call(expr)
        case Unary(op="-", operand=operand):
            return f"-{_wrap(operand, _ATOM)}"
        case Unary(operand=operand):
            return f"not {_wrap(operand, _NOT)}"
        case Binary():
            return _binary(expr)
        case IsNull(operand=operand, negated=negated):
            return f"{_wrap(operand, _SUM)} is {'not ' if negated else ''}null"
        case In(operand=operand, options=options, negated=negated):
            inner = ", ".join(print_expr(o) for o in options)
            return f"{_wrap(operand, _SUM)} {'not ' if negated else ''}in ({inner})"
        case If():
            return _if(expr)
    raise TypeError(f"not an expression: {expr!r}")
