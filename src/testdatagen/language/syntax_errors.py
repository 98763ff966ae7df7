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
from testdatagen.language.suggest import format_suggestion
from testdatagen.model.catalog import FORMATS

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
    pos = exc.pos_in_stream or 0
    if exc.char in _CURLY:
        quoted = re.match(
            r"[\u2018\u2019\u201c\u201d]([^\u2018\u2019\u201c\u201d\n]*)[\u2018\u2019\u201c\u201d]",
            text[pos:],
        )
        fix = f"write '{quoted.group(1)}'" if quoted else "retype it as '"
        return Diagnostic(
            "TDG025",
            f"typographic quote {exc.char} — tdg strings use the plain ASCII quote '",
            span,
            hint=f"{fix} (an editor or chat app replaced the quotes)",
        )
    foreign = _FOREIGN_CHARS.get(text[pos : pos + 2]) or _FOREIGN_CHARS.get(exc.char)
    if foreign is not None:
        written = text[pos : pos + 2] if text[pos : pos + 2] in _FOREIGN_CHARS else exc.char
        return Diagnostic(
            "TDG025", foreign[0], _span(file, exc.line, exc.column, len(written)), hint=foreign[1]
        )
    char = exc.char if exc.char.isprintable() else repr(exc.char)
    return Diagnostic("TDG011", f"unexpected character '{char}'", span)


_CURLY = frozenset("\u2018\u2019\u201c\u201d")

#: Characters from other languages that tdg spells differently: (message, hint).
_FOREIGN_CHARS = {
    "&&": ("'&&' is written 'and' in tdg", "write: a > 1 and b > 1"),
    "||": ("'||' is written 'or' in tdg", "write: a > 1 or b > 1 (concat(a, b) joins strings)"),
    "!": ("'!' is written 'not' in tdg", "write: not active (and '!=' or '<>' for 'not equal')"),
    ";": ("tdg needs no ';'", "remove it: one column, check or setting per line"),
    "`": ('backquotes are written "…" in tdg', "quote a name as \"order\" (strings as 'text')"),
}


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
    r"\b(not\s+null|primary\s+key|unique|default\s+('[^'\n]*'|\w+\(\)|[^\s,\]\[}(]+))\s*$",
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


def _line_context(before: str, span: Span) -> tuple[str, int, int]:
    """The text of the line the failing token is on, up to it, or, when the token
    starts its line, the previous non-blank line (``n integer AUTO_INCREMENT`` fails
    on the next line's '}'): the text, its line number and its offset in ``before``."""
    start = before.rfind("\n") + 1
    line = before[start:]
    number = span.line
    if not line.strip():
        head = before[:start].rstrip()
        start = head.rfind("\n") + 1
        line = head[start:]
        number = head.count("\n") + 1
    return line, number, start


def _at(span: Span, line: str, number: int, match: re.Match[str]) -> Span:
    start = match.start() + len(match.group()) - len(match.group().lstrip())
    return Span(span.file, number, start + 1, number, match.end() + 1)


_SQL_FK = re.compile(r"\bforeign\s+key\s*\(\s*(\w+)\s*\)\s*references\s+(\w+)\s*\(\s*(\w+)", re.I)
_SQL_REF = re.compile(r"\breferences\s+(\w+)\s*\(\s*(\w+)\s*\)?", re.I)
_SQL_AUTO = re.compile(r"\b(auto_increment|autoincrement|identity|generated\s+always)\b", re.I)
_SQL_CHECK = re.compile(r"^\s*(?:constraint\s+(\w+)\s+)?check\s*\((.*)\)\s*,?\s*$", re.I)
_SQL_PK = re.compile(r"^\s*primary\s+key\s*\(([^)]*)\)", re.I)
_INLINE_ENUM = re.compile(r"^\s*(\w+)\s+(enum|set)\s*\(((?:\s*'[^'\n]*'\s*,?)+)\)?", re.I)


