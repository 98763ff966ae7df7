"""Masks: text templates whose placeholders are filled column by column.

A mask is a template such as ``(212) ###-####`` or ``%??-####``:

=====  ===================  =====
char   fills with           radix
=====  ===================  =====
``#``  a digit 0-9          10
``%``  a digit 1-9          9
``!``  a digit 1-8          8
``^``  a digit 1-2          2
``?``  a letter A-Z         26
``*``  a check character    (computed afterwards by the format)
=====  ===================  =====

Anything else (including UTF-8 text such as ``丁目``) is literal. A set of
masks compiles to byte matrices so that filling N rows is a few NumPy
operations per column. Filling either draws digits at random or writes a
given integer in the mask's mixed radix, which is a bijection from
``[0, capacity)`` onto the mask's values: unique formats use that with a
keyed permutation of the row index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import prod

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.engine.rng import Stream
from testdatagen.providers.vec import matrix_to_strings

__all__ = ["MaskSet"]

I64 = npt.NDArray[np.int64]
U8 = npt.NDArray[np.uint8]
_SPEC = {"#": (10, "0"), "%": (9, "1"), "!": (8, "1"), "^": (2, "1"), "?": (26, "A"), "*": (1, "0")}
_PER_WORD = 4  # placeholders served by one 32-bit random word
_LOW32 = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True)
class MaskSet:
    """Compiled masks; row ``i`` uses mask ``template_index[i]``."""

    templates: tuple[str, ...]
    chars: U8  # (T, W) template bytes with placeholders replaced by their base char
    radix: I64  # (T, W) 1 for literals and check characters
    check: npt.NDArray[np.bool_]  # (T, W) where the '*' placeholders are
    lengths: I64  # (T,) bytes
    capacity: tuple[int, ...]  # distinct values per template

    @classmethod
    def compile(cls, templates: Sequence[str]) -> MaskSet:
        encoded = [t.encode("utf-8") for t in templates]
        width = max(1, max(len(e) for e in encoded))
        chars = np.zeros((len(encoded), width), dtype=np.uint8)
        radix = np.ones((len(encoded), width), dtype=np.int64)
        check = np.zeros((len(encoded), width), dtype=np.bool_)
        for t, data in enumerate(encoded):
            for j, byte in enumerate(data):
                spec = _SPEC.get(chr(byte))
                chars[t, j] = ord(spec[1]) if spec else byte
                if spec:
                    radix[t, j] = spec[0]
                    check[t, j] = chr(byte) == "*"
        lengths = np.array([len(e) for e in encoded], dtype=np.int64)
        capacity = tuple(prod(int(r) for r in row) for row in radix)
        return cls(tuple(templates), chars, radix, check, lengths, capacity)

    @property
    def width(self) -> int:
        return int(self.chars.shape[1])

    @property
    def _active_columns(self) -> I64:
        """Columns that are a placeholder in *any* template. Fixed per mask set,
        never per batch: which random word feeds which column must not depend
        on the templates that happen to occur among the rows being generated."""
        return np.flatnonzero((self.radix > 1).any(axis=0)).astype(np.int64)

    def fill_random(self, template_index: I64, stream: Stream, rows: I64) -> U8:
        """Random placeholders: each 32-bit word yields four of them by repeated
        multiply-by-radix on its fraction (the mixed-radix digits of a uniform
        number), so any combination of four is within ~1% of uniform."""
        mat = self.chars[template_index]
        word = bits = np.zeros(len(rows), dtype=np.uint64)
        for k, j in enumerate(self._active_columns):
            if k % (2 * _PER_WORD) == 0:
                bits = stream.child("mask", k // (2 * _PER_WORD)).bits(rows)
                word = bits & _LOW32
            elif k % _PER_WORD == 0:
                word = bits >> np.uint64(32)
            product = word * self.radix[template_index, j].astype(np.uint64)
            mat[:, j] += (product >> np.uint64(32)).astype(np.uint8)
            word = product & _LOW32
        return mat

    def fill_value(self, template_index: I64, values: npt.NDArray[np.uint64]) -> U8:
        """Write ``values`` (each below its mask's capacity) in the mask's mixed radix."""
        mat = self.chars[template_index]
        rest = values.astype(np.uint64, copy=True)
        for j in self._active_columns[::-1]:
            r = self.radix[template_index, j].astype(np.uint64)
            mat[:, j] += (rest % r).astype(np.uint8)
            rest //= r
        return mat

    def to_strings(self, mat: U8, template_index: I64) -> pa.Array:
        return matrix_to_strings(mat, self.lengths[template_index])

    def digit_values(self, mat: U8) -> I64:
        """Numeric value of each byte that is a digit, 0 elsewhere."""
        values = mat.astype(np.int64) - ord("0")
        values[(values < 0) | (values > 9)] = 0
        return values
