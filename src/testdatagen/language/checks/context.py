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
    #: Settings of the composite foreign_key the column belongs to, if any.
    key_settings: tuple[ast.Setting, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.schema.name, self.table.name, self.column.name)

    @property
    def qualified(self) -> str:
        return f"{self.table.name}.{self.column.name}"

    def setting(self, name: str) -> ast.Setting | None:
        # Two loops, not one over a concatenation: this runs for most columns
        # in most passes, and building the tuple cost more than the search.
        for s in self.decl.settings if self.decl else ():
            if s.name == name:
                return s
        for s in self.key_settings:
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
    _tables: dict[int, dict[str, Table]] = field(default_factory=dict, repr=False)
    _lines: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def text_at(self, span: Span) -> str:
        """The source text from ``span``'s start to the end of its line."""
        name = span.file or "<input>"
        lines = self._lines.get(name)
        if lines is None:  # split once per file: a file with many findings stays linear
            lines = self._lines[name] = self.sources.get(name, "").split("\n")
        if not 1 <= span.line <= len(lines):
            return ""
        return lines[span.line - 1][span.column - 1 :]

    def columns(self) -> Iterator[ColumnSite]:
        """Every column of the project; built once per run (most passes walk them all)."""
        if self._sites is None:
            decls, keyed = self.index.columns, self.index.key_settings
            self._sites = [
                ColumnSite(schema, table, column, decls.get(key), keyed.get(key, ()))
                for schema in self.project.schemas
                for table in schema.tables
                for column in table.columns
                for key in [(schema.name, table.name, column.name)]
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

    def table_named(self, schema: Schema, name: str) -> Table | None:
        """The first table of ``schema`` called ``name``.

        A dict per schema, built on first use: a linear search per reference
        made checking a schema of many tables quadratic.
        """
        by_name = self._tables.get(id(schema))
        if by_name is None:
            by_name = self._tables[id(schema)] = {}
            for table in schema.tables:
                by_name.setdefault(table.name, table)
        return by_name.get(name)

    def tables(self) -> Iterator[tuple[Schema, Table]]:
        for schema in self.project.schemas:
            for table in schema.tables:
                yield schema, table

    def table_decl(self, schema: str, table: str) -> ast.TableDecl | None:
        return self.index.tables.get((schema, table))

    def is_broken(self, site: ColumnSite) -> bool:
        broken = self.index.broken
        return bool(broken) and site.key in broken  # usually empty: skip building the key
