"""Text → ``FileAst``, with every syntax error of the file, not just the first.

Valid files take the hand-written fast path (``fastparse``, several times
faster than lark's pure-Python LALR loop, same AST and spans); anything it
is unsure of, and every file with an error, goes through lark here, so the
syntax diagnostics come from one place. The Lark parser is built once per process (grammar analysis is the slow
part). On a syntax error the file is re-parsed one top-level item at a time,
and a broken schema one table at a time, so a typo in one table does not
hide the errors of the next. Positions survive because each piece is parsed
inside blank padding that keeps its original line and column.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from importlib import resources
from typing import Any

from lark import Lark, Token
from lark.exceptions import LarkError, UnexpectedInput

from testdatagen.errors import Diagnostic, Span
from testdatagen.language import ast
from testdatagen.language.fastlex import FastPathMiss
from testdatagen.language.fastparse import fast_parse
from testdatagen.language.syntax_errors import diagnose, with_unclosed_comment
from testdatagen.language.transform import AstBuilder

__all__ = ["ParseResult", "lark_parser", "parse_text", "parse_text_lark"]

_comments = threading.local()


def _collect_comment(tok: Token) -> Token:
    bucket: list[Token] | None = getattr(_comments, "bucket", None)
    if bucket is not None:
        bucket.append(tok)
    return tok


def grammar_text() -> str:
    return resources.files("testdatagen.language").joinpath("grammar.lark").read_text()


@cache
def lark_parser() -> Lark:
    """The process-wide LALR parser.

    Lark's own cache keeps the grammar analysis on disk between processes, so
    ``tdg check`` does not pay for it on every run. Tokens are all kept: spans
    come from them, which is cheaper than lark's position propagation.
    (tests/language check the grammar with ``strict=True``: no conflicts, no
    terminal collisions; strict needs the ``interegular`` package.)
    """
    return Lark(
        grammar_text(),
        parser="lalr",
        cache=True,
        keep_all_tokens=True,
        maybe_placeholders=True,
        start=["start", "schema_item"],
        lexer_callbacks={"COMMENT": _collect_comment},
    )


class ParseResult:
    """The AST (possibly partial) and the syntax diagnostics found while making it."""

    __slots__ = ("ast", "diagnostics")

    def __init__(self, tree: ast.FileAst, diagnostics: list[Diagnostic]) -> None:
        self.ast = tree
        self.diagnostics = diagnostics


def parse_text(text: str, filename: str | None = None) -> ParseResult:
    """Fast path first (hand-written, valid files only); lark for the rest and all errors."""
    try:
        tree = fast_parse(text, filename)
    except FastPathMiss:
        return parse_text_lark(text, filename)
    return ParseResult(tree, [])


def parse_text_lark(text: str, filename: str | None = None) -> ParseResult:
    """The reference parser: lark's LALR, with recovery and the syntax diagnostics."""
    _comments.bucket = []
    try:
        try:
            items = _parse(text, filename, "start")
            diagnostics: list[Diagnostic] = []
        except UnexpectedInput:
            items, diagnostics = _recover(text, filename)
            diagnostics = with_unclosed_comment(text, filename, diagnostics)
        except RecursionError:
            items, diagnostics = [], [_too_deep(filename)]
        comments = tuple(
            (Span(filename, t.line or 1, t.column or 1, t.end_line, t.end_column), str(t))
            for t in _comments.bucket
        )
    finally:
        _comments.bucket = None
    return ParseResult(ast.FileAst(filename, tuple(items), _dedupe(comments)), diagnostics)


def _too_deep(filename: str | None) -> Diagnostic:
    return Diagnostic(
        "TDG018",
        "the input nests too deeply to read",
        Span(filename, 1, 1),
        hint="split deeply nested expressions into computed columns",
    )


def _dedupe(comments: tuple[tuple[Span, str], ...]) -> tuple[tuple[Span, str], ...]:
    """Recovery lexes some text twice; keep each comment once, in order."""
    seen: dict[tuple[int, int], tuple[Span, str]] = {}
    for span, text in comments:
        seen.setdefault((span.line, span.column), (span, text))
    return tuple(sorted(seen.values(), key=lambda c: (c[0].line, c[0].column)))


def _parse(text: str, filename: str | None, start: str) -> list[Any]:
    tree = lark_parser().parse(text, start=start)
    result = AstBuilder(filename).transform(tree)
    return list(result) if start == "start" else [result]


def _pad(text: str, start: int, end: int) -> str:
    """``text[start:end]`` preceded by blanks so lines and columns stay where they were."""
    head = text[:start]
    line_start = head.rfind("\n") + 1
    return "\n" * head.count("\n") + " " * (start - line_start) + text[start:end]


def _try(
    text: str, start: int, end: int, filename: str | None, rule: str
) -> tuple[list[Any], Diagnostic | None]:
    piece = _pad(text, start, end)
    try:
        return _parse(piece, filename, rule), None
    except UnexpectedInput as exc:
        return [], diagnose(exc, piece, filename)
    except LarkError as exc:
        return [], Diagnostic("TDG010", f"syntax error: {exc}", Span(filename, 1, 1))
    except RecursionError:
        return [], _too_deep(filename)


def _recover(text: str, filename: str | None) -> tuple[list[Any], list[Diagnostic]]:
    items: list[Any] = []
    diagnostics: list[Diagnostic] = []
    for seg in _segments(text, 0, len(text), depth=0, keywords=_TOP):
        found, diag = _try(text, seg.start, seg.end, filename, "start")
        if diag is None:
            items.extend(found)
            continue
        if seg.keyword != "schema":
            diagnostics.append(diag)
            continue
        schema, diags = _recover_schema(text, seg, filename)
        diagnostics.extend(diags or [diag])
        if schema is not None:
            items.append(schema)
    if not diagnostics:  # the segmentation hid the problem: fall back to the whole file
        try:
            _parse(text, filename, "start")
        except UnexpectedInput as exc:
            diagnostics.append(diagnose(exc, text, filename))
    return items, diagnostics


