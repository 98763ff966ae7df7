"""A keyed bijection of ``[0, domain)``: unique values without a set of seen values.

``unique`` columns map each row index through :class:`KeyedPermutation` onto
their value domain (integers, pattern strings, dates), so distinct rows get
distinct values by construction and any row is computed alone.

Algorithm (part of the output's definition; changing it changes data):

1. Work on ``2**bits`` where ``bits`` is the smallest even number (at least 2)
   with ``2**bits >= domain``; split a value into a high and a low half of
   ``bits / 2`` bits each.
2. Run :data:`ROUNDS` balanced Feistel rounds
   ``(hi, lo) -> (lo, hi ^ F_r(lo))`` with ``F_r(x) = mix64(x ^ k_r) & mask``,
   round keys ``k_r = mix64(key + r * φ)`` (splitmix64 from ``engine.rng``).
3. Cycle walking: values that land at or above ``domain`` are sent through the
   network again until they fall inside; this stays a bijection of the domain
   because the network is a bijection of ``2**bits``. At most 4× the domain is
   walked, so the expected number of passes is below 4; only the shrinking
   subset still outside is recomputed.

The inverse runs the rounds backwards with the same walk.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from testdatagen.engine.rng import mix64

__all__ = ["MAX_DOMAIN", "ROUNDS", "KeyedPermutation"]

#: Feistel rounds; four give a pseudo-random permutation for random round functions.
ROUNDS = 4
#: Largest supported domain (values and indices must fit int64 with headroom).
MAX_DOMAIN = 2**62

_PHI = 0x9E3779B97F4A7C15
_MASK64 = (1 << 64) - 1
I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]


def _round_keys(key: int) -> list[np.uint64]:
    seeds = np.array([(key + r * _PHI) & _MASK64 for r in range(ROUNDS)], dtype=np.uint64)
    return [np.uint64(k) for k in mix64(seeds)]


class KeyedPermutation:
    """A bijection of ``[0, domain)`` chosen by ``key``; vectorised over index arrays."""

    __slots__ = ("_half", "_keys", "_mask", "domain", "key")

    def __init__(self, key: int, domain: int) -> None:
        if not 1 <= domain <= MAX_DOMAIN:
            raise ValueError(f"Expected 1 <= domain <= 2**62 but got domain={domain!r}")
        self.key = int(key) & _MASK64
        self.domain = int(domain)
        bits = max(2, (self.domain - 1).bit_length())
        bits += bits % 2
        self._half = np.uint64(bits // 2)
        self._mask = np.uint64((1 << (bits // 2)) - 1)
        self._keys = _round_keys(self.key)

    def __repr__(self) -> str:
        return f"KeyedPermutation(key={self.key:#x}, domain={self.domain})"

    def apply(self, indices: npt.ArrayLike) -> I64:
        """The image of each index; indices must lie in ``[0, domain)``."""
        return self._walk(self._check(indices), self._forward)

    def invert(self, values: npt.ArrayLike) -> I64:
        """The index each value came from: ``invert(apply(i)) == i``."""
        return self._walk(self._check(values), self._backward)

    def _check(self, values: npt.ArrayLike) -> U64:
        arr = np.asarray(values, dtype=np.int64)
        if arr.size and (int(arr.min()) < 0 or int(arr.max()) >= self.domain):
            raise ValueError(
                f"Expected indices in [0, {self.domain}) but got "
                f"min={int(arr.min())}, max={int(arr.max())}"
            )
        return arr.astype(np.uint64)

    def _walk(self, x: U64, step: Callable[[U64], U64]) -> I64:
        if self.domain == 1:
            return x.astype(np.int64)
        out = step(x)
        limit = np.uint64(self.domain)
        outside = np.flatnonzero(out >= limit)
        while outside.size:
            again = step(out[outside])
            out[outside] = again
            outside = outside[again >= limit]
        return out.astype(np.int64)

    def _round(self, x: U64, k: np.uint64) -> U64:
        f = x ^ k
        mix64(f, out=f)
        f &= self._mask
        return f

    def _forward(self, x: U64) -> U64:
        hi, lo = x >> self._half, x & self._mask
        for k in self._keys:
            hi, lo = lo, hi ^ self._round(lo, k)
        return (hi << self._half) | lo

    def _backward(self, x: U64) -> U64:
        hi, lo = x >> self._half, x & self._mask
        for k in reversed(self._keys):
            hi, lo = lo ^ self._round(hi, k), hi
        return (hi << self._half) | lo
