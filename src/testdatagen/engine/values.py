"""Building Arrow values from NumPy buffers: random strings, UUIDs, decimals.

The buffer-level helpers (``from_numpy``, ``scalar``, ``to_numpy``, …) live in
``engine.buffers`` and are re-exported here.

Every builder is a handful of whole-array operations; no Python object is
made per value. Randomness comes in as counter-based draws, so a value is a
pure function of its row index and the same in any chunk.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.engine.buffers import (
    EMPTY,
    FALSE,
    TRUE,
    from_numpy,
    iso_to_days,
    iso_to_us,
    scalar,
    strings_from_codes,
    text_array,
    to_numpy,
    valid_mask,
    validity,
    with_nulls,
)
from testdatagen.engine.rng import Stream

__all__ = [
    "ALPHANUMERIC",
    "EMPTY",
    "FALSE",
    "TRUE",
    "decimal_array",
    "decimal_from_whole",
    "decimal_to_float",
    "decimal_unscaled",
    "from_numpy",
    "iso_to_days",
    "iso_to_us",
    "random_strings",
    "scalar",
    "strings_from_codes",
    "text_array",
    "to_numpy",
    "uuid_strings",
    "with_nulls",
]

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
U8 = npt.NDArray[np.uint8]
Mask = npt.NDArray[np.bool_]
ALPHANUMERIC = np.frombuffer(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", dtype=np.uint8
)
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def decimal_array(scaled: I64, type_: pa.Decimal128Type, valid: Mask | None = None) -> pa.Array:
    """Exact decimal128 from integers already multiplied by ``10**scale``."""
    words = np.empty((scaled.size, 2), dtype=np.int64)
    words[:, 0] = scaled
    words[:, 1] = scaled >> 63
    return pa.Array.from_buffers(type_, scaled.size, [validity(valid), pa.py_buffer(words)])


def decimal_from_whole(
    scaled: F64, type_: pa.Decimal128Type, valid: Mask | None = None
) -> pa.Array:
    """Exact decimal128 from whole floats already multiplied by ``10**scale``, past int64
    too: a decimal(38,10) amount of 1e9 is 1e19 units, which ``astype(np.int64)``
    wrapped to a negative number. Whole floats split exactly into the two 64-bit
    words (the remainder below 2**64 is a multiple of the float's own ulp)."""
    scaled = np.where(np.isfinite(scaled), scaled, 0.0)
    if not bool((np.abs(scaled) >= 2.0**63).any()):
        return decimal_array(scaled.astype(np.int64), type_, valid)
    magnitude = np.abs(scaled)
    high = np.floor(magnitude / 2.0**64)
    low = (magnitude - high * 2.0**64).astype(np.uint64).view(np.int64)
    hi = high.astype(np.int64)
    negative = scaled < 0
    # Two's complement of 128 bits: invert both words, add one to the low word and
    # carry into the high one when the low word was zero.
    low, hi = np.where(negative, ~low + 1, low), np.where(negative, ~hi + (low == 0), hi)
    words = np.ascontiguousarray(np.stack([low, hi], axis=1))
    return pa.Array.from_buffers(type_, scaled.size, [validity(valid), pa.py_buffer(words)])


def decimal_unscaled(values: pa.Array) -> I64:
    """The unscaled integers of a decimal128 array of precision ≤ 18 (its low words;
    NULL slots hold whatever the buffer holds, usually 0)."""
    words = np.frombuffer(values.buffers()[1], dtype=np.int64)
    unscaled: I64 = words[2 * values.offset : 2 * (values.offset + len(values)) : 2]
    if values.null_count:
        unscaled = np.where(valid_mask(values), unscaled, 0)
    return unscaled


def decimal_to_float(values: pa.Array) -> pa.Array:
    """Decimals as the nearest float64 (unscaled / 10**scale, correctly rounded).

    Arrow's own cast can land one ulp off (0.70 → 0.7000000000000001), which is
    enough to flip a check such as ``a < b * 1.1`` against what a database computes.
    """
    type_ = values.type
    if type_.precision > 18 or not pa.types.is_decimal128(type_):
        return values.cast(pa.float64())
    data = decimal_unscaled(values) / 10.0**type_.scale
    valid = None if values.null_count == 0 else valid_mask(values)
    return pa.Array.from_buffers(pa.float64(), len(values), [validity(valid), pa.py_buffer(data)])


def random_strings(stream: Stream, rows: I64, lengths: I64, max_len: int) -> pa.Array:
    """Alphanumeric strings; character ``j`` of row ``i`` depends on ``(i, j)`` only."""
    words = (max_len + 7) // 8
    counters = (rows[:, None] * words + np.arange(words, dtype=np.int64)).ravel()
    raw = stream.bits(counters).view(np.uint8).reshape(rows.size, words * 8)[:, :max_len]
    chars = ALPHANUMERIC[raw % np.uint8(ALPHANUMERIC.size)]
    keep = np.arange(max_len)[None, :] < lengths[:, None]
    return strings_from_codes(chars[keep], lengths)


def base_digits(values: I64, width: int, alphabet: U8 = ALPHANUMERIC) -> U8:
    """Fixed-width digits of ``values`` in the alphabet's base (most significant first)."""
    base = alphabet.size
    out = np.empty((values.size, width), dtype=np.uint8)
    rest = values.copy()
    for pos in range(width - 1, -1, -1):
        out[:, pos] = alphabet[rest % base]
        rest //= base
    return out


def uuid_strings(hi: npt.NDArray[np.uint64], lo: npt.NDArray[np.uint64], version: int) -> pa.Array:
    """RFC 9562 text form from 128 bits; version and variant bits are set here."""
    hi = (hi & np.uint64(0xFFFFFFFFFFFF0FFF)) | np.uint64(version << 12)
    lo = (lo & np.uint64(0x3FFFFFFFFFFFFFFF)) | np.uint64(0x8000000000000000)
    raw = np.empty((hi.size, 2), dtype=">u8")
    raw[:, 0], raw[:, 1] = hi, lo
    nibbles = raw.view(np.uint8).reshape(hi.size, 16)
    hexed = np.empty((hi.size, 32), dtype=np.uint8)
    hexed[:, 0::2] = _HEX[nibbles >> 4]
    hexed[:, 1::2] = _HEX[nibbles & 0x0F]
    text = np.full((hi.size, 36), ord("-"), dtype=np.uint8)
    for dst, src in ((0, 0), (9, 8), (14, 12), (19, 16), (24, 20)):
        width = {0: 8, 24: 12}.get(dst, 4)
        text[:, dst : dst + width] = hexed[:, src : src + width]
    return strings_from_codes(text.ravel(), np.full(hi.size, 36, dtype=np.int64))
