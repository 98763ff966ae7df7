"""SQL expression text (CHECK constraints, column defaults) → model ``Expr``.

Databases hand CHECKs back in their own spelling: PostgreSQL rewrites
``seg IN ('a','b')`` as ``seg::text = ANY (ARRAY['a'::varchar, …]::text[])``
and ``BETWEEN`` as two comparisons; MySQL quotes names with backticks. We
parse with sqlglot in the source dialect and translate the tree by node
class through a dispatch table. Casts are dropped (the model's types
already say what a value is). Anything outside the language — functions,
regex matches, subqueries — raises ``Untranslatable`` and the caller keeps
the SQL as a comment instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import sqlglot
from sqlglot import exp

from testdatagen.model.expr import (
    Binary,
    BinaryOp,
    Call,
    Expr,
    In,
    IsNull,
    Lit,
    Ref,
    Scalar,
    Unary,
)

__all__ = ["Untranslatable", "one_of", "parse_literal", "regex_match", "translate_sql"]

_DIALECTS = {"postgresql": "postgres", "mysql": "mysql", "sqlite": "sqlite"}


class Untranslatable(Exception):
    """The SQL uses something the model's expressions cannot say."""


def translate_sql(sql: str, dialect: str, columns: frozenset[str]) -> Expr:
    """Translate ``sql`` whose column references must all be in ``columns``."""
    try:
        tree = sqlglot.parse_one(sql, read=_DIALECTS.get(dialect, dialect))
    except sqlglot.errors.SqlglotError as exc:
        raise Untranslatable(f"cannot parse: {exc}") from None
    return _Translator(columns).expr(tree)


def regex_match(sql: str, dialect: str) -> tuple[str, str] | None:
    """``col ~ '^[A-Z]{3}$'`` / ``col REGEXP '…'`` / ``col ~* '…'`` → (column, regex).

    A value that matches the whole regex also matches wherever it is searched, so a
    pattern made of it satisfies the check. Negated matches give None.
    """
    try:
        tree = sqlglot.parse_one(sql, read=_DIALECTS.get(dialect, dialect))
    except sqlglot.errors.SqlglotError:
        return None
    tree = _unwrapped(tree)
    like = isinstance(tree, exp.Like | exp.ILike)
    glob = isinstance(tree, exp.Glob)
    if not (like or glob or isinstance(tree, exp.RegexpLike | exp.RegexpILike)):
        return None
    column, regex = _unwrapped(tree.this), _unwrapped(tree.expression)
    if not isinstance(column, exp.Column) or not isinstance(regex, exp.Literal):
        return None
    if not regex.is_string or tree.args.get("escape") is not None:
        return None
    if like:
        return column.name, like_regex(str(regex.this), backslash=dialect != "sqlite")
    if glob:
        return column.name, glob_regex(str(regex.this))
    return column.name, regex.this


def glob_regex(pattern: str) -> str:
    """SQLite's ``GLOB`` as an anchored regex: ``*`` any run, ``?`` one character (both
    lower-case letters and digits), ``[…]`` a class as written (``[^…]`` negated)."""
    out, i = ["^"], 0
    while i < len(pattern):
        ch = pattern[i]
        end = pattern.find("]", i + 2) if ch == "[" else -1
        if ch == "*":
            out.append("[a-z0-9]*")
        elif ch == "?":
            out.append("[a-z0-9]")
        elif end > 0:
            inner = pattern[i + 1 : end]
            negated = inner.startswith("^")
            body = inner[1:] if negated else inner
            out.append("[" + ("^" if negated else "") + body.replace("\\", "\\\\") + "]")
            i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out) + "$"


def like_regex(pattern: str, *, backslash: bool) -> str:
    """A LIKE pattern as an anchored regex: ``%`` any run, ``_`` one character (both
    made of lower-case letters and digits); ``backslash`` escapes the next character."""
    out, escaped = ["^"], False
    for ch in pattern:
        if escaped:
            out.append(re.escape(ch))
            escaped = False
        elif ch == "\\" and backslash:
            escaped = True
        elif ch == "%":
            out.append("[a-z0-9]*")
        elif ch == "_":
            out.append("[a-z0-9]")
        else:
            out.append(re.escape(ch))
    return "".join(out) + "$"


