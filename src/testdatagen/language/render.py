"""Plain-text rendering of diagnostics: headline, source line, caret, hint.

No colour and no rich here: the CLI may style the same text; the language
server and tests read it plain. Layout (LANGUAGE.md)::

    shop.tdg:12:59: error[TDG101]: unknown format 'emial' — did you mean 'email'?
       12 |     email        string(120)   [unique, not_null, format: emial]
          |                                                           ^
          = formats: email, phone, name, address, company, url, ipv4, …

The caret marks where the span starts (the layout above is the contract);
the full span stays on the ``Diagnostic`` for editors to underline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from testdatagen.errors import Diagnostic, Span

__all__ = ["render_diagnostic", "render_diagnostics"]


def render_diagnostics(diagnostics: Iterable[Diagnostic], sources: Mapping[str, str]) -> str:
    """All diagnostics, in file and position order, separated by blank lines."""
    ordered = sorted(diagnostics, key=_order)
    return "\n\n".join(render_diagnostic(d, sources) for d in ordered) + ("\n" if ordered else "")


def _order(d: Diagnostic) -> tuple[str, int, int, str]:
    span = d.span
    if span is None:
        return ("", 0, 0, d.code)
    return (span.file or "", span.line, span.column, d.code)


def render_diagnostic(d: Diagnostic, sources: Mapping[str, str]) -> str:
    lines = [d.headline()]
    lines.extend(_excerpt(d.span, sources))
    gutter = _gutter(d.span)
    lines.extend(f"{' ' * gutter} = {note}" for note in d.notes)
    if d.hint:
        lines.append(f"{' ' * gutter} = {d.hint}")
    return "\n".join(lines)


def _gutter(span: Span | None) -> int:
    return len(str(span.line)) + 3 if span else 3


def _source_line(span: Span, sources: Mapping[str, str]) -> str | None:
    text = sources.get(span.file or "<input>")
    if text is None and span.file is None:
        text = sources.get("")
    if text is None:
        return None
    all_lines = text.split("\n")
    if not 1 <= span.line <= len(all_lines):
        return None
    return all_lines[span.line - 1].rstrip("\r")


def _excerpt(span: Span | None, sources: Mapping[str, str]) -> list[str]:
    if span is None:
        return []
    line = _source_line(span, sources)
    if line is None:
        return []
    pad = " " * (_gutter(span) + 1)
    shown = line.expandtabs(1)
    return [
        f"{span.line:>{_gutter(span)}} | {shown}".rstrip(),
        f"{pad}| {' ' * (span.column - 1)}^",
    ]
