"""Every stable diagnostic code raised outside the language front end, in one table.

The language front end documents its own codes (``testdatagen.language.codes``
for ``.tdg`` files, ``testdatagen.language.config.codes`` for JSON/YAML
configs). The other layers (the exception defaults in ``errors``, the public
API, the engine, providers, outputs, databases, introspection and the CLI)
raise codes of their own; this module is the single place those are
described, so the reference generator can print every code a user may see
and a test can check that no code is raised without being documented
(``tests/test_codes.py``).

The module imports only the standard library and ``testdatagen.errors`` so the
reference generator and the docs build can read it without numpy, pyarrow or a
database driver. :func:`all_codes` adds the two language tables, imported
only when it is called.

Ranges: 0xx the exception defaults and files, 1xx names (CLI), 2xx
distributions and patterns, 3xx column graphs, 4xx generate blocks (CLI), 5xx
generation, 6xx outputs and databases, 9xx installation. Codes are stable:
add new ones, never renumber.

Each code has one meaning; a test (``tests/test_codes.py``) fails when a
raising site uses a code this table and the language tables do not list.
"""

from __future__ import annotations

from testdatagen.errors import Code

__all__ = ["CODES", "all_codes"]

_TABLE: tuple[Code, ...] = (
    # 0xx the exception defaults and files
    Code(
        "TDG000",
        "error",
        "A TdgError raised with a plain message and no code of its own; read the message, "
        "and report it as a bug if it does not say what to fix.",
    ),
    Code(
        "TDG001",
        "invalid input",
        "An InputError raised with a plain message; fix the file, config or parameters it names.",
    ),
    Code(
        "TDG002",
        "file not found or unreadable",
        "The file given to load, check or fmt does not exist, cannot be read, or (for fmt) is "
        "not a .tdg file; check the path and extension.",
    ),
    # 1xx names
    Code(
        "TDG120",
        "unknown table in preview",
        "`tdg preview --table` names a table the dataset does not have; use one of the tables "
        "the hint lists.",
    ),
    # 2xx distributions and patterns
    Code(
        "TDG220",
        "missing distribution parameter",
        "The distribution needs a parameter that was not given; write it, "
        "e.g. normal(mean: 38, sd: 12).",
    ),
    Code(
        "TDG221",
        "distribution does not apply to continuous values",
        "This distribution cannot shape a continuous range; use uniform, normal, lognormal or "
        "exponential for the column.",
    ),
    Code(
        "TDG223",
        "distribution does not apply to a self-reference",
        "A key that points at earlier rows of its own table takes only uniform, zipf(s) or "
        "normal(mean, sd); use one of those.",
    ),
    Code(
        "TDG241",
        "pattern has too few unique values",
        "A unique column's pattern has fewer distinct strings than rows, or is too ambiguous to "
        "enumerate; widen the pattern, make each string read one way, or drop unique.",
    ),
    Code(
        "TDG242",
        "pattern longer than the column",
        "The pattern makes strings longer than the column's string(n); shorten the pattern or "
        "widen the column.",
    ),
    # 3xx column graphs
    Code(
        "TDG320",
        "columns depend on each other",
        "Columns of one table are computed from each other in a circle; break the cycle.",
    ),
    # 4xx generate blocks (CLI)
    Code(
        "TDG412",
        "unknown generate block",
        "--plan names no generate block in the file; use one of the names the hint lists.",
    ),
    Code(
        "TDG413",
        "bad row count",
        "A row count is negative or not a whole number; give a whole number of rows, 0 or more.",
    ),
    Code(
        "TDG414",
        "which schema?",
        "The file declares several schemas and no generate block names one; add a generate "
        "block with schema: NAME.",
    ),
    Code(
        "TDG440",
        "nothing to write",
        "The generate block has no output and --out was not given; pass --out (a directory, "
        "file or database URL) or add an output block.",
    ),
    # 5xx generation
    Code(
        "TDG500",
        "generation failed",
        "A GenerationError raised with a plain message: the description is valid but could not "
        "be satisfied; relax the constraint the message names.",
    ),
    Code(
        "TDG510",
        "unique format exhausted",
        "A unique format ran out of distinct values for the rows asked for; drop unique, ask "
        "for fewer rows, or use a format with a larger domain such as uuid4.",
    ),
    Code(
        "TDG511",
        "format values do not fit the column",
        "A format makes values longer than the column's string(n); widen the column or pick a "
        "shorter format.",
    ),
    Code(
        "TDG512",
        "not a foreign key",
        "An expression follows a column as a key although it has no reference; follow a "
        "foreign key column instead.",
    ),
    Code(
        "TDG513",
        "child table not linked by per_parent",
        "A function over child rows names a table that does not reference this one with "
        "per_parent; add per_parent to the child's key.",
    ),
    Code(
        "TDG514",
        "LLM column without fallback",
        "The column asks an LLM for values but has no fallback; add a format, pattern or choice "
        "fallback so it can be generated offline.",
    ),
    Code(
        "TDG515",
        "sibling function without per_parent",
        "A function over sibling rows is used in a table with no per_parent reference; give the "
        "key to the parent a per_parent range.",
    ),
    Code(
        "TDG516",
        "check reads a running sum",
        "A check reads a running_sum() column, so a re-drawn row would change every later "
        "sibling's sum; bound the summed column with min/max instead, or drop the check.",
    ),
    Code(
        "TDG517",
        "expression cannot be evaluated",
        "An expression failed while generating; fix the operands or the function call the "
        "message names.",
    ),
    Code(
        "TDG518",
        "text bound for a numeric column",
        "min/max of a numeric column was given as text; write the bound as a number.",
    ),
    Code(
        "TDG520",
        "unique domain too small",
        "A unique column's type, length or pattern allows fewer values than rows; widen the "
        "range, lower the row count, or drop unique.",
    ),
    Code(
        "TDG521",
        "min above max",
        "The column's min evaluates above its max while generating; fix the bounds.",
    ),
    Code(
        "TDG522",
        "decimal overflow",
        "A decimal value or sum needs more digits than its column (or than decimal(38, s)) "
        "holds; widen the column's precision or bound the values it is made from.",
    ),
    Code(
        "TDG530",
        "too many children for distinct values",
        "A parent has more children than distinct values to give them; lower per_parent's "
        "maximum or widen the column.",
    ),
    Code(
        "TDG531",
        "too few key combinations",
        "A unique key over several columns allows fewer combinations than rows; lower the row "
        "count or add rows to the referenced tables.",
    ),
    Code(
        "TDG532",
        "too few parent values for per_parent",
        "A parent may get more children than the key has distinct values; lower per_parent's "
        "maximum or add rows to the referenced table.",
    ),
    Code(
        "TDG533",
        "unique key still repeats",
        "A unique key kept repeating a value after every re-draw; widen the columns' ranges or "
        "drop unique.",
    ),
    Code(
        "TDG540",
        "check cannot be satisfied",
        "A check still failed after every re-draw of the columns it reads, or it reads no "
        "column that can be re-drawn (keys, sequences, values computed from them); the message "
        "names the check. Widen the columns' ranges or relax the check.",
    ),
    # 6xx outputs and databases
    Code(
        "TDG600",
        "output failed",
        "An output, or a converted file, could not be written; check the path and permissions.",
    ),
    Code(
        "TDG601",
        "unknown output kind",
        "The output kind is not known; use one the hint suggests (tdg --help lists them).",
    ),
    Code(
        "TDG602",
        "bad output option",
        "An output or database option is unknown or has a value of the wrong type or range; fix "
        "it as the hint says.",
    ),
    Code(
        "TDG603",
        "file could not be written",
        "A file could not be written; check the directory exists, is writable and has space.",
    ),
    Code(
        "TDG604",
        "Excel row limit",
        "A table has more rows than an Excel sheet holds; set split_sheets: true or write "
        "csv/parquet instead.",
    ),
    Code(
        "TDG605",
        "output kind not available",
        "The module of this output kind is missing from the installation; reinstall testdatagen "
        "or use a file format.",
    ),
    Code(
        "TDG606",
        "value the format cannot hold",
        "A value cannot be encoded or is too long for the format; use utf-8, shorten the column "
        "or write another format.",
    ),
    Code(
        "TDG607",
        "bad output target",
        "The target does not fit the output (dir and file, --format against --out, several "
        "tables for one file, a table name unusable as a file name); change it as the hint says.",
    ),
    Code(
        "TDG608",
        "bad SQL script option",
        "A SQL script option is invalid; fix the dialect, compression or level as the hint says.",
    ),
    Code(
        "TDG610",
        "database server unreachable",
        "No server answered at the URL's host and port; check them and that the server runs.",
    ),
    Code(
        "TDG611",
        "database authentication failed",
        "The server refused the user or password; check them in the URL or the environment "
        "(PGPASSWORD, MYSQL_PWD).",
    ),
    Code(
        "TDG612",
        "database does not exist",
        "The database or SQLite file does not exist or cannot be opened; create it or fix the "
        "name or path in the URL.",
    ),
    Code(
        "TDG613",
        "database permission denied",
        "The user may not create or write the tables; grant it CREATE/INSERT or use a target "
        "it owns.",
    ),
    Code(
        "TDG614",
        "unusable database URL",
        "The database URL cannot be used; fix the scheme or database name, or install the "
        "driver the message names.",
    ),
    Code(
        "TDG620",
        "database load failed",
        "The load failed and nothing was committed (or another tdg load into the same MySQL "
        "database is still running); fix the cause in the notes and run again.",
    ),
    Code(
        "TDG630",
        "tables already exist",
        "Tables exist and if_exists is 'fail'; set if_exists to 'replace', 'truncate' or 'append'.",
    ),
    Code(
        "TDG631",
        "dataset does not match the schema",
        "A dataset table or column is not in the schema being loaded; load the dataset with the "
        "schema it was generated from.",
    ),
    Code(
        "TDG640",
        "LOAD DATA LOCAL INFILE forbidden",
        "The MySQL server does not allow local_infile; enable it on the server or use "
        "method: 'insert'.",
    ),
    Code(
        "TDG650",
        "database error",
        "A DatabaseError raised with a plain message; check the connection and the message.",
    ),
    Code(
        "TDG660",
        "unknown database schema",
        "--schema names no schema in the database; use one the hint lists.",
    ),
    Code(
        "TDG661",
        "unknown database table",
        "--tables names a table that does not exist; use one the hint lists.",
    ),
    Code(
        "TDG662",
        "introspected schema does not read back",
        "The printed .tdg text does not load back to the same model; report this as a bug with "
        "the database's DDL.",
    ),
    # 9xx installation
    Code(
        "TDG663",
        "database structure tdg cannot generate for",
        "Introspection found keys no generated data can satisfy as declared (overlapping "
        "composite foreign keys, a NOT NULL reference cycle); follow the hint, e.g. make one key "
        "nullable or DEFERRABLE.",
    ),
    Code(
        "TDG900",
        "optional dependency missing",
        "The feature needs an optional extra; install it, e.g. pip install 'testdatagen[extra]'.",
    ),
    Code(
        "TDG901",
        "installation incomplete",
        "A part of testdatagen the CLI needs could not be imported; reinstall testdatagen or "
        "report a bug.",
    ),
    Code(
        "TDG950",
        "value pack missing or corrupt",
        "A vendored data file is missing or does not match its pinned hash; reinstall testdatagen.",
    ),
    Code(
        "TDG960",
        "provider plugin failed to load",
        "An installed provider plugin raised while loading; fix or uninstall the plugin package.",
    ),
)

CODES: dict[str, Code] = {c.code: c for c in sorted(_TABLE, key=lambda c: c.code)}


def all_codes() -> dict[str, Code]:
    """Every documented code: the language, the config form and this table, sorted.

    The language tables are imported here, not at module level, to keep this
    module importable without the language front end's dependencies.
    """
    from testdatagen.language.codes import CODES as LANGUAGE
    from testdatagen.language.config.codes import CODES as CONFIG

    merged: dict[str, Code] = {}
    for table in (LANGUAGE.values(), CONFIG, CODES.values()):
        for code in table:
            merged.setdefault(code.code, code)
    return dict(sorted(merged.items()))
