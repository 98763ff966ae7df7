"""One registry of output kinds: built-in writers, colleagues' loaders, plugins.

Built-in file writers are imported only when used. Database kinds and the
SQL script live in ``testdatagen.outputs.db`` and ``testdatagen.outputs.sql``,
which call ``register`` when imported. Plugins register through the
``testdatagen.outputs`` entry-point group (name = kind, value = a factory).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import cast

from testdatagen.model.catalog import OUTPUT_KINDS
from testdatagen.model.plan import OutputSpec
from testdatagen.outputs.base import Output
from testdatagen.outputs.options import UNAVAILABLE, UNKNOWN_KIND, did_you_mean, output_error
from testdatagen.outputs.target import output_spec_for_target

__all__ = [
    "OutputFactory",
    "create_output",
    "output_spec_for_target",
    "register",
    "registered_kinds",
]

OutputFactory = Callable[[OutputSpec, Path], Output]

_FACTORIES: dict[str, OutputFactory] = {}

_FILES = "testdatagen.outputs.files"
#: kind -> "module:attribute" of a factory, imported on first use.
_BUILTIN: dict[str, str] = {
    "csv": f"{_FILES}.csv:CsvOutput",
    "tsv": f"{_FILES}.csv:TsvOutput",
    "json": f"{_FILES}.json:JsonOutput",
    "jsonl": f"{_FILES}.json:JsonLinesOutput",
    "parquet": f"{_FILES}.parquet:ParquetOutput",
    "excel": f"{_FILES}.excel:ExcelOutput",
    "xml": f"{_FILES}.xml:XmlOutput",
}
#: kind -> module that registers it when imported (owned by the database/SQL writers).
_MODULES: dict[str, str] = {
    "sqlite": "testdatagen.outputs.db",
    "postgresql": "testdatagen.outputs.db",
    "mysql": "testdatagen.outputs.db",
    "database": "testdatagen.outputs.db",
    "sql": "testdatagen.outputs.sql",
}
_ENTRY_POINT_GROUP = "testdatagen.outputs"


def register(kind: str, factory: OutputFactory) -> None:
    """Make ``kind`` available to ``create_output``; re-registering replaces it."""
    _FACTORIES[kind] = factory


def registered_kinds() -> tuple[str, ...]:
    """Every kind that can be asked for (some load on first use)."""
    return tuple(sorted({*_FACTORIES, *_BUILTIN, *_MODULES, *OUTPUT_KINDS}))


def create_output(spec: OutputSpec, *, base_dir: Path | None = None) -> Output:
    """The writer or loader for ``spec``; relative paths resolve against ``base_dir`` (cwd)."""
    factory = _factory(spec.kind)
    return factory(spec, base_dir if base_dir is not None else Path.cwd())


def _factory(kind: str) -> OutputFactory:
    if kind in _FACTORIES:
        return _FACTORIES[kind]
    if kind in _BUILTIN:
        module, _, attribute = _BUILTIN[kind].partition(":")
        register(kind, cast(OutputFactory, getattr(importlib.import_module(module), attribute)))
    elif kind in _MODULES:
        _import_provider(kind, _MODULES[kind])
    else:
        _load_plugin(kind)
    if kind not in _FACTORIES:
        raise output_error(
            UNKNOWN_KIND,
            f"unknown output kind {kind!r}",
            did_you_mean(kind, registered_kinds()),
        )
    return _FACTORIES[kind]


def _import_provider(kind: str, module: str) -> None:
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is None or not module.startswith(exc.name):
            raise
        raise output_error(
            UNAVAILABLE,
            f"the '{kind}' output is not available: module {module} is missing",
            "this build of testdatagen lacks it; reinstall testdatagen or use a file format",
        ) from None
    if kind not in _FACTORIES:
        raise output_error(
            UNAVAILABLE, f"module {module} did not register the '{kind}' output kind"
        )


def _load_plugin(kind: str) -> None:
    for entry in entry_points(group=_ENTRY_POINT_GROUP):
        if entry.name == kind:
            register(kind, cast(OutputFactory, entry.load()))
            return
