"""A hand-written recursive-descent parser for valid ``.tdg`` files.

Lark's pure-Python LALR loop dominates the cost of checking a large file.
This parser accepts a subset of what the grammar accepts and builds exactly
the AST (spans included) that ``transform.AstBuilder`` builds from lark's
tree. On anything it is not sure about it raises ``FastPathMiss``; the caller
then parses with lark, so syntax diagnostics always come from one place and
never change. Soundness rule: whenever lark's contextual lexer would read a
word as a keyword, this parser treats it as one too (or gives up) — tests
compare both parsers on generated and mutated files.
"""

from __future__ import annotations

from typing import Any

from testdatagen.errors import Span
from testdatagen.language import ast
from testdatagen.language.fastexpr import AFTER_EXPR, NOT_NAMES, ExprParser
from testdatagen.language.fastlex import FastPathMiss, tokenize
from testdatagen.language.transform import unquote
from testdatagen.model.expr import Lit

__all__ = ["fast_parse"]

_TABLE_KW = frozenset({"check", "unique", "primary_key", "foreign_key", "use"})
#: A value that is one token when followed by one of these; the kinds that can be one.
_VALUE_END = frozenset({",", "]"})
_LONE = frozenset({"N", "Q", "S", "D", "P"})


def fast_parse(text: str, filename: str | None) -> ast.FileAst:
    """The file's AST, or ``FastPathMiss`` when lark must decide."""
    toks = tokenize(text, filename)
    try:
        items = _Parser(toks).file()
    except (IndexError, RecursionError) as exc:
        raise FastPathMiss(str(exc)) from None
    return ast.FileAst(filename, tuple(items), toks.comment_spans())


