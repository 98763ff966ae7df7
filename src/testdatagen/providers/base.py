"""The contract between the engine and realistic-value providers.

A provider turns row indices into an Arrow array, column at a time. Values
in one row stay coherent (an email from the row's own name; city, postcode
and phone area code from one city) because providers derive them from
*shared identity streams* keyed by (seed, table, identity), not from the
column: ``first_name``, ``last_name`` and ``email`` of row i all read the
same ``person`` draw, whatever columns the table declares.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.engine.rng import Stream
from testdatagen.model.expr import Scalar

__all__ = ["FormatProvider", "FormatRequest", "Rows"]

Rows = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class FormatRequest:
    """Everything a provider may depend on; nothing else may influence its output."""

    seed: int
    table: str
    column: str
    locale: str
    params: Mapping[str, Scalar] = field(default_factory=dict)
    #: Longest value the column allows (``string(n)``); providers must respect it.
    max_length: int | None = None
    #: Values must be distinct over all row indices of the table (by construction).
    unique: bool = False
    #: Rows in the table: lets a unique provider size its domain.
    total_rows: int | None = None

    def column_stream(self, purpose: str = "value") -> Stream:
        """Randomness private to this column."""
        return Stream.root(self.seed, self.table, self.column, purpose)

    def identity_stream(self, identity: str) -> Stream:
        """Randomness shared by every column of the row that describes ``identity``."""
        return Stream.root(self.seed, self.table, "@" + identity)


class FormatProvider(Protocol):
    name: str

    def generate(self, request: FormatRequest, rows: Rows) -> pa.Array:
        """Values for ``rows`` (int64 row indices, any order, any subset)."""
        ...
