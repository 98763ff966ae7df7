"""Character classes: the escapes ``\\d \\w \\s`` (and negations) and ``[…]`` sets.

Separate from the main parser because sets have their own little grammar
(ranges, negation over printable ASCII — or beyond it when a set excludes all of
ASCII —, escapes that mean other things
inside a set).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from testdatagen.model.regex_nodes import PRINTABLE, CharSet, Literal, PatternError, RegexNode

if TYPE_CHECKING:
    from testdatagen.model.regex_parse import Parser

__all__ = ["BEYOND_ASCII", "CHAR_ESCAPES", "CLASS_ESCAPES", "ClassParser", "charset"]

_DIGITS = "0123456789"
_WORD = "".join(sorted("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" + _DIGITS + "_"))
CLASS_ESCAPES = {
    "d": _DIGITS,
    "w": _WORD,
    "s": " ",
    "D": "".join(c for c in PRINTABLE if c not in _DIGITS),
    "W": "".join(c for c in PRINTABLE if c not in _WORD),
    "S": PRINTABLE[1:],
}
#: Where a negated set picks once it excludes all of printable ASCII: ``[^\x00-\x7F]``
#: asks for non-ASCII text, so printable Latin-1 and Latin Extended-A (no soft hyphen).
#: Other negated sets keep to printable ASCII, so their output does not change.
BEYOND_ASCII = "".join(chr(x) for x in range(0xA1, 0x180) if x != 0xAD)
CHAR_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "0": "\0"}


def charset(chars: str) -> RegexNode:
    unique = "".join(sorted(set(chars)))
    return Literal(unique) if len(unique) == 1 else CharSet(unique)


class ClassParser:
    """``[…]`` with ranges, class escapes and negation over printable ASCII."""

    def __init__(self, outer: Parser, start: int) -> None:
        self.p = outer
        self.start = start

    def parse(self) -> RegexNode:
        p = self.p
        negate = p.peek() == "^"
        if negate:
            p.i += 1
        chars: set[str] = set()
        first = True
        while True:
            c = p.peek()
            if not c:
                raise PatternError(
                    "unterminated character set", self.start, hint="close it with ']'"
                )
            if c == "]" and not first:
                p.i += 1
                break
            first = False
            chars |= self._item()
        if negate:
            chars = (set(PRINTABLE) - chars) or (set(BEYOND_ASCII) - chars)
            if not chars:
                raise PatternError(
                    "negated set leaves no printable character", self.start, hint="widen it"
                )
        return charset("".join(chars))

    def _item(self) -> set[str]:
        p = self.p
        at = p.i
        single = self._single()
        if isinstance(single, set):
            if p.peek() == "-" and p.peek(1) not in ("]", ""):
                raise PatternError(
                    "a range cannot start with a class escape", at, hint="escape the '-' as \\-"
                )
            return single
        if p.peek() != "-" or p.peek(1) in ("]", ""):
            return {single}
        if p.peek(1) == "-":
            raise PatternError("set operation -- is not supported", p.i, hint="escape it as \\-")
        p.i += 1
        end_at = p.i
        end = self._single()
        if isinstance(end, set) or end < single:
            raise PatternError(
                f"bad character range {single}-{end if isinstance(end, str) else '…'}",
                end_at if isinstance(end, set) else at,
                hint="write ranges low to high, like a-z",
            )
        return {chr(x) for x in range(ord(single), ord(end) + 1) if not 0xD800 <= x <= 0xDFFF}

    def _single(self) -> str | set[str]:
        """One class member: a character, or a set for ``\\d`` and friends."""
        p = self.p
        at, c = p.i, p.peek()
        p.i += 1
        if c == "[" and p.peek() in (":", "=", "."):
            raise PatternError(
                "POSIX classes like [:alpha:] are not supported", at, hint="write [A-Za-z]"
            )
        if c in "-&~|" and p.peek() == c:
            raise PatternError(
                f"set operation {c}{c} is not supported", at, hint=f"escape it as \\{c}"
            )
        if c == "[":
            raise PatternError("nested '[' in a set", at, hint="escape it as \\[")
        if c != "\\":
            return c
        esc = p.peek()
        if not esc:
            raise PatternError("unterminated character set", self.start, hint="close it with ']'")
        p.i += 1
        if esc in CLASS_ESCAPES:
            return set(CLASS_ESCAPES[esc])
        if esc == "b":
            raise PatternError("\\b (backspace) is not supported in a set", at, hint="remove it")
        return p.escaped_char(esc, at)
