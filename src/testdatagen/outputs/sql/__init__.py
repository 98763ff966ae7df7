"""DDL from the model and the 'sql' script writer.

Importing this package registers the output kind ``sql`` with the output
registry (when it is present).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from testdatagen.model.plan import OutputSpec
from testdatagen.outputs.sql.ddl import DIALECTS, Ddl, build_ddl, sql_type
from testdatagen.outputs.sql.deferred import DeferredDdl, deferred_ddl
from testdatagen.outputs.sql.script import SqlScriptOutput, sql_statements

__all__ = [
    "DIALECTS",
    "Ddl",
    "DeferredDdl",
    "SqlScriptOutput",
    "build_ddl",
    "deferred_ddl",
    "sql_output",
    "sql_statements",
    "sql_type",
]


def sql_output(spec: OutputSpec, base_dir: Path) -> SqlScriptOutput:
    """The registry factory for kind ``sql``."""
    return SqlScriptOutput(spec, base_dir)


def _register() -> None:
    try:
        registry = importlib.import_module("testdatagen.outputs.registry")
    except ImportError:  # the registry is optional for direct use
        return
    registry.register("sql", sql_output)


_register()
