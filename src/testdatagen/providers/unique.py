"""Unique values by construction: the row index through a keyed permutation.

Every unique format maps its row index through
:class:`testdatagen.engine.permutation.KeyedPermutation` (the one Feistel
network of the package) onto a code or a value body, so distinct rows get
distinct values without a set of seen values. What this module adds is the
provider side: a format's capacity, and a user error naming the format when a
row lies beyond it, instead of the permutation's ``ValueError``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from testdatagen.engine.permutation import MAX_DOMAIN, KeyedPermutation
from testdatagen.errors import Diagnostic, GenerationError
from testdatagen.providers.base import FormatRequest

__all__ = ["MAX_DOMAIN", "check_capacity", "codes", "unique_code_domain", "unique_codes"]

I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]


def check_capacity(rows: I64, capacity: int, what: str) -> None:
    """Unique values exist only for row indices below the format's capacity."""
    if len(rows) and (int(rows.max()) >= capacity or int(rows.min()) < 0):
        raise GenerationError(
            [
                Diagnostic(
                    code="TDG510",
                    message=f"unique {what} can cover {capacity:,} rows; "
                    f"row {int(rows.max()):,} is past it",
                    hint="drop 'unique' from this column or use a format with a larger domain "
                    "(e.g. uuid4)",
                )
            ]
        )


def unique_codes(rows: I64, domain: int, key: int, what: str) -> U64:
    """Distinct codes in ``[0, min(domain, MAX_DOMAIN))`` for distinct rows.

    A value space larger than the permutation's limit (an IBAN body, a UUID's
    low word) stays injective when only its first ``MAX_DOMAIN`` values are used.
    """
    capacity = min(domain, MAX_DOMAIN)
    check_capacity(rows, capacity, what)
    return KeyedPermutation(key, capacity).apply(rows).astype(np.uint64)


def codes(request: FormatRequest, rows: I64, domain: int, what: str) -> U64:
    """Codes in ``[0, domain)`` for a value space: distinct per row when the column is
    unique (capped at ``MAX_DOMAIN``), else uniformly random."""
    stream = request.column_stream("code")
    if request.unique:
        return unique_codes(rows, domain, stream.key, what)
    if domain == 1:
        return np.zeros(len(rows), dtype=np.uint64)
    if domain & (domain - 1) == 0:  # a power of two: the top bits, no division
        return stream.bits(rows) >> np.uint64(65 - domain.bit_length())
    if domain > 1 << 63:
        raise ValueError(f"Expected a domain of at most 2**63 but got {domain}")
    return stream.integers(rows, 0, domain - 1).astype(np.uint64)


def unique_code_domain(total_rows: int | None) -> int:
    """Size of the numeric suffix space for name-based unique formats.

    The suffix has as many digits as the table needs (at least 4), so small
    tables get short codes; without a known row count it allows 10**10 rows.
    """
    if total_rows is None:
        return 10**10
    digits = max(4, len(str(max(total_rows - 1, 0))))
    return int(10**digits)
