"""Lark parse tree → typed AST (``language.ast``), spans attached on the way."""

from __future__ import annotations

from typing import Any

from lark import Token, Tree

from testdatagen.errors import Span
from testdatagen.language import ast
from testdatagen.model.expr import Binary, Call, Expr, If, In, IsNull, Lit, Ref, Unary

__all__ = ["AstBuilder", "negate", "unquote"]

_Kids = list[Any]


def unquote(text: str) -> str:
    """``'it''s'`` → ``it's``: SQL quoting, no backslash escapes (regexes read naturally)."""
    return text[1:-1].replace("''", "'")


def negate(operand: Expr, span: Span) -> Expr:
    """``-x``; a number literal folds into a negative literal (``-5`` is ``Lit(-5)``), so
    a model with negative numbers prints and reads back unchanged."""
    if isinstance(operand, Lit) and type(operand.value) in (int, float):
        value = operand.value
        assert isinstance(value, int | float)
        negative = 0 - value  # never -0.0, which would print as "-0"
        if operand.unit is None:
            return Lit(value=negative, span=span)
        return Lit(value=negative, unit=operand.unit, span=span)
    return Unary(op="-", operand=operand, span=span)


def _number(text: str) -> int | float:
    if any(c in text for c in ".eE"):
        return float(text)
    return int(text)


#: Terminals that carry meaning; the parser keeps every token (for exact spans
#: without lark's slower position propagation) and the builder drops the rest.
_MEANINGFUL = frozenset(
    {"NAME", "STRING", "NUMBER", "PERCENT", "QUOTED_IDENT", "CMP", "ADD", "MUL", "NOT"}
)


