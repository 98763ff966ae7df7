"""Did-you-mean suggestions shared by every pass (difflib, like sqlglot's helper)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["FOREIGN_FORMATS", "closest", "did_you_mean", "format_suggestion", "listing"]

#: Format names from Faker, Mockaroo and Snowfakery (lowercased, words joined by '_')
#: that are a differently named tdg format; spelling distance alone would propose
#: the wrong one (full_name → file_name).
FOREIGN_FORMATS = {
    "full_name": "name",
    "fullname": "name",
    "person_name": "name",
    "given_name": "first_name",
    "surname": "last_name",
    "family_name": "last_name",
    "email_address": "email",
    "ip_address": "ipv4",
    "ip_address_v4": "ipv4",
    "ipv4_address": "ipv4",
    "ip_address_v6": "ipv6",
    "ipv6_address": "ipv6",
    "street_address": "address",
    "company_name": "company",
    "country_name": "country",
    "city_name": "city",
    "phone_number": "phone",
    "website": "url",
    "guid": "uuid4",
    "lorem": "sentence",
}


def closest(name: str, candidates: Iterable[str]) -> str | None:
    options = list(candidates)
    folded = [c for c in options if c.lower() == name.lower()]
    if folded:  # 's' for schema 'S': difflib compares case-sensitively and finds nothing
        return folded[0]
    matches = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` — did you mean 'x'?`` or the empty string, ready to append to a message."""
    match = closest(name, candidates)
    return f" — did you mean '{match}'?" if match else ""


def format_suggestion(name: str, formats: Iterable[str]) -> str | None:
    """The tdg format meant by ``name``: a known foreign spelling, else the closest."""
    known = list(formats)
    key = name.lower().replace(" ", "_").replace("-", "_")
    if key in known:
        return key
    foreign = FOREIGN_FORMATS.get(key)
    if foreign is not None and foreign in known:
        return foreign
    return closest(key, known)


def listing(label: str, names: Iterable[str], limit: int = 7) -> str:
    """``formats: email, phone, name, …`` — enough to orient, short enough to read."""
    items = list(names)
    shown = ", ".join(items[:limit])
    return f"{label}: {shown}, …" if len(items) > limit else f"{label}: {shown}"