def _sql_line(
    value: str, kind: str, expected: set[str], before: str, span: Span
) -> Diagnostic | None:
    """SQL table-body forms (FOREIGN KEY, REFERENCES t(c), AUTO_INCREMENT, CHECK (…),
    PRIMARY KEY (…), enum('a','b')) and their tdg spelling."""
    line, number, _ = _line_context(before, span)
    if line.rfind("[") > line.rfind("]"):
        return None
    full = line + value + _after.text.split("\n", 1)[0] if number == span.line else line
    if m := _SQL_FK.search(full):
        return Diagnostic(
            "TDG024",
            "SQL's FOREIGN KEY is written on the column in tdg",
            _at(span, full, number, m),
            hint=f"write [references: {m.group(2)}.{m.group(3)}] on column {m.group(1)}",
        )
    if m := _SQL_REF.search(full):
        return Diagnostic(
            "TDG024",
            f"SQL's REFERENCES {m.group(1)}({m.group(2)}) is written "
            f"[references: {m.group(1)}.{m.group(2)}] in tdg",
            _at(span, full, number, m),
            hint=f"write it inside the column's settings: name type "
            f"[references: {m.group(1)}.{m.group(2)}]",
        )
    if m := _SQL_AUTO.search(full):
        return Diagnostic(
            "TDG024",
            f"SQL's {m.group(1)} is written [sequential] in tdg",
            _at(span, full, number, m),
            hint="write id integer [primary_key, sequential] (sequential(start: 1000) to offset)",
        )
    if m := _SQL_CHECK.search(full):
        name = m.group(1) or "name"
        return Diagnostic(
            "TDG025",
            "a tdg check has a name and no parentheses",
            _at(span, full, number, m),
            hint=f"write check {name}: {m.group(2).strip()}",
        )
    if m := _SQL_PK.search(full):
        cols = [c.strip() for c in m.group(1).split(",") if c.strip()]
        hint = (
            f"write [primary_key] on column {cols[0]}"
            if len(cols) == 1
            else f"mark the columns [not_null] and write unique ({', '.join(cols)})"
        )
        return Diagnostic(
            "TDG024",
            "SQL's PRIMARY KEY (…) is written on the column in tdg",
            _at(span, full, number, m),
            hint=hint,
        )
    if m := _INLINE_ENUM.search(full):
        members = re.findall(r"'([^'\n]*)'", m.group(3))
        share = 100 // max(len(members), 1)
        weights = ", ".join(f"'{v}': {share}" for v in members)
        return Diagnostic(
            "TDG025",
            f"an inline {m.group(2)}(…) type is not tdg",
            Span(span.file, number, m.start(2) + 1, number, m.end() + 1),
            hint=f"write {m.group(1)} string(20) [choice: {{{weights}}}], "
            f"or declare enum {m.group(1)}_kind {{ {' '.join(members)} }} in the schema",
        )
    return None


def _foreign_token(
    value: str, kind: str, expected: set[str], before: str, span: Span
) -> Diagnostic | None:
    """Operators and punctuation from other languages: ==, ',,', a ',' after a column,
    settings in (…) or {…}, 'name: type', a column without a type."""
    stripped = before.rstrip()
    line = before[before.rfind("\n") + 1 :]
    if value == "=" and stripped.endswith("="):
        return Diagnostic(
            "TDG025",
            "'==' is written '=' in tdg",
            Span(span.file, span.line, span.column - 1, span.line, span.column + 1),
            hint="comparisons use one '=': status = 'paid' ('!=' or '<>' for not equal)",
        )
    if kind == "COMMA" and stripped.endswith(","):
        return Diagnostic("TDG025", "two commas in a row", span, hint="remove one ','")
    if kind == "COMMA" and re.search(r"\benum\s+\w+\s*\{[^{}]*$", before):
        return Diagnostic(
            "TDG025",
            "enum members are not separated by ','",
            span,
            hint="remove the ',': enum status { new paid shipped } (spaces or new lines)",
        )
    if kind == "COMMA" and "RBRACE" in expected and "RSQB" not in expected:
        return Diagnostic(
            "TDG025",
            "columns are not separated by ','",
            span,
            hint="remove the ',': one column per line, settings in [...]",
        )
    if kind in ("NAME", "LBRACE") and ("LSQB" in expected or stripped.endswith("(")):
        opener = "{" if kind == "LBRACE" else "("
        rest = _after.text if kind == "LBRACE" else value + _after.text
        if (kind == "LBRACE" or stripped.endswith("(")) and re.match(
            r"\s*[A-Za-z_]\w*\s*[:,\])}]", rest
        ):
            name = rest.split(":", 1)[0].split(",", 1)[0].strip()
            if name in SETTINGS:
                closer = "}" if opener == "{" else ")"
                whole = (line + value + _after.text.split("\n", 1)[0]).strip()
                cut = whole.find(opener, len(line.strip()) - 1 if opener == "(" else 0)
                inner = whole[cut + 1 : whole.rfind(closer)] if closer in whole else name
                return Diagnostic(
                    "TDG025",
                    f"column settings go in [...], not {opener}…{closer}",
                    span if kind == "LBRACE" else _span(span.file, span.line, span.column - 1),
                    hint=f"write {whole[:cut].rstrip()} [{inner.strip()}]",
                )
    if kind == "COLON" and re.fullmatch(r"\s*[A-Za-z_]\w*\s*", line) and "NAME" in expected:
        col = line.strip()
        return Diagnostic(
            "TDG025",
            "no ':' between a column's name and its type",
            span,
            hint=f"write {col} integer [settings] — name, type, then [...]",
        )
    if kind == "LSQB" and re.fullmatch(r"\s*[A-Za-z_]\w*\s*", line) and "NAME" in expected:
        col = line.strip()
        return Diagnostic(
            "TDG025",
            f"column '{col}' has no type",
            span,
            hint=f"write {col} integer [...] (types: integer, bigint, string(n), text, boolean, "
            "decimal(p,s), float, datetime, date, uuid, or an enum)",
        )
    return None


