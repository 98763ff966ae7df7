"""Database URLs as people write them, resolved to one driver each, never printed with a password.

``postgresql://`` and ``postgres://`` select psycopg 3, ``mysql://`` and
``mariadb://`` select PyMySQL, ``sqlite:///file.db`` (or a bare ``.db`` path)
the standard library's sqlite3. A password missing from the URL is read from
the driver's usual environment variable (``PGPASSWORD``, ``MYSQL_PWD``), so
URLs in ``.tdg`` files and shell history need not contain secrets.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from testdatagen.errors import DatabaseError, Diagnostic

__all__ = [
    "MYSQL_PARAMS",
    "PG_PARAMS",
    "SCHEMES",
    "DbUrl",
    "Dialect",
    "mysql_connect_args",
    "parse_generic_url",
    "parse_url",
    "redact",
]

#: ``generic``: any other SQLAlchemy URL, loaded through SQLAlchemy Core (db/generic.py).
Dialect = Literal["sqlite", "postgresql", "mysql", "generic"]

SCHEMES: dict[str, Dialect] = {
    "sqlite": "sqlite",
    "sqlite3": "sqlite",
    "postgresql": "postgresql",
    "postgres": "postgresql",
    "pg": "postgresql",
    "mysql": "mysql",
    "mariadb": "mysql",
}
_DEFAULT_PORTS: dict[Dialect, int] = {"postgresql": 5432, "mysql": 3306}
_PASSWORD_ENV: dict[Dialect, tuple[str, ...]] = {
    "postgresql": ("PGPASSWORD",),
    "mysql": ("MYSQL_PWD", "MYSQL_PASSWORD"),
}
_USER_ENV: dict[Dialect, tuple[str, ...]] = {"postgresql": ("PGUSER",), "mysql": ("MYSQL_USER",)}
_DEFAULT_USER: dict[Dialect, str] = {"postgresql": "postgres", "mysql": "root"}
_SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
#: libpq connection parameters accepted in a PostgreSQL URL's query, passed to psycopg.connect.
PG_PARAMS = frozenset(
    {
        "application_name",
        "channel_binding",
        "client_encoding",
        "connect_timeout",
        "fallback_application_name",
        "gssdelegation",
        "gssencmode",
        "gsslib",
        "hostaddr",
        "keepalives",
        "keepalives_count",
        "keepalives_idle",
        "keepalives_interval",
        "krbsrvname",
        "load_balance_hosts",
        "options",
        "passfile",
        "require_auth",
        "requirepeer",
        "service",
        "ssl_max_protocol_version",
        "ssl_min_protocol_version",
        "sslcert",
        "sslcertmode",
        "sslcompression",
        "sslcrl",
        "sslcrldir",
        "sslkey",
        "sslmode",
        "sslnegotiation",
        "sslpassword",
        "sslrootcert",
        "sslsni",
        "target_session_attrs",
        "tcp_user_timeout",
    }
)
#: PyMySQL connect() arguments accepted in a MySQL URL's query (value kinds for conversion).
MYSQL_PARAMS: dict[str, Literal["str", "int", "bool"]] = {
    "charset": "str",
    "connect_timeout": "int",
    "read_timeout": "int",
    "write_timeout": "int",
    "ssl_ca": "str",
    "ssl_cert": "str",
    "ssl_key": "str",
    "ssl_key_password": "str",
    "ssl_disabled": "bool",
    "ssl_verify_cert": "bool",
    "ssl_verify_identity": "bool",
    "unix_socket": "str",
}
#: ``-c search_path=a,b``, ``-csearch_path=a`` or ``--search_path=a`` inside libpq's ``options``.
_SEARCH_PATH = re.compile(r"(?:-c\s*|--)search_path\s*=\s*(?P<path>(?:\\\s|[^\s])+)")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
_SECRET = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^:/@\s]*:)(?P<pw>[^@]*)(?P<at>@)", re.I)


@dataclass(frozen=True, slots=True)
class DbUrl:
    """A parsed URL; ``str()`` is always the redacted form, safe for messages."""

    dialect: Dialect
    database: str
    host: str | None = None
    port: int | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    query: dict[str, str] = field(default_factory=dict)
    #: PostgreSQL schema to load into: ``?schema=S``, else the first schema of a
    #: libpq ``?options=-csearch_path=S`` (None: the connection's search path).
    schema: str | None = None
    #: The full SQLAlchemy URL (with the password) for ``dialect == 'generic'``.
    sqlalchemy: str | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return self.display()

    @property
    def path(self) -> Path:
        """The SQLite file (only meaningful for ``dialect == 'sqlite'``)."""
        return Path(self.database)

    def display(self) -> str:
        """The URL with the password replaced by ``***``."""
        return self._render(secret="***" if self.password else None)

    def render_secret(self) -> str:
        """The full URL including the password: only ever passed to a driver."""
        return self._render(secret=self.password, for_driver=True)

    def sqlalchemy_url(self) -> str:
        """The URL with an explicit driver, for SQLAlchemy engines (contains the password)."""
        driver = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg", "mysql": "mysql+pymysql"}
        if self.sqlalchemy is not None:
            return self.sqlalchemy
        if self.dialect == "sqlite":
            return f"sqlite:///{self.database}"
        return driver[self.dialect] + self.render_secret()[len(self.dialect) :]

    def where(self) -> str:
        """``host:port/database`` for error messages."""
        if self.dialect == "generic":
            return self.display()
        if self.dialect == "sqlite":
            return self.database
        return f"{self.host}:{self.port}/{self.database}"

    def with_database(self, database: str) -> DbUrl:
        return replace(self, database=database)

    def _render(self, *, secret: str | None, for_driver: bool = False) -> str:
        if self.sqlalchemy is not None:
            from sqlalchemy.engine import make_url

            return make_url(self.sqlalchemy).render_as_string(hide_password=secret == "***")
        if self.dialect == "sqlite":
            return f"sqlite:///{self.database}"
        auth = quote(self.user or "", safe="")
        if secret is not None:
            auth += ":" + (secret if secret == "***" else quote(secret, safe=""))
        shown = not for_driver and self._schema_param()  # libpq refuses schema=
        pairs = {**self.query, **({"schema": self.schema} if shown else {})}
        query = "&".join(f"{k}={v}" for k, v in pairs.items())
        tail = f"?{query}" if query else ""
        host = f"[{self.host}]" if self.host and ":" in self.host else self.host
        return f"{self.dialect}://{auth}@{host}:{self.port}/{self.database}{tail}"

    def _schema_param(self) -> bool:
        """Whether ``schema`` came from ``?schema=`` (not from libpq's options)."""
        if self.schema is None:
            return False
        return _pg_schema("", {"options": self.query.get("options", "")}) != self.schema


def redact(text: str) -> str:
    """Hide any ``scheme://user:password@`` password inside free text (driver messages)."""
    return _SECRET.sub(lambda m: f"{m['head']}***{m['at']}", text)


def parse_url(url: str, *, env: dict[str, str] | None = None) -> DbUrl:
    """Parse a database URL or a bare SQLite path; raise DatabaseError (TDG601) if unusable."""
    environ = dict(os.environ) if env is None else env
    text = url.strip()
    if "://" not in text:
        if text.lower().endswith(_SQLITE_SUFFIXES) or text == ":memory:":
            return DbUrl("sqlite", text)
        raise _bad(
            url,
            "is not a database URL",
            "write it as sqlite:///file.db, postgresql://user@host/db or mysql://user@host/db",
        )
    scheme = text.split("://", 1)[0].lower().split("+", 1)[0]
    dialect = SCHEMES.get(scheme)
    if dialect is None:
        known = ", ".join(sorted(SCHEMES))
        raise _bad(url, f"uses the unsupported scheme '{scheme}'", f"use one of: {known}")
    if dialect == "sqlite":
        return _parse_sqlite(url, text)
    return _parse_server(url, text, dialect, environ)


def parse_generic_url(url: str, base_dir: Path | None = None) -> DbUrl:
    """Any SQLAlchemy URL (``dialect+driver://…``), for the generic loader.

    A relative SQLite file is resolved against ``base_dir`` (the ``.tdg``
    file's directory), as for the ``sqlite`` output.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError):
        hint = "write it as dialect+driver://user@host/database (see SQLAlchemy's engine URLs)"
        raise _bad(url, "is not a SQLAlchemy URL", hint) from None
    database = parsed.database or ""
    relative = database not in ("", ":memory:") and not Path(database).is_absolute()
    if parsed.get_backend_name() == "sqlite" and relative and base_dir is not None:
        parsed = parsed.set(database=str(base_dir / database))
    return DbUrl(
        dialect="generic",
        database=parsed.database or "",
        host=parsed.host,
        port=parsed.port,
        user=parsed.username,
        password=parsed.password if isinstance(parsed.password, str) else None,
        sqlalchemy=parsed.render_as_string(hide_password=False),
    )


def _parse_sqlite(url: str, text: str) -> DbUrl:
    rest = text.split("://", 1)[1]
    if rest.startswith("/"):
        rest = rest[
            1:
        ]  # sqlite:///relative.db and sqlite:////abs/path.db, as SQLAlchemy reads them
    rest = rest.split("?", 1)[0]
    if not rest:
        raise _bad(url, "names no database file", "write sqlite:///path/to/file.db")
    return DbUrl("sqlite", unquote(rest))


def _parse_server(url: str, text: str, dialect: Dialect, environ: dict[str, str]) -> DbUrl:
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise _bad(
            url, f"cannot be parsed ({redact(str(exc))})", "check the host and port"
        ) from None
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise _bad(url, "names no database", f"add it at the end: {dialect}://user@host/dbname")
    user = unquote(parts.username) if parts.username else _first(environ, _USER_ENV[dialect])
    password = unquote(parts.password) if parts.password is not None else None
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    schema = _pg_schema(url, query) if dialect == "postgresql" else None
    _check_query(url, dialect, query)
    if password is None:
        password = _first(environ, _PASSWORD_ENV[dialect])
    return DbUrl(
        dialect=dialect,
        database=database,
        host=parts.hostname or "localhost",
        port=port or _DEFAULT_PORTS[dialect],
        user=user or _DEFAULT_USER[dialect],
        password=password,
        query=query,
        schema=schema,
    )


def _pg_schema(url: str, query: dict[str, str]) -> str | None:
    """``?schema=S`` (taken out of the query: libpq does not know it), else the
    first schema of ``options=-c search_path=S,…``, the way libpq users write it."""
    named = query.pop("schema", None)
    if named is not None:
        if not named.strip():
            raise _bad(url, "has an empty schema=", "write ?schema=<name> or leave it out")
        return named.strip()
    match = _SEARCH_PATH.search(query.get("options", ""))
    if match is None:
        return None
    first = match["path"].replace("\\ ", " ").split(",")[0].strip()
    if first in ("", "$user", '"$user"'):
        return None  # the user's own schema if it exists: the server decides
    if len(first) > 1 and first[0] == '"' == first[-1]:
        return first[1:-1].replace('""', '"')
    return first.lower()  # PostgreSQL folds unquoted names, in search_path too


def _check_query(url: str, dialect: Dialect, query: dict[str, str]) -> None:
    """Refuse query parameters the driver would not get: nothing is silently dropped."""
    known = PG_PARAMS if dialect == "postgresql" else frozenset(MYSQL_PARAMS)
    unknown = sorted(set(query) - known)
    if unknown:
        close = [
            f"'{found[0]}' for '{name}'"
            for name in unknown
            if (found := difflib.get_close_matches(name, sorted(known), n=1))
        ]
        guess = f"did you mean {', '.join(close)}? " if close else ""
        raise _bad(
            url,
            f"has unknown parameter(s) {', '.join(unknown)}",
            f"{guess}parameters a {dialect} URL accepts: {', '.join(sorted(known))}",
        )
    for name, value in query.items():
        kind = "int" if name == "connect_timeout" else MYSQL_PARAMS.get(name, "str")
        if dialect == "postgresql" and name != "connect_timeout":
            continue
        if kind == "int" and not value.strip().lstrip("-").isdigit():
            raise _bad(url, f"has a non-integer {name}={value!r}", f"write {name}=<seconds>")
        if kind == "bool" and value.lower() not in _TRUE + _FALSE:
            raise _bad(url, f"has a non-boolean {name}={value!r}", f"write {name}=true or false")


def mysql_connect_args(url: DbUrl) -> dict[str, str | int | bool]:
    """The URL's query as PyMySQL ``connect()`` keyword arguments (checked by parse_url)."""
    args: dict[str, str | int | bool] = {}
    for name, value in url.query.items():
        kind = MYSQL_PARAMS.get(name, "str")
        if kind == "int":
            args[name] = int(value)
        elif kind == "bool":
            args[name] = value.lower() in _TRUE
        else:
            args[name] = value
    return args


def _first(environ: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        if environ.get(name):
            return environ[name]
    return None


def _bad(url: str, problem: str, hint: str) -> DatabaseError:
    return DatabaseError(
        [Diagnostic("TDG614", f"database URL '{redact(url)}' {problem}", hint=hint)]
    )
