"""Variable-length text from dictionary tokens: one ``take`` and an offset array.

Long strings (sentences, paragraphs, URL paths) are sequences of tokens drawn
from a small vocabulary. Instead of joining word lists per row, every token of
every row is drawn in one flat array, the vocabulary entries (which already
carry their separators: ``"word "``, ``"Word "``, ``"word."``) are copied with
one binary ``take``, and rows are cut out of that byte buffer by picking the
token offsets at row boundaries. Each token costs a hash, an alias lookup and
a memcpy; nothing runs per row in Python.

Arrow's ``take`` on *binary* arrays is about twice as fast as on *string*
arrays, so vocabularies are held as binary and the result is re-labelled as
string (the bytes are valid UTF-8 by construction: they are copies of UTF-8
vocabulary entries).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.engine.rng import Stream, mix64

__all__ = [
    "as_binary",
    "as_string",
    "bools",
    "concat_tokens",
    "in_blocks",
    "ints",
    "max_bytes",
    "numpy_ints",
    "radix_digits",
    "strings",
    "take_strings",
    "token_bits",
]

I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]
_PHI = np.uint64(0x9E3779B97F4A7C15)
#: Mixed-radix digits drawn from one hash keep their product below this, so the
#: modulo bias of any digit stays under 2**-24.
_DIGIT_SPACE = 1 << 40
#: Tokens handled at once: the temporaries stay a few MB, so they are reused from
#: the allocator's free lists instead of being mapped (and page-faulted) afresh.
BLOCK_TOKENS = 1 << 19


# ``pa.array``/``pa.scalar`` import pandas on first use in pyarrow >= 26 (~0.35 CPU-s
# and 30-50 MB per process), even for NumPy input; these build from buffers instead.


def ints(values: npt.ArrayLike) -> pa.Array:
    """An int64 Arrow array of ``values`` without ``pa.array`` (no pandas import)."""
    data = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(data), [None, pa.py_buffer(data)])


def floats(values: npt.ArrayLike) -> pa.Array:
    """A float64 Arrow array of ``values`` without ``pa.array`` (NaN stays a value)."""
    data = np.ascontiguousarray(values, dtype=np.float64)
    return pa.Array.from_buffers(pa.float64(), len(data), [None, pa.py_buffer(data)])


def text(value: str) -> pa.Scalar:
    """A string scalar without ``pa.scalar`` (which imports pandas, as ``pa.array`` does);
    compute kernels and ``pa.repeat`` given a Python str call it."""
    return strings([value])[0]


def bools(values: npt.ArrayLike) -> pa.Array:
    """A boolean Arrow array of ``values`` without ``pa.array``."""
    data = np.asarray(values, dtype=np.bool_)
    bits = np.packbits(data, bitorder="little")
    return pa.Array.from_buffers(pa.bool_(), len(data), [None, pa.py_buffer(bits)])


def strings(values: Sequence[str | None]) -> pa.Array:
    """A string Arrow array of ``values`` (None: NULL) without ``pa.array``."""
    encoded = [b"" if v is None else v.encode("utf-8") for v in values]
    valid = np.fromiter((v is not None for v in values), dtype=np.bool_, count=len(values))
    bits = None if valid.all() else pa.py_buffer(np.packbits(valid, bitorder="little"))
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    kind = pa.string() if offsets[-1] < 2**31 else pa.large_string()
    width = np.int32 if kind == pa.string() else np.int64
    buffers = [bits, pa.py_buffer(offsets.astype(width)), pa.py_buffer(b"".join(encoded))]
    out = pa.Array.from_buffers(kind, len(encoded), buffers)
    return out if kind == pa.string() else out.cast(pa.string())


def numpy_ints(values: pa.Array) -> I64:
    """A null-free integer Arrow array as int64 NumPy (``to_numpy`` imports pandas)."""
    if values.null_count:
        raise ValueError("numpy_ints needs an array without nulls")
    width = values.type.bit_width // 8
    data = np.frombuffer(
        values.buffers()[1],
        dtype=np.dtype(f"i{width}"),
        count=len(values),
        offset=values.offset * width,
    )
    out: I64 = data.astype(np.int64)
    return out


def max_bytes(values: pa.Array) -> int:
    """Length in bytes of the longest value of a string array (0 if empty)."""
    if not len(values):
        return 0
    offsets = np.frombuffer(
        values.buffers()[1], dtype=np.int32, count=len(values) + 1, offset=values.offset * 4
    )
    return int(np.diff(offsets).max())


def as_binary(values: pa.Array) -> pa.Array:
    """The same buffers labelled ``binary`` (zero-copy)."""
    return pa.Array.from_buffers(pa.binary(), len(values), values.buffers(), offset=values.offset)


def as_string(values: pa.Array) -> pa.Array:
    """The same buffers labelled ``string`` (zero-copy; the bytes must be UTF-8)."""
    return pa.Array.from_buffers(pa.string(), len(values), values.buffers(), offset=values.offset)


def take_strings(values: pa.Array, index: npt.ArrayLike) -> pa.Array:
    """``values.take(index)``; string arrays go through the faster binary kernel."""
    if not pa.types.is_string(values.type):
        return values.take(ints(index))
    return as_string(as_binary(values).take(ints(index)))


def concat_tokens(vocab: pa.Array, ids: I64, counts: I64) -> pa.Array:
    """Row ``i`` is the concatenation of the next ``counts[i]`` entries ``vocab[ids]``."""
    taken = vocab.take(ints(ids))
    starts = np.frombuffer(taken.buffers()[1], dtype=np.int32, count=len(ids) + 1)
    bounds = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=bounds[1:])
    offsets = starts[bounds]
    data = taken.buffers()[2] or pa.py_buffer(b"")
    return pa.Array.from_buffers(pa.string(), len(counts), [None, pa.py_buffer(offsets), data])


def in_blocks(render: Callable[[I64], pa.Array], rows: I64, tokens_per_row: int) -> pa.Array:
    """``render(rows)`` over blocks of rows, concatenated: values are pure functions
    of the row, so the blocks change nothing but the memory traffic (about 2× faster
    for paragraphs than one pass over 200k rows)."""
    size = max(256, BLOCK_TOKENS // max(1, tokens_per_row))
    if len(rows) <= size:
        return render(rows)
    return pa.concat_arrays([render(rows[i : i + size]) for i in range(0, len(rows), size)])


def token_bits(stream: Stream, rows: I64, counts: I64) -> U64:
    """64 random bits for each token ``t < counts[i]`` of each row, rows one after another.

    Token ``t`` of row ``r`` gets ``mix64(h_r + (t + 1)·φ)`` where ``h_r`` is the
    row's hash in ``stream``: a SplitMix64 sequence seeded per row, so a row's
    tokens depend on that row alone and cost one mixing each.
    """
    total = int(counts.sum())
    first = np.zeros(len(counts), dtype=np.int64)
    np.cumsum(counts[:-1], out=first[1:])
    # (h_r - first_r·φ) + (j + 1)·φ for the token at flat position j = first_r + t
    with np.errstate(over="ignore"):
        base = stream.bits(rows) - first.astype(np.uint64) * _PHI
        x = np.repeat(base, counts)
        x += (np.arange(1, total + 1, dtype=np.uint64)) * _PHI
    return mix64(x, out=x)


def radix_digits(stream: Stream, rows: I64, radices: list[int]) -> I64:
    """Independent uniform integers ``[0, radices[j])`` per row, an (N, len) matrix.

    Several digits share one 64-bit hash (the mixed-radix digits of a uniform
    number), which is why a row's sentence lengths cost one draw, not six.
    """
    if any(not 1 <= r <= _DIGIT_SPACE for r in radices):
        raise ValueError(f"Expected radices in [1, 2**40] but got {radices!r}")
    out = np.empty((len(rows), len(radices)), dtype=np.int64)
    j, group = 0, 0
    while j < len(radices):
        value = stream.child("digits", group).bits(rows)
        space = 1
        while j < len(radices) and space * radices[j] <= _DIGIT_SPACE:
            radix = np.uint64(radices[j])
            out[:, j] = (value % radix).astype(np.int64)
            value //= radix
            space *= radices[j]
            j += 1
        group += 1
    return out
