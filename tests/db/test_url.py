"""Database URLs as people write them; passwords never shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from testdatagen.errors import DatabaseError
from testdatagen.outputs.db.url import parse_url, redact


@pytest.mark.parametrize(
    ("text", "dialect", "database"),
    [
        ("postgres://u@h/db", "postgresql", "db"),
        ("postgresql+psycopg://u@h:5433/db", "postgresql", "db"),
        ("mariadb://root@127.0.0.1/test", "mysql", "test"),
        ("sqlite:///out/dev.db", "sqlite", "out/dev.db"),
        ("sqlite:////abs/dev.db", "sqlite", "/abs/dev.db"),
        ("out/dev.db", "sqlite", "out/dev.db"),
    ],
)
def test_schemes(text: str, dialect: str, database: str) -> None:
    url = parse_url(text, env={})
    assert (url.dialect, url.database) == (dialect, database)


def test_password_from_environment_and_redacted() -> None:
    url = parse_url("postgresql://app@db/x", env={"PGPASSWORD": "pw-123"})
    assert url.password == "pw-123"
    assert "pw-123" not in str(url) and "pw-123" not in repr(url)
    assert "pw-123" in url.render_secret()


def test_unknown_scheme_is_clear() -> None:
    with pytest.raises(DatabaseError) as info:
        parse_url("oracle://u:secret@h/db")
    assert "secret" not in str(info.value)
    assert "postgresql" in (info.value.diagnostics[0].hint or "")


@given(
    st.text(
        alphabet=st.characters(blacklist_characters="@/:\n ", blacklist_categories=("Cs",)),
        min_size=1,
    )
)
def test_redact_hides_any_password(password: str) -> None:
    text = f"could not connect to mysql://root:{password}@host/db"
    assert f":{password}@" not in redact(text)


def test_generic_url_keeps_the_driver_and_hides_the_password() -> None:
    from testdatagen.outputs.db.url import parse_generic_url

    url = parse_generic_url("mssql+pyodbc://sa:pw-9@host:1433/db?driver=ODBC+Driver+18")
    assert url.dialect == "generic" and (url.host, url.port, url.database) == ("host", 1433, "db")
    assert "pw-9" not in str(url) + repr(url) + url.where()
    assert url.sqlalchemy_url().startswith("mssql+pyodbc://sa:pw-9@host:1433/db")


def test_generic_sqlite_file_is_relative_to_base_dir(tmp_path: Path) -> None:
    from testdatagen.outputs.db.url import parse_generic_url

    url = parse_generic_url("sqlite+pysqlite:///out/g.db", tmp_path)
    assert url.sqlalchemy_url() == f"sqlite+pysqlite:///{tmp_path}/out/g.db"


def test_generic_url_that_is_not_a_url_is_clear() -> None:
    from testdatagen.outputs.db.url import parse_generic_url

    with pytest.raises(DatabaseError) as info:
        parse_generic_url("::not a url::")
    assert info.value.diagnostics[0].code == "TDG614"


def test_url_query_parameters_are_kept_and_unknown_refused() -> None:
    """Issue: query parameters (sslmode, …) were silently dropped."""
    url = parse_url("postgresql://u@h/db?sslmode=require&options=-csearch_path%3Dx", env={})
    assert url.query == {"sslmode": "require", "options": "-csearch_path=x"}
    with pytest.raises(DatabaseError) as info:
        parse_url("postgresql://u@h/db?sslmod=require", env={})
    assert info.value.diagnostics[0].code == "TDG614"
    assert "sslmod" in info.value.diagnostics[0].message
    from testdatagen.outputs.db.url import mysql_connect_args

    my = parse_url("mysql://u@h/db?charset=utf8mb4&ssl_verify_cert=false&read_timeout=5", env={})
    assert mysql_connect_args(my) == {
        "charset": "utf8mb4",
        "ssl_verify_cert": False,
        "read_timeout": 5,
    }
    for bad in ("mysql://u@h/db?sslmode=require", "mysql://u@h/db?connect_timeout=soon"):
        with pytest.raises(DatabaseError) as info:
            parse_url(bad, env={})
        assert info.value.diagnostics[0].code == "TDG614"


def test_unreachable_mysql_host_is_connection_failure() -> None:
    """Issue: an unreachable MariaDB host was TDG620 'nothing was committed', not TDG610."""
    import pymysql

    from testdatagen.outputs.db.failures import database_error

    url = parse_url("mariadb://root@10.255.255.1/test", env={})
    lost = pymysql.err.OperationalError(
        2013, "Lost connection to MySQL server during query ([Errno 104] Connection reset)"
    )
    timed_out = pymysql.err.OperationalError(2003, "Can't connect to MySQL server (timed out)")
    for exc in (lost, timed_out):
        diagnostic = database_error(url, "connect", exc).diagnostics[0]
        assert diagnostic.code == "TDG610", diagnostic
        assert "nothing was committed" not in (diagnostic.hint or "")


@pytest.mark.parametrize(
    ("message", "advice"),
    [
        (
            "cannot drop desired object(s) because other objects depend on them\n"
            "DETAIL:  view customer_list depends on table customer",
            "truncate",
        ),
        (
            "cannot truncate a table referenced in a foreign key constraint\n"
            'DETAIL:  Table "film_actor" references "film".',
            "append",
        ),
    ],
)
def test_loading_back_into_the_original_database_explains_what_is_in_the_way(
    message: str, advice: str
) -> None:
    """Views on replaced tables, or tables outside the dataset referencing truncated ones,
    are not dropped or emptied (no CASCADE): the hint says what to do instead."""
    from testdatagen.outputs.db.failures import load_error

    url = parse_url("postgresql://app@db/shop", env={})
    diagnostic = load_error(url, "(prepare the tables)", Exception(message)).diagnostics[0]
    assert diagnostic.code == "TDG620"
    assert advice in (diagnostic.hint or "") and "nothing was committed" in (diagnostic.hint or "")


def test_a_misspelt_url_parameter_gets_a_suggestion() -> None:
    with pytest.raises(DatabaseError) as info:
        parse_url("postgresql://u@h/db?sslmod=require&aplication_name=x", env={})
    hint = info.value.diagnostics[0].hint or ""
    assert "did you mean 'application_name' for 'aplication_name', 'sslmode' for 'sslmod'?" in hint
    with pytest.raises(DatabaseError) as info:
        parse_url("mysql://u@h/db?zzz=1", env={})
    assert "did you mean" not in (info.value.diagnostics[0].hint or "")  # nothing close
