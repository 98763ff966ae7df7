"""The expression half of the fast parser, and the token helpers both halves use.

See ``fastparse`` for the contract: build exactly lark's AST (spans included)
or raise ``FastPathMiss``. Precedence climbing mirrors the grammar's rules
``expr > or_ > and_ > not_ > cmp > sum > prod > atom`` one method each, so
each node gets the span lark's tree gives it.
"""

from __future__ import annotations

from typing import Any

from testdatagen.errors import Span
from testdatagen.language import ast
from testdatagen.language.fastlex import CMP, FastPathMiss, Tokens, make_span
from testdatagen.language.transform import negate, unquote
from testdatagen.model.expr import Binary, Call, Expr, If, In, IsNull, Lit, Ref, Unary

__all__ = ["AFTER_EXPR", "EXPR_START", "NOT_NAMES", "ExprParser"]

#: Words lark reads as keywords at the start of an expression.
EXPR_START = frozenset({"true", "false", "null", "not", "if"})
#: Words that can never start a path here (lark may read them as keywords).
NOT_NAMES = EXPR_START | frozenset({"then", "elif", "else", "end", "and", "or", "is", "in"})
#: Keywords in the lookahead after an expression (LALR merges the contexts):
#: a name right after an expression must not be one of them.
AFTER_EXPR = frozenset(
    {"check", "unique", "primary_key", "foreign_key", "use", "param", "rows", "output",
     "then", "elif", "else", "end", "and", "or", "is", "in", "not"}
)  # fmt: skip
#: Token kinds that end in a reduce state with merged lookahead (names, literals).
_MERGED = frozenset({"N", "Q", "S", "D", "P"})


def _number(text: str) -> int | float:
    # A NUMBER token is digits with an optional fraction and exponent.
    return int(text) if text.isdigit() else float(text)


