"""The ``.tdg`` language front end: parse, check, lower to the model, format.

Public functions (loaded lazily so ``language.config`` and friends stay cheap
to import)::

    load_file(path) -> Project
    load_text(text, *, filename=None, base_dir=None) -> Project
    check_file(path) -> list[Diagnostic]
    format_text(text, filename=None) -> str
    render_diagnostics(diagnostics, sources) -> str
"""

from __future__ import annotations

from typing import Any

__all__ = ["check_file", "format_text", "load_file", "load_text", "render_diagnostics"]

_HOMES = {
    "check_file": "testdatagen.language.api",
    "load_file": "testdatagen.language.api",
    "load_text": "testdatagen.language.api",
    "format_text": "testdatagen.language.formatter",
    "render_diagnostics": "testdatagen.language.render",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'testdatagen.language' has no attribute {name!r}")
