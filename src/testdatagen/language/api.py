"""The front end's public functions: text or file in, checked ``Project`` out.

Pipeline: parse (with recovery) → imports → lower → checks. Every
diagnostic of a run is collected and raised together as one ``InputError``
carrying the source texts, so a renderer can show each line with a caret.
Arbitrary input never raises anything but a ``TdgError``.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from testdatagen.errors import Diagnostic, DiagnosticSink, InputError, Span, TdgError
from testdatagen.language.checks import run_checks
from testdatagen.language.imports import SourceSet, load_sources
from testdatagen.language.lower import SourceIndex, lower_project
from testdatagen.model import Project

__all__ = ["Analysis", "analyze_text", "check_file", "check_text", "load_file", "load_text"]


@dataclass
class Analysis:
    """Everything one run found: the model (None after syntax errors) and diagnostics."""

    project: Project | None
    diagnostics: list[Diagnostic]
    sources: dict[str, str]
    index: SourceIndex | None = None

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    def raise_if_errors(self) -> Project:
        if self.has_errors or self.project is None:
            raise InputError(self.diagnostics, sources=self.sources)
        return self.project


def analyze_text(
    text: str, *, filename: str | None = None, base_dir: str | os.PathLike[str] | None = None
) -> Analysis:
    """Run every pass and return what was found; never raises for input problems."""
    with _gc_paused():
        return _analyze_text(text, filename, base_dir)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one run builds its trees.

    A large file makes ~10^5 small, acyclic objects (tokens, AST, model
    nodes); each automatic collection rescans the growing heap for cycles
    that are not there, which cost a third of the run. Reference counting
    still frees everything; the collector resumes (if it was on) at the end.

    Resuming alone would still scan every survivor once: they all sit in the
    youngest generation, and the first allocation afterwards collects it (a
    sixth of a 200-table run). ``freeze`` + ``unfreeze`` instead moves them,
    in constant time, to the oldest generation, where the caller's long-lived
    model belongs anyway; only a full collection looks at them again. Skipped
    when the host has frozen objects of its own (``unfreeze`` would free them).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _analyze_text(
    text: str, filename: str | None, base_dir: str | os.PathLike[str] | None
) -> Analysis:
    sink = DiagnosticSink()
    text = text.removeprefix("\ufeff")  # a UTF-8 byte order mark is not part of the text
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    sources = load_sources(text, filename, base, sink)
    if sink.has_errors:  # syntax or import errors: the model would be half-made
        return Analysis(None, _sorted(sink), sources.sources)
    try:
        return _analyze_model(sources, sink)
    except RecursionError:
        sink.error("TDG010", "the input nests too deeply", Span(filename, 1, 1))
        return Analysis(None, _sorted(sink), sources.sources)


def _analyze_model(sources: SourceSet, sink: DiagnosticSink) -> Analysis:
    project, index = lower_project(sources, sink)
    run_checks(project, index, sink, sources.sources)
    return Analysis(project, _sorted(sink), sources.sources, index)


def _sorted(sink: DiagnosticSink) -> list[Diagnostic]:
    def key(d: Diagnostic) -> tuple[str, int, int]:
        s = d.span
        return (s.file or "", s.line, s.column) if s else ("", 0, 0)

    unique = list(dict.fromkeys(sink.diagnostics))
    return sorted(unique, key=key)


def load_text(
    text: str, *, filename: str | None = None, base_dir: str | os.PathLike[str] | None = None
) -> Project:
    """The checked model, or ``InputError`` carrying every diagnostic (warnings too)."""
    return analyze_text(text, filename=filename, base_dir=base_dir).raise_if_errors()


def _read(path: str | os.PathLike[str]) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError([Diagnostic("TDG020", f"no such file: {os.fspath(path)}")]) from None
    except UnicodeDecodeError as exc:
        raise InputError([_not_utf8(path, exc)]) from None
    except OSError as exc:
        raise InputError([Diagnostic("TDG022", f"cannot read {os.fspath(path)}: {exc}")]) from None


def _not_utf8(path: str | os.PathLike[str], exc: UnicodeDecodeError) -> Diagnostic:
    """Where the first byte that is not UTF-8 sits, so the user can find the stray character."""
    raw = bytes(exc.object)
    line = raw.count(b"\n", 0, exc.start) + 1
    col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
    byte = raw[exc.start]
    return Diagnostic(
        "TDG022",
        f"the file is not UTF-8: byte 0x{byte:02x} here cannot be read",
        Span(os.fspath(path), line, col),
        hint="save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8 old.tdg > new.tdg)",
    )


def load_file(path: str | os.PathLike[str]) -> Project:
    text = _read(path)
    return load_text(text, filename=os.fspath(path), base_dir=Path(path).parent)


def check_text(
    text: str, *, filename: str | None = None, base_dir: str | None = None
) -> list[Diagnostic]:
    return analyze_text(text, filename=filename, base_dir=base_dir).diagnostics


def check_file(path: str | os.PathLike[str]) -> list[Diagnostic]:
    """Errors and warnings of one file (and its imports); never raises for input problems."""
    try:
        text = _read(path)
    except TdgError as exc:
        return list(exc.diagnostics)
    return check_text(text, filename=os.fspath(path), base_dir=str(Path(path).parent))
