"""Turn lark's parse failures into named, actionable diagnostics.

Lark reports "unexpected token X, expected one of {...}". People make a
handful of mistakes over and over (LANGUAGE.md lists them); each gets its own
code and message, recognised from the failing token, what the parser
expected there and the text just before it.
"""

from __future__ import annotations

import difflib
import re

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from testdatagen.errors import Diagnostic, Span

__all__ = ["diagnose"]

_PUNCT = {
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "LSQB": "'['",
    "RSQB": "']'",
    "LPAR": "'('",
    "RPAR": "')'",
    "COMMA": "','",
    "COLON": "':'",
    "DOT": "'.'",
    "__ANON_0": "'..'",
    "NAME": "a name",
    "QUOTED_IDENT": 'a "quoted" name',
    "STRING": "a 'string'",
    "NUMBER": "a number",
    "PERCENT": "a percentage",
    "CMP": "a comparison",
    "ADD": "'+' or '-'",
    "MUL": "'*' or '/'",
    "MINUS": "'-'",
    "NOT": "'not'",
    "$END": "end of file",
}
_KEYWORDS = ("import", "schema", "enum", "template", "generate", "table", "check", "unique")


def _describe(terminal: str) -> str:
    if terminal in _PUNCT:
        return _PUNCT[terminal]
    if (terminal.isupper() and terminal.isalpha()) or "_" in terminal:
        return f"'{terminal.lower()}'"
    return terminal


def _expected(names: set[str] | frozenset[str]) -> str:
    described = sorted({_describe(n) for n in names if not n.startswith("__ANON") or n in _PUNCT})
    if len(described) > 8:
        described = [*described[:8], "…"]
    return ", ".join(described)


def _span(file: str | None, line: int, col: int, length: int = 1) -> Span:
    return Span(file, line, col, line, col + max(length, 1))


def diagnose(exc: UnexpectedInput, text: str, file: str | None) -> Diagnostic:
    """The single most helpful diagnostic for one parse failure."""
    if isinstance(exc, UnexpectedToken):
        return _token(exc, text, file)
    if isinstance(exc, UnexpectedCharacters):
        return _character(exc, text, file)
    if isinstance(exc, UnexpectedEOF):
        return _eof(text, file, set(exc.expected))
    line, col = getattr(exc, "line", 1) or 1, getattr(exc, "column", 1) or 1
    return Diagnostic("TDG010", "syntax error", _span(file, line, col))


def _eof(text: str, file: str | None, expected: set[str]) -> Diagnostic:
    lines = text.split("\n")
    line = len(lines)
    span = _span(file, line, len(lines[-1]) + 1)
    hint = f"expected {_expected(expected)}" if expected else None
    if "RBRACE" in expected:
        hint = "a '{' block is not closed: add '}'"
    return Diagnostic("TDG012", "unexpected end of file", span, hint=hint)


def _character(exc: UnexpectedCharacters, text: str, file: str | None) -> Diagnostic:
    span = _span(file, exc.line, exc.column)
    if exc.char == "'":
        return Diagnostic(
            "TDG017",
            "unterminated string",
            span,
            hint="close it with ' on the same line (write '' for a quote inside)",
        )
    if exc.char == '"':
        return Diagnostic(
            "TDG017", "unterminated quoted name", span, hint='close it with " on the same line'
        )
    char = exc.char if exc.char.isprintable() else repr(exc.char)
    return Diagnostic("TDG011", f"unexpected character '{char}'", span)


def _token(exc: UnexpectedToken, text: str, file: str | None) -> Diagnostic:
    tok: Token = exc.token
    expected = set(exc.expected)
    if tok.type == "$END":
        return _eof(text, file, expected)
    value = str(tok)
    span = Span(file, tok.line or 1, tok.column or 1, tok.end_line, tok.end_column)
    before = text[: tok.start_pos or 0]
    for rule in _RULES:
        found = rule(value, tok.type, expected, before, span)
        if found is not None:
            return found
    message = f"unexpected {_shown(value)}"
    hint = f"expected {_expected(expected)}" if expected else None
    if tok.type == "NAME":
        keywords = [k for k in _KEYWORDS if k.upper() in expected]
        close = difflib.get_close_matches(value, keywords, n=1)
        if close:
            return Diagnostic(
                "TDG010", f"unexpected '{value}' — did you mean '{close[0]}'?", span, hint=hint
            )
    return Diagnostic("TDG010", message, span, hint=hint)


def _shown(value: str) -> str:
    return f"'{value}'" if "'" not in value else f'"{value}"'


def _not_null(
    value: str, kind: str, expected: set[str], before: str, span: Span
) -> Diagnostic | None:
    match = re.search(r"\bnot\s+$", before)
    if value == "null" and match and "RSQB" in expected:
        start_col = span.column - (len(before) - match.start())
        full = Span(span.file, span.line, start_col, span.end_line, span.end_column)
        return Diagnostic(
            "TDG014",
            "'not null' is written 'not_null' in tdg",
            full,
            hint="write not_null (one word)",
        )
    return None


def _equals(
    value: str, kind: str, expected: set[str], before: str, span: Span
) -> Diagnostic | None:
    if value == "=" and "COLON" in expected:
        name = re.search(r"(\w+)\s*$", before)
        key = name.group(1) if name else "name"
        return Diagnostic(
            "TDG016",
            "'=' where ':' was expected",
            span,
            hint=f"settings and options are written '{key}: value'",
        )
    return None


def _double_quotes(
    value: str, kind: str, expected: set[str], before: str, span: Span
) -> Diagnostic | None:
    if kind == "QUOTED_IDENT" and ("STRING" in expected or "NUMBER" in expected):
        inner = value[1:-1].replace("'", "''")
        return Diagnostic(
            "TDG015",
            f"{value} is a quoted name, not a string",
            span,
            hint=f"strings use single quotes: '{inner}'",
        )
    return None


def _missing_comma(
    value: str, kind: str, expected: set[str], before: str, span: Span
) -> Diagnostic | None:
    if {"COMMA", "RSQB"} <= expected and kind == "NAME":
        previous = re.search(r"([^\s\[,]+)\s*$", before)
        pair = f"{previous.group(1)}, {value}" if previous else f"…, {value}"
        return Diagnostic(
            "TDG013",
            f"missing ',' before '{value}'",
            span,
            hint=f"separate settings with commas: {pair}",
        )
    return None


_RULES = (_not_null, _equals, _double_quotes, _missing_comma)
