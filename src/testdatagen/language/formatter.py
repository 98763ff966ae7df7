"""``tdg fmt``: one canonical layout, comments kept, idempotent.

The file is parsed, then printed from the AST as a list of lines, each
remembering the source lines it came from. Comments are put back afterwards:
one that shared a line with code trails that code's printed line; one on a
line of its own goes above the next printed line. Layout: 2-space indent,
column names, types and settings aligned within a table, settings in one
``[a, b: c]`` list, generate options aligned.
"""

from __future__ import annotations

from dataclasses import dataclass

from testdatagen.errors import Diagnostic, InputError, Span
from testdatagen.language import ast
from testdatagen.language.parser import parse_text
from testdatagen.language.unparse import expr_text, ident_text, settings_text, value_text

__all__ = ["format_text"]

Comments = tuple[tuple[Span, str], ...]
_INDENT = "  "
_MAX_ONE_LINE = 100


@dataclass
class _Line:
    depth: int
    text: str
    first: int  # first source line
    last: int  # last source line
    closing: bool = False
    blank_before: bool = False


def format_text(text: str, filename: str | None = None) -> str:
    """The canonical form of ``text``; ``InputError`` if it does not parse."""
    parsed = parse_text(text, filename)
    if parsed.diagnostics:
        raise InputError(parsed.diagnostics, sources={filename or "<input>": text})
    try:
        lines = _print(parsed.ast)
    except RecursionError:
        raise InputError(
            [Diagnostic("TDG018", "the input nests too deeply to format", Span(filename, 1, 1))],
            sources={filename or "<input>": text},
        ) from None
    return _render(_attach(lines, parsed.ast.comments, text.split("\n")))


def _print(tree: ast.FileAst) -> list[_Line]:
    lines: list[_Line] = []
    previous: ast.TopItem | None = None
    for item in tree.items:
        blank = previous is not None and not (
            isinstance(item, ast.ImportDecl) and isinstance(previous, ast.ImportDecl)
        )
        start = len(lines)
        _top(item, lines, tree.comments)
        if blank and start < len(lines):
            lines[start].blank_before = True
        previous = item
    return lines


def _top(item: ast.TopItem, out: list[_Line], comments: Comments) -> None:
    match item:
        case ast.ImportDecl(path=path, alias=alias, span=span):
            quoted = "'" + path.replace("'", "''") + "'"
            suffix = f" as {alias}" if alias else ""
            out.append(_Line(0, f"import {quoted}{suffix}", span.line, span.end_line or span.line))
        case ast.SchemaDecl():
            _schema(item, out, comments)
        case ast.EnumDecl():
            _enum(item, out, 0, comments)
        case ast.TemplateDecl():
            _table_body(out, 0, f"template {ident_text(item.name.name)}", item.span, item.items)
        case ast.GenerateDecl():
            _generate(item, out)


def _schema(item: ast.SchemaDecl, out: list[_Line], comments: Comments) -> None:
    span = item.span
    out.append(_Line(0, f"schema {ident_text(item.name.name)} {{", span.line, span.line))
    for i, inner in enumerate(item.items):
        start = len(out)
        _schema_item(inner, out, 1, comments)
        if i > 0 and start < len(out):
            out[start].blank_before = True
    end = span.end_line or span.line
    out.append(_Line(0, "}", end, end, True))


def _schema_item(
    item: ast.TableDecl | ast.EnumDecl | ast.TemplateDecl,
    out: list[_Line],
    depth: int,
    comments: Comments,
) -> None:
    if isinstance(item, ast.EnumDecl):
        _enum(item, out, depth, comments)
    elif isinstance(item, ast.TableDecl):
        settings = settings_text(item.settings)
        header = f"table {ident_text(item.name.name)}" + (f" {settings}" if settings else "")
        _table_body(out, depth, header, item.span, item.items)
    else:
        _table_body(out, depth, f"template {ident_text(item.name.name)}", item.span, item.items)


def _member_text(m: ast.MemberDecl) -> str:
    name = "'" + m.name.replace("'", "''") + "'" if m.is_string else ident_text(m.name)
    settings = settings_text(m.settings)
    return f"{name} {settings}" if settings else name


def _enum(item: ast.EnumDecl, out: list[_Line], depth: int, comments: Comments) -> None:
    span = item.span
    end = span.end_line or span.line
    header = f"enum {ident_text(item.name.name)}"
    inside = any(span.line <= c[0].line <= end for c in comments)
    one_line = f"{header} {{ {'  '.join(_member_text(m) for m in item.members)} }}"
    if not inside and len(_INDENT * depth + one_line) <= _MAX_ONE_LINE:
        out.append(_Line(depth, one_line, span.line, end))
        return
    out.append(_Line(depth, header + " {", span.line, span.line))
    for m in item.members:
        out.append(_Line(depth + 1, _member_text(m), m.span.line, m.span.end_line or m.span.line))
    out.append(_Line(depth, "}", end, end, True))