#: Words that start a file in other schema languages, and what tdg writes instead.
_FOREIGN_TOP = {
    "table": ("tables live inside a schema", "wrap them: schema Shop { table users { … } }"),
    "create": (
        "this is SQL DDL; tdg files declare a schema",
        "write schema Shop { table users { id integer [primary_key, sequential] } }",
    ),
    "model": (
        "Prisma's 'model' is a tdg table inside a schema",
        "write schema Shop { table users { id integer [primary_key, sequential] } }",
    ),
    "ref": (
        "DBML's Ref is written on the column in tdg",
        "write user_id integer [references: users.id]",
    ),
    "tables": (
        "'tables:' is the JSON/YAML config form",
        "save it as .yaml or .json, or write schema Shop { table users { … } }",
    ),
}

#: Generate-block words people use for row counts.
_ROW_WORDS = frozenset({"count", "counts", "row", "sizes", "size", "volume", "volumes", "tables"})


def _foreign_item(
    value: str, kind: str, expected: set[str], before: str, span: Span
) -> Diagnostic | None:
    """A top-level word from SQL, DBML or Prisma; ``count { … }`` for rows { … }."""
    if "SCHEMA" in expected and value.lower() in _FOREIGN_TOP:
        message, hint = _FOREIGN_TOP[value.lower()]
        return Diagnostic("TDG025", message, span, hint=hint)
    if "SCHEMA" in expected and kind == "NAME" and re.match(r"\s*:", _after.text):
        return Diagnostic(
            "TDG025",
            f"'{value}:' at the top level reads like YAML (a Snowfakery recipe or a config)",
            span,
            hint="tdg files declare schema Shop { table users { … } } and generate dev { … }; "
            "a config with tables: is read from a .yaml or .json file",
        )
    word = re.search(r"([A-Za-z_]\w*)\s*$", before)
    if kind == "LBRACE" and "COLON" in expected and word and word.group(1).lower() in _ROW_WORDS:
        start = span.column - (len(before) - word.start())
        return Diagnostic(
            "TDG025",
            f"row counts are written rows {{ … }}, not {word.group(1)} {{ … }}",
            Span(span.file, span.line, max(start, 1), span.line, span.column),
            hint="write rows { customers: 1000 }",
        )
    return None


def _unnamed_block(
    value: str, kind: str, expected: set[str], before: str, span: Span
) -> Diagnostic | None:
    """``generate { … }`` / ``schema { … }``: the block's name is missing."""
    match = re.search(r"\b(generate|schema|table|enum|template)\s*$", before)
    if value == "{" and match and "NAME" in expected:
        keyword = match.group(1)
        example = {"generate": "dev", "schema": "Shop", "table": "customers"}.get(keyword, "name")
        return Diagnostic(
            "TDG010",
            f"a {keyword} block needs a name",
            span,
            hint=f"write {keyword} {example} {{ … }}",
        )
    return None


