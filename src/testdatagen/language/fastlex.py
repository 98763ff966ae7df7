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
from collections.abc import Callable
from dataclasses import fields
from itertools import accumulate, repeat
from operator import sub

from testdatagen.errors import Span

__all__ = ["FastPathMiss", "Tokens", "make_span", "tokenize"]


class FastPathMiss(Exception):
    """The fast path cannot vouch for this input; lark decides (and diagnoses)."""


# Order matters exactly as in lark's lexer: comments before '/', PERCENT
# (priority 2) before NUMBER, '..' before '.', two-character comparisons first.
# No capturing group: ``findall`` then returns one string per token (its
# leading blanks included) instead of a (blanks, token) tuple.
_MASTER = re.compile(
    r"""\s*(?:
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


def _span_maker() -> Callable[[str | None, int, int, int | None, int | None], Span]:
    """A ``Span`` constructor for the hot path: the same object, built in half the time.

    A 200-table file makes ~23,000 spans. The frozen dataclass ``__init__``
    goes through ``object.__setattr__`` by name for each field; setting the
    slots through their descriptors, bound once, skips the attribute lookups.
    ``Span`` has no ``__post_init__`` and no validation, so nothing is skipped
    but the lookups (tests/language/test_front_end_scaling.py compares with ``Span()``).
    """
    names = ("file", "line", "column", "end_line", "end_column")
    if tuple(f.name for f in fields(Span)) != names or hasattr(Span, "__post_init__"):
        return Span  # Span changed shape: fall back to its own constructor
    new = object.__new__
    set_file, set_line, set_col, set_end_line, set_end_col = (
        vars(Span)[name].__set__ for name in names
    )

    def make(
        file: str | None, line: int, column: int, end_line: int | None, end_column: int | None
    ) -> Span:
        span = new(Span)
        set_file(span, file)
        set_line(span, line)
        set_col(span, column)
        set_end_line(span, end_line)
        set_end_col(span, end_column)
        return span

    return make


make_span = _span_maker()


def _kind(value: str) -> str:
    kind = _OPERATORS.get(value) or _KINDS.get(value[0], "X")
    return "P" if kind == "D" and value[-1] == "%" else kind


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
        its setting's (spans are immutable, so sharing is safe). One function,
        no helper call: the parser asks for ~25,000 spans in a 200-table file.
        """
        if first == last:
            found = self._single.get(first)
            if found is not None:
                return found
        lines = self.lines
        line = lines[first]
        end = self.ends[last]
        end_line = lines[last]
        if "\n" in self.values[last]:  # a string spanning lines
            end_line = self.position(end)[0]
        starts = self._line_starts
        span = make_span(
            self.filename,
            line,
            self.starts[first] - starts[line] + 1,
            end_line,
            end - starts[end_line] + 1,
        )
        if first == last:
            self._single[first] = span
        return span

    def comment_spans(self) -> tuple[tuple[Span, str], ...]:
        out = []
        for start, end, text in self.comments:
            line, col = self.position(start)
            end_line, end_col = self.position(end)
            out.append((Span(self.filename, line, col, end_line, end_col), text))
        return tuple(out)


def tokenize(text: str, filename: str | None) -> Tokens:
    """All tokens of ``text``; raises ``FastPathMiss`` on a character lark would reject.

    Offsets and line numbers come from running sums over the matches (each a
    token with its leading blanks), computed with ``map``/``accumulate``
    rather than a Python loop. A file repeats a few hundred distinct words,
    so each is classified once and the kinds are looked up.
    """
    toks = Tokens(text, filename)
    matches = _MASTER.findall(text)
    if not matches:
        return _finish(toks, [], [], [], [], len(text), [])
    values = list(map(str.lstrip, matches))  # str.lstrip and \s agree on what a blank is
    ends = list(accumulate(map(len, matches)))
    starts = list(map(sub, ends, map(len, values)))
    # The line a token ends on, then (for the rare token spanning lines) where it starts.
    lines = list(accumulate(map(str.count, matches, repeat("\n")), initial=1))[1:]
    if "".join(values).count("\n"):
        lines = list(map(sub, lines, map(str.count, values, repeat("\n"))))
    table = {v: _kind(v) for v in set(values)}
    kinds = list(map(table.__getitem__, values))
    if "X" in table.values():
        raise FastPathMiss(values[kinds.index("X")])  # unknown, or an unterminated quote
    return _finish(toks, kinds, values, starts, ends, len(text), lines)


def _finish(
    toks: Tokens,
    kinds: list[str],
    values: list[str],
    starts: list[int],
    ends: list[int],
    size: int,
    lines: list[int],
) -> Tokens:
    if "C" in kinds:
        keep = [i for i, k in enumerate(kinds) if k != "C"]
        toks.comments = [(starts[i], ends[i], values[i]) for i, k in enumerate(kinds) if k == "C"]
        kinds, values = [kinds[i] for i in keep], [values[i] for i in keep]
        starts, ends, lines = (
            [starts[i] for i in keep],
            [ends[i] for i in keep],
            [lines[i] for i in keep],
        )
    kinds.append("$END")
    values.append("")
    starts.append(size)
    ends.append(size)
    lines.append(toks.position(size)[0])
    toks.kinds, toks.values, toks.starts, toks.ends, toks.lines = kinds, values, starts, ends, lines
    return toks