class ExprParser:
    """Token cursor, name rules and expressions; ``fastparse._Parser`` adds declarations."""

    def __init__(self, toks: Tokens) -> None:
        self.t = toks
        self.k = toks.kinds
        self.v = toks.values
        self.i = 0
        #: Name tokens after which lark's state is not merged (a column's type).
        self.plain: set[int] = set()

    # -- helpers -------------------------------------------------------------
    def miss(self) -> FastPathMiss:
        return FastPathMiss(f"token {self.i}")

    def expect(self, kind: str) -> int:
        i = self.i
        if self.k[i] != kind:
            raise self.miss()
        self.i = i + 1
        return i

    def word(self, value: str) -> bool:
        """Consume the keyword ``value`` if it is next."""
        if self.k[self.i] == "N" and self.v[self.i] == value:
            self.i += 1
            return True
        return False

    def keyword(self, value: str) -> None:
        if not self.word(value):
            raise self.miss()

    def name(self) -> int:
        i = self.expect("N")
        self.check_name(i)
        return i

    def ident(self, banned: frozenset[str] = frozenset(), in_path: bool = False) -> ast.Ident:
        i = self.i
        kind = self.k[i]
        if kind == "N":
            if self.v[i] in banned or not in_path:
                self.check_name(i)
                if self.v[i] in banned:
                    raise self.miss()
            ident = ast.Ident(self.v[i], self.t.span(i, i))
        elif kind == "Q":
            ident = ast.Ident(self.v[i][1:-1], self.t.span(i, i), quoted=True)
        else:
            raise self.miss()
        self.i = i + 1
        return ident

    def check_name(self, i: int) -> None:
        """Lark's state after a name or literal merges every context one appears in,
        so there a following word of ``AFTER_EXPR`` is read as a keyword, never a
        name: reading it as a name here would accept what lark rejects."""
        if self.v[i] in AFTER_EXPR and self.k[i - 1] in _MERGED and i - 1 not in self.plain:
            raise self.miss()

    def span(self, first: int) -> Span:
        return self.t.span(first, self.i - 1)

    # -- expressions ---------------------------------------------------------
    def expr(self) -> Expr:
        if self.k[self.i] == "N" and self.v[self.i] == "if":
            return self.if_()
        return self.or_()

    def expr_rest(self, first: int, left: Expr) -> Expr:
        """Continue an expression whose first operand (a sum) is already parsed."""
        left = self.cmp_rest(first, left)
        left = self.fold_rest(first, left, "and", self.not_)
        return self.fold_rest(first, left, "or", self.and_)

    def if_(self) -> If:
        first = self.i
        self.keyword("if")
        branches = [self.branch()]
        while self.word("elif"):
            branches.append(self.branch())
        self.keyword("else")
        otherwise = self.expr()
        self.keyword("end")
        return If(branches=tuple(branches), otherwise=otherwise, span=self.span(first))

    def branch(self) -> tuple[Expr, Expr]:
        cond = self.expr()
        self.keyword("then")
        return cond, self.expr()

    def or_(self) -> Expr:
        first = self.i
        return self.fold_rest(first, self.and_(), "or", self.and_)

    def and_(self) -> Expr:
        first = self.i
        return self.fold_rest(first, self.not_(), "and", self.not_)

    def fold_rest(self, first: int, left: Expr, op: str, operand: Any) -> Expr:
        if not (self.k[self.i] == "N" and self.v[self.i] == op):
            return left
        kids = [left]
        while self.word(op):
            kids.append(operand())
        span = self.span(first)
        result = kids[0]
        for k in kids[1:]:
            result = Binary(op=op, left=result, right=k, span=span)
        return result

    def not_(self) -> Expr:
        first = self.i
        if self.word("not"):
            operand = self.not_()
            return Unary(op="not", operand=operand, span=self.span(first))
        return self.cmp_rest(first, self.sum())

    def cmp_rest(self, first: int, left: Expr) -> Expr:
        kind = self.k[self.i]
        if kind in CMP:
            op = "!=" if kind == "<>" else kind
            self.i += 1
            right = self.sum()
            return Binary(op=op, left=left, right=right, span=self.span(first))
        if kind != "N":
            return left
        word = self.v[self.i]
        if word == "is":
            self.i += 1
            negated = self.word("not")
            self.keyword("null")
            return IsNull(operand=left, negated=negated, span=self.span(first))
        if word == "not" or word == "in":
            negated = self.word("not")
            self.keyword("in")
            return self.in_list(first, left, negated)
        return left

    def in_list(self, first: int, left: Expr, negated: bool) -> In:
        self.expect("(")
        options = [self.expr()]
        while self.k[self.i] == ",":
            self.i += 1
            options.append(self.expr())
        self.expect(")")
        return In(operand=left, options=tuple(options), negated=negated, span=self.span(first))

    def sum(self) -> Expr:
        left = self.prod()
        while self.k[self.i] in ("+", "-"):
            op = self.k[self.i]
            self.i += 1
            left = self.chain(op, left, self.prod())
        return left

    def prod(self) -> Expr:
        left = self.atom()
        while self.k[self.i] in ("*", "/", "%"):
            op = self.k[self.i]
            self.i += 1
            left = self.chain(op, left, self.atom())
        return left

    def chain(self, op: str, left: Expr, right: Expr) -> Binary:
        a, b = left.span, right.span
        assert a is not None and b is not None
        span = make_span(a.file, a.line, a.column, b.end_line, b.end_column)
        return Binary(op=op, left=left, right=right, span=span)

    def atom(self) -> Expr:
        i = self.i
        kind = self.k[i]
        if kind == "N":
            word = self.v[i]
            if word in NOT_NAMES:
                literal = self.literal()
                if literal is None:
                    raise self.miss()
                return literal
            if self.k[i + 1] == "(":
                return self.call()
            return self.path()
        if kind == "Q":
            return self.path()
        if kind == "(":
            self.i += 1
            inner = self.expr()
            self.expect(")")
            return inner
        if kind == "-":
            self.i += 1
            operand = self.atom()
            return negate(operand, self.span(i))
        literal = self.literal()
        if literal is None:
            raise self.miss()
        return literal

    def literal(self) -> Lit | None:
        i = self.i
        kind, text = self.k[i], self.v[i]
        if kind == "S":
            value: Any = unquote(text)
            unit = None
        elif kind == "D":
            value, unit = _number(text), None
        elif kind == "P":
            value, unit = _number(text[:-1]), "percent"
        elif kind == "N" and text in _LITERALS:
            value, unit = _LITERALS[text], None
        else:
            return None
        self.i = i + 1
        span = self.t.span(i, i)
        if unit is None:
            return Lit(value=value, span=span)
        return Lit(value=value, unit=unit, span=span)

    def call(self) -> Call:
        first = self.i
        self.i += 1
        args = self.call_args()
        pos = tuple(a for a in args if not isinstance(a, tuple))
        named: dict[str, Expr] = dict(a for a in args if isinstance(a, tuple))
        return Call(name=self.v[first], args=pos, kwargs=named, span=self.span(first))

    def call_args(self) -> list[Any]:
        self.expect("(")
        if self.k[self.i] == ")":
            self.i += 1
            return []
        args = [self.arg()]
        while self.k[self.i] == ",":
            self.i += 1
            args.append(self.arg())
        self.expect(")")
        return args

    def arg(self) -> Any:
        i = self.i
        if self.k[i] == "N" and self.k[i + 1] == ":" and self.v[i] not in EXPR_START:
            self.i = i + 2
            return (self.v[i], self.expr())
        return self.expr()

    def path(self) -> Ref:
        first = self.i
        names = [self.ident(in_path=True).name]
        while self.k[self.i] == ".":
            self.i += 1
            names.append(self.ident(in_path=True).name)
        return Ref(path=tuple(names), span=self.span(first))


_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}
