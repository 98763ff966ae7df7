"""User errors: clear codes and hints, never a traceback or a password."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from testdatagen.errors import DatabaseError
from testdatagen.outputs.introspect import introspect

from .conftest import Pair


def _code(exc: pytest.ExceptionInfo[DatabaseError]) -> str:
    return exc.value.diagnostics[0].code


def test_missing_sqlite_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nope.db"
    with pytest.raises(DatabaseError) as exc:
        introspect(f"sqlite:///{path}")
    assert _code(exc) == "TDG612"
    assert not path.exists()


def test_unknown_table_suggests_a_close_name(sqlite_pair: Pair) -> None:
    with pytest.raises(DatabaseError) as exc:
        introspect(sqlite_pair.url, tables=["order"])
    assert _code(exc) == "TDG661"
    assert exc.value.diagnostics[0].hint == "did you mean 'orders'?"


def test_bad_url_is_reported_by_the_url_parser() -> None:
    with pytest.raises(DatabaseError) as exc:
        introspect("oracle://x@y/z")
    assert _code(exc) == "TDG614"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_server_hides_the_password() -> None:
    url = f"postgresql://app:s3cret@127.0.0.1:{_closed_port()}/db"
    with pytest.raises(DatabaseError) as exc:
        introspect(url)
    assert _code(exc) == "TDG610"
    assert "s3cret" not in str(exc.value)


@pytest.mark.services
def test_unknown_schema_suggests_a_close_name(postgres_pair: Pair) -> None:
    assert postgres_pair.schema is not None
    with pytest.raises(DatabaseError) as exc:
        introspect(postgres_pair.url, schema=postgres_pair.schema[:-1])
    assert _code(exc) == "TDG660"
    assert postgres_pair.schema in (exc.value.diagnostics[0].hint or "")


def test_introspecting_a_database_without_tables_is_an_error(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    with pytest.raises(DatabaseError) as info:
        introspect(f"sqlite:///{path}")
    assert "no tables" in str(info.value)
