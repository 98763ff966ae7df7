"""The CLI's only doorway into the layers below, imported on first use.

Why a module of thin wrappers: ``tdg --help`` must not import the engine,
pyarrow or lark; a layer that is broken or missing must surface as one
clear error, not an ImportError traceback; and tests can replace a layer
by patching a single attribute here.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from testdatagen.errors import Diagnostic, MissingDependencyError

if TYPE_CHECKING:
    from testdatagen.engine.dataset import Dataset
    from testdatagen.model.expr import Scalar
    from testdatagen.model.plan import OutputSpec, Project
    from testdatagen.model.schema import Schema
    from testdatagen.outputs.base import Output

__all__ = [
    "build_run_plan",
    "check_file",
    "convert",
    "create_output",
    "format_text",
    "generate",
    "introspect",
    "introspected_text",
    "load_project",
    "output_spec_for_target",
    "print_schema",
    "provider_names",
    "render_diagnostics",
    "sample",
]


def _module(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise MissingDependencyError(
            [
                Diagnostic(
                    "TDG901",
                    f"{name} could not be imported: {exc}",
                    hint="reinstall testdatagen (pip install -e .) or report this as a bug",
                )
            ]
        ) from exc


def _function(module: str, name: str) -> Callable[..., Any]:
    func = getattr(_module(module), name, None)
    if func is None:
        raise MissingDependencyError(
            [Diagnostic("TDG901", f"{module}.{name} is not available in this installation")]
        )
    return func  # type: ignore[no-any-return]


def load_project(path: Path) -> Project:
    """A ``.tdg`` file or a JSON/YAML config, chosen by extension."""
    from testdatagen.api import load
    from testdatagen.errors import InputError

    try:
        return load(path)
    except InputError as exc:
        exc.diagnostics = tuple(misnamed_config(path, list(exc.diagnostics)))
        raise


def check_file(path: Path) -> list[Diagnostic]:
    """Every diagnostic of a ``.tdg`` file (warnings included), without raising."""
    return misnamed_config(path, list(_function("testdatagen.language.api", "check_file")(path)))


_CONFIG_SUFFIXES = (".json", ".yaml", ".yml")


def misnamed_config(path: Path, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """A JSON/YAML config saved as ``x.tdg`` or ``x.txt`` is read as ``.tdg`` and fails
    on its first word; say what it is and the name to give it."""
    if not diagnostics:
        return diagnostics
    first = diagnostics[0]
    if path.suffix.lower() in _CONFIG_SUFFIXES:
        if first.code != "TDG700" or not _is_tdg_text(path):
            return diagnostics
        note = f"this file is a .tdg description: rename it to {path.with_suffix('.tdg')}"
        return [dataclasses.replace(first, notes=(*first.notes, note)), *diagnostics[1:]]
    if (
        first.code not in ("TDG010", "TDG011", "TDG025")
        or first.span is None
        or first.span.line > 3
    ):
        return diagnostics
    form = _config_form(path)
    if form is None:
        return diagnostics
    note = f"this file is a {form} config: rename it to {path.with_suffix(_SUFFIX[form])}"
    return [dataclasses.replace(first, notes=(*first.notes, note)), *diagnostics[1:]]


_SUFFIX = {"JSON": ".json", "YAML": ".yaml"}
#: A .tdg file starts, after comments, with one of its top-level keywords and a name.
_TDG_START = re.compile(r"\A(?:\s|//[^\n]*\n)*(?:schema|generate|import|enum|template)\b\s+\S")


def _is_tdg_text(path: Path) -> bool:
    try:
        return _TDG_START.match(path.read_text(encoding="utf-8-sig")) is not None
    except (OSError, UnicodeDecodeError):
        return False


def _config_form(path: Path) -> str | None:
    import json

    import yaml

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        data = json.loads(text)
        form = "JSON"
    except ValueError:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            return None
        form = "YAML"
    return form if isinstance(data, dict) and "tables" in data else None


def render_diagnostics(diagnostics: Sequence[Diagnostic], sources: Mapping[str, str]) -> str:
    return str(
        _function("testdatagen.language.render", "render_diagnostics")(list(diagnostics), sources)
    )


def format_text(text: str, filename: str | None = None) -> str:
    return str(_function("testdatagen.language.formatter", "format_text")(text, filename))


def convert(in_path: Path, out_path: Path) -> None:
    _function("testdatagen.language.convert", "convert")(in_path, out_path)


def print_schema(schema: Schema) -> str:
    return str(_function("testdatagen.language.printer", "print_schema")(schema))


def introspected_text(project: Project) -> str:
    """The .tdg text of an introspected project: schema plus its generate block,
    re-read and compared so a printed file always means what was read."""
    return str(_function("testdatagen.outputs.introspect", "to_tdg")(project))


def generate(
    project: Project,
    *,
    plan: str | None,
    rows: Mapping[str, int] | None,
    params: Mapping[str, Scalar] | None,
    seed: int | None,
    locale: str | None,
    workers: int,
    chunk_rows: int,
    now: str | None = None,
) -> Dataset:
    engine = _module("testdatagen.engine")
    run: Callable[..., Dataset] = getattr(engine, "generate", None) or _function(
        "testdatagen.engine.generate", "generate"
    )
    return run(
        project,
        plan=plan,
        rows=rows,
        params=params,
        seed=seed,
        locale=locale,
        workers=workers,
        chunk_rows=chunk_rows,
        now=_function("testdatagen.model.plan", "parse_now")(now) if now else None,
    )


def build_run_plan(project: Project, **kwargs: Any) -> Any:
    """The engine's plan (order, exact row counts, fan-out); shape read by :mod:`.explain`."""
    return _function("testdatagen.engine.plan", "build_run_plan")(project, **kwargs)


def output_spec_for_target(target: str, format: str | None = None) -> OutputSpec:
    func = _function("testdatagen.outputs.registry", "output_spec_for_target")
    return func(target, format)  # type: ignore[no-any-return]


def create_output(spec: OutputSpec, *, base_dir: Path) -> Output:
    func = _function("testdatagen.outputs.registry", "create_output")
    return func(spec, base_dir=base_dir)  # type: ignore[no-any-return]


def introspect(url: str, *, schema: str | None, tables: Sequence[str] | None) -> Project:
    func = _function("testdatagen.outputs.introspect", "introspect")
    return func(url, schema=schema, tables=list(tables) if tables else None)  # type: ignore[no-any-return]


def sample(name: str, *, locale: str, n: int, seed: int = 0) -> list[str]:
    func = _function("testdatagen.providers.registry", "sample")
    return [str(v) for v in func(name, locale=locale, n=n, seed=seed)]


def provider_names() -> list[str]:
    return list(_function("testdatagen.providers.registry", "provider_names")())
