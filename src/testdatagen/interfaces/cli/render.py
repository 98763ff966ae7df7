"""Diagnostics as people read them (source line and caret) and as machines do (JSON).

The language layer owns the text layout; this module only gathers the
sources a renderer needs, adds colour to the severity, and keeps a plain
fallback so an error is readable even when the language layer is broken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from testdatagen.errors import Diagnostic, MissingDependencyError, Span

__all__ = [
    "diagnostic_json",
    "gather_sources",
    "plain_render",
    "print_diagnostics",
    "render_text",
]

_SEVERITY = re.compile(r"\b(error|warning)\[[A-Z]+\d+\]")


def gather_sources(
    diagnostics: Iterable[Diagnostic], known: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Texts of every file a diagnostic points into; unreadable files are left out."""
    sources = dict(known or {})
    for diag in diagnostics:
        name = diag.span.file if diag.span else None
        if name and name not in sources:
            try:
                sources[name] = Path(name).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
    return sources


def plain_render(diagnostics: Sequence[Diagnostic], sources: Mapping[str, str]) -> str:
    """The language layer's layout, kept here for when that layer cannot be imported."""
    blocks = []
    for diag in diagnostics:
        width = len(str(diag.span.line)) + 3 if diag.span else 3
        lines = [diag.headline(), *_source_excerpt(diag.span, sources, width)]
        lines.extend(f"{' ' * width} = {note}" for note in diag.notes)
        if diag.hint:
            lines.append(f"{' ' * width} = {diag.hint}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _source_excerpt(span: Span | None, sources: Mapping[str, str], width: int) -> list[str]:
    if span is None or span.file is None or span.file not in sources:
        return []
    text_lines = sources[span.file].splitlines()
    if not 1 <= span.line <= len(text_lines):
        return []
    return [
        f"{span.line:>{width}} | {text_lines[span.line - 1]}".rstrip(),
        f"{' ' * (width + 1)}| {' ' * (span.column - 1)}^",
    ]


def render_text(diagnostics: Sequence[Diagnostic], sources: Mapping[str, str]) -> str:
    from testdatagen.interfaces.cli import layers

    full = gather_sources(diagnostics, sources)
    try:
        return layers.render_diagnostics(diagnostics, full)
    except MissingDependencyError:
        return plain_render(diagnostics, full)


def print_diagnostics(
    console: Console, diagnostics: Sequence[Diagnostic], sources: Mapping[str, str]
) -> None:
    """Print with the severity coloured; the text itself is exactly the renderer's."""
    if not diagnostics:
        return
    for line in render_text(diagnostics, sources).splitlines():
        text = Text(line)
        for match in _SEVERITY.finditer(line):
            text.stylize(match.group(1), match.start(), match.end())
        console.print(text, soft_wrap=True)


def diagnostic_json(diag: Diagnostic) -> dict[str, Any]:
    """A stable, documented shape (see docs/cli.md, "--json")."""
    span = diag.span
    return {
        "code": diag.code,
        "severity": diag.severity.value,
        "message": diag.message,
        "file": span.file if span else None,
        "line": span.line if span else None,
        "column": span.column if span else None,
        "path": diag.path,
        "hint": diag.hint,
        "notes": list(diag.notes),
    }
