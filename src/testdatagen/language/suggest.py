"""Did-you-mean suggestions shared by every pass (difflib, like sqlglot's helper)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["closest", "did_you_mean", "listing"]


def closest(name: str, candidates: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` — did you mean 'x'?`` or the empty string, ready to append to a message."""
    match = closest(name, candidates)
    return f" — did you mean '{match}'?" if match else ""


def listing(label: str, names: Iterable[str], limit: int = 7) -> str:
    """``formats: email, phone, name, …`` — enough to orient, short enough to read."""
    items = list(names)
    shown = ", ".join(items[:limit])
    return f"{label}: {shown}, …" if len(items) > limit else f"{label}: {shown}"
