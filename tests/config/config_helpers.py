"""Small builders shared by the config tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from testdatagen.errors import Diagnostic, InputError
from testdatagen.language.config import load_config_text
from testdatagen.model import Column, Project, Table


def doc(*columns: dict[str, Any], name: str = "t", **table: Any) -> dict[str, Any]:
    """A one-table config document around ``columns``."""
    return {"tables": [{"name": name, "columns": list(columns), **table}]}


def load(data: dict[str, Any], base_dir: Path | None = None, checks: bool = True) -> Project:
    return load_config_text(json.dumps(data), fmt="json", base_dir=base_dir, checks=checks)


def table(project: Project, name: str = "t") -> Table:
    return project.schemas[0].table(name)


def column(data: dict[str, Any], name: str | None = None, **kw: Any) -> Column:
    project = load(data, **kw)
    first = project.schemas[0].tables[0]
    return first.column(name) if name else first.columns[0]


def errors(text: str, fmt: str = "json", **kw: Any) -> list[Diagnostic]:
    with pytest.raises(InputError) as info:
        load_config_text(text, fmt=fmt, **kw)  # type: ignore[arg-type]
    return list(info.value.diagnostics)


def schema_of(project: Project) -> tuple[Any, Any]:
    """What must survive a round trip: schemas and plans (not the source file's name)."""
    dumped = project.model_dump(mode="json")
    return dumped["schemas"], dumped["plans"]
