"""TestDataGen: declarative, relational, reproducible test data at any volume."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from testdatagen._version import __version__
from testdatagen.api import generate, load, loads
from testdatagen.errors import (
    DatabaseError,
    Diagnostic,
    GenerationError,
    InputError,
    OutputError,
    TdgError,
)

__all__ = [
    "DatabaseError",
    "Dataset",
    "Diagnostic",
    "GenerationError",
    "InputError",
    "OutputError",
    "TdgError",
    "__version__",
    "generate",
    "load",
    "loads",
]

if TYPE_CHECKING:
    from testdatagen.engine.dataset import Dataset


def __getattr__(name: str) -> Any:
    # Dataset pulls in pyarrow; importing the package must stay cheap.
    if name == "Dataset":
        from testdatagen.engine.dataset import Dataset

        return Dataset
    raise AttributeError(f"module 'testdatagen' has no attribute {name!r}")
