"""Hypothesis strategies that write regexes in the supported subset.

Each strategy builds the text bottom-up from atoms, so every example is valid
by construction and Python's ``re`` is the independent judge of what matches.
"""

from __future__ import annotations

from hypothesis import strategies as st

_ESCAPED = [r"\.", r"\-", r"\+", r"\(", r"\)", r"\[", r"\*", r"\?", r"\\", r"\|", r"\{"]


def _atoms(letters: str, *, rich: bool) -> st.SearchStrategy[str]:
    plain = st.sampled_from(list(letters))
    sets = st.lists(st.sampled_from(list(letters)), min_size=1, max_size=3).map(
        lambda cs: "[" + "".join(cs) + "]"
    )
    if not rich:
        return st.one_of(plain, sets)
    ranges = st.sampled_from(["[a-c]", "[A-Z0-9_]", "[x-z\\d]", "[^a-y]", "[^\\w]", "[ä-ö]"])
    escapes = st.sampled_from([r"\d", r"\w", r"\s", r"\W", r"\D", r"\S", r"\x41", r"\u00e9"])
    return st.one_of(plain, sets, ranges, escapes, st.sampled_from(_ESCAPED), st.just("."))


def _quantifier(*, rich: bool) -> st.SearchStrategy[str]:
    small = ["", "", "?", "{2}", "{0,2}", "{1,2}"]
    extra = ["*", "+", "{,2}", "{1,}", "*?", "{2,3}?", "??"]
    return st.sampled_from(small + extra if rich else small)


def regexes(letters: str = "abc", *, rich: bool = True) -> st.SearchStrategy[str]:
    """Regex text over ``letters`` (plus classes and escapes when ``rich``)."""
    quantified = st.tuples(_atoms(letters, rich=rich), _quantifier(rich=rich)).map("".join)

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        seq = st.lists(inner, min_size=1, max_size=3).map("".join)
        alt = st.lists(seq, min_size=2, max_size=3).map("|".join)
        group = st.tuples(
            st.sampled_from(["(", "(?:"]), st.one_of(seq, alt), _quantifier(rich=rich)
        )
        return st.one_of(seq, group.map(lambda t: t[0] + t[1] + ")" + t[2]))

    body = st.recursive(quantified, extend, max_leaves=5)
    top = st.one_of(body, st.lists(body, min_size=2, max_size=3).map("|".join))
    return st.tuples(st.sampled_from(["", "^"]), top, st.sampled_from(["", "$"])).map("".join)
