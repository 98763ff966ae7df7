"""Miscellaneous formats: UUIDs, colours, file names, MIME types, licence plates."""

from __future__ import annotations

from math import prod

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.engine.rng import Stream
from testdatagen.providers.base import FormatRequest
from testdatagen.providers.define import picked, vector
from testdatagen.providers.masks import MaskSet
from testdatagen.providers.packs import Pack, get_pack
from testdatagen.providers.unique import codes, unique_codes
from testdatagen.providers.vec import by_variant, hex_digits, join, matrix_to_strings

__all__: list[str] = []

I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]


@vector("uuid4", fit="strict")
def uuid4(request: FormatRequest, rows: I64) -> pa.Array:
    """Version 4 layout; unique mode puts a 62-bit permutation of the row in the low word."""
    stream = request.column_stream()
    high = stream.child("high").bits(rows)
    high = (high & ~np.uint64(0xF000)) | np.uint64(0x4000)
    low = codes(request, rows, 1 << 62, "UUIDs")
    low |= np.uint64(1 << 63)  # RFC 4122 variant bits 10
    digits = np.concatenate([hex_digits(high, 16), hex_digits(low, 16)], axis=1)
    n = len(rows)
    out = np.full((n, 36), ord("-"), dtype=np.uint8)
    start = 0
    for g, width in enumerate((8, 4, 4, 4, 12)):
        out[:, start + g : start + g + width] = digits[:, start : start + width]
        start += width
    return matrix_to_strings(out, np.full(n, 36, dtype=np.int64))


@vector("hex_color", fit="strict")
def hex_color(request: FormatRequest, rows: I64) -> pa.Array:
    digits = hex_digits(request.column_stream().bits(rows) >> np.uint64(40), 6)
    out = np.concatenate([np.full((len(rows), 1), ord("#"), dtype=np.uint8), digits], axis=1)
    return matrix_to_strings(out, np.full(len(rows), 7, dtype=np.int64))


picked("mime_type", "mime_types", shared=True, fit="strict")


@vector("file_name")
def file_name(request: FormatRequest, rows: I64) -> pa.Array:
    stream = request.column_stream()
    word = get_pack(request.locale).choice("lorem").pick(stream.child("word"), rows)
    ext = get_pack("common").choice("file_extensions").pick(stream.child("ext"), rows)
    return join(word, ".", ext)


def _part_size(pack: Pack, part: str) -> int:
    if part.startswith("@"):
        return len(pack.choice(part[1:]))
    return MaskSet.compile([part]).capacity[0]


def _plate(pack: Pack, parts: list[str], stream: Stream, rows: I64, values: U64 | None) -> pa.Array:
    """One plate layout: ``@list`` parts pick from a pack list, others are masks.
    With ``values``, the parts are the digits of a mixed radix (a bijection)."""
    rendered: list[pa.Array] = []
    rest = values.copy() if values is not None else None
    for k, part in reversed(list(enumerate(parts))):
        zero = np.zeros(len(rows), dtype=np.int64)
        size = np.uint64(_part_size(pack, part))
        digit = None if rest is None else rest % size
        if rest is not None:
            rest //= size
        if part.startswith("@"):
            choice = pack.choice(part[1:])
            idx = choice.index(stream.child(k), rows) if digit is None else digit.astype(np.int64)
            rendered.append(choice.take(idx))
        else:
            mask = MaskSet.compile([part])
            mat = (
                mask.fill_random(zero, stream.child(k), rows)
                if digit is None
                else mask.fill_value(zero, digit)
            )
            rendered.append(mask.to_strings(mat, zero))
    return join(*reversed(rendered))


@vector("license_plate", fit="strict")
def license_plate(request: FormatRequest, rows: I64) -> pa.Array:
    """Unique mode uses the locale's first layout only, so its capacity is that
    layout's product of list sizes and mask capacities."""
    pack = get_pack(request.locale)
    layouts: list[list[str]] = [list(p) for p in pack.conventions["license_plate"]]
    stream = request.column_stream()
    if request.unique:
        capacity = prod(_part_size(pack, p) for p in layouts[0])
        values = unique_codes(rows, capacity, stream.child("unique").key, "licence plates")
        return _plate(pack, layouts[0], stream, rows, values)
    which = stream.child("layout").integers(rows, 0, len(layouts) - 1)
    variants = [lambda sub, p=p: _plate(pack, p, stream, sub, None) for p in layouts]
    return by_variant(which, variants, rows)