def _colon_before_block(
    value: str, kind: str, expected: set[str], before: str, span: Span
) -> Diagnostic | None:
    """``rows: { … }`` / ``output csv: { … }``: a block opens without ':'."""
    match = re.search(r"(\w+)\s*$", before)
    if value == ":" and match and expected == {"LBRACE"}:
        return Diagnostic(
            "TDG010",
            f"unexpected ':' — a block opens with '{{' right after '{match.group(1)}'",
            span,
            hint=f"write {match.group(1)} {{ … }} (no ':')",
        )
    return None


def _misplaced(
    value: str, kind: str, expected: set[str], before: str, span: Span
) -> Diagnostic | None:
    """A block or a value in the wrong place or form: ``generate`` inside a schema,
    a column outside a table, ``import x.tdg`` unquoted, ``pattern: /re/``,
    ``format: fake.name()``, ``output json`` without a block, DBML's ``ref: >``."""
    line = before[before.rfind("\n") + 1 :]
    line_no = before.count("\n") + 1
    if value == "generate" and "TABLE" in expected:
        return Diagnostic(
            "TDG025",
            "a generate block goes after the schema, not inside it",
            span,
            hint="close the schema with '}' first: schema S { … } generate dev { … }",
        )
    if (
        kind == "NAME"
        and "TABLE" in expected
        and "SCHEMA" not in expected
        and re.match(r"[ \t]+[A-Za-z_]\w*(\([\d, ]*\))?[ \t]*(\[|\n|//|$)", _after.text)
    ):
        return Diagnostic(
            "TDG025",
            f"column '{value}' is outside a table",
            span,
            hint="columns go inside a table: table users { id integer [primary_key] }",
        )
    if value == "[" and before.rstrip().endswith("}") and "TABLE" in expected:
        return Diagnostic(
            "TDG025",
            "settings after a table's '}' belong to nothing",
            span,
            hint="row counts go in the generate block: rows { users: 100 }; "
            "table settings go before '{': table users [...] { … }",
        )
    if kind == "NAME" and expected == {"STRING"} and re.search(r"\bimport\s*$", before):
        path = re.match(r"[^\s]*", value + _after.text).group(0)  # type: ignore[union-attr]
        return Diagnostic(
            "TDG025",
            "the imported file's path is a 'string'",
            span,
            hint=f"write import '{path}'",
        )
    if value == "/" and re.search(r"\bpattern\s*:\s*$", line):
        regex = re.match(r"([^/\n]*)/", _after.text)
        inner = regex.group(1) if regex else "[a-z]+"
        return Diagnostic(
            "TDG025",
            "a pattern is a 'string', not /…/",
            span,
            hint=f"write pattern: '{inner}' (no backslash escaping needed)",
        )
    called = re.search(r"\bformat\s*:\s*(?:\w+\.)*(\w+)\s*$", line)
    if value == "(" and called:
        return Diagnostic(
            "TDG025",
            "format takes the name of a format, not a call",
            span,
            hint=f"write format: {called.group(1)} (Faker's fake.x() is format: x)",
        )
    words = re.search(r"\bformat\s*:\s*([A-Za-z]\w*)\s+$", line)
    if (
        kind == "NAME"
        and words
        and value not in SETTINGS
        and re.match(r"[\w ]*\s*[\],]", _after.text)
    ):
        rest = re.match(r"[\w ]*", _after.text).group(0)  # type: ignore[union-attr]
        joined = "_".join([words.group(1), value, *rest.split()]).lower()
        meant = format_suggestion(joined, FORMATS)
        first = span.column - (len(line) - words.start(1))
        return Diagnostic(
            "TDG025",
            "a format's name is one word",
            Span(span.file, span.line, max(first, 1), span.line, span.column + len(value)),
            hint=f"write format: {meant}"
            if meant
            else "write the format's name, e.g. format: name",
        )
    output = re.search(r"\boutput\s+(\w+)\s*$", before)
    if expected == {"LBRACE"} and output:
        start = output.start(1)
        number = before.count("\n", 0, start) + 1
        column = start - before.rfind("\n", 0, start)
        return Diagnostic(
            "TDG025",
            f"output {output.group(1)} needs a block",
            Span(span.file, number, column, number, column + len(output.group(1))),
            hint=f"write output {output.group(1)} {{ dir: 'out/' }}, or {{}} for the defaults",
        )
    if value == "[" and re.search(r"\btemplate\s+\w+\s*$", before):
        return Diagnostic(
            "TDG025",
            "a template takes no settings",
            span,
            hint="remove the [...]; put settings on the template's columns",
        )
    if kind == "COMMA" and re.search(r"^\s*use\s+\w+\s*$", line):
        return Diagnostic(
            "TDG025",
            "use takes one template",
            span,
            hint="write one use per line: use audited, then use tracked below it",
        )
    dotted = re.fullmatch(r"\s*[A-Za-z_]\w*\s+([A-Za-z_]\w*)", line)
    if value == "." and dotted and "LSQB" in expected:
        member = re.match(r"\w*", _after.text).group(0)  # type: ignore[union-attr]
        return Diagnostic(
            "TDG025",
            f"a type is one name, not {dotted.group(1)}.{member}",
            span,
            hint=f"write {member or 'the enum by its name'} — imported enums keep their own names",
        )
    path = re.search(r"\b(dir|file|path|directory|folder)\s*:\s*([\w.-]*[/\\][\w./\\-]*)\s*$", line)
    if path and kind in ("RBRACE", "COMMA", "NAME", "MUL"):
        start = span.column - (len(line) - path.start(2)) if span.line == line_no else 0
        return Diagnostic(
            "TDG025",
            "a path is a 'string'",
            Span(span.file, span.line, start, span.line, start + len(path.group(2)))
            if start > 0
            else span,
            hint=f"write {path.group(1)}: '{path.group(2)}'",
        )
    if value in (">", "<", "-", "<>") and re.search(r"\bref\s*:\s*$", line):
        return Diagnostic(
            "TDG025",
            f"DBML's 'ref: {value}' is written references: in tdg",
            span,
            hint="write references: users.id (the many side holds the column)",
        )
    return None


