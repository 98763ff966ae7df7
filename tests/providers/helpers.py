"""Shared helpers for the provider tests."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from testdatagen.providers.base import FormatRequest
from testdatagen.providers.registry import get_provider


def request(
    name: str,
    locale: str = "en_US",
    seed: int = 7,
    *,
    unique: bool = False,
    max_length: int | None = None,
    total_rows: int | None = None,
    table: str = "t",
) -> FormatRequest:
    return FormatRequest(
        seed=seed,
        table=table,
        column=f"col_{name}",
        locale=locale,
        unique=unique,
        max_length=max_length,
        total_rows=total_rows,
    )


def generate(name: str, rows: np.ndarray | int, **kw: object) -> pa.Array:
    if isinstance(rows, int):
        rows = np.arange(rows, dtype=np.int64)
    return get_provider(name).generate(request(name, **kw), np.asarray(rows, dtype=np.int64))  # type: ignore[arg-type]


def values(name: str, rows: np.ndarray | int, **kw: object) -> list[object]:
    return generate(name, rows, **kw).to_pylist()
