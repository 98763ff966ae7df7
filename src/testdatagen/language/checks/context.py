"""What every check pass reads: the model, the source index, the sink, and helpers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from testdatagen.errors import DiagnosticSink, Span
from testdatagen.language import ast
from testdatagen.language.lower import SourceIndex
from testdatagen.model import Column, Project, Schema, Table

__all__ = ["CheckContext", "ColumnSite"]


@dataclass(frozen=True, slots=True)
class ColumnSite:
    """A column with everything needed to report on it."""

    schema: Schema
    table: Table
    column: Column
    decl: ast.ColumnDecl | None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.schema.name, self.table.name, self.column.name)

    @property
    def qualified(self) -> str:
        return f"{self.table.name}.{self.column.name}"

    def setting(self, name: str) -> ast.Setting | None:
        for s in self.decl.settings if self.decl else ():
            if s.name == name:
                return s
        return None

    def value_span(self, name: str) -> Span | None:
        s = self.setting(name)
        return s.value_span if s else self.span

    def name_span(self, name: str) -> Span | None:
        s = self.setting(name)
        return s.name_span if s else self.span

    @property
    def span(self) -> Span | None:
        return self.decl.name.span if self.decl else self.column.span


@dataclass
class CheckContext:
    project: Project
    index: SourceIndex
    sink: DiagnosticSink
    sources: dict[str, str] = field(default_factory=dict)
    _sites: list[ColumnSite] | None = field(default=None, repr=False)
    _patterns: dict[str, Any] = field(default_factory=dict, repr=False)

    def text_at(self, span: Span) -> str:
        """The source text from ``span``'s start to the end of its line."""
        text = self.sources.get(span.file or "<input>", "")
        lines = text.split("\n")
        if not 1 <= span.line <= len(lines):
            return ""
        return lines[span.line - 1][span.column - 1 :]

    def columns(self) -> Iterator[ColumnSite]:
        """Every column of the project; built once per run (most passes walk them all)."""
        if self._sites is None:
            decls = self.index.columns
            self._sites = [
                ColumnSite(schema, table, column, decls.get((schema.name, table.name, column.name)))
                for schema in self.project.schemas
                for table in schema.tables
                for column in table.columns
            ]
        return iter(self._sites)

    def pattern(self, text: str) -> Any:
        """``regex.parse_pattern(text)``, parsed once per run (several passes need it).

        Raises ``regex.PatternError`` like the parser does, every time it is asked.
        """
        from testdatagen.model import regex

        found = self._patterns.get(text)
        if found is None:
            try:
                found = regex.parse_pattern(text)
            except regex.PatternError as exc:
                found = exc
            self._patterns[text] = found
        if isinstance(found, regex.PatternError):
            raise found
        return found

    def tables(self) -> Iterator[tuple[Schema, Table]]:
        for schema in self.project.schemas:
            for table in schema.tables:
                yield schema, table

    def table_decl(self, schema: str, table: str) -> ast.TableDecl | None:
        return self.index.tables.get((schema, table))

    def is_broken(self, site: ColumnSite) -> bool:
        return site.key in self.index.broken
