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
from testdatagen.language.settings import SETTINGS

__all__ = ["diagnose", "unclosed_comment", "with_unclosed_comment"]

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
    _after.text = text[tok.end_pos or 0 :]
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
    match = re.search(r"\bnot\s+$", before, re.IGNORECASE)
    if value.lower() == "null" and match and "RSQB" in expected:
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


class _After:
    """The text after the failing token (a rule that suggests a rewrite needs the value)."""

    text = ""


_after = _After()

#: SQL column constraints written after the type, outside [...], and their tdg spelling.
_SQL_TAIL = re.compile(
    r"\b(not\s+null|primary\s+key|unique|default\s+('[^'\n]*'|[^\s,\]\[}]+))\s*$",
    re.IGNORECASE,
)


def _sql_constraint(
    value: str, kind: str, expected: set[str], before: str, span: Span
) -> Diagnostic | None:
    """``x integer NOT NULL,`` — a SQL constraint after the type, where tdg wants [...]."""
    line = before[before.rfind("\n") + 1 :]
    match = _SQL_TAIL.search(line) or _SQL_TAIL.search(line + value)
    if match is None or line.rfind("[") > line.rfind("]"):
        return None
    words = match.group(1).split()
    head = words[0].lower()
    tdg = {"not": "not_null", "primary": "primary_key", "unique": "unique"}.get(head)
    tdg = tdg or f"default: {match.group(2)}"
    start = span.column - (len(line) - match.start())
    where = Span(span.file, span.line, max(start, 1), span.line, span.column)
    code = "TDG014" if head == "not" else "TDG024"
    return Diagnostic(
        code,
        f"SQL's {_shown(' '.join(words))} is written [{tdg}] in tdg",
        where,
        hint=f"write it inside the column's settings: name type [{tdg}]",
    )


def _missing_colon(
    value: str, kind: str, expected: set[str], before: str, span: Span
) -> Diagnostic | None:
    """``[default 0]``, ``[per_parent 1-5]`` — a setting and its value without ':'."""
    name = re.search(r"[\[,]\s*([A-Za-z_]\w*)\s+$", before)
    if "COLON" not in expected or name is None or kind in ("COMMA", "RSQB", "COLON"):
        return None
    setting = name.group(1).lower()
    info = SETTINGS.get(setting)
    if kind == "NAME" and (info is None or info.value == "flag"):
        return None  # [unique not_null]: a missing comma, not a missing ':'
    rest = (value + re.match(r"[^,\]\n]*", _after.text).group(0)).strip()  # type: ignore[union-attr]
    dashed = re.fullmatch(r"(\d+)\s*-\s*(\d+)", rest)
    written = f"{setting}: {dashed.group(1)}..{dashed.group(2)}" if dashed else f"{setting}: {rest}"
    ranges = "; ranges use '..'" if dashed else ""
    return Diagnostic(
        "TDG024",
        f"{_shown(name.group(1) + ' ' + rest)} needs ':' between the setting and its value{ranges}",
        span,
        hint=f"write {written}",
    )


_RULES = (_not_null, _equals, _double_quotes, _sql_constraint, _missing_colon, _missing_comma)


def unclosed_comment(text: str, file: str | None) -> Diagnostic | None:
    """A ``/*`` that never closes swallows the rest of the file; point at where it opens."""
    for m in _COMMENTS.finditer(text):
        found = m.group()
        if found.startswith("/*") and not found.endswith("*/"):
            head = text[: m.start()]
            line, col = head.count("\n") + 1, m.start() - (head.rfind("\n") + 1) + 1
            return Diagnostic(
                "TDG019",
                "comment opened here is never closed",
                _span(file, line, col, 2),
                hint="close it with */ (everything after it was read as comment)",
            )
    return None


def with_unclosed_comment(
    text: str, file: str | None, diagnostics: list[Diagnostic]
) -> list[Diagnostic]:
    """The unclosed comment instead of what it caused: the errors from where it opens on,
    and "not closed" ones (its text swallowed the closing braces)."""
    opened = unclosed_comment(text, file)
    if opened is None or opened.span is None:
        return diagnostics
    at = (opened.span.line, opened.span.column)
    before = [
        d
        for d in diagnostics
        if d.code != "TDG012" and d.span is not None and (d.span.line, d.span.column) < at
    ]
    return [*before, opened]


#: Strings and comments, so a '/*' inside a string is not taken for a comment.
_COMMENTS = re.compile(r"'[^'\n]*(?:''[^'\n]*)*'?|\"[^\"\n]*\"?|//[^\n]*|/\*.*?(?:\*/|\Z)", re.S)
