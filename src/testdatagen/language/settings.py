"""The settings registry: which ``[...]`` setting exists, takes what, fits which types.

One table read by lowering (dispatch), the type checks (applicability) and
the generated reference page, so the three cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from testdatagen.model.types import TypeKind

__all__ = [
    "BUILTIN_TYPES",
    "FORMAT_MAX_LENGTH",
    "SETTINGS",
    "TYPE_ALIASES",
    "SettingInfo",
    "applies_to",
]

_NUMERIC = frozenset({TypeKind.INTEGER, TypeKind.BIGINT, TypeKind.DECIMAL, TypeKind.FLOAT})
_TEMPORAL = frozenset({TypeKind.DATE, TypeKind.DATETIME})
_STRINGS = frozenset({TypeKind.STRING, TypeKind.TEXT})


@dataclass(frozen=True, slots=True)
class SettingInfo:
    name: str
    summary: str
    #: flag | expr | rate | range | weights | distribution | name | string | number | path
    value: str
    #: Types the setting fits; None means every type.
    types: frozenset[TypeKind] | None = None
    #: strategy settings are mutually exclusive: a column has one way of making values.
    group: str = "constraint"


SETTINGS: dict[str, SettingInfo] = {
    s.name: s
    for s in [
        SettingInfo("primary_key", "Primary key: implies not_null and unique", "flag"),
        SettingInfo("unique", "No two rows share a value", "flag"),
        SettingInfo("not_null", "Never NULL", "flag"),
        SettingInfo("null_rate", "Share of NULLs, e.g. 15%", "rate"),
        SettingInfo("default", "Value when `when` does not hold", "expr"),
        SettingInfo("when", "Generate only when the condition holds", "expr"),
        SettingInfo(
            "min", "Lowest value (number, date, or expression)", "expr", _NUMERIC | _TEMPORAL
        ),
        SettingInfo(
            "max", "Highest value (number, date, or expression)", "expr", _NUMERIC | _TEMPORAL
        ),
        SettingInfo("length", "String length range, e.g. 5..20", "range", _STRINGS),
        SettingInfo(
            "distribution", "Shape of values, or of the parent pick for a key", "distribution"
        ),
        SettingInfo(
            "sequential",
            "1, 2, 3, … or sequential(start: 1000, step: 10); on a string column, as text",
            "flag",
            _NUMERIC | _STRINGS,
            "strategy",
        ),
        SettingInfo(
            "format", "A realistic value from the formats registry", "name", None, "strategy"
        ),
        SettingInfo(
            "pattern", "Strings matching a regex, e.g. 'SKU-\\d{4}'", "string", _STRINGS, "strategy"
        ),
        SettingInfo("choice", "Weighted pick: {'a': 70%, 'b': 30%}", "weights", None, "strategy"),
        SettingInfo("compute", "Derived from other columns", "expr", None, "strategy"),
        SettingInfo("references", "Foreign key: table.column", "path", None, "strategy"),
        SettingInfo("per_parent", "Children per parent: 1..5 or a distribution", "range"),
        SettingInfo(
            "timezone",
            "Time zone of datetimes, e.g. 'UTC'",
            "string",
            frozenset({TypeKind.DATETIME}),
        ),
        SettingInfo(
            "true_rate", "Share of true values", "rate", frozenset({TypeKind.BOOLEAN}), "option"
        ),
        SettingInfo(
            "version", "UUID version (4 or 7)", "number", frozenset({TypeKind.UUID}), "option"
        ),
        SettingInfo("locale", "Locale of this column's values", "string", _STRINGS, "option"),
        SettingInfo(
            "prefix",
            "Text before each value, e.g. [sequential(start: 1000), prefix: 'CUST-']",
            "string",
            _STRINGS,
            "option",
        ),
        SettingInfo("suffix", "Text after each value", "string", _STRINGS, "option"),
        SettingInfo("comment", "Documentation carried into outputs", "string"),
        SettingInfo(
            "llm",
            "Values from an OpenAI-compatible endpoint: llm(prompt: '…', model: '…', "
            "endpoint: '…', cache: '…', max_cost_usd: 1.5); the column's format, pattern "
            "or choice is the fallback",
            "flag",
            _STRINGS,
            "option",
        ),
    ]
}


def applies_to(info: SettingInfo, kind: TypeKind) -> bool:
    return info.types is None or kind in info.types


BUILTIN_TYPES: dict[str, TypeKind] = {k.value: k for k in TypeKind if k is not TypeKind.ENUM}

#: Names from other systems, mapped to how tdg spells them.
TYPE_ALIASES: dict[str, str] = {
    "varchar": "string",
    "char": "string",
    "nvarchar": "string",
    "str": "string",
    "int": "integer",
    "int4": "integer",
    "smallint": "integer",
    "tinyint": "integer",
    "int8": "bigint",
    "long": "bigint",
    "serial": "integer",
    "bigserial": "bigint",
    "timestamp": "datetime",
    "timestamptz": "datetime",
    "datetime2": "datetime",
    "bool": "boolean",
    "numeric": "decimal",
    "number": "decimal",
    "money": "decimal",
    "double": "float",
    "real": "float",
    "float8": "float",
    "guid": "uuid",
}

#: Longest value a format produces; a shorter string(n) would truncate it.
FORMAT_MAX_LENGTH: dict[str, int] = {
    "uuid4": 36,
    "ipv4": 15,
    "ipv6": 39,
    "mac_address": 17,
    "iban": 34,
    "credit_card": 19,
    "ean13": 13,
    "isbn13": 13,
    "country_code": 2,
    "currency_code": 3,
    "hex_color": 7,
    "bic": 11,
    "ssn": 11,
    "postcode": 10,
    "phone": 20,
    "email": 60,
}