class AstBuilder:
    """Builds AST nodes bottom-up; one method per grammar rule, found by name."""

    def __init__(self, filename: str | None) -> None:
        self.filename = filename
        self._rules: dict[str, Any] = {}

    def transform(self, tree: Tree[Token]) -> Any:
        return self._build(tree)[0]

    def _build(self, node: Tree[Token]) -> tuple[Any, Token | None, Token | None]:
        """The node's value and its first and last tokens (its span, found in one pass)."""
        kids: _Kids = []
        first: Token | None = None
        last: Token | None = None
        for child in node.children:
            if isinstance(child, Tree):
                value, head, tail = self._build(child)
                kids.append(value)
            elif isinstance(child, Token):
                head = tail = child
                if child.type in _MEANINGFUL:
                    kids.append(child)
            else:  # a placeholder for an absent [optional] part
                kids.append(None)
                continue
            if head is not None:
                first = first or head
                last = tail
        handler = self._rules.get(node.data)
        if handler is None:
            handler = self._rules[node.data] = getattr(self, node.data)
        return handler(self._span(first, last), kids), first, last

    # -- spans ---------------------------------------------------------------
    def _span(self, first: Token | None, last: Token | None) -> Span:
        if first is None or last is None:
            return Span(self.filename, 1, 1)
        return Span(
            self.filename, first.line or 1, first.column or 1, last.end_line, last.end_column
        )

    def atom(self, span: Span, kids: _Kids) -> Any:
        """``( expr )`` keeps its parentheses as tokens: the value is the inner node."""
        return kids[0]

    def tok_span(self, tok: Token) -> Span:
        return Span(self.filename, tok.line or 1, tok.column or 1, tok.end_line, tok.end_column)

    def _join(self, a: Span, b: Span) -> Span:
        return Span(self.filename, a.line, a.column, b.end_line, b.end_column)

    def _expr_span(self, e: Any) -> Span:
        s = getattr(e, "span", None)
        return s if isinstance(s, Span) else Span(self.filename, 1, 1)

    # -- top level -----------------------------------------------------------
    def start(self, span: Span, kids: _Kids) -> tuple[Any, ...]:
        return tuple(kids)

    def import_(self, span: Span, kids: _Kids) -> ast.ImportDecl:
        alias = str(kids[1]) if len(kids) > 1 else None
        return ast.ImportDecl(unquote(str(kids[0])), alias, span)

    def schema(self, span: Span, kids: _Kids) -> ast.SchemaDecl:
        return ast.SchemaDecl(kids[0], tuple(kids[1:]), span)

    def schema_item(self, span: Span, kids: _Kids) -> Any:
        return kids[0]

    def enum(self, span: Span, kids: _Kids) -> ast.EnumDecl:
        return ast.EnumDecl(kids[0], tuple(kids[1:]), span)

    def member(self, span: Span, kids: _Kids) -> ast.MemberDecl:
        head = kids[0]
        settings = tuple(kids[1]) if len(kids) > 1 and kids[1] is not None else ()
        if isinstance(head, ast.Ident):
            return ast.MemberDecl(head.name, settings, span)
        return ast.MemberDecl(unquote(str(head)), settings, span, is_string=True)

    def template(self, span: Span, kids: _Kids) -> ast.TemplateDecl:
        return ast.TemplateDecl(kids[0], tuple(kids[1:]), span)

    def table(self, span: Span, kids: _Kids) -> ast.TableDecl:
        name, rest = kids[0], kids[1:]
        settings: tuple[ast.Setting, ...] = ()
        if rest and (rest[0] is None or isinstance(rest[0], list)):
            settings = tuple(rest[0] or ())
            rest = rest[1:]
        return ast.TableDecl(name, settings, tuple(rest), span)

    # -- table items ---------------------------------------------------------
    def column(self, span: Span, kids: _Kids) -> ast.ColumnDecl:
        settings = tuple(kids[2]) if len(kids) > 2 and kids[2] is not None else ()
        return ast.ColumnDecl(kids[0], kids[1], settings, span)

    def type(self, span: Span, kids: _Kids) -> ast.TypeRef:
        # A non-integer size such as string(1.5) becomes 0, which lowering reports.
        args = tuple(int(str(k)) if str(k).isdigit() else 0 for k in kids[1:] if k is not None)
        return ast.TypeRef(str(kids[0]), args, span)

    def check(self, span: Span, kids: _Kids) -> ast.CheckDecl:
        return ast.CheckDecl(kids[0], kids[1], span)

    def unique_key(self, span: Span, kids: _Kids) -> ast.KeyDecl:
        return ast.KeyDecl("unique", tuple(kids[0]), span)

    def primary_key(self, span: Span, kids: _Kids) -> ast.KeyDecl:
        return ast.KeyDecl("primary_key", tuple(kids[0]), span)

    def foreign_key(self, span: Span, kids: _Kids) -> ast.ForeignKeyDecl:
        settings = tuple(kids[3]) if len(kids) > 3 and kids[3] is not None else ()
        return ast.ForeignKeyDecl(tuple(kids[0]), kids[1], tuple(kids[2]), settings, span)

    def ident_list(self, span: Span, kids: _Kids) -> list[ast.Ident]:
        return list(kids)

    def use(self, span: Span, kids: _Kids) -> ast.UseDecl:
        return ast.UseDecl(kids[0], span)

    # -- settings ------------------------------------------------------------
    def settings(self, span: Span, kids: _Kids) -> list[ast.Setting]:
        return list(kids)

    def flag(self, span: Span, kids: _Kids) -> ast.Setting:
        tok = kids[0]
        return ast.Setting(str(tok), span, self.tok_span(tok))

    def flag_call(self, span: Span, kids: _Kids) -> ast.Setting:
        tok, args = kids[0], kids[1] or []
        pos = tuple(a for a in args if not isinstance(a, tuple))
        named = tuple(a for a in args if isinstance(a, tuple))
        return ast.Setting(str(tok), span, self.tok_span(tok), call=True, args=pos, kwargs=named)

    def keyval(self, span: Span, kids: _Kids) -> ast.Setting:
        tok = kids[0]
        return ast.Setting(str(tok), span, self.tok_span(tok), value=kids[1])

    def range(self, span: Span, kids: _Kids) -> ast.RangeValue:
        return ast.RangeValue(kids[0], kids[1], span)

    def weights(self, span: Span, kids: _Kids) -> ast.WeightsValue:
        return ast.WeightsValue(tuple(kids), span)

    def weight(self, span: Span, kids: _Kids) -> ast.Weight:
        tok = kids[1]
        percent = tok.type == "PERCENT"
        text = str(tok).rstrip("%")
        return ast.Weight(kids[0], float(text), percent, span)

    def negative_weight(self, span: Span, kids: _Kids) -> ast.Weight:
        """``-1: 50%``: a negative number as a choice value (its span starts at the '-')."""
        number = kids[0]
        where = Span(self.filename, span.line, span.column, number.end_line, number.end_column)
        value = Lit(value=0 - _number(str(number)), span=where)
        return self.weight(span, [value, kids[1]])

    # -- generate ------------------------------------------------------------
    def generate(self, span: Span, kids: _Kids) -> ast.GenerateDecl:
        items = kids[1:]
        rows = [k for k in items if isinstance(k, tuple) and k and k[0] == "rows"]
        return ast.GenerateDecl(
            name=kids[0],
            settings=tuple(k for k in items if isinstance(k, ast.GenKv)),
            params=tuple(k for k in items if isinstance(k, ast.ParamDecl)),
            rows=tuple(r for _, counts, _ in rows for r in counts),
            outputs=tuple(k for k in items if isinstance(k, ast.OutputDecl)),
            span=span,
            rows_span=rows[0][2] if rows else None,
        )

    def gen_kv(self, span: Span, kids: _Kids) -> ast.GenKv:
        tok = kids[0]
        return ast.GenKv(str(tok), kids[1], span, self.tok_span(tok))

    def param(self, span: Span, kids: _Kids) -> ast.ParamDecl:
        return ast.ParamDecl(str(kids[0]), kids[1], span)

    def rows(self, span: Span, kids: _Kids) -> tuple[str, list[ast.RowCount], Span]:
        return ("rows", list(kids), span)

    def row_count(self, span: Span, kids: _Kids) -> ast.RowCount:
        return ast.RowCount(kids[0], kids[1], span)

    def output(self, span: Span, kids: _Kids) -> ast.OutputDecl:
        tok = kids[0]
        return ast.OutputDecl(str(tok), tuple(kids[1:]), span, self.tok_span(tok))

    # -- expressions ---------------------------------------------------------
    def if_(self, span: Span, kids: _Kids) -> If:
        branches = [(kids[0], kids[1])] + [tuple(k) for k in kids[2:-1]]
        return If(branches=tuple(branches), otherwise=kids[-1], span=span)

    def elif_(self, span: Span, kids: _Kids) -> tuple[Expr, Expr]:
        return (kids[0], kids[1])

    def _fold(self, span: Span, op: str, kids: _Kids) -> Expr:
        result: Expr = kids[0]
        for k in kids[1:]:
            result = Binary(op=op, left=result, right=k, span=span)
        return result

    def or_(self, span: Span, kids: _Kids) -> Expr:
        return self._fold(span, "or", kids)

    def and_(self, span: Span, kids: _Kids) -> Expr:
        return self._fold(span, "and", kids)

    def neg(self, span: Span, kids: _Kids) -> Unary:
        return Unary(op="not", operand=kids[-1], span=span)

    def compare(self, span: Span, kids: _Kids) -> Binary:
        op = "!=" if str(kids[1]) == "<>" else str(kids[1])
        return Binary(op=op, left=kids[0], right=kids[2], span=span)

    def is_null(self, span: Span, kids: _Kids) -> IsNull:
        negated = any(isinstance(k, Token) and k.type == "NOT" for k in kids)
        return IsNull(operand=kids[0], negated=negated, span=span)

    def in_(self, span: Span, kids: _Kids) -> In:
        negated = any(isinstance(k, Token) and k.type == "NOT" for k in kids)
        options = tuple(k for k in kids[1:] if not isinstance(k, Token))
        return In(operand=kids[0], options=options, negated=negated, span=span)

    def _chain(self, span: Span, kids: _Kids) -> Expr:
        result: Expr = kids[0]
        for i in range(1, len(kids), 2):
            op, right = str(kids[i]), kids[i + 1]
            span = self._join(self._expr_span(result), self._expr_span(right))
            result = Binary(op=op, left=result, right=right, span=span)
        return result

    def sum(self, span: Span, kids: _Kids) -> Expr:
        return self._chain(span, kids)

    def prod(self, span: Span, kids: _Kids) -> Expr:
        return self._chain(span, kids)

    def minus(self, span: Span, kids: _Kids) -> Expr:
        return negate(kids[-1], span)

    def call(self, span: Span, kids: _Kids) -> Call:
        args = kids[1] or []
        pos = tuple(a for a in args if not isinstance(a, tuple))
        named: dict[str, Expr] = dict(a for a in args if isinstance(a, tuple))
        return Call(name=str(kids[0]), args=pos, kwargs=named, span=span)

    def args(self, span: Span, kids: _Kids) -> list[Any]:
        return list(kids)

    def named_arg(self, span: Span, kids: _Kids) -> tuple[str, Expr]:
        return (str(kids[0]), kids[1])

    def path(self, span: Span, kids: _Kids) -> Ref:
        return Ref(path=tuple(k.name for k in kids), span=span)

    def ident(self, span: Span, kids: _Kids) -> ast.Ident:
        tok = kids[0]
        if tok.type == "QUOTED_IDENT":
            return ast.Ident(str(tok)[1:-1], self.tok_span(tok), quoted=True)
        return ast.Ident(str(tok), self.tok_span(tok))

    def string(self, span: Span, kids: _Kids) -> Lit:
        return Lit(value=unquote(str(kids[0])), span=span)

    def number(self, span: Span, kids: _Kids) -> Lit:
        return Lit(value=_number(str(kids[0])), span=span)

    def percent(self, span: Span, kids: _Kids) -> Lit:
        return Lit(value=_number(str(kids[0])[:-1]), unit="percent", span=span)

    def true(self, span: Span, kids: _Kids) -> Lit:
        return Lit(value=True, span=span)

    def false(self, span: Span, kids: _Kids) -> Lit:
        return Lit(value=False, span=span)

    def null(self, span: Span, kids: _Kids) -> Lit:
        return Lit(value=None, span=span)
