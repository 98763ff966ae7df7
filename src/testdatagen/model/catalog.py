"""Names the language accepts, as data: formats, distributions, locales, outputs.

This is the single list that the semantic checks, the generated reference
page and the providers' completeness test all read. Providers implement
every format named here (a test enforces it); plugins add entries through
``register_format`` at import time of their entry point.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

__all__ = [
    "DISTRIBUTIONS",
    "DISTRIBUTION_PARAM_ALIASES",
    "FORMATS",
    "FORMAT_ALIASES",
    "LOCALES",
    "OUTPUT_KINDS",
    "RECIPROCAL_PARAM_ALIASES",
    "DistributionInfo",
    "FormatInfo",
    "OutputKindInfo",
    "canonical_format",
    "canonical_params",
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
    #: Longest value made (None: free text, which is cut to fit, or not known). A
    #: shorter string(n) cuts the values, or for ``never_cut`` formats fails the run.
    max_length: int | None = None
    #: Structured values (emails, IBANs) are never cut: the provider picks shorter ones
    #: down to ``fits_from`` characters (``max_length`` when it cannot), then fails.
    never_cut: bool = False
    fits_from: int | None = None
    #: Most distinct values the format makes in any locale (closed lists), so a
    #: ``unique`` column asking for more rows is known impossible before generating.
    distinct: int | None = None


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
    #: Every option name the writer accepts (None: not checked before the run).
    #: ``tests/language/test_output_options.py`` compares them with the writers'.
    options: frozenset[str] | None = None


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


#: What the built-in providers make, per format: (max_length, never_cut, fits_from,
#: distinct). Measured over every locale; ``tests/language/test_format_limits.py``
#: generates each format and fails when a provider outgrows its line here.
_LIMITS: dict[str, tuple[int | None, bool, int | None, int | None]] = {
    "prefix": (None, False, None, 5),
    "gender": (6, False, None, 2),
    "username": (32, True, 1, None),
    "job_title": (None, False, None, 2694),
    "ssn": (21, True, None, None),
    "email": (45, True, 11, None),
    "safe_email": (44, True, 13, None),
    "domain": (32, True, None, None),
    "url": (75, True, None, None),
    "ipv4": (15, True, None, None),
    "ipv6": (39, True, None, None),
    "mac_address": (17, True, None, None),
    "user_agent": (None, False, None, 12),
    "password": (12, True, 4, None),
    "slug": (47, True, None, None),
    "phone": (20, True, None, None),
    "city": (None, False, None, 26),
    "region": (None, False, None, 23),
    "postcode": (9, True, None, None),
    "country": (None, False, None, 1),
    "country_code": (2, False, None, 1),
    "company_suffix": (None, False, None, 16),
    "department": (None, False, None, 14),
    "product_category": (None, False, None, 15),
    "color": (None, False, None, 304),
    "currency_code": (3, False, None, 16),
    "credit_card": (16, True, None, None),
    "iban": (29, True, None, None),
    "bic": (11, True, None, None),
    "ean13": (13, True, None, None),
    "isbn13": (13, True, None, None),
    "word": (None, False, None, 2279),
    "uuid4": (36, True, None, None),
    "hex_color": (7, True, None, None),
    "mime_type": (71, True, None, 19),
    "license_plate": (16, True, None, None),
}
for _name, (_longest, _strict, _fits, _distinct) in _LIMITS.items():
    FORMATS[_name] = replace(
        FORMATS[_name],
        max_length=_longest,
        never_cut=_strict,
        fits_from=_fits if _fits is not None else (_longest if _strict else None),
        distinct=_distinct,
    )


#: Faker's method names (and a few other common spellings) for formats tdg names
#: differently. Only exact synonyms: Faker's ``free_email`` or ``company_email`` are
#: other values than ``email``, so they stay did-you-mean suggestions.
FORMAT_ALIASES: dict[str, str] = {
    "user_name": "username",
    "job": "job_title",
    "phone_number": "phone",
    "zipcode": "postcode",
    "zip_code": "postcode",
    "zip": "postcode",
    "postal_code": "postcode",
    "state": "region",
    "domain_name": "domain",
    "color_name": "color",
    "credit_card_number": "credit_card",
    "swift": "bic",
    "ean": "ean13",
    "uuid": "uuid4",
}


def canonical_format(name: str) -> str:
    """The registry's name for a format spelled ``name`` (itself when not an alias)."""
    return FORMAT_ALIASES.get(name, name)


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
            "normal",
            "Gaussian, truncated to [min, max]; on dates and datetimes mean counts days "
            "since 1970-01-01 and sd days",
            ("mean", "sd"),
            for_references=True,
        ),
        DistributionInfo(
            "lognormal",
            "Log-normal, truncated to [min, max]; on dates and datetimes of a number of days",
            ("mu", "sigma"),
        ),
        DistributionInfo(
            "exponential",
            "Exponential with rate lam, counted from min; on dates and datetimes per day",
            (),
            {"lam": 1.0},
        ),
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

