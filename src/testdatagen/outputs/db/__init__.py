"""Database loaders: SQLite (embedded default), PostgreSQL (COPY), MySQL/MariaDB.

Importing this package registers the output kinds ``sqlite``, ``postgresql``,
``mysql`` and ``database`` with the output registry (when it is present).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from testdatagen.model.plan import OutputSpec
from testdatagen.outputs.db.base import DatabaseOutput, load_dataset
from testdatagen.outputs.db.options import LoadOptions, load_options
from testdatagen.outputs.db.url import DbUrl, parse_url, redact

__all__ = [
    "KINDS",
    "DatabaseOutput",
    "DbUrl",
    "LoadOptions",
    "database_output",
    "load_dataset",
    "load_options",
    "parse_url",
    "redact",
]

KINDS = ("sqlite", "postgresql", "mysql", "database")


def database_output(spec: OutputSpec, base_dir: Path) -> DatabaseOutput:
    """The registry factory: ``factory(spec, base_dir) -> Output``."""
    return DatabaseOutput(spec, base_dir)


def _register() -> None:
    try:
        registry = importlib.import_module("testdatagen.outputs.registry")
    except ImportError:  # the registry is optional for direct use of the loaders
        return
    for kind in KINDS:
        registry.register(kind, database_output)


_register()