def _table_body(
    out: list[_Line], depth: int, header: str, span: Span, items: tuple[ast.TableItem, ...]
) -> None:
    line = span.line
    end = span.end_line or line
    out.append(_Line(depth, header + " {", line, line))
    columns = [i for i in items if isinstance(i, ast.ColumnDecl)]
    name_w = max((len(ident_text(c.name.name)) for c in columns), default=0)
    type_w = max((len(_type_text(c.type)) for c in columns), default=0)
    for item in items:
        text = _table_item(item, name_w, type_w)
        out.append(_Line(depth + 1, text, item.span.line, item.span.end_line or item.span.line))
    out.append(_Line(depth, "}", end, end, True))


def _type_text(t: ast.TypeRef) -> str:
    return t.name + (f"({','.join(str(a) for a in t.args)})" if t.args else "")


def _names(idents: tuple[ast.Ident, ...]) -> str:
    return ", ".join(ident_text(i.name) for i in idents)


def _table_item(item: ast.TableItem, name_w: int, type_w: int) -> str:
    match item:
        case ast.ColumnDecl(name=name, type=t, settings=settings):
            settings_part = settings_text(settings)
            if not settings_part:
                return f"{ident_text(name.name):<{name_w}}  {_type_text(t)}"
            return f"{ident_text(name.name):<{name_w}}  {_type_text(t):<{type_w}}  {settings_part}"
        case ast.CheckDecl(name=name, expr=expr):
            return f"check {ident_text(name.name)}: {expr_text(expr)}"
        case ast.KeyDecl(kind=kind, columns=cols):
            return f"{kind} ({_names(cols)})"
        case ast.ForeignKeyDecl(columns=cols, table=table, targets=targets, settings=settings):
            tail = settings_text(settings)
            text = f"foreign_key ({_names(cols)}) references {ident_text(table.name)}({_names(targets)})"
            return f"{text} {tail}" if tail else text
        case ast.UseDecl(template=template):
            return f"use {ident_text(template.name)}"
    raise TypeError(item)


def _generate(item: ast.GenerateDecl, out: list[_Line]) -> None:
    span = item.span
    out.append(_Line(0, f"generate {ident_text(item.name.name)} {{", span.line, span.line))
    width = max((len(kv.name) + 1 for kv in item.settings), default=0)
    for kv in item.settings:
        key = f"{kv.name}:"
        out.append(_Line(1, f"{key:<{width}} {value_text(kv.value)}", *_lines(kv.span)))
    for p in item.params:
        out.append(_Line(1, f"param {p.name}: {expr_text(p.expr)}", *_lines(p.span)))
    if item.rows_span is not None:
        rs = item.rows_span
        out.append(_Line(1, "rows {", rs.line, rs.line))
        width = max((len(ident_text(r.table.name)) + 1 for r in item.rows), default=0)
        for r in item.rows:
            key = f"{ident_text(r.table.name)}:"
            out.append(_Line(2, f"{key:<{width}} {expr_text(r.expr)}", *_lines(r.span)))
        out.append(_Line(1, "}", rs.end_line or rs.line, rs.end_line or rs.line, True))
    width = max((len(o.kind) for o in item.outputs), default=0)
    for o in item.outputs:
        opts = ", ".join(f"{kv.name}: {value_text(kv.value)}" for kv in o.options)
        body = f"{{ {opts} }}" if opts else "{ }"
        out.append(_Line(1, f"output {o.kind:<{width}} {body}", *_lines(o.span)))
    end = span.end_line or span.line
    out.append(_Line(0, "}", end, end, True))


def _lines(span: Span) -> tuple[int, int]:
    return span.line, span.end_line or span.line


def _attach(lines: list[_Line], comments: Comments, source: list[str]) -> list[_Line]:
    """Re-insert comments: trailing ones onto their code line, the rest above the next line."""
    trailing: dict[int, list[str]] = {}
    leading: dict[int, list[str]] = {}
    tail: list[str] = []
    for span, text in comments:
        line, col = span.line, span.column
        before = source[line - 1][: col - 1] if line <= len(source) else ""
        owner = _owner(lines, line) if before.strip() else None
        if owner is not None:
            trailing.setdefault(owner, []).append(text)
            continue
        nxt = next((i for i, ln in enumerate(lines) if ln.first > line), None)
        if nxt is None:
            tail.append(text)
        else:
            leading.setdefault(nxt, []).append(text)
    result: list[_Line] = []
    for i, ln in enumerate(lines):
        lead = leading.get(i, [])
        depth = ln.depth + 1 if ln.closing else ln.depth
        for j, text in enumerate(lead):
            result.append(_Line(depth, text, 0, 0, blank_before=ln.blank_before and j == 0))
        if lead:
            ln.blank_before = False
        if i in trailing:
            ln.text = f"{ln.text}  {' '.join(trailing[i])}"
        result.append(ln)
    for j, text in enumerate(tail):
        result.append(_Line(0, text, 0, 0, blank_before=j == 0 and bool(result)))
    return result


def _owner(lines: list[_Line], line: int) -> int | None:
    """The last printed line whose source covers ``line``."""
    found = None
    for i, ln in enumerate(lines):
        if ln.first <= line <= ln.last:
            found = i
    return found


def _render(lines: list[_Line]) -> str:
    parts: list[str] = []
    for ln in lines:
        if ln.blank_before and parts:
            parts.append("")
        parts.append(_INDENT * ln.depth + ln.text)
    return "\n".join(parts) + "\n"
