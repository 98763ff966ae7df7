"""What every lowering step shares: where values sit in the file, and the findings so far."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path as FsPath

from testdatagen.errors import Code, Diagnostic, DiagnosticSink, Span
from testdatagen.language.config.codes import TDG707
from testdatagen.language.config.exprs import ExpressionSyntaxError, parse_expression
from testdatagen.language.config.positions import Path, PositionMap, format_path, span_for
from testdatagen.model.expr import Expr

__all__ = ["Context", "did_you_mean"]

_RANGE = re.compile(r"\s*(\d+)\s*\.\.\s*(\d+)\s*\Z")


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


@dataclass
class Context:
    positions: PositionMap
    file: str | None
    base_dir: FsPath
    sink: DiagnosticSink = field(default_factory=DiagnosticSink)

    def span(self, path: Path) -> Span | None:
        return span_for(self.positions, path, self.file)

    def error(self, code: Code, message: str, path: Path, hint: str | None = None) -> None:
        self.sink.add(
            Diagnostic(code.code, message, span=self.span(path), hint=hint, path=format_path(path))
        )

    def expr(
        self, text: str, path: Path, what: str = "expression", hint: str | None = None
    ) -> Expr | None:
        """Parse ``text`` or record why not; ``None`` means an error was recorded."""
        try:
            return parse_expression(text, span=self.span(path))
        except ExpressionSyntaxError as exc:
            self.error(
                TDG707,
                f"invalid {what}: {exc}",
                path,
                hint=hint
                or "expressions use .tdg syntax: 'text' strings, =, and/or, if … then … else … end",
            )
            return None

    @staticmethod
    def int_range(text: str) -> tuple[int, int] | None:
        """``"1..5"`` → ``(1, 5)``."""
        match = _RANGE.match(text)
        return (int(match.group(1)), int(match.group(2))) if match else None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.sink.diagnostics
