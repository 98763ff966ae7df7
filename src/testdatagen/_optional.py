"""Optional dependencies load lazily, with an error that says what to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from testdatagen.errors import Diagnostic, MissingDependencyError

__all__ = ["require"]


def require(module: str, *, extra: str, feature: str | None = None) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        what = feature or module
        raise MissingDependencyError(
            [
                Diagnostic(
                    "TDG900",
                    f"{what} needs the optional package '{module}'",
                    hint=f"pip install 'testdatagen[{extra}]'",
                )
            ]
        ) from exc
