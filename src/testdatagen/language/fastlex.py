"""The fast path's tokenizer: one compiled regex, positions computed lazily.

Lark's lexer builds a ``Token`` object with line and column for every token;
on a 200-table file that alone costs more than the whole target time. Here a
single master regex yields parallel lists (kind, text, offset) and line and
column are found only for tokens that end up in a span, by bisecting the
newline offsets. Anything the regex does not know is reported by raising
``FastPathMiss`` so the caller falls back to lark, whose diagnostics are the
reference.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add, sub

from testdatagen.errors import Span

__all__ = ["FastPathMiss", "Tokens", "tokenize"]


class FastPathMiss(Exception):
    """The fast path cannot vouch for this input; lark decides (and diagnoses)."""


# Order matters exactly as in lark's lexer: comments before '/', PERCENT
# (priority 2) before NUMBER, '..' before '.', two-character comparisons first.
_MASTER = re.compile(
    r"""(\s*)(
      [A-Za-z_][A-Za-z0-9_]*
    | //[^\n]* | /\*(?:.|\n)*?\*/
    | '(?:[^']|'')*'
    | "[^"\n]+"
    | \d+(?:\.\d+)?%
    | \d+(?:\.\d+)?(?:[eE][+-]?\d+)?
    | \.\.|!=|<>|<=|>=|[.{}\[\]():,=<>+\-*/%]
    | \S
    )""",
    re.VERBOSE,
)
_KINDS = dict.fromkeys("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_", "N")
_KINDS.update(dict.fromkeys("0123456789", "D"))
_KINDS.update({"'": "S", '"': "Q", "/": "C"})  # '/' alone is an operator, see below
#: Operators are their own kind; a lone quote or '!' cannot start any token.
_OPERATORS = {op: op for op in (*".{}[]():,=<>+-*/%", "..", "!=", "<>", "<=", ">=")}
_OPERATORS.update({"'": "X", '"': "X", "!": "X"})

#: Punctuation whose kind is a comparison operator (lark's CMP terminal).
CMP = frozenset({"=", "!=", "<>", "<=", ">=", "<", ">"})


class Tokens:
    """Parallel token lists plus line numbers, so a span costs two list lookups."""

    __slots__ = (
        "_line_starts",
        "_single",
        "comments",
        "ends",
        "filename",
        "kinds",
        "lines",
        "starts",
        "values",
    )

    def __init__(self, text: str, filename: str | None) -> None:
        self.filename = filename
        self.kinds: list[str] = []
        self.values: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.lines: list[int] = []
        self.comments: list[tuple[int, int, str]] = []
        self._single: dict[int, Span] = {}
        self._line_starts = [0, 0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``, as lark counts them."""
        line = bisect_right(self._line_starts, offset) - 1
        return line, offset - self._line_starts[line] + 1

    def span(self, first: int, last: int) -> Span:
        """The span from token ``first`` to token ``last`` (both included).

        One-token spans are shared: a name's span is also its path's, a flag's
        its setting's (spans are immutable, so sharing is safe).
        """
        if first == last:
            found = self._single.get(first)
            if found is None:
                found = self._single[first] = self._make(first, last)
            return found
        return self._make(first, last)

    def _make(self, first: int, last: int) -> Span:
        line = self.lines[first]
        end = self.ends[last]
        end_line = self.lines[last]
        if "\n" in self.values[last]:  # a string spanning lines
            end_line = self.position(end)[0]
        starts = self._line_starts
        return Span(
            self.filename,
            line,
            self.starts[first] - starts[line] + 1,
            end_line,
            end - starts[end_line] + 1,
        )

    def comment_spans(self) -> tuple[tuple[Span, str], ...]:
        out = []
        for start, end, text in self.comments:
            line, col = self.position(start)
            end_line, end_col = self.position(end)
            out.append((Span(self.filename, line, col, end_line, end_col), text))
        return tuple(out)


def tokenize(text: str, filename: str | None) -> Tokens:
    """All tokens of ``text``; raises ``FastPathMiss`` on a character lark would reject.

    Offsets and line numbers come from running sums over the (blank, token)
    pairs, computed with ``map``/``accumulate`` rather than a Python loop.
    """
    toks = Tokens(text, filename)
    pairs = _MASTER.findall(text)
    if not pairs:
        return _finish(toks, [], [], [], [], len(text))
    blanks, values = (list(x) for x in zip(*pairs, strict=True))
    lengths = list(map(len, values))
    ends = list(accumulate(map(add, map(len, blanks), lengths)))
    starts = list(map(sub, ends, lengths))
    breaks = list(map(str.count, blanks, repeat("\n")))
    if sum(breaks) != text.count("\n"):  # a string or comment spans lines
        inner = [v.count("\n") for v in values]
        breaks = list(map(add, breaks, [0, *inner[:-1]]))
    lines = list(accumulate(breaks, initial=1))[1:]
    kinds = [_OPERATORS.get(v) or _KINDS.get(v[0], "X") for v in values]
    if "%" in text:
        kinds = [
            ("P" if v[-1] == "%" else k) if k == "D" else k
            for k, v in zip(kinds, values, strict=True)
        ]
    if "X" in kinds:
        raise FastPathMiss(values[kinds.index("X")])  # unknown, or an unterminated quote
    return _finish(toks, kinds, values, starts, ends, len(text), lines)


def _finish(
    toks: Tokens,
    kinds: list[str],
    values: list[str],
    starts: list[int],
    ends: list[int],
    size: int,
    lines: list[int] | None = None,
) -> Tokens:
    lines = lines or []
    if "C" in kinds:
        keep = [i for i, k in enumerate(kinds) if k != "C"]
        toks.comments = [(starts[i], ends[i], values[i]) for i, k in enumerate(kinds) if k == "C"]
        kinds, values = [kinds[i] for i in keep], [values[i] for i in keep]
        starts, ends, lines = (
            [starts[i] for i in keep],
            [ends[i] for i in keep],
            [lines[i] for i in keep],
        )
    toks.kinds = [*kinds, "$END"]
    toks.values = [*values, ""]
    toks.starts = [*starts, size]
    toks.ends = [*ends, size]
    toks.lines = [*lines, toks.position(size)[0]]
    return toks
