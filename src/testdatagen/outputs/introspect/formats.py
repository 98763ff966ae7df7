"""Realistic formats guessed from column names: a small rules table, first match wins.

A database says ``email varchar(120)``; the .tdg should say ``format: email``
so the generated data looks like the real thing. Rules match the column
name (lower-cased, as whole ``_``-separated words or a suffix) and the model
type; a rule is skipped when the column is too short for the format's values
(structured values such as IBANs would fail, free text would be cut to
nonsense) or when the column is unique and the format cannot be made unique.
The table is documented in docs/introspect.md; keep the two in step.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np

from testdatagen.errors import TdgError
from testdatagen.model.catalog import FORMATS
from testdatagen.model.types import DataType, TypeKind
from testdatagen.providers.base import FormatRequest
from testdatagen.providers.registry import get_provider

__all__ = ["FORMAT_RULES", "FormatRule", "infer_format"]

_TEXTUAL = frozenset({TypeKind.STRING, TypeKind.TEXT})
_NUMBERS = frozenset({TypeKind.FLOAT, TypeKind.DECIMAL})


@dataclass(frozen=True, slots=True)
class FormatRule:
    """``names`` are regexes matched against the whole lower-cased column name."""

    format: str
    names: tuple[str, ...]
    #: Shortest string(n) the values fit; for decimals, the digits before the point.
    min_length: int
    kinds: frozenset[TypeKind] = _TEXTUAL


def _words(*words: str) -> tuple[str, ...]:
    """``email`` matches ``email``, ``user_email``, ``email_address`` but not ``emailed``."""
    return tuple(rf"(?:.*_)?{w}(?:_.*)?" for w in words)


FORMAT_RULES: tuple[FormatRule, ...] = (
    FormatRule("email", _words("email", "e_mail", "mail"), 16),
    FormatRule("first_name", (r"(?:.*_)?(?:first|given|fore)_?name",), 8),
    FormatRule("last_name", (r"(?:.*_)?(?:last|family|sur)_?name",), 8),
    FormatRule("username", (r"(?:.*_)?(?:user_?name|login|handle|nick_?name)",), 8),
    FormatRule("name", (r"(?:full|display|contact|customer|person|employee|author)_?name",), 12),
    FormatRule("company", (r"(?:.*_)?(?:company|employer|organi[sz]ation)(?:_name)?",), 12),
    FormatRule("phone", _words("phone", "telephone", "mobile", "fax", "tel"), 20),
    FormatRule("country_code", (r"(?:.*_)?country_(?:code|iso)",), 2),
    FormatRule("country", (r"(?:.*_)?country(?:_name)?",), 12),
    FormatRule("postcode", _words("postcode", "postal_code", "zip", "zipcode", "zip_code"), 10),
    FormatRule("city", _words("city", "town"), 10),
    FormatRule("region", _words("state", "region", "province", "county"), 10),
    FormatRule("ipv6", _words("ipv6", "ip6"), 39),
    FormatRule("ipv4", _words("ip", "ipv4", "ip_address", "ip_addr"), 15),
    FormatRule("mac_address", _words("mac", "mac_address"), 17),
    FormatRule(
        "street_address", (r"(?:.*_)?(?:street|address_line_?1|address1|street_address)",), 16
    ),
    FormatRule("address", _words("address", "addr"), 24),
    FormatRule("url", _words("url", "website", "homepage", "web", "link"), 30),
    FormatRule("iban", _words("iban"), 34),
    FormatRule("credit_card", (r"(?:.*_)?(?:credit_card|card_number|cc_number)",), 19),
    FormatRule("currency_code", (r"(?:.*_)?currency(?:_code)?",), 3),
    FormatRule("job_title", (r"(?:.*_)?(?:job_title|job|position)",), 12),
    FormatRule("product_name", (r"(?:.*_)?product(?:_name)?",), 12),
    FormatRule("color", _words("color", "colour"), 10),
    FormatRule("slug", _words("slug"), 16),
    FormatRule("user_agent", _words("user_agent"), 60),
    FormatRule(
        "uuid4", (r"(?:.*_)?(?:uuid|guid)",), 36, frozenset({TypeKind.STRING, TypeKind.TEXT})
    ),
    FormatRule("latitude", _words("lat", "latitude"), 2, _NUMBERS),
    FormatRule("longitude", _words("lng", "lon", "long", "longitude"), 3, _NUMBERS),
    FormatRule(
        "sentence",
        _words("description", "comment", "comments", "notes", "note", "bio", "summary"),
        40,
    ),
    FormatRule("sentence", _words("title", "subject", "headline", "caption", "tagline"), 40),
    FormatRule("paragraph", _words("body", "content", "message", "article", "text"), 200),
)

#: A bare ``name`` column means what its table holds (first match on the table name).
_NAME_BY_TABLE: tuple[tuple[str, str, int], ...] = (
    (
        r"customer|client|user|employee|person|people|contact|author|member|staff|student|patient|"
        r"driver|passenger|guest|owner|manager|teacher|doctor",
        "name",
        12,
    ),
    (r"compan|organi[sz]ation|supplier|vendor|manufacturer|brand|publisher|partner", "company", 12),
    (r"product|item|article|sku|good", "product_name", 12),
    (r"cit(?:y|ies)|town", "city", 10),
    (r"countr", "country", 12),
    (r"department|team", "department", 10),
    (r"categor", "product_category", 10),
    (r"tag|label|keyword|topic|genre|skill", "word", 8),
)

_COMPILED = tuple((rule, re.compile("|".join(rule.names))) for rule in FORMAT_RULES)


def infer_format(
    name: str, dtype: DataType, *, table: str = "", unique: bool = False
) -> str | None:
    """The format whose rule matches ``name`` and fits ``dtype``, else ``None``."""
    key = _snake(name)
    if key == "name" and dtype.kind in _TEXTUAL:
        return _by_table(table.lower(), dtype, unique)
    for rule, pattern in _COMPILED:
        if dtype.kind not in rule.kinds or not pattern.fullmatch(key):
            continue
        if _fits(rule, dtype, unique):
            return rule.format
    return None


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _snake(name: str) -> str:
    """``PostalCode`` → ``postal_code``, ``billingAddress`` → ``billing_address``."""
    return _CAMEL.sub("_", name).lower()


#: Row indices probed: the first rows plus far ones, where unique suffixes are longest.
_PROBE_ROWS = 3000
_PROBE_TOTAL = 10_000_000


@functools.lru_cache(maxsize=512)
def _values_fit(name: str, length: int, unique: bool) -> bool:
    """Whether the provider keeps ``name``'s values within ``length`` (it raises TDG511 if not).

    The catalog knows no maximum length per format, so a few thousand values
    are made at the column's length, as generation would, and a TDG511 rejects the format.
    """
    rows = np.concatenate(
        [
            np.arange(_PROBE_ROWS, dtype=np.int64),
            np.linspace(_PROBE_ROWS, _PROBE_TOTAL - 1, 200).astype(np.int64),
        ]
    )
    request = FormatRequest(
        seed=0,
        table="introspect",
        column="probe",
        locale="en_US",
        max_length=length,
        unique=unique,
        total_rows=_PROBE_TOTAL,
    )
    try:
        get_provider(name).generate(request, rows)
    except TdgError as exc:
        if any(d.code == "TDG511" for d in exc.diagnostics):
            return False
        raise
    return True


def _by_table(table: str, dtype: DataType, unique: bool) -> str | None:
    for pattern, fmt, min_length in _NAME_BY_TABLE:
        if re.search(pattern, table):
            rule = FormatRule(fmt, (), min_length)
            return fmt if _fits(rule, dtype, unique) else None
    return None


def _fits(rule: FormatRule, dtype: DataType, unique: bool) -> bool:
    info = FORMATS.get(rule.format)
    if info is None:  # a provider registry without this format: never emit an unknown name
        return False
    if unique and not info.uniqueable:
        return False
    if dtype.kind is TypeKind.STRING and dtype.length is not None:
        return dtype.length >= rule.min_length and _values_fit(rule.format, dtype.length, unique)
    if dtype.kind is TypeKind.DECIMAL:
        return (dtype.precision or 18) - (dtype.scale or 0) >= rule.min_length
    return True
