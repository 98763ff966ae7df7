"""Read a config file or text into a checked ``Project``, reporting every finding at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path as FsPath
from typing import Any, Literal

from pydantic import ValidationError

from testdatagen.errors import Diagnostic, DiagnosticSink, InputError, Span
from testdatagen.language.config.codes import TDG700, TDG701, TDG713
from testdatagen.language.config.context import Context
from testdatagen.language.config.lower import lower_document
from testdatagen.language.config.positions import (
    ConfigSyntaxError,
    PositionMap,
    format_path,
    load_json,
    load_yaml,
)
from testdatagen.language.config.salvage import SalvageContext, salvage
from testdatagen.language.config.spec import ConfigDocument
from testdatagen.language.config.validation import diagnostics_from
from testdatagen.model.plan import Project

__all__ = ["ConfigFormat", "format_for", "load_config", "load_config_text"]

ConfigFormat = Literal["json", "yaml"]
_SUFFIXES: dict[str, ConfigFormat] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_READERS: dict[str, Callable[[str, str | None], tuple[Any, PositionMap]]] = {
    "json": load_json,
    "yaml": load_yaml,
}


def format_for(path: FsPath) -> ConfigFormat:
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            [
                Diagnostic(
                    TDG713.code,
                    f"'{path.name}' is not a config file",
                    hint="config files end in .json, .yaml or .yml",
                )
            ]
        )
    return fmt


def _semantic_checks(project: Project, ctx: Context) -> list[Diagnostic]:
    """The .tdg semantic passes on the lowered model, when the language offers them;
    their findings gain the config path of the spot their span points at."""
    try:
        from testdatagen.language.checks import run_checks
        from testdatagen.language.lower import SourceIndex
    except ImportError:
        return []
    sink = DiagnosticSink()
    run_checks(project, SourceIndex(), sink)
    paths = {(line, column): path for path, (line, column) in ctx.positions.items()}
    found = []
    for diagnostic in sink.diagnostics:
        span = diagnostic.span
        path = paths.get((span.line, span.column)) if span and span.file == ctx.file else None
        if path is not None and diagnostic.path is None:
            diagnostic = replace(diagnostic, path=format_path(path))
        found.append(diagnostic)
    return found


def load_config_text(
    text: str,
    *,
    fmt: ConfigFormat,
    filename: str | None = None,
    base_dir: FsPath | None = None,
    checks: bool = True,
) -> Project:
    """Parse, validate and lower; files named in rules resolve against ``base_dir``.

    ``checks=False`` skips the .tdg semantic passes (names, graphs, feasibility)
    and returns the lowered model as soon as the config itself is valid.
    """
    text = text.removeprefix("\ufeff")  # a BOM from a Windows editor is no content
    sources = {filename or "<input>": text}
    if not text.strip():
        raise InputError([_empty(fmt, filename)], sources=sources)
    try:
        data, positions = _READERS[fmt](text, filename)
    except ConfigSyntaxError as exc:
        raise InputError([exc.diagnostic], sources=sources) from None
    ctx = Context(positions, filename, base_dir or FsPath.cwd())
    if data is None:  # only comments: as empty as an empty file
        raise InputError([_empty(fmt, filename)], sources=sources)
    if not isinstance(data, dict):
        what = type(data).__name__ if not isinstance(data, list) else "list"
        ctx.error(
            TDG700,
            f"a config is a {fmt.upper()} object with 'tables', not a {what}",
            (),
            _START[fmt],
        )
        ctx.sink.raise_if_errors(sources=sources)
    try:
        doc = ConfigDocument.model_validate(data)
    except ValidationError as exc:
        diagnostics_from(exc, ctx, data)
        if not ctx.sink.has_errors:
            ctx.error(TDG701, "the config is not valid", ())
        _check_the_rest(data, exc, ctx, checks)
        ctx.sink.raise_if_errors(sources=sources)
        raise AssertionError("unreachable") from exc
    project = lower_document(doc, ctx)
    for diagnostic in _semantic_checks(project, ctx) if checks else ():
        if not _restates(diagnostic, ctx.diagnostics):
            ctx.sink.add(diagnostic)
    ctx.sink.raise_if_errors(sources=sources)
    return project


_START: dict[ConfigFormat, str] = {
    "yaml": "start with 'tables:' and a list of tables: tables: [{name: t, columns: [...]}]",
    "json": 'start with {"tables": [{"name": "t", "columns": [...]}]}',
}


def _empty(fmt: ConfigFormat, filename: str | None) -> Diagnostic:
    """An empty file names no table; said at its first line so the user sees which file."""
    return Diagnostic(
        TDG700.code,
        f"a config is a {fmt.upper()} object with 'tables' (the file is empty)",
        span=Span(filename, 1, 1),
        hint=_START[fmt],
    )


def _restates(diagnostic: Diagnostic, found: list[Diagnostic]) -> bool:
    """A semantic finding on a spot lowering already reported on (or inside, or around)
    says the same thing again: the .tdg path has no lowering stage to repeat it."""
    path = diagnostic.path
    if path is None:
        return False
    for other in found:
        if other.path is None:
            continue
        a, b = sorted((path, other.path), key=len)
        if b == a or b.startswith((f"{a}.", f"{a}[")):
            return True
    return False


def _check_the_rest(data: Any, exc: ValidationError, ctx: Context, checks: bool) -> None:
    """Lower and check what validation accepted, so later findings show in the same run."""
    saved = salvage(data, exc)
    if saved is None:
        return
    rest = SalvageContext(ctx.positions, ctx.file, ctx.base_dir, ctx.sink, salvaged=saved)
    project = lower_document(saved.document, rest)
    for diagnostic in _semantic_checks(project, rest) if checks else ():
        if not saved.is_echo(diagnostic.path, diagnostic.message) and not _restates(
            diagnostic, ctx.diagnostics
        ):
            ctx.sink.add(diagnostic)


def load_config(path: str | FsPath, *, checks: bool = True) -> Project:
    """A ``.json``/``.yaml``/``.yml`` file; data files resolve next to it."""
    path = FsPath(path)
    fmt = format_for(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([_not_utf8(path, exc)]) from None
    except OSError as exc:
        raise InputError(
            [Diagnostic("TDG002", f"cannot read {path}: {exc.strerror}", hint="check the path")]
        ) from None
    return load_config_text(text, fmt=fmt, filename=str(path), base_dir=path.parent, checks=checks)


def _not_utf8(path: FsPath, exc: UnicodeDecodeError) -> Diagnostic:
    """Where the first byte that is not UTF-8 sits (as for ``.tdg`` files, TDG022)."""
    raw = bytes(exc.object)
    line = raw.count(b"\n", 0, exc.start) + 1
    col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
    return Diagnostic(
        "TDG022",
        f"the file is not UTF-8: byte 0x{raw[exc.start]:02x} here cannot be read",
        Span(str(path), line, col),
        hint=f"save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8 old{path.suffix} "
        f"> new{path.suffix})",
    )
