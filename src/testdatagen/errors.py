"""One exception family for everything a user can get wrong or run into.

Errors carry data (``Diagnostic`` records with a source span) and the caller
picks the policy: the language server wants every diagnostic, the CLI renders
them and exits with the error's ``exit_code``. Nothing below the interfaces
ever prints.

Exception tree::

    TdgError                      exit 1 unless stated
    ├── InputError                the description is wrong (schema, config, params)
    │   └── GenerationError       found only while generating (e.g. a check no row satisfies)
    ├── OutputError               exit 3: a file or database could not be written
    │   └── DatabaseError         exit 3: connect, authenticate, load, introspect
    └── MissingDependencyError    exit 3: an optional extra is not installed
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Code",
    "DatabaseError",
    "Diagnostic",
    "GenerationError",
    "InputError",
    "MissingDependencyError",
    "OutputError",
    "Severity",
    "Span",
    "TdgError",
]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file; lines and columns count from 1, ``end`` is exclusive."""

    file: str | None
    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None

    def __str__(self) -> str:
        return f"{self.file or '<input>'}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Code:
    """A stable diagnostic code, documented once in the generated reference."""

    code: str
    title: str
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about the input.

    ``path`` names a location in a JSON/YAML config (``tables[1].columns[3]``)
    when the input was not a ``.tdg`` file; ``span`` is set whenever a line is known.
    """

    code: str
    message: str
    span: Span | None = None
    severity: Severity = Severity.ERROR
    hint: str | None = None
    notes: tuple[str, ...] = ()
    path: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def headline(self) -> str:
        """``file:line:col: error[TDG101]: message`` — the first line of any rendering."""
        where = str(self.span) if self.span else (self.path or "<input>")
        if self.span and self.path:
            where = f"{where} ({self.path})"
        elif self.path and not self.span:
            where = f"{where}"
        return f"{where}: {self.severity.value}[{self.code}]: {self.message}"


class TdgError(Exception):
    """Base of every error TestDataGen raises on purpose.

    ``sources`` maps file names to their text so that a renderer can show the
    offending line with a caret without reading files again.
    """

    exit_code: int = 1

    def __init__(
        self,
        diagnostics: Iterable[Diagnostic] | str,
        *,
        sources: Mapping[str, str] | None = None,
    ) -> None:
        if isinstance(diagnostics, str):
            diagnostics = [Diagnostic(code=self.default_code, message=diagnostics)]
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        self.sources: dict[str, str] = dict(sources or {})
        super().__init__(self._summary())

    default_code: str = "TDG000"

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    def _summary(self) -> str:
        lines = [d.headline() for d in self.diagnostics]
        for d in self.diagnostics:
            if d.hint:
                lines.append(f"  hint: {d.hint}")
        return "\n".join(lines) if lines else type(self).__name__


class InputError(TdgError):
    """The description of the data is wrong: fix the file, config or parameters."""

    default_code = "TDG001"


class GenerationError(InputError):
    """The description is valid but cannot be satisfied while generating."""

    default_code = "TDG500"


class OutputError(TdgError):
    """An output could not be written; nothing partial was left under a final name."""

    exit_code = 3
    default_code = "TDG600"


class DatabaseError(OutputError):
    """A database could not be reached, authenticated against, loaded or read."""

    default_code = "TDG650"


class MissingDependencyError(TdgError):
    """An optional extra is needed for this feature."""

    exit_code = 3
    default_code = "TDG900"


@dataclass
class DiagnosticSink:
    """Collects diagnostics across passes; raise once at the end so users see all of them."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def error(self, code: str, message: str, span: Span | None = None, **kw: object) -> None:
        self.add(Diagnostic(code=code, message=message, span=span, **kw))  # type: ignore[arg-type]

    def warning(self, code: str, message: str, span: Span | None = None, **kw: object) -> None:
        self.add(
            Diagnostic(code=code, message=message, span=span, severity=Severity.WARNING, **kw)  # type: ignore[arg-type]
        )

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    def raise_if_errors(self, *, sources: Mapping[str, str] | None = None) -> None:
        if self.has_errors:
            raise InputError(self.diagnostics, sources=sources)
