"""The small public Python API: load a description, generate a dataset.

Heavy layers are imported inside the functions so ``import testdatagen``
stays quick (the pytest plugin and the CLI's ``--help`` depend on that).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from testdatagen.errors import Diagnostic, InputError

if TYPE_CHECKING:
    from testdatagen.engine.dataset import Dataset
    from testdatagen.model.expr import Scalar
    from testdatagen.model.plan import Project
    from testdatagen.model.schema import Schema

__all__ = ["generate", "load", "loads"]

CONFIG_SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
SourceFormat = Literal["tdg", "json", "yaml"]


def load(path: str | PathLike[str]) -> Project:
    """Read a ``.tdg`` file or a JSON/YAML config (by extension) into a checked model."""
    path = Path(path)
    if not path.is_file():
        raise InputError(
            [Diagnostic("TDG002", f"no such file: {path}", hint="check the path and try again")]
        )
    suffix = path.suffix.lower()
    if suffix in CONFIG_SUFFIXES:
        from testdatagen.language.config import load_config

        return load_config(path)
    from testdatagen.language.api import load_file

    return load_file(path)


def loads(
    text: str,
    *,
    filename: str | None = None,
    format: SourceFormat = "tdg",
    base_dir: str | PathLike[str] | None = None,
) -> Project:
    """Parse text. ``base_dir`` resolves imports and data files (default: the cwd)."""
    base = Path(base_dir) if base_dir is not None else None
    if format == "tdg":
        from testdatagen.language.api import load_text

        return load_text(text, filename=filename, base_dir=base)
    from testdatagen.language.config import load_config_text

    return load_config_text(text, fmt=format, filename=filename, base_dir=base)


def generate(
    source: Project | Schema | str | PathLike[str],
    *,
    rows: Mapping[str, int] | None = None,
    seed: int | None = None,
    locale: str | None = None,
    workers: int = 1,
    plan: str | None = None,
    params: Mapping[str, Scalar] | None = None,
    chunk_rows: int = 65_536,
    now: datetime | None = None,
) -> Dataset:
    """Generate data for a model or a file; values stream lazily from the returned Dataset.

    The same source and seed give the same data, whatever ``workers`` and
    ``chunk_rows`` are. ``now`` fixes what ``now()`` and ``today()`` mean
    (default: the generate block's ``now:``, else today at 00:00 UTC).
    """
    from testdatagen import engine
    from testdatagen.model.plan import Project
    from testdatagen.model.schema import Schema

    model = source if isinstance(source, Project | Schema) else load(source)
    return engine.generate(
        model,
        plan=plan,
        rows=rows,
        params=params,
        seed=seed,
        locale=locale,
        workers=workers,
        chunk_rows=chunk_rows,
        now=now,
    )
