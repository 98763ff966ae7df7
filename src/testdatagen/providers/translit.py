"""ASCII forms of names for emails, usernames and domains.

German umlauts become two letters (Müller → mueller) as Germans write them
in addresses; other accents are dropped after Unicode decomposition
(José → jose). Anything still outside a-z is removed, so a derived local
part never contains digits: unique formats rely on that to keep the
name part and the numeric suffix apart.
"""

from __future__ import annotations

import unicodedata

__all__ = ["ascii_name"]

_SPECIAL = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d"}
)


def ascii_name(name: str, fallback: str = "user") -> str:
    """Lower-case a-z form of ``name`` (empty results become ``fallback``)."""
    lowered = name.lower().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    kept = "".join(c for c in decomposed if "a" <= c <= "z")
    return kept or fallback