def _recover_schema(
    text: str, seg: _Segment, filename: str | None
) -> tuple[ast.SchemaDecl | None, list[Diagnostic]]:
    header = _SCHEMA_HEAD.match(text, seg.start)
    if header is None:
        return None, []
    body_start = header.end()
    close = seg.close if seg.close is not None else seg.end
    items: list[Any] = []
    diagnostics: list[Diagnostic] = []
    for inner in _segments(text, body_start, close, depth=0, keywords=_INNER):
        found, diag = _try(text, inner.start, inner.end, filename, "schema_item")
        items.extend(found)
        if diag is not None:
            diagnostics.append(diag)
            diagnostics.extend(_later_statements(text, inner, filename, diag))
    if seg.close is None:
        diagnostics.append(
            Diagnostic(
                "TDG012",
                f"schema {header.group(1)} is not closed",
                Span(filename, *_line_col(text, seg.start)),
                hint="add '}' at its end",
            )
        )
    line, col = _line_col(text, seg.start)
    name = ast.Ident(header.group(1), Span(filename, line, col))
    return ast.SchemaDecl(name, tuple(items), Span(filename, line, col)), diagnostics


#: How many more errors one table reports after its first (each costs a re-parse).
_MAX_PER_TABLE = 20


def _later_statements(
    text: str, seg: _Segment, filename: str | None, first: Diagnostic
) -> list[Diagnostic]:
    """The errors after the first one in an item (a ``NOT NULL`` habit on every column).

    The statement holding each error is blanked — lines kept, so positions stay — and
    the item parsed again. Only errors after the blanked statement count: one earlier
    or inside it would be a consequence of the blanking, not the user's mistake.
    """
    piece = text[seg.start : seg.end]
    lines = piece.split("\n")
    first_line = text.count("\n", 0, seg.start) + 1
    starts = _statement_starts(piece)
    found: list[Diagnostic] = []
    diag = first
    for _ in range(_MAX_PER_TABLE):
        at = (diag.span.line if diag.span else first_line) - first_line
        if not 0 < at < len(lines):
            break
        begin = max((s for s in starts if s <= at), default=at)
        end = min((s for s in starts if s > at), default=len(lines))
        if begin == 0:  # the item's own header: nothing to resynchronise on
            break
        for i in range(begin, end):
            lines[i] = " " * len(lines[i])
        blanked = text[: seg.start] + "\n".join(lines)
        _, diag_or_none = _try(blanked, seg.start, len(blanked), filename, "schema_item")
        if diag_or_none is None or diag_or_none.span is None:
            break
        diag = diag_or_none
        if diag.span is None or diag.span.line - first_line < end:
            break
        found.append(diag)
    return found


def _statement_starts(piece: str) -> list[int]:
    """Lines (0-based, in ``piece``) that begin a statement of the item's body: depth
    one inside its braces, outside any [...] or (...), and not blank or a comment."""
    starts: list[int] = []
    depth = 0
    for number, line in enumerate(piece.split("\n")):
        stripped = line.strip()
        if depth == 1 and stripped and not stripped.startswith(("//", "}")):
            starts.append(number)
        for m in _BRACKETS.finditer(line):
            tok = m.group()
            if tok in "{[(":
                depth += 1
            elif tok in "}])":
                depth -= 1
    return starts


_BRACKETS = re.compile(r"'[^'\n]*(?:''[^'\n]*)*'?|\"[^\"\n]*\"?|//.*|[{}\[\]()]")


def _line_col(text: str, pos: int) -> tuple[int, int]:
    head = text[:pos]
    return head.count("\n") + 1, pos - (head.rfind("\n") + 1) + 1


_TOP = frozenset({"import", "enum", "template", "schema", "generate"})
_INNER = frozenset({"table", "enum", "template", "generate"})
_SCHEMA_HEAD = re.compile(r'schema\s+("[^"\n]+"|[A-Za-z_]\w*)\s*\{')
_SCAN = re.compile(
    r"'[^'\n]*(?:''[^'\n]*)*'?|\"[^\"\n]*\"?|//[^\n]*|/\*.*?(?:\*/|\Z)|[{}]|[A-Za-z_]\w*",
    re.S,
)


class _Segment:
    __slots__ = ("close", "end", "keyword", "start")

    def __init__(self, keyword: str, start: int, end: int, close: int | None) -> None:
        self.keyword, self.start, self.end, self.close = keyword, start, end, close


def _segments(
    text: str, begin: int, end: int, *, depth: int, keywords: frozenset[str]
) -> list[_Segment]:
    """Items starting with one of ``keywords`` at brace depth ``depth``.

    ``close`` is where the item's outermost block closes (None if it never does).
    """
    starts: list[tuple[str, int]] = []
    closes: dict[int, int] = {}
    level = 0
    current: int | None = None
    for m in _SCAN.finditer(text, begin, end):
        tok = m.group()
        if not starts and not tok.startswith("/") and tok not in keywords:
            starts.append(("?", m.start()))  # stray text before the first item
            current = m.start()
        if tok == "{":
            level += 1
        elif tok == "}":
            level -= 1
            if level == depth and current is not None:
                closes[current] = m.start()
        elif level == depth and tok in keywords:
            starts.append((tok, m.start()))
            current = m.start()
    segments = []
    for i, (kw, pos) in enumerate(starts):
        stop = starts[i + 1][1] if i + 1 < len(starts) else end
        segments.append(_Segment(kw, pos, stop, closes.get(pos)))
    return segments