#: Expression words tdg spells in lowercase only.
_LOWER_WORDS = frozenset({"and", "or", "not", "is", "in", "null", "true", "false"})
_UPPER_WORD = re.compile(r"\b(AND|OR|NOT|IS|IN|NULL|TRUE|FALSE|And|Or|Not|Is|Null|True|False)\b")


def _uppercase_keyword(
    value: str, kind: str, expected: set[str], before: str, span: Span
) -> Diagnostic | None:
    """SQL's ``AND`` / ``IS NOT NULL``: tdg's expression words are lowercase. In a
    check, ``a <> b AND b IS NOT NULL`` parses as more columns (``AND b``), so the
    parse fails only at the '}' after it: look back at the check line too."""
    if kind == "NAME" and value.lower() in _LOWER_WORDS and value != value.lower():
        return _upper(value, span)
    line, number, _ = _line_context(before, span)
    if not re.match(r"\s*check\s+\w+\s*:", line):
        return None
    words = list(_UPPER_WORD.finditer(line, line.find(":")))
    if not words:
        return None
    first = words[0]
    others = [w.group(1) for w in words[1:]]
    return _upper(first.group(1), Span(span.file, number, first.start(1) + 1), others)


def _upper(word: str, span: Span, others: list[str] | None = None) -> Diagnostic:
    lower = word.lower()
    also = f" (and {', '.join(others)} after it)" if others else ""
    return Diagnostic(
        "TDG025",
        f"'{word}' is written '{lower}' in tdg{also}",
        Span(span.file, span.line, span.column, span.line, span.column + len(word)),
        hint="expression words are lowercase: and, or, not, is, in, null, true, false",
    )


_RULES = (
    _misplaced,
    _unnamed_block,
    _colon_before_block,
    _not_null,
    _equals,
    _double_quotes,
    _sql_line,
    _sql_constraint,
    _foreign_token,
    _foreign_item,
    _uppercase_keyword,
    _missing_colon,
    _missing_comma,
)


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