#: Parameter names from numpy, scipy and statistics texts, per distribution, mapped to
#: tdg's. ``scale`` of an exponential is the mean, 1 / lam: lowering converts it.
DISTRIBUTION_PARAM_ALIASES: dict[str, dict[str, str]] = {
    "normal": {
        "mu": "mean",
        "loc": "mean",
        "std": "sd",
        "stddev": "sd",
        "sigma": "sd",
        "scale": "sd",
    },
    "exponential": {"rate": "lam", "lambda": "lam", "scale": "lam"},
    "poisson": {"lambda": "lam", "mean": "lam", "mu": "lam", "rate": "lam"},
    "zipf": {"a": "s", "exponent": "s"},
}
#: Aliases whose value is a reparametrization: the canonical value is f(alias value).
RECIPROCAL_PARAM_ALIASES = frozenset({("exponential", "scale")})


def canonical_params(
    distribution: str, params: dict[str, float]
) -> tuple[dict[str, float], list[str]]:
    """``params`` under tdg's names, and the problems found (a name given twice).

    A dict lookup per parameter, so lowering stays fast; values are unchanged except
    a reciprocal alias (exponential ``scale``), so aliases never change generated data.
    """
    aliases = DISTRIBUTION_PARAM_ALIASES.get(distribution)
    if not aliases or not any(k in aliases for k in params):
        return params, []
    out: dict[str, float] = {}
    spelled: dict[str, str] = {}
    problems: list[str] = []
    for key, value in params.items():
        name = aliases.get(key, key)
        if (distribution, key) in RECIPROCAL_PARAM_ALIASES:
            if value <= 0:
                problems.append(f"{distribution}() needs {key} > 0, got {value:g}")
                continue
            value = 1.0 / value
        if name in out:
            problems.append(f"{distribution}() is given {name} twice: as {spelled[name]} and {key}")
            continue
        out[name], spelled[name] = value, key
    return out, problems


LOCALES: dict[str, str] = {
    "en_US": "English (United States)",
    "de_DE": "German (Germany)",
    "fr_FR": "French (France)",
    "es_ES": "Spanish (Spain)",
    "pt_BR": "Portuguese (Brazil)",
    "ja_JP": "Japanese (Japan)",
}

_FILE = frozenset({"dir", "file", "compression", "compression_level", "manifest"})
_CSV = _FILE | {"header", "delimiter", "quote_char", "quoting", "null", "line_terminator"}
_CSV |= {"encoding"}
_JSON = _FILE | {"decimals"}
_EXCEL = _FILE | {"header", "split_sheets", "max_rows_per_sheet", "date_format"}
_EXCEL |= {"datetime_format"}
_XML = _FILE | {"root_element", "table_element", "row_element", "columns", "nulls"}
_DB = frozenset({"url", "file", "path", "if_exists", "transaction", "batch_rows", "method"})
_DB |= {"schema", "synchronous", "dir"}

OUTPUT_KINDS: dict[str, OutputKindInfo] = {
    o.name: o
    for o in [
        OutputKindInfo(
            "csv", "Comma-separated values, one file per table", extensions=(".csv",), options=_CSV
        ),
        OutputKindInfo(
            "tsv", "Tab-separated values, one file per table", extensions=(".tsv",), options=_CSV
        ),
        OutputKindInfo("json", "One JSON array per table", extensions=(".json",), options=_JSON),
        OutputKindInfo(
            "jsonl",
            "JSON Lines, one object per row",
            extensions=(".jsonl", ".ndjson"),
            options=_JSON,
        ),
        OutputKindInfo(
            "parquet",
            "Apache Parquet, one file per table",
            extensions=(".parquet",),
            options=_FILE | {"row_group_size"},
        ),
        OutputKindInfo(
            "excel", "Excel workbook, a sheet per table", extensions=(".xlsx",), options=_EXCEL
        ),
        OutputKindInfo("sql", "SQL script: CREATE TABLE and INSERT", extensions=(".sql",)),
        OutputKindInfo("xml", "XML, an element per row", extensions=(".xml",), options=_XML),
        OutputKindInfo(
            "sqlite",
            "SQLite database file",
            database=True,
            extensions=(".db", ".sqlite"),
            options=_DB,
        ),
        OutputKindInfo("postgresql", "PostgreSQL via COPY", database=True, options=_DB),
        OutputKindInfo(
            "mysql", "MySQL/MariaDB via LOAD DATA or batched INSERT", database=True, options=_DB
        ),
        OutputKindInfo("database", "Any SQLAlchemy URL", database=True, options=_DB),
    ]
}
