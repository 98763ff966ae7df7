"""Counter-based randomness: every draw is a pure function of its key and row index.

Algorithm (version ``RNG_VERSION``; changing any step changes output and must
bump it):

1. A stream key is 64 bits taken from BLAKE2b-8 over the UTF-8 parts
   ``seed / table / column / purpose`` joined by ``0x1f``. Child streams hash
   the parent key with the child's name, so streams never collide by
   accident of naming.
2. A draw for row ``i`` is ``splitmix64(key ^ splitmix64(i + φ))`` where
   ``φ = 0x9E3779B97F4A7C15`` and splitmix64 is Steele et al.'s finaliser
   (xor-shift 30/27/31, multipliers 0xBF58476D1CE4E5B9 and 0x94D049BB133111EB).
   Two rounds of mixing keep nearby rows and nearby keys independent.
3. Uniform floats take the top 53 bits: ``(bits >> 11) * 2**-53`` ∈ [0, 1).

No state advances, so any row range can be produced alone, in any order, on
any worker, and a single row can be recomputed when a child follows a key.
"""

from __future__ import annotations

import hashlib
import weakref
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["RNG_VERSION", "Stream", "mix64", "share_rows", "stream_key"]

RNG_VERSION = 1

U64 = npt.NDArray[np.uint64]
_PHI = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)
_TO_UNIT = 2.0**-53


def mix64(x: U64, *, out: U64 | None = None) -> U64:
    """splitmix64 finaliser, vectorised and (with ``out``) in place."""
    if out is None:
        out = x.copy()
    elif out is not x:
        np.copyto(out, x)
    with np.errstate(over="ignore"):
        out ^= out >> _S30
        out *= _M1
        out ^= out >> _S27
        out *= _M2
        out ^= out >> _S31
    return out


def stream_key(*parts: object) -> int:
    joined = "\x1f".join(str(p) for p in parts).encode()
    return int.from_bytes(hashlib.blake2b(joined, digest_size=8).digest(), "little")


def _as_rows(rows: npt.ArrayLike) -> U64:
    return np.asarray(rows, dtype=np.int64).astype(np.uint64, copy=True)


@dataclass(slots=True)
class _Shared:
    ref: weakref.ref[npt.NDArray[np.int64]]
    #: splitmix64(rows + φ), once a stream has drawn over the rows.
    mixed: U64 | None = None


_SHARED: dict[int, _Shared] = {}


def _entry(rows: object) -> _Shared | None:
    entry = _SHARED.get(id(rows))
    return entry if entry is not None and entry.ref() is rows else None


def share_rows(rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Freeze ``rows`` so that the first mixing round of a draw, which does not depend
    on the stream key, is computed once for all the streams drawing over them (every
    column of a chunk) instead of once per draw. An optimisation only: the bits are
    the same. Frozen, so the cached round cannot go stale; dropped with the array."""
    if _entry(rows) is None:
        key = id(rows)
        rows.flags.writeable = False
        _SHARED[key] = _Shared(weakref.ref(rows, lambda _ref: _SHARED.pop(key, None)))
    return rows


def _premixed(rows: npt.ArrayLike) -> U64 | None:
    entry = _entry(rows) if isinstance(rows, np.ndarray) else None
    if entry is None:
        return None
    if entry.mixed is None:
        x = np.asarray(rows).astype(np.uint64)
        with np.errstate(over="ignore"):
            x += _PHI
        entry.mixed = mix64(x, out=x)
    return entry.mixed


@dataclass(frozen=True, slots=True)
class Stream:
    """An independent random stream addressed by row index."""

    key: int

    @classmethod
    def root(cls, seed: int, *parts: object) -> Stream:
        return cls(stream_key("tdg", RNG_VERSION, seed, *parts))

    def child(self, *parts: object) -> Stream:
        return Stream(stream_key(self.key, *parts))

    def bits(self, rows: npt.ArrayLike) -> U64:
        """64 random bits per row index."""
        shared = _premixed(rows)
        if shared is not None:
            x = shared ^ np.uint64(self.key)
            return mix64(x, out=x)
        x = _as_rows(rows)
        with np.errstate(over="ignore"):
            x += _PHI
        mix64(x, out=x)
        x ^= np.uint64(self.key)
        return mix64(x, out=x)

    def bits_range(self, start: int, stop: int) -> U64:
        return self.bits(np.arange(start, stop, dtype=np.int64))

    def uniform(self, rows: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Floats in [0, 1)."""
        return (self.bits(rows) >> np.uint64(11)).astype(np.float64) * _TO_UNIT

    def integers(self, rows: npt.ArrayLike, low: int, high: int) -> npt.NDArray[np.int64]:
        """Integers in [low, high] inclusive (multiply-shift on 32 high bits when the
        span fits, exact 64-bit modulo otherwise; bias below 2**-32 either way)."""
        span = int(high) - int(low) + 1
        if span <= 0:
            raise ValueError(f"empty range [{low}, {high}]")
        b = self.bits(rows)
        if span <= 1 << 32:
            picked = ((b >> np.uint64(32)) * np.uint64(span)) >> np.uint64(32)
        elif span < 1 << 64:
            picked = b % np.uint64(span)
        else:  # the whole int64 range: every 64-bit pattern is a value
            picked = b
        # Wrapping two's-complement addition: exact for any [low, high] inside int64.
        return (picked + np.uint64(int(low) % (1 << 64))).view(np.int64)

    def normal(self, rows: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Standard normal by Box–Muller over two child streams (pure per row)."""
        u1 = 1.0 - self.child("n1").uniform(rows)
        u2 = self.child("n2").uniform(rows)
        result: npt.NDArray[np.float64] = np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)
        return result
