"""Imports pass: read the root file and everything it imports, once each.

Paths are relative to the importing file. A missing file is reported at its
``import`` line; a cycle is reported with the whole chain so the user sees
which import to remove.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from testdatagen.errors import DiagnosticSink
from testdatagen.language import ast
from testdatagen.language.parser import parse_text

__all__ = ["SourceSet", "load_sources"]

Reader = Callable[[Path], str]


@dataclass
class SourceSet:
    """Parsed files by display name, root first; ``sources`` feed the renderer."""

    files: dict[str, ast.FileAst] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    root: str = "<input>"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def load_sources(
    text: str,
    name: str | None,
    base_dir: Path,
    sink: DiagnosticSink,
    reader: Reader = _read,
) -> SourceSet:
    result = SourceSet(root=name or "<input>")
    _Loader(result, sink, reader).visit(text, name, base_dir, [])
    return result


@dataclass
class _Loader:
    result: SourceSet
    sink: DiagnosticSink
    reader: Reader

    def visit(self, text: str, name: str | None, base: Path, chain: list[str]) -> None:
        key = name or "<input>"
        parsed = parse_text(text, name)
        self.result.sources[key] = text
        self.result.files[key] = parsed.ast
        for d in parsed.diagnostics:
            self.sink.add(d)
        for item in parsed.ast.items:
            if isinstance(item, ast.ImportDecl):
                self.follow(item, key, base, [*chain, key])

    def follow(self, imp: ast.ImportDecl, importer: str, base: Path, chain: list[str]) -> None:
        if imp.alias is not None:  # rejected, not ignored: alias.name would never resolve
            self.sink.error(
                "TDG023",
                f"import aliases are not supported: 'as {imp.alias}' names nothing",
                imp.span,
                hint=f"write import '{imp.path}' and use its enums and templates by their own names",
            )
        target = base / imp.path
        shown = _display(importer, imp.path)
        if shown in chain:
            cycle = " → ".join([*chain[chain.index(shown) :], shown])
            self.sink.error(
                "TDG021", f"import cycle: {cycle}", imp.span, hint="remove one of these imports"
            )
            return
        if shown in self.result.files:
            return
        try:
            text = self.reader(target)
        except FileNotFoundError:
            self.sink.error(
                "TDG020",
                f"cannot import '{imp.path}': no such file",
                imp.span,
                hint=f"looked for {shown} (paths are relative to the importing file)",
            )
            return
        except (OSError, UnicodeDecodeError) as exc:
            self.sink.error("TDG022", f"cannot read '{imp.path}': {exc}", imp.span)
            return
        self.visit(text, shown, target.parent, chain)


def _display(importer: str, path: str) -> str:
    """Name an imported file the way the user would: relative to the root's folder."""
    folder = Path(importer).parent if importer != "<input>" else Path()
    return os.path.normpath(folder / path)
