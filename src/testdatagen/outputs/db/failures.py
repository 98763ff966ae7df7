"""Driver exceptions → DatabaseError people can act on, never showing a password.

Drivers report failures in their own words (psycopg's ``OperationalError``,
PyMySQL's error tuples, sqlite3's messages). We keep their text (redacted)
as a note and lead with what failed where, plus a hint for the usual causes.
"""

from __future__ import annotations

from testdatagen.errors import DatabaseError, Diagnostic
from testdatagen.outputs.db.url import DbUrl, redact

__all__ = ["database_error", "load_error"]

#: (substring of the driver's message, code, what it means, hint)
_CAUSES: tuple[tuple[str, str, str, str], ...] = (
    (
        "password authentication failed",
        "TDG611",
        "authentication failed",
        "check the user and password (URL, PGPASSWORD or MYSQL_PWD)",
    ),
    (
        "access denied for user",
        "TDG611",
        "authentication failed",
        "check the user and password (URL or MYSQL_PWD) and the user's host grants",
    ),
    (
        "no password supplied",
        "TDG611",
        "the server wants a password",
        "put it in the environment (PGPASSWORD / MYSQL_PWD) rather than in the URL",
    ),
    (
        "does not support ssl",
        "TDG610",
        "the server does not offer SSL but the URL requires it",
        "enable ssl on the server, or relax sslmode (prefer/disable) in the URL",
    ),
    (
        "ssl",
        "TDG610",
        "the SSL/TLS connection failed",
        "check sslmode/sslrootcert (PostgreSQL) or ssl_* (MySQL) in the URL "
        "and the server's TLS setup",
    ),
    ("role", "TDG611", "the user does not exist", "check the user name in the URL (or PGUSER)"),
    (
        "connection refused",
        "TDG610",
        "no server is listening",
        "check the host and port, and that the server is running",
    ),
    (
        "could not translate host name",
        "TDG610",
        "the host name is unknown",
        "check the host in the URL",
    ),
    (
        "name or service not known",
        "TDG610",
        "the host name is unknown",
        "check the host in the URL",
    ),
    (
        "can't connect",
        "TDG610",
        "the server cannot be reached",
        "check the host and port, and that the server is running",
    ),
    ("timeout", "TDG610", "the connection timed out", "check the host, port and any firewall"),
    (
        "does not exist",
        "TDG612",
        "the database does not exist",
        "create it first (CREATE DATABASE) or fix the name in the URL",
    ),
    (
        "unknown database",
        "TDG612",
        "the database does not exist",
        "create it first (CREATE DATABASE) or fix the name in the URL",
    ),
    (
        "permission denied",
        "TDG613",
        "permission denied",
        "grant the user CREATE/INSERT on the target, or load into a schema it owns",
    ),
    (
        "command denied",
        "TDG613",
        "permission denied",
        "grant the user CREATE/INSERT/DROP on the target database",
    ),
    (
        "unable to open database file",
        "TDG612",
        "the SQLite file cannot be opened",
        "check that the directory exists and is writable",
    ),
    ("readonly database", "TDG613", "the SQLite file is read-only", "check the file's permissions"),
)


def database_error(url: DbUrl, action: str, exc: BaseException) -> DatabaseError:
    """``action`` is what we were doing: 'connect', 'create tables', 'load table orders'."""
    text = redact(str(exc)).strip() or type(exc).__name__
    if url.password:
        text = text.replace(url.password, "***")
    lowered = text.lower()
    for needle, code, meaning, hint in _CAUSES:
        connect_only = (code == "TDG612" and "sqlite" not in needle) or "ssl" in needle
        if needle in lowered and (action == "connect" or not connect_only):
            message = f"cannot {action} on {url.dialect} at {url.where()}: {meaning}"
            return DatabaseError([Diagnostic(code, message, hint=hint, notes=(text,))])
    message = f"cannot {action} on {url.dialect} at {url.where()}: {text.splitlines()[0]}"
    if action == "connect" and (url.dialect in ("postgresql", "mysql") or url.host):
        # Anything else failing before a session exists (reset, lost, unreachable) is the link.
        hint = "check the host and port, the network and any firewall, and the server's log"
        return DatabaseError([Diagnostic("TDG610", message, hint=hint, notes=(text,))])
    hint = "nothing was committed: fix the cause and run again"
    if "other objects depend on" in lowered:
        # if_exists 'replace' under views: tdg never drops what it did not create (no CASCADE).
        hint = (
            "nothing was committed: views or other objects depend on these tables and tdg "
            "never drops them; use if_exists 'truncate' (keeps the tables and what depends "
            "on them) or drop the dependent objects first"
        )
    if "truncate a table referenced in a foreign key" in lowered:
        hint = (
            "nothing was committed: a table outside this dataset references these; tdg "
            "never empties tables it was not given (no CASCADE): use if_exists 'append', "
            "or generate the referencing tables too (introspect without --tables)"
        )
    if any(n in lowered for n in _DUPLICATE_KEY):
        # Generated keys are distinct among themselves: a duplicate is a row already in
        # the table (append into a populated database: keys 1, 2, 3 … again), or two
        # values one collation treats as equal ('Müller'/'muller' under MySQL's _ci).
        hint = (
            "nothing was committed: if the table already holds rows, use if_exists "
            "'truncate' or 'replace' (--if-exists) or start the generated keys past the "
            "existing ones (sequential(start: …)); if the column compares ignoring case or "
            "accents (MySQL _ci collations), give it one-case ASCII values (a pattern such "
            "as '[a-z0-9]{12}', or locale: 'en_US' on a format)"
        )
    return DatabaseError([Diagnostic("TDG620", message, hint=hint, notes=(text,))])


#: A unique or primary key already taken: PostgreSQL, MySQL/MariaDB, SQLite.
_DUPLICATE_KEY = ("duplicate key value", "duplicate entry", "unique constraint failed")


def load_error(url: DbUrl, table: str, exc: BaseException) -> DatabaseError:
    """A failure while loading ``table``: the transaction was rolled back."""
    action = table[1:-1] if table.startswith("(") else f"load table '{table}'"
    return database_error(url, action, exc)
