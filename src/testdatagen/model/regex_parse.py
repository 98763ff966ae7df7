"""The pattern parser: recursive descent from regex text to a normalised tree.

Every unsupported construct raises :class:`PatternError` with its offset in
the text, so the language layer can put a caret under it.
"""

from __future__ import annotations

import re

from testdatagen.model.regex_charclass import CHAR_ESCAPES, CLASS_ESCAPES, ClassParser, charset
from testdatagen.model.regex_nodes import (
    EMPTY,
    MAX_REPEAT,
    PRINTABLE,
    UNBOUNDED_CAP,
    Alternation,
    CharSet,
    Concat,
    Literal,
    PatternError,
    RegexNode,
    Repeat,
    max_length,
)

__all__ = ["Parser", "is_surrogate", "parse_pattern"]


def parse_pattern(regex: str) -> RegexNode:
    """Parse ``regex`` into a normalised tree, or raise :class:`PatternError`."""
    return Parser(regex).parse()


def _concat(items: list[RegexNode]) -> RegexNode:
    """Flatten nested sequences and merge adjacent literals, so the tree stays small."""
    flat: list[RegexNode] = []
    for item in items:
        for part in item.items if isinstance(item, Concat) else (item,):
            if flat and isinstance(part, Literal) and isinstance(flat[-1], Literal):
                flat[-1] = Literal(flat[-1].text + part.text)
            else:
                flat.append(part)
    return flat[0] if len(flat) == 1 else Concat(tuple(flat))


def _repeat(item: RegexNode, lo: int, hi: int) -> RegexNode:
    if hi == 0 or max_length(item) == 0:
        return EMPTY
    if lo == hi == 1:
        return item
    if lo == hi and isinstance(item, Literal):
        return Literal(item.text * lo)
    return Repeat(item, lo, hi)


# -- the parser ------------------------------------------------------------------

_UNSUPPORTED_GROUPS = {
    "=": ("lookahead (?=…) is not supported", "remove the lookahead"),
    "!": ("negative lookahead (?!…) is not supported", "use a character class like [^…]"),
    "<": ("lookbehind (?<…) is not supported", "remove the lookbehind"),
    ">": ("atomic groups (?>…) are not supported", "use a plain group (…)"),
    "(": ("conditional groups (?(…)…) are not supported", "use alternation a|b"),
    "P": ("group references (?P=…) are not supported", "repeat the sub-pattern instead"),
}


