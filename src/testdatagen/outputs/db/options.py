"""Options of a database output, checked once so loaders can trust them.

``output postgresql { url: '...', if_exists: 'replace', transaction: 'table' }``
reaches us as ``OutputSpec.options``; a wrong value is a user error with the
accepted values in the hint, never a KeyError deep inside a loader.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NoReturn, cast

from testdatagen.errors import DatabaseError, Diagnostic
from testdatagen.model.expr import Scalar
from testdatagen.outputs.db.url import SCHEMES, DbUrl, parse_generic_url, parse_url

__all__ = ["IfExists", "LoadOptions", "load_options"]

IfExists = Literal["fail", "replace", "append", "truncate"]
Transaction = Literal["all", "table"]

_IF_EXISTS = ("fail", "replace", "append", "truncate")
_TRANSACTION = ("all", "table")
_METHODS = {
    "sqlite": ("insert",),
    "postgresql": ("copy", "copy_binary", "insert"),
    "mysql": ("auto", "load_data", "insert"),
    "generic": ("generic",),
}
_DEFAULT_METHOD = {"sqlite": "insert", "postgresql": "copy", "mysql": "auto", "generic": "generic"}
_KNOWN = {"url", "file", "path", "if_exists", "transaction", "batch_rows", "method", "schema"}
_KNOWN |= {"synchronous", "dir"}


@dataclass(frozen=True, slots=True)
class LoadOptions:
    url: DbUrl
    if_exists: IfExists = "fail"
    transaction: Transaction = "all"
    batch_rows: int = 10_000
    method: str = "insert"
    #: PostgreSQL schema to load into (created if missing); None means the search path.
    schema: str | None = None
    #: SQLite ``PRAGMA synchronous`` during the load; None picks OFF for a new file.
    synchronous: str | None = None


def load_options(
    options: Mapping[str, Scalar], base_dir: Path | None = None, *, kind: str = "database"
) -> LoadOptions:
    """Validate ``OutputSpec.options`` for a database output of ``kind``."""
    unknown = sorted(set(options) - _KNOWN)
    if unknown:
        _fail(
            f"unknown option(s) {', '.join(unknown)} for a {kind} output",
            f"known options: {', '.join(sorted(_KNOWN))}",
        )
    url = _url(options, base_dir, kind)
    dialect = url.dialect
    if kind in _METHODS and kind != dialect:
        _fail(
            f"output '{kind}' was given a {dialect} URL ({url})",
            f"use output {dialect} {{ ... }} or output database {{ ... }}",
        )
    return LoadOptions(
        url=url,
        if_exists=cast(IfExists, _choice(options, "if_exists", _IF_EXISTS, "fail")),
        transaction=cast(Transaction, _choice(options, "transaction", _TRANSACTION, "all")),
        batch_rows=_positive(options, "batch_rows", 10_000),
        method=_choice(options, "method", _methods(kind, dialect), _DEFAULT_METHOD[dialect]),
        schema=_schema(options, url),
        synchronous=_text(options, "synchronous"),
    )


def _schema(options: Mapping[str, Scalar], url: DbUrl) -> str | None:
    """The ``schema`` option (or ``--db-schema``) and the URL's ``?schema=`` must agree."""
    given = _text(options, "schema")
    if given is not None and url.schema is not None and given != url.schema:
        _fail(
            f"schema {given!r} contradicts the URL's schema {url.schema!r}",
            "name the schema once: in the URL (?schema=S) or as the schema option",
        )
    schema = given if given is not None else url.schema
    if schema is not None and url.dialect in ("sqlite", "mysql"):
        where = "the database in the URL" if url.dialect == "mysql" else "the file"
        _fail(
            f"a {url.dialect} database has no schemas to load into (schema {schema!r})",
            f"drop the schema; name {where} instead",
        )
    return schema


def _methods(kind: str, dialect: str) -> tuple[str, ...]:
    """``output database`` may send any URL through the generic SQLAlchemy loader."""
    extra = ("generic",) if kind == "database" and dialect != "generic" else ()
    return _METHODS[dialect] + extra


def _url(options: Mapping[str, Scalar], base_dir: Path | None, kind: str) -> DbUrl:
    raw = options.get("url")
    if kind == "database" and raw is not None and _wants_generic(str(raw), options):
        return parse_generic_url(str(raw), base_dir)
    if raw is None and kind in ("sqlite", "database"):
        raw = options.get("file") or options.get("path")
        if raw is not None:
            path = Path(str(raw))
            if base_dir is not None and not path.is_absolute():
                path = base_dir / path
            return parse_url(
                str(path)
                if str(path).endswith((".db", ".sqlite", ".sqlite3"))
                else f"sqlite:///{path}"
            )
    if raw is None:
        _fail(f"a {kind} output needs a 'url'", f"e.g. output {kind} {{ url: '{_example(kind)}' }}")
    url = parse_url(str(raw))
    if url.dialect == "sqlite" and base_dir is not None and not url.path.is_absolute():
        url = url.with_database(str(base_dir / url.path))
    return url


def _wants_generic(raw: str, options: Mapping[str, Scalar]) -> bool:
    """``method: generic``, or a scheme none of the native loaders handles."""
    if options.get("method") == "generic":
        return True
    scheme = raw.split("://", 1)[0].lower().split("+", 1)[0] if "://" in raw else ""
    return bool(scheme) and scheme not in SCHEMES


def _example(kind: str) -> str:
    return {
        "postgresql": "postgresql://user@localhost/db",
        "mysql": "mysql://user@localhost/db",
    }.get(kind, "sqlite:///out.db")


def _choice(options: Mapping[str, Scalar], key: str, allowed: tuple[str, ...], default: str) -> str:
    value = options.get(key, default)
    if value not in allowed:
        close = difflib.get_close_matches(str(value), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(allowed)}"
        _fail(f"option {key}: {value!r} is not one of {', '.join(allowed)}", hint)
    return str(value)


def _positive(options: Mapping[str, Scalar], key: str, default: int) -> int:
    value = options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        _fail(
            f"option {key}: expected a positive integer but got {value!r}", f"e.g. {key}: {default}"
        )
    return int(value)


def _text(options: Mapping[str, Scalar], key: str) -> str | None:
    value = options.get(key)
    return None if value is None else str(value)


def _fail(message: str, hint: str) -> NoReturn:
    raise DatabaseError([Diagnostic("TDG602", message, hint=hint)])
