"""How built-in formats are declared: a vectorised function plus a length policy.

``max_length`` comes from the column type (``string(n)``). Free text
(names, addresses, sentences) is cut to fit; structured values (emails,
IBANs, UUIDs) are never cut because a cut value is invalid data, so they
either pick shorter variants themselves or fail with a clear message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from testdatagen.errors import Diagnostic, GenerationError
from testdatagen.providers.base import FormatRequest, Rows
from testdatagen.providers.packs import COMMON, get_pack

__all__ = ["BUILTINS", "Fit", "VectorProvider", "fit_length", "picked", "vector"]

Fit = Literal["truncate", "strict"]
Generate = Callable[[FormatRequest, Rows], pa.Array]


@dataclass
class VectorProvider:
    """A format computed column-at-a-time (every built-in format is one)."""

    name: str
    function: Generate
    fit: Fit = "truncate"
    per_value: ClassVar[bool] = False

    def generate(self, request: FormatRequest, rows: Rows) -> pa.Array:
        rows = np.ascontiguousarray(rows, dtype=np.int64)
        return fit_length(self.function(request, rows), request, self.name, self.fit)


BUILTINS: dict[str, VectorProvider] = {}


def vector(name: str, fit: Fit = "truncate") -> Callable[[Generate], Generate]:
    """Register ``function`` as the built-in provider of format ``name``."""

    def register(function: Generate) -> Generate:
        BUILTINS[name] = VectorProvider(name, function, fit)
        return function

    return register


def picked(name: str, key: str, *, shared: bool = False, fit: Fit = "truncate") -> None:
    """Register format ``name`` as a frequency-weighted pick from the pack list ``key``
    (of the row's locale, or with ``shared`` of the locale-independent pack)."""

    def pick(request: FormatRequest, rows: Rows) -> pa.Array:
        pack = get_pack(COMMON if shared else request.locale)
        return pack.choice(key).pick(request.column_stream(), rows)

    BUILTINS[name] = VectorProvider(name, pick, fit)


def fit_length(values: pa.Array, request: FormatRequest, name: str, fit: Fit) -> pa.Array:
    limit = request.max_length
    if limit is None or not pa.types.is_string(values.type) or len(values) == 0:
        return values
    longest = pc.max(pc.utf8_length(values)).as_py()
    if longest is None or longest <= limit:
        return values
    if fit == "truncate":
        return pc.utf8_rtrim_whitespace(pc.utf8_slice_codeunits(values, 0, limit))
    raise GenerationError(
        [
            Diagnostic(
                code="TDG511",
                message=f"format '{name}' makes values of up to {longest} characters but "
                f"column {request.table}.{request.column} allows {limit}",
                hint=f"widen the column to string({longest}) or more",
            )
        ]
    )