class Parser:
    """Recursive descent over the text; ``i`` is the offset of the next character."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.depth = 0

    def parse(self) -> RegexNode:
        surrogate = _SURROGATE.search(self.text)
        if surrogate is not None:
            raise PatternError(
                "lone surrogate character", surrogate.start(), hint="use a real character"
            )
        node = self._alternation()
        if self.i < len(self.text):
            raise PatternError(
                "unbalanced ')'", self.i, hint="escape it as \\) or add the opening '('"
            )
        return node

    def peek(self, ahead: int = 0) -> str:
        j = self.i + ahead  # never negative; past the end the slice is ""
        return self.text[j : j + 1]

    def _alternation(self) -> RegexNode:
        branches = [self._sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self._sequence())
        if len(branches) == 1:
            return branches[0]
        return Alternation(tuple(branches))

    def _sequence(self) -> RegexNode:
        items: list[RegexNode] = []
        while self.peek() not in ("", "|", ")"):
            start = self.i
            atom = self._atom(at_start=not items)
            if atom is not None:
                items.append(self._quantified(atom, start))
        return _concat(items)

    def _atom(self, *, at_start: bool) -> RegexNode | None:
        c, start = self.peek(), self.i
        if c in "^$" or (c == "\\" and self.peek(1) in ("A", "Z")):
            self._anchor(c == "^" or self.peek(1) == "A", at_start)
            return None
        if c in "*+?" or (c == "{" and self._quantifier_at(start) is not None):
            raise PatternError(
                f"nothing to repeat before {c!r}", start, hint=f"escape it as \\{c} for a literal"
            )
        self.i += 1
        if c == "(":
            return self._group(start)
        if c == "[":
            return ClassParser(self, start).parse()
        if c == ".":
            return CharSet(PRINTABLE)
        if c == "\\":
            return self._escape(start)
        return Literal(c)

    def _anchor(self, is_start: bool, at_start: bool) -> None:
        """Anchors are implied (values are whole strings), so accept them only where
        they change nothing: ``^`` first and ``$`` last in a top-level branch."""
        start = self.i
        self.i += 2 if self.peek() == "\\" else 1
        ok = self.depth == 0 and (at_start if is_start else self.peek() in ("", "|"))
        if not ok:
            where = "the start" if is_start else "the end"
            raise PatternError(
                f"anchor {self.text[start : self.i]!r} is only supported at {where} of the pattern",
                start,
                hint="values always match the whole pattern; remove the anchor",
            )

    def _group(self, start: int) -> RegexNode | None:
        if self.peek() == "?" and not self._group_prefix(start):
            return None
        self.depth += 1
        inner = self._alternation()
        self.depth -= 1
        if self.peek() != ")":
            raise PatternError("missing ')' to close this group", start, hint="add ')'")
        self.i += 1
        return inner

    def _group_prefix(self, start: int) -> bool:
        """Consume ``?:``, ``?P<name>`` or a comment; False when the group was a comment."""
        kind = self.peek(1)
        if kind == ":":
            self.i += 2
            return True
        if kind == "#":
            end = self.text.find(")", self.i)
            if end < 0:
                raise PatternError("missing ')' to close this comment", start, hint="add ')'")
            self.i = end + 1
            return False
        if kind == "P" and self.peek(2) == "<":
            end = self.text.find(">", self.i)
            if end < 0 or not self.text[self.i + 3 : end].isidentifier():
                raise PatternError("bad group name", start, hint="write (?P<name>…)")
            self.i = end + 1
            return True
        if kind == "<" and self.peek(2) not in ("=", "!"):
            raise PatternError("named groups are written (?P<name>…)", start, hint="add the P")
        message, hint = _UNSUPPORTED_GROUPS.get(
            kind, (f"inline flags or extension (?{kind}…) are not supported", "remove them")
        )
        raise PatternError(message, start, hint=hint)

    def _escape(self, start: int) -> RegexNode:
        c = self.peek()
        if not c:
            raise PatternError("pattern ends with a lone backslash", start, hint="write \\\\")
        self.i += 1
        if c in CLASS_ESCAPES:
            return charset(CLASS_ESCAPES[c])
        return Literal(self.escaped_char(c, start))

    def escaped_char(self, c: str, start: int) -> str:
        """The character an escape outside a set stands for (shared with classes)."""
        if c in CHAR_ESCAPES:
            return CHAR_ESCAPES[c]
        if c in "xuU":
            return self._hex_escape(c, start)
        if c.isdigit():
            raise PatternError(
                f"backreference \\{c} is not supported",
                start,
                hint="repeat the sub-pattern instead of referring back to it",
            )
        if c.isascii() and c.isalnum():
            raise PatternError(
                f"escape \\{c} is not supported",
                start,
                hint="supported: \\d \\w \\s \\D \\W \\S \\n \\t \\xhh \\uhhhh and escaped symbols",
            )
        return c

    def _hex_escape(self, c: str, start: int) -> str:
        width = {"x": 2, "u": 4, "U": 8}[c]
        digits = self.text[self.i : self.i + width]
        if len(digits) != width or any(d not in "0123456789abcdefABCDEF" for d in digits):
            raise PatternError(
                f"\\{c} needs {width} hex digits", start, hint=f"write \\{c}{'0' * width}"
            )
        self.i += width
        code = int(digits, 16)
        if code > 0x10FFFF or is_surrogate(chr(code)):
            raise PatternError(
                f"\\{c}{digits} is not a character UTF-8 can hold",
                start,
                hint="use a code point outside D800-DFFF and at most 10FFFF",
            )
        return chr(code)

    def _quantifier_at(self, j: int) -> tuple[int, int, int] | None:
        """Parse ``{m}``, ``{m,n}``, ``{,n}``, ``{m,}`` at offset j: (lo, hi, end) or None
        when the brace is a literal (as Python's ``re`` treats it)."""
        end = self.text.find("}", j)
        if self.peek(j - self.i) != "{" or end < 0:
            return None
        lo_s, comma, hi_s = self.text[j + 1 : end].partition(",")
        if not (lo_s.isdigit() or (comma and lo_s == "")) or not (hi_s.isdigit() or hi_s == ""):
            return None
        if not lo_s.isascii() or not hi_s.isascii():
            return None
        lo = int(lo_s or 0)
        hi = lo if not comma else (int(hi_s) if hi_s else lo + UNBOUNDED_CAP)
        return lo, hi, end + 1

    def _quantified(self, atom: RegexNode, start: int) -> RegexNode:
        c, at = self.peek(), self.i
        bounds = self._bounds(c, at)
        if bounds is None:
            return atom
        lo, hi = bounds
        if self.peek() == "?":
            self.i += 1  # lazy: same strings, different match preference
        elif self.peek() == "+":
            raise PatternError(
                "possessive quantifiers are not supported", self.i, hint="remove the '+'"
            )
        nxt = self.peek()
        if nxt in ("*", "+", "?") or (nxt == "{" and self._quantifier_at(self.i) is not None):
            raise PatternError("multiple repeat", self.i, hint="wrap the repeated part in (…)")
        return _repeat(atom, lo, hi)

    def _bounds(self, c: str, at: int) -> tuple[int, int] | None:
        if c in ("*", "+", "?"):
            self.i += 1
            return {"*": (0, UNBOUNDED_CAP), "+": (1, UNBOUNDED_CAP), "?": (0, 1)}[c]
        quant = self._quantifier_at(at) if c == "{" else None
        if quant is None:
            return None
        lo, hi, self.i = quant
        if lo > hi:
            raise PatternError(
                f"minimum {lo} is greater than maximum {hi}", at, hint=f"write {{{hi},{lo}}}"
            )
        if hi > MAX_REPEAT:
            raise PatternError(
                f"repetition count {hi} is above the limit of {MAX_REPEAT}",
                at,
                hint=f"use at most {{{min(lo, MAX_REPEAT)},{MAX_REPEAT}}}",
            )
        return lo, hi


_SURROGATE = re.compile("[\ud800-\udfff]")


def is_surrogate(c: str) -> bool:
    return 0xD800 <= ord(c) <= 0xDFFF
