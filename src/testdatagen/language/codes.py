"""Every diagnostic code of the language front end, in one table.

Codes are stable: tests, docs and users' CI scripts match on them. Add new
ones; never renumber. Ranges: 0xx syntax and files, 1xx names and
registries, 2xx types and settings, 3xx references and graphs, 4xx
feasibility and generate blocks.
"""

from __future__ import annotations

from testdatagen.errors import Code

__all__ = ["CODES", "code"]

_TABLE: tuple[Code, ...] = (
    # 0xx syntax and files
    Code("TDG010", "syntax error", "The text does not follow the grammar at this point."),
    Code("TDG011", "unexpected character", "A character that cannot start any token."),
    Code("TDG012", "unexpected end of file", "A block or list was left open."),
    Code("TDG013", "missing comma between settings", "Settings in [...] are separated by ','."),
    Code("TDG014", "'not null' instead of 'not_null'", "The flag is one word: not_null."),
    Code("TDG015", "double quotes around a string", "'…' is a string; \"…\" quotes a name."),
    Code("TDG016", "'=' instead of ':'", "Settings and options are written name: value."),
    Code("TDG017", "unterminated string", "A '…' string is not closed on its line."),
    Code(
        "TDG018", "input nests too deeply", "An expression nests deeper than the parser can follow."
    ),
    Code("TDG019", "comment never closed", "A /* comment needs its */; it hides the rest."),
    Code("TDG020", "imported file not found", "Import paths are relative to the importing file."),
    Code("TDG021", "import cycle", "Files import each other in a circle."),
    Code("TDG022", "file cannot be read", "The file exists but could not be read as UTF-8."),
    Code(
        "TDG023",
        "import alias not supported",
        "Imported names are not namespaced: `import 'x.tdg'` brings its enums and templates "
        "in under their own names, so `as alias` would name nothing.",
    ),
    Code(
        "TDG024",
        "SQL spelling of a setting",
        "Settings go inside [...] as name: value — [not_null, default: 0, per_parent: 1..5], "
        "not NOT NULL, DEFAULT 0 or per_parent 1-5.",
    ),
    Code(
        "TDG025",
        "spelling from another language",
        "A form from SQL, DBML, Prisma or a programming language (==, &&, ||, ';', "
        "CHECK (…), settings in (…) or {…}, a ',' after a column, an inline enum(…), a "
        "top-level table) that tdg writes differently; the message gives tdg's spelling.",
    ),
    # 1xx names and registries
    Code("TDG100", "unknown type", "Types: integer bigint string(n) text boolean decimal(p,s) …"),
    Code("TDG101", "unknown format", "format: names a value from the formats registry."),
    Code("TDG102", "unknown distribution", "distribution: names one of the distributions."),
    Code("TDG103", "unknown locale", "locale: names one of the supported locales."),
    Code("TDG104", "unknown output kind", "output KIND { … } names a writer or loader."),
    Code("TDG105", "unknown setting", "A setting in [...] that tdg does not know."),
    Code("TDG106", "bad distribution parameters", "A parameter is missing or not known."),
    Code("TDG107", "unknown function", "A function call tdg does not know."),
    Code("TDG108", "unknown time zone", "timezone: names an IANA zone such as 'UTC'."),
    Code("TDG110", "unknown table", "A table name that no schema declares."),
    Code("TDG111", "unknown column", "A column name the table does not have."),
    Code("TDG112", "unknown template", "use NAME names a template."),
    Code("TDG113", "unknown schema", "schema: in a generate block names a schema."),
    Code("TDG114", "duplicate name", "Two declarations share a name in one scope."),
    Code("TDG115", "unknown generate option", "A key of a generate block tdg does not know."),
    Code("TDG116", "template cycle", "Templates use each other in a circle."),
    # 2xx types and settings
    Code("TDG200", "setting does not apply to this type", "See the settings registry."),
    Code("TDG201", "min greater than max", "The range is empty."),
    Code(
        "TDG202", "bad type arguments", "decimal(p,s) needs 1 ≤ p ≤ 38, 0 ≤ s ≤ p; string(n) n ≥ 1."
    ),
    Code("TDG203", "value longer than the column", "A choice/enum value exceeds string(n)."),
    Code(
        "TDG204",
        "format longer than the column",
        "The format's values may not fit string(n): codes are cut (a warning); structured "
        "values such as slugs or IBANs are never cut, so the run would fail (an error).",
    ),
    Code(
        "TDG205", "invalid date or time literal", "Dates are ISO: '2024-01-31', '2024-01-31 12:00'."
    ),
    Code("TDG206", "bad setting value", "The value has the wrong shape for this setting."),
    Code("TDG207", "conflicting strategies", "A column has one way of making values."),
    Code("TDG208", "duplicate setting", "A setting appears twice on one column."),
    Code("TDG209", "rate out of range", "Rates are 0%..100% (or 0..1)."),
    Code(
        "TDG210",
        "range does not fit the column type",
        "integer is int32, bigint int64, decimal(p,s) holds ±(10^(p-s) - 10^-s).",
    ),
    Code(
        "TDG211",
        "aggregate does not apply to this type",
        "sum/avg add numbers (and booleans); over dates, datetimes or text use min/max/count.",
    ),
    Code(
        "TDG212",
        "integer bound is not a whole number",
        "An integer column keeps the whole numbers within min..max; 1.5..1.7 holds none.",
    ),
    Code(
        "TDG213",
        "distribution does not apply to this type",
        "zipf and poisson draw whole ranks: integer/bigint columns within constant bounds, "
        "references and per_parent; floats and dates use uniform, normal, lognormal, "
        "exponential.",
    ),
    Code(
        "TDG218",
        "function argument does not fit",
        "Each function takes arguments of given kinds (text, number, date …); some, such as "
        "replace()'s text to find, must be constants. The hint shows the signature.",
    ),
    Code(
        "TDG219",
        "condition or comparison of the wrong kind",
        "when: and check take a condition (true or false), such as a > 1; a comparison puts "
        "a number beside a number and text beside text.",
    ),
    Code(
        "TDG240", "unsupported pattern", "The regex uses a construct the generator cannot honour."
    ),
    # 3xx references and graphs
    Code(
        "TDG300",
        "reference target is not a key",
        "Foreign keys point at a primary key or unique column.",
    ),
    Code(
        "TDG301", "reference type mismatch", "The key and the column it points at differ in type."
    ),
    Code(
        "TDG302",
        "not_null self-reference",
        "The first row of the table has no earlier row to point at.",
    ),
    Code("TDG303", "per_parent without references", "per_parent belongs on a foreign key column."),
    Code(
        "TDG304",
        "foreign key arity mismatch",
        "foreign_key (a, b) references t(x, y) pairs columns.",
    ),
    Code("TDG305", "two per_parent keys", "A table's row count can follow from one parent only."),
    Code(
        "TDG306",
        "aggregate without children",
        "sum/count/min/max/avg(child.col) read a row's children: the rows of a table whose "
        "key references this one with per_parent (never the table itself).",
    ),
    Code(
        "TDG307",
        "check reads a running sum",
        "A check reads a running_sum() column (itself or through columns computed from "
        "it), so a re-drawn row would change every later sibling's sum; bound the summed "
        "column with min/max instead, or drop the check.",
    ),
    Code("TDG310", "dependency cycle in a row", "Columns computed from each other in a circle."),
    Code(
        "TDG311", "reference cycle", "Tables whose not_null keys point at each other in a circle."
    ),
    # 4xx feasibility and generate blocks
    Code("TDG400", "unique domain too small", "Fewer distinct values than rows asked for."),
    Code("TDG401", "not_null with null_rate", "A not_null column cannot have nulls."),
    Code("TDG402", "percentages do not add up", "Weights written as percentages must sum to 100%."),
    Code("TDG403", "bad per_parent range", "per_parent: low..high needs 0 ≤ low ≤ high."),
    Code("TDG404", "check contradicts column ranges", "No value within min/max satisfies it."),
    Code(
        "TDG405",
        "sequential overflows the column",
        "start + step × (rows - 1) must fit the column type.",
    ),
    Code(
        "TDG406",
        "when without default on a not_null column",
        "Rows where when: is false would be NULL; add default:.",
    ),
    Code(
        "TDG410", "expression needs row data", "Row counts and params use numbers and params only."
    ),
    Code("TDG411", "unknown parameter", "A name in a generate block that is not a param."),
    Code("TDG420", "missing row count", "Every table needs a row count unless per_parent sets it."),
    Code("TDG421", "row count for a per_parent table", "The count follows from per_parent."),
    Code("TDG422", "generate block has no schema", "Name the schema: schema: Shop."),
    Code("TDG424", "nothing to generate", "The file declares no schema; generate needs one."),
    Code("TDG423", "bad generate option", "seed is a whole number; locale a string."),
    Code(
        "TDG425",
        "unknown output option",
        "output KIND { … } takes the options its writer knows (see docs/outputs.md).",
    ),
)

CODES: dict[str, Code] = {c.code: c for c in _TABLE}


def code(name: str) -> str:
    """Return ``name`` after checking it is in the table (a typo fails tests, not users)."""
    if name not in CODES:
        raise KeyError(f"undeclared diagnostic code {name}")
    return name
