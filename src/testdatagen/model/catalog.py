"""Names the language accepts, as data: formats, distributions, locales, outputs.

This is the single list that the semantic checks, the generated reference
page and the providers' completeness test all read. Providers implement
every format named here (a test enforces it); plugins add entries through
``register_format`` at import time of their entry point.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "DISTRIBUTIONS",
    "FORMATS",
    "LOCALES",
    "OUTPUT_KINDS",
    "DistributionInfo",
    "FormatInfo",
    "OutputKindInfo",
    "register_format",
]


@dataclass(frozen=True, slots=True)
class FormatInfo:
    name: str
    summary: str
    group: str
    #: "string" formats fit string/text columns; a few also fit numeric or date types.
    types: tuple[str, ...] = ("string", "text")
    #: Formats whose values can be made unique by construction from the row index.
    uniqueable: bool = False


@dataclass(frozen=True, slots=True)
class DistributionInfo:
    name: str
    summary: str
    required: tuple[str, ...] = ()
    optional: dict[str, float] = field(default_factory=dict)
    #: Whether it may shape a foreign key's parent pick or a per_parent count.
    for_references: bool = False
    discrete: bool = False


@dataclass(frozen=True, slots=True)
class OutputKindInfo:
    name: str
    summary: str
    database: bool = False
    extensions: tuple[str, ...] = ()


_S = ("string", "text")

FORMATS: dict[str, FormatInfo] = {
    f.name: f
    for f in [
        # person
        FormatInfo("name", "Full name in the locale's order", "person"),
        FormatInfo("first_name", "Given name, frequency-weighted", "person"),
        FormatInfo("last_name", "Family name, frequency-weighted", "person"),
        FormatInfo("prefix", "Title such as Mr., Dr., Frau", "person"),
        FormatInfo("gender", "Gender matching the row's first name", "person"),
        FormatInfo("username", "Login name derived from the row's name", "person", uniqueable=True),
        FormatInfo("job_title", "Job title", "person"),
        FormatInfo("ssn", "National identifier in the locale's format", "person", uniqueable=True),
        # internet
        FormatInfo("email", "Email derived from the row's name", "internet", uniqueable=True),
        FormatInfo("safe_email", "Email at example.org/com/net", "internet", uniqueable=True),
        FormatInfo("domain", "Domain name", "internet"),
        FormatInfo("url", "https URL", "internet", uniqueable=True),
        FormatInfo("ipv4", "IPv4 address", "internet", uniqueable=True),
        FormatInfo("ipv6", "IPv6 address", "internet", uniqueable=True),
        FormatInfo("mac_address", "MAC address", "internet", uniqueable=True),
        FormatInfo("user_agent", "Browser user agent", "internet"),
        FormatInfo("password", "Random password", "internet"),
        FormatInfo("slug", "URL slug of words", "internet", uniqueable=True),
        # phone and address
        FormatInfo("phone", "Phone number agreeing with the row's city area code", "address"),
        FormatInfo("street_address", "Street and number", "address"),
        FormatInfo("address", "Full postal address, coherent with the row's city", "address"),
        FormatInfo("building_number", "House number", "address"),
        FormatInfo("street_name", "Street name", "address"),
        FormatInfo("city", "City (with region, postcode, area code kept coherent)", "address"),
        FormatInfo("region", "State/region of the row's city", "address"),
        FormatInfo("postcode", "Postal code of the row's city", "address"),
        FormatInfo("country", "Country name", "address"),
        FormatInfo("country_code", "ISO 3166-1 alpha-2 country code", "address"),
        FormatInfo(
            "latitude", "Latitude of the row's city", "address", types=("float", "decimal", *_S)
        ),
        FormatInfo(
            "longitude", "Longitude of the row's city", "address", types=("float", "decimal", *_S)
        ),
        # company and commerce
        FormatInfo("company", "Company name", "company"),
        FormatInfo("company_suffix", "Legal form (Inc., GmbH, SA)", "company"),
        FormatInfo("department", "Department name", "company"),
        FormatInfo("product_name", "Product name", "commerce"),
        FormatInfo("product_category", "Product category", "commerce"),
        FormatInfo("color", "Colour name", "commerce"),
        FormatInfo("currency_code", "ISO 4217 currency code", "commerce"),
        # finance
        FormatInfo(
            "credit_card", "Card number with a valid Luhn digit", "finance", uniqueable=True
        ),
        FormatInfo(
            "iban",
            "IBAN with valid check digits for the locale's country",
            "finance",
            uniqueable=True,
        ),
        FormatInfo("bic", "BIC/SWIFT code", "finance"),
        FormatInfo("ean13", "EAN-13 barcode with check digit", "finance", uniqueable=True),
        FormatInfo("isbn13", "ISBN-13 with check digit", "finance", uniqueable=True),
        # text
        FormatInfo("word", "A word of the locale's lorem list", "text"),
        FormatInfo("words", "A few words", "text"),
        FormatInfo("sentence", "A sentence", "text"),
        FormatInfo("paragraph", "A paragraph", "text"),
        FormatInfo("text", "Several sentences up to the column length", "text"),
        # misc
        FormatInfo(
            "uuid4", "Random UUID v4 as text", "identifier", types=(*_S, "uuid"), uniqueable=True
        ),
        FormatInfo("hex_color", "#rrggbb colour", "misc"),
        FormatInfo("file_name", "File name with extension", "misc"),
        FormatInfo("mime_type", "MIME type", "misc"),
        FormatInfo("license_plate", "Vehicle plate in the locale's style", "misc", uniqueable=True),
    ]
}


def register_format(info: FormatInfo) -> None:
    """Add a format (plugins). Re-registering a name replaces it."""
    FORMATS[info.name] = info


DISTRIBUTIONS: dict[str, DistributionInfo] = {
    d.name: d
    for d in [
        DistributionInfo(
            "uniform", "Every value in [min, max] equally likely", for_references=True
        ),
        DistributionInfo(
            "normal", "Gaussian, truncated to [min, max]", ("mean", "sd"), for_references=True
        ),
        DistributionInfo("lognormal", "Log-normal, truncated to [min, max]", ("mu", "sigma")),
        DistributionInfo("exponential", "Exponential with rate lam (or scale)", (), {"lam": 1.0}),
        DistributionInfo(
            "zipf",
            "Power law: a few values very common",
            ("s",),
            for_references=True,
            discrete=True,
        ),
        DistributionInfo(
            "poisson", "Counts with mean lam", ("lam",), for_references=True, discrete=True
        ),
    ]
}

LOCALES: dict[str, str] = {
    "en_US": "English (United States)",
    "de_DE": "German (Germany)",
    "fr_FR": "French (France)",
    "es_ES": "Spanish (Spain)",
    "pt_BR": "Portuguese (Brazil)",
    "ja_JP": "Japanese (Japan)",
}

OUTPUT_KINDS: dict[str, OutputKindInfo] = {
    o.name: o
    for o in [
        OutputKindInfo("csv", "Comma-separated values, one file per table", extensions=(".csv",)),
        OutputKindInfo("tsv", "Tab-separated values, one file per table", extensions=(".tsv",)),
        OutputKindInfo("json", "One JSON array per table", extensions=(".json",)),
        OutputKindInfo("jsonl", "JSON Lines, one object per row", extensions=(".jsonl", ".ndjson")),
        OutputKindInfo("parquet", "Apache Parquet, one file per table", extensions=(".parquet",)),
        OutputKindInfo("excel", "Excel workbook, a sheet per table", extensions=(".xlsx",)),
        OutputKindInfo("sql", "SQL script: CREATE TABLE and INSERT", extensions=(".sql",)),
        OutputKindInfo("xml", "XML, an element per row", extensions=(".xml",)),
        OutputKindInfo(
            "sqlite", "SQLite database file", database=True, extensions=(".db", ".sqlite")
        ),
        OutputKindInfo("postgresql", "PostgreSQL via COPY", database=True),
        OutputKindInfo("mysql", "MySQL/MariaDB via LOAD DATA or batched INSERT", database=True),
        OutputKindInfo("database", "Any SQLAlchemy URL", database=True),
    ]
}
