"""The canvas patterns are written on: code points per row and column, packed into
Arrow at the end without touching rows in Python.

Nodes write column by column for sets of rows (``Sel``) at per-row or shared
positions (``Pos``); the helpers here narrow and merge those.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.model.regex import RegexNode, alphabet, max_length

__all__ = ["Canvas", "Idx", "Pos", "Sel", "as_array", "merge_pos", "subset"]

I64 = npt.NDArray[np.int64]
#: Enumeration indices: uint32 when the (sub)domain allows, else uint64.
Idx = npt.NDArray[np.unsignedinteger[Any]]
#: The rows a node writes to (indices into the output), None for all of them.
Sel = I64 | None
#: The column each of those rows writes next; an int while all rows agree.
Pos = int | I64
_STRING_LIMIT = 2**31 - 1


def as_array(pos: Pos, n: int) -> I64:
    """Positions as a per-row array (a copy: callers update it in place)."""
    return np.full(n, pos, dtype=np.int64) if isinstance(pos, int) else pos.copy()


def subset(sel: Sel, pos: Pos, mask: npt.NDArray[np.bool_] | None, n: int) -> tuple[Sel, Pos]:
    """Narrow (rows, positions) to ``mask``; None keeps them all."""
    if mask is None:
        return sel, pos
    sub_sel = np.flatnonzero(mask) if sel is None else sel[mask]
    return sub_sel, pos if isinstance(pos, int) else pos[mask]


def merge_pos(parts: list[tuple[npt.NDArray[np.bool_], Pos]], n: int) -> Pos:
    """Positions after a node whose parts covered disjoint masks of all ``n`` rows."""
    ends = {p for _, p in parts if isinstance(p, int)}
    if len(ends) == 1 and all(isinstance(p, int) for _, p in parts):
        return ends.pop()
    out = np.empty(n, dtype=np.int64)
    for mask, p in parts:
        out[mask] = p
    return out


class Canvas:
    """A ``rows × max_length`` array of code points (uint8 when the pattern is ASCII)."""

    def __init__(self, n: int, width: int, ascii_only: bool) -> None:
        self.n = n
        self.codes = np.zeros((n, width), dtype=np.uint8 if ascii_only else np.uint32)
        self._all = np.arange(n)
        self._tables: dict[str, npt.NDArray[np.uint32]] = {}

    @classmethod
    def for_node(cls, node: RegexNode, n: int) -> Canvas:
        return cls(n, max_length(node), all(ord(c) < 128 for c in alphabet(node)))

    def table(self, chars: str) -> npt.NDArray[np.uint32]:
        found = self._tables.get(chars)
        if found is None:
            found = np.array([ord(c) for c in chars], dtype=np.uint32)
            self._tables[chars] = found
        return found

    def put(self, sel: Sel, pos: Pos, values: npt.ArrayLike) -> Pos:
        """Write one character per selected row at its position."""
        if sel is None:
            self.codes[self._all if not isinstance(pos, int) else slice(None), pos] = values
        else:
            self.codes[sel, pos] = values
        return pos + 1

    def put_text(self, sel: Sel, pos: Pos, text: str) -> Pos:
        if sel is None and isinstance(pos, int):
            self.codes[:, pos : pos + len(text)] = self.table(text)
            return pos + len(text)
        for j, ch in enumerate(text):
            self.put(sel, pos + j, ord(ch))
        return pos + len(text)

    def to_arrow(self, end: Pos) -> pa.Array:
        """Pack each row's first ``end`` code points into a UTF-8 string array."""
        lengths = np.broadcast_to(np.asarray(end, dtype=np.int64), (self.n,))
        if isinstance(end, int):
            points = np.ascontiguousarray(self.codes[:, :end]).reshape(-1)
        else:
            points = self.codes[np.arange(self.codes.shape[1]) < lengths[:, None]]
        if self.codes.dtype == np.uint8:
            data, byte_lengths = points, lengths
        else:
            data, byte_lengths = _utf8(points.astype(np.uint32), lengths)
        offsets = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(byte_lengths, out=offsets[1:])
        if offsets[-1] > _STRING_LIMIT:
            raise ValueError("more than 2 GiB of strings in one call; generate fewer rows at once")
        return pa.StringArray.from_buffers(
            self.n, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(data)
        )


def _utf8(
    points: npt.NDArray[np.uint32], lengths: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64]]:
    """UTF-8 bytes of a flat code-point array, and the byte length of each row."""
    width = 1 + (points >= 0x80).astype(np.int64) + (points >= 0x800) + (points >= 0x10000)
    starts = np.cumsum(width) - width
    data = np.zeros(int(width.sum()), dtype=np.uint8)
    lead = np.array([0, 0, 0xC0, 0xE0, 0xF0], dtype=np.uint32)[width]
    shift = (width - 1) * 6
    data[starts] = (lead | (points >> shift.astype(np.uint32))).astype(np.uint8)
    for b in range(1, 4):
        more = width > b
        cont = (points[more] >> ((width[more] - 1 - b) * 6).astype(np.uint32)) & 0x3F
        data[starts[more] + b] = (0x80 | cont).astype(np.uint8)
    row_of = np.repeat(np.arange(len(lengths)), lengths)
    byte_lengths = np.bincount(row_of, weights=width, minlength=len(lengths)).astype(np.int64)
    return data, byte_lengths