class _Parser(ExprParser):
    # -- top level -----------------------------------------------------------
    def file(self) -> list[Any]:
        items: list[Any] = []
        while self.k[self.i] != "$END":
            word = self.v[self.i] if self.k[self.i] == "N" else ""
            handler = _TOP.get(word)
            if handler is None:
                raise self.miss()
            items.append(handler(self))
        return items

    def import_(self) -> ast.ImportDecl:
        first = self.i
        self.keyword("import")
        path = unquote(self.v[self.expect("S")])
        alias = self.v[self.name()] if self.word("as") else None
        return ast.ImportDecl(path, alias, self.span(first))

    def schema(self) -> ast.SchemaDecl:
        first = self.i
        self.keyword("schema")
        name = self.ident()
        self.expect("{")
        items: list[Any] = []
        while self.k[self.i] != "}":
            word = self.v[self.i] if self.k[self.i] == "N" else ""
            if word == "table":
                items.append(self.table())
            elif word == "enum":
                items.append(self.enum())
            elif word == "template":
                items.append(self.template())
            else:
                raise self.miss()
        self.i += 1
        return ast.SchemaDecl(name, tuple(items), self.span(first))

    def enum(self) -> ast.EnumDecl:
        first = self.i
        self.keyword("enum")
        name = self.ident()
        self.expect("{")
        members = []
        while self.k[self.i] != "}":
            members.append(self.member())
        self.i += 1
        return ast.EnumDecl(name, tuple(members), self.span(first))

    def member(self) -> ast.MemberDecl:
        first = self.i
        if self.k[first] == "S":
            self.i += 1
            value, is_string = unquote(self.v[first]), True
        else:
            value, is_string = self.ident().name, False
        settings = self.settings() if self.k[self.i] == "[" else ()
        return ast.MemberDecl(value, settings, self.span(first), is_string=is_string)

    def template(self) -> ast.TemplateDecl:
        first = self.i
        self.keyword("template")
        name = self.ident()
        self.expect("{")
        items = self.table_items()
        return ast.TemplateDecl(name, items, self.span(first))

    def table(self) -> ast.TableDecl:
        first = self.i
        self.keyword("table")
        name = self.ident()
        settings = self.settings() if self.k[self.i] == "[" else ()
        self.expect("{")
        items = self.table_items()
        return ast.TableDecl(name, settings, items, self.span(first))

    # -- table items ---------------------------------------------------------
    def table_items(self) -> tuple[ast.TableItem, ...]:
        """Items up to and including the closing brace."""
        items: list[ast.TableItem] = []
        after_expr = False
        while self.k[self.i] != "}":
            word = self.v[self.i] if self.k[self.i] == "N" else ""
            if word in _TABLE_KW:
                items.append(_ITEMS[word](self))
                after_expr = word == "check"
            else:
                items.append(self.column(AFTER_EXPR if after_expr else frozenset()))
                after_expr = False
        self.i += 1
        return tuple(items)

    def column(self, banned: frozenset[str]) -> ast.ColumnDecl:
        first = self.i
        name = self.ident(banned)
        type_ = self.type_ref()
        settings = self.settings() if self.k[self.i] == "[" else ()
        return ast.ColumnDecl(name, type_, settings, self.span(first))

    def type_ref(self) -> ast.TypeRef:
        first = self.name()
        self.plain.add(first)
        args: list[int] = []
        if self.k[self.i] == "(":
            self.i += 1
            args.append(self.size())
            if self.k[self.i] == ",":
                self.i += 1
                args.append(self.size())
            self.expect(")")
        return ast.TypeRef(self.v[first], tuple(args), self.span(first))

    def size(self) -> int:
        text = self.v[self.expect("D")]
        return int(text) if text.isdigit() else 0

    def check(self) -> ast.CheckDecl:
        first = self.i
        self.keyword("check")
        name = self.ident()
        self.expect(":")
        expr = self.expr()
        return ast.CheckDecl(name, expr, self.span(first))

    def key(self) -> ast.KeyDecl:
        first = self.i
        kind = self.v[first]
        self.i += 1
        columns = self.ident_list()
        return ast.KeyDecl(kind, columns, self.span(first))

    def ident_list(self) -> tuple[ast.Ident, ...]:
        self.expect("(")
        idents = [self.ident()]
        while self.k[self.i] == ",":
            self.i += 1
            idents.append(self.ident())
        self.expect(")")
        return tuple(idents)

    def foreign_key(self) -> ast.ForeignKeyDecl:
        first = self.i
        self.keyword("foreign_key")
        columns = self.ident_list()
        self.keyword("references")
        table = self.ident()
        targets = self.ident_list()
        settings = self.settings() if self.k[self.i] == "[" else ()
        return ast.ForeignKeyDecl(columns, table, targets, settings, self.span(first))

    def use(self) -> ast.UseDecl:
        first = self.i
        self.keyword("use")
        return ast.UseDecl(self.ident(), self.span(first))

    # -- settings ------------------------------------------------------------
    def settings(self) -> tuple[ast.Setting, ...]:
        self.expect("[")
        out = [self.setting()]
        while self.k[self.i] == ",":
            self.i += 1
            if self.k[self.i] == "]":
                break
            out.append(self.setting())
        self.expect("]")
        return tuple(out)

    def setting(self) -> ast.Setting:
        first = self.name()
        name, name_span = self.v[first], self.t.span(first, first)
        kind = self.k[self.i]
        if kind == "(":
            args = self.call_args()
            pos = tuple(a for a in args if not isinstance(a, tuple))
            named = tuple(a for a in args if isinstance(a, tuple))
            return ast.Setting(name, self.span(first), name_span, call=True, args=pos, kwargs=named)
        if kind == ":":
            self.i += 1
            value = self.value()
            return ast.Setting(name, self.span(first), name_span, value=value)
        return ast.Setting(name, name_span, name_span)

    def value(self) -> ast.Value:
        first = self.i
        kind = self.k[first]
        if kind == "{":
            return self.weights()
        if self.k[first + 1] in _VALUE_END and kind in _LONE:  # `min: 5,` — most values
            if kind == "N" and self.v[first] in NOT_NAMES:
                literal = self.literal()
                if literal is None:
                    raise self.miss()
                return literal
            if kind in "NQ":
                return self.path()
            literal = self.literal()  # a string, number or percentage
            assert literal is not None
            return literal
        if self.k[first] == "N" and self.v[first] in ("if", "not"):
            return self.expr()
        left = self.sum()
        if self.k[self.i] == "..":
            self.i += 1
            high = self.sum()
            return ast.RangeValue(left, high, self.span(first))
        return self.expr_rest(first, left)

    def weights(self) -> ast.WeightsValue:
        first = self.expect("{")
        items = [self.weight()]
        while self.k[self.i] == ",":
            self.i += 1
            if self.k[self.i] == "}":
                break
            items.append(self.weight())
        self.expect("}")
        return ast.WeightsValue(tuple(items), self.span(first))

    def weight(self) -> ast.Weight:
        first = self.i
        if self.k[first] == "-" and self.k[first + 1] == "D":  # a negative number
            self.i += 1
            number = self.literal()
            assert number is not None and isinstance(number.value, int | float)
            literal: Lit | None = Lit(value=0 - number.value, span=self.span(first))
        else:
            literal = self.literal()
        if literal is None:
            raise self.miss()
        self.expect(":")
        kind = self.k[self.i]
        if kind not in ("D", "P"):
            raise self.miss()
        text = self.v[self.i].rstrip("%")
        self.i += 1
        return ast.Weight(literal, float(text), kind == "P", self.span(first))

    # -- generate ------------------------------------------------------------
    def generate(self) -> ast.GenerateDecl:
        first = self.i
        self.keyword("generate")
        name = self.ident()
        self.expect("{")
        kvs: list[ast.GenKv] = []
        params: list[ast.ParamDecl] = []
        rows: list[ast.RowCount] = []
        outputs: list[ast.OutputDecl] = []
        rows_span = None
        while self.k[self.i] != "}":
            word = self.v[self.i] if self.k[self.i] == "N" else ""
            if word == "param":
                params.append(self.param())
            elif word == "rows":
                span, counts = self.rows()
                rows_span = rows_span or span
                rows.extend(counts)
            elif word == "output":
                outputs.append(self.output())
            else:
                kvs.append(self.gen_kv())
        self.i += 1
        return ast.GenerateDecl(
            name, tuple(kvs), tuple(params), tuple(rows), tuple(outputs),
            self.span(first), rows_span,
        )  # fmt: skip

    def gen_kv(self) -> ast.GenKv:
        first = self.name()
        if self.v[first] in AFTER_EXPR:
            raise self.miss()
        self.expect(":")
        value = self.value()
        self.optional_comma()
        return ast.GenKv(self.v[first], value, self.span(first), self.t.span(first, first))

    def optional_comma(self) -> None:
        if self.k[self.i] == ",":
            self.i += 1

    def param(self) -> ast.ParamDecl:
        first = self.i
        self.keyword("param")
        name = self.v[self.name()]
        self.expect(":")
        expr = self.expr()
        self.optional_comma()
        return ast.ParamDecl(name, expr, self.span(first))

    def rows(self) -> tuple[Span, list[ast.RowCount]]:
        first = self.i
        self.keyword("rows")
        self.expect("{")
        counts = []
        while self.k[self.i] != "}":
            start = self.i
            table = self.ident(AFTER_EXPR)
            self.expect(":")
            expr = self.expr()
            self.optional_comma()
            counts.append(ast.RowCount(table, expr, self.span(start)))
        self.i += 1
        return self.span(first), counts

    def output(self) -> ast.OutputDecl:
        first = self.i
        self.keyword("output")
        kind = self.name()
        self.expect("{")
        options = []
        while self.k[self.i] != "}":
            options.append(self.gen_kv())
        self.i += 1
        return ast.OutputDecl(
            self.v[kind], tuple(options), self.span(first), self.t.span(kind, kind)
        )


_TOP: dict[str, Any] = {
    "import": _Parser.import_,
    "schema": _Parser.schema,
    "enum": _Parser.enum,
    "template": _Parser.template,
    "generate": _Parser.generate,
}
_ITEMS: dict[str, Any] = {
    "check": _Parser.check,
    "unique": _Parser.key,
    "primary_key": _Parser.key,
    "foreign_key": _Parser.foreign_key,
    "use": _Parser.use,
}