def one_of(sql: str, dialect: str) -> tuple[tuple[str, ...], bool] | None:
    """``num_nonnulls(a, b) = 1`` → ((a, b), True); ``… <= 1`` → ((a, b), False): at most
    one of the columns holds a value (exactly one when True)."""
    try:
        tree = _unwrapped(sqlglot.parse_one(sql, read=_DIALECTS.get(dialect, dialect)))
    except sqlglot.errors.SqlglotError:
        return None
    if not isinstance(tree, exp.EQ | exp.LTE):
        return None
    call, limit = _unwrapped(tree.this), _unwrapped(tree.expression)
    if not (isinstance(call, exp.Anonymous) and call.name.upper() == "NUM_NONNULLS"):
        return None
    if not (isinstance(limit, exp.Literal) and limit.this == "1"):
        return None
    args = [_unwrapped(a) for a in call.expressions]
    if len(args) < 2 or not all(isinstance(a, exp.Column) for a in args):
        return None
    return tuple(a.name for a in args), isinstance(tree, exp.EQ)


def _unwrapped(node: exp.Expression) -> exp.Expression:
    while isinstance(node, exp.Paren | exp.Cast):
        node = node.this
    return node


def parse_literal(sql: str, dialect: str) -> Scalar:
    """A server default that is a plain literal (casts allowed); else ``Untranslatable``."""
    expr = translate_sql(sql, dialect, frozenset())
    if isinstance(expr, Lit):
        return expr.value
    raise Untranslatable("not a literal")


_COMPARE: dict[type[exp.Expression], BinaryOp] = {
    exp.EQ: "=",
    exp.NEQ: "!=",
    exp.GT: ">",
    exp.GTE: ">=",
    exp.LT: "<",
    exp.LTE: "<=",
    exp.Add: "+",
    exp.Sub: "-",
    exp.Mul: "*",
    exp.Div: "/",
    exp.Mod: "%",
    exp.And: "and",
    exp.Or: "or",
}


def _quantifier(node: exp.Expression) -> tuple[str, exp.Expression] | None:
    """``ANY (…)``/``ALL (…)`` as (word, operand); sqlglot reads ``ALL`` as a function call."""
    if isinstance(node, exp.Any | exp.All):
        return ("ANY" if isinstance(node, exp.Any) else "ALL"), node.this
    word = node.name.upper() if isinstance(node, exp.Anonymous) else ""
    if word in ("ANY", "ALL") and len(node.expressions) == 1:
        return word, node.expressions[0]
    return None


def _joined(op: BinaryOp, parts: list[IsNull]) -> Expr:
    out: Expr = parts[0]
    for part in parts[1:]:
        out = Binary(op=op, left=out, right=part)
    return out


def _number(text: str) -> int | float:
    try:
        return int(text.strip())
    except ValueError:
        pass
    try:
        return float(text.strip())
    except ValueError:
        raise Untranslatable(f"'{text}' is not a number") from None


class _Translator:
    """One translation; ``columns`` limits which names a reference may use."""

    def __init__(self, columns: frozenset[str]) -> None:
        self.columns = columns
        self.handlers: dict[type[exp.Expression], Callable[[exp.Expression], Expr]] = {
            exp.Paren: lambda e: self.expr(e.this),
            exp.Cast: self._cast,
            exp.Column: self._column,
            exp.Literal: self._literal,
            exp.Boolean: lambda e: Lit(value=bool(e.this)),
            exp.Null: lambda e: Lit(value=None),
            exp.Not: self._not,
            exp.Neg: self._neg,
            exp.Is: self._is,
            exp.In: self._in,
            exp.Between: self._between,
            # Functions the language has too (``char_length`` is read as Length).
            exp.Length: lambda e: self._call("length", e),
            exp.Lower: lambda e: self._call("lower", e),
            exp.Upper: lambda e: self._call("upper", e),
            exp.Abs: lambda e: self._call("abs", e),
            exp.CurrentTimestamp: lambda e: Call(name="now"),
            exp.CurrentDate: lambda e: Call(name="today"),
        }

    def expr(self, node: exp.Expression) -> Expr:
        op = _COMPARE.get(type(node))
        if op is not None:
            return self._binary(node, op)
        handler = self.handlers.get(type(node))
        if handler is None:
            raise Untranslatable(f"{node.key} is not supported: {node.sql()}")
        return handler(node)

    def _binary(self, node: exp.Expression, op: BinaryOp) -> Expr:
        right = node.expression
        counted = self._null_count(node.this, right, op)
        if counted is not None:
            return counted
        quantified = _quantifier(right)
        if quantified is not None:
            return self._any_all(node.this, *quantified, op)
        return Binary(op=op, left=self.expr(node.this), right=self.expr(right))

    def _null_count(self, left: exp.Expression, right: exp.Expression, op: BinaryOp) -> Expr | None:
        """``num_nonnulls(a, b) = 1`` (exactly one of a polymorphic pair), ``num_nulls(…) = 0``,
        ``num_nonnulls(…) >= 1``: said with IS NULL, which the language has."""
        name = left.name.upper() if isinstance(left, exp.Anonymous) else ""
        if name not in ("NUM_NONNULLS", "NUM_NULLS") or not isinstance(right, exp.Literal):
            return None
        args = [self.expr(a) for a in left.expressions]
        n = _number(str(right.this))
        if name == "NUM_NULLS":  # k NULLs of len(args) is len(args) - k values
            op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)  # type: ignore[assignment]
            n = len(args) - n
        present = [IsNull(operand=a, negated=True) for a in args]
        absent = [IsNull(operand=a) for a in args]
        if (op, n) in ((">=", 1), (">", 0)):
            return _joined("or", present)
        if (op, n) == ("=", len(args)) or (op, n) == (">=", len(args)):
            return _joined("and", present)
        if (op, n) in (("=", 0), ("<", 1), ("<=", 0)):
            return _joined("and", absent)
        if len(args) == 2 and (op, n) in (("<=", 1), ("<", 2)):
            return _joined("or", absent)
        if len(args) == 2 and (op, n) == ("=", 1):
            return Binary(op="and", left=_joined("or", absent), right=_joined("or", present))
        raise Untranslatable(f"{name.lower()}(…) {op} {n} is not supported")

    def _any_all(
        self, left: exp.Expression, which: str, array: exp.Expression, op: BinaryOp
    ) -> Expr:
        """PostgreSQL's spelling of IN / NOT IN: ``x = ANY (ARRAY[…])``, ``x <> ALL (…)``."""
        while isinstance(array, exp.Paren | exp.Cast):
            array = array.this
        if not isinstance(array, exp.Array):
            raise Untranslatable(f"{array.sql()} is not a list")
        options = tuple(self.expr(e) for e in array.expressions)
        if which == "ANY" and op == "=":
            return In(operand=self.expr(left), options=options)
        if which == "ALL" and op == "!=":
            return In(operand=self.expr(left), options=options, negated=True)
        raise Untranslatable(f"{op} {which} is not supported")

    def _call(self, name: str, node: exp.Expression) -> Expr:
        return Call(name=name, args=(self.expr(node.this),))

    def _cast(self, node: exp.Expression) -> Expr:
        """Casts are dropped; ``'-1000'::integer`` (PostgreSQL's negative numbers) is a number."""
        inner = self.expr(node.this)
        to = node.args.get("to")
        numeric = isinstance(to, exp.DataType) and to.is_type(*exp.DataType.NUMERIC_TYPES)
        if numeric and isinstance(inner, Lit) and isinstance(inner.value, str):
            return Lit(value=_number(inner.value))
        return inner

    def _column(self, node: exp.Expression) -> Expr:
        name = node.name  # a table qualifier inside a CHECK names the same table
        if name not in self.columns:
            raise Untranslatable(f"'{name}' is not a column here")
        return Ref(path=(name,))

    def _literal(self, node: exp.Expression) -> Expr:
        text = str(node.this)
        if node.is_string:
            return Lit(value=text)
        try:
            return Lit(value=int(text))
        except ValueError:
            return Lit(value=float(text))

    def _neg(self, node: exp.Expression) -> Expr:
        """``-1`` is a negative literal (as the model prints it), ``-a`` a negation."""
        inner = self.expr(node.this)
        value = inner.value if isinstance(inner, Lit) else None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return Lit(value=-value)
        return Unary(op="-", operand=inner)

    def _not(self, node: exp.Expression) -> Expr:
        inner = node.this
        while isinstance(inner, exp.Paren):
            inner = inner.this
        if isinstance(inner, exp.Is | exp.In):
            translated = self.expr(inner)
            assert isinstance(translated, IsNull | In)
            return translated.model_copy(update={"negated": not translated.negated})
        return Unary(op="not", operand=self.expr(inner))

    def _is(self, node: exp.Expression) -> Expr:
        if not isinstance(node.expression, exp.Null):
            raise Untranslatable(f"{node.sql()} is not supported")
        return IsNull(operand=self.expr(node.this))

    def _in(self, node: exp.Expression) -> Expr:
        if node.args.get("query") or node.args.get("unnest") or node.args.get("field"):
            raise Untranslatable("IN with a subquery is not supported")
        options = tuple(self.expr(e) for e in node.expressions)
        return In(operand=self.expr(node.this), options=options)

    def _between(self, node: exp.Expression) -> Expr:
        operand = self.expr(node.this)
        low = Binary(op=">=", left=operand, right=self.expr(node.args["low"]))
        high = Binary(op="<=", left=operand, right=self.expr(node.args["high"]))
        return Binary(op="and", left=low, right=high)
