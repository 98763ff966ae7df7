"""Source and empty-copy databases built from the same real DDL, dropped afterwards.

Every name is unique per run (``tdg_intro_<hex>``) so parallel runs and other
people's objects are never touched.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import sqlalchemy as sa

from testdatagen.outputs.db.url import parse_url

from .ddl import MYSQL, POSTGRES, SQLITE


@dataclass(frozen=True)
class Pair:
    """``url``/``schema`` to introspect; ``copy_options`` to load the copy."""

    url: str
    schema: str | None
    copy_url: str
    copy_options: dict[str, str]
    ddl: list[str]


def _engine(url: str) -> sa.Engine:
    return sa.create_engine(parse_url(url).sqlalchemy_url())


def _name(prefix: str) -> str:
    return f"tdg_intro_{prefix}_{uuid.uuid4().hex[:8]}"


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def _pg_create(engine: sa.Engine, schema: str, ddl: list[str]) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        for statement in ddl:
            conn.exec_driver_sql(statement.format(s=f'"{schema}".'))


@pytest.fixture
def postgres_pair(postgres_url: str) -> Iterator[Pair]:
    yield from _postgres_pair(postgres_url, POSTGRES)


def _postgres_pair(url: str, ddl: list[str]) -> Iterator[Pair]:
    engine = _engine(url)
    source, copy = _name("src"), _name("copy")
    try:
        _pg_create(engine, source, ddl)
        _pg_create(engine, copy, ddl)
        options = {"url": url, "schema": copy, "if_exists": "append"}
        yield Pair(url, source, url, options, ddl)
    finally:
        with engine.begin() as conn:
            for schema in (source, copy):
                conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        engine.dispose()


@pytest.fixture
def postgres_engine(postgres_url: str) -> Iterator[sa.Engine]:
    engine = _engine(postgres_url)
    yield engine
    engine.dispose()


def _mysql_create(engine: sa.Engine, database: str, ddl: list[str]) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE `{database}`")
        conn.exec_driver_sql(f"USE `{database}`")
        for statement in ddl:
            conn.exec_driver_sql(statement)


@pytest.fixture
def mysql_pair(mysql_url: str) -> Iterator[Pair]:
    yield from _mysql_pair(mysql_url, MYSQL)


def _mysql_pair(url: str, ddl: list[str]) -> Iterator[Pair]:
    engine = _engine(url)
    source, copy = _name("src"), _name("copy")
    try:
        _mysql_create(engine, source, ddl)
        _mysql_create(engine, copy, ddl)
        copy_url = _with_database(url, copy)
        options = {"url": copy_url, "if_exists": "append"}
        yield Pair(_with_database(url, source), None, copy_url, options, ddl)
    finally:
        with engine.begin() as conn:
            for database in (source, copy):
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS `{database}`")
        engine.dispose()


def sqlite_file(path: Path, ddl: list[str]) -> Path:
    with sqlite3.connect(path) as conn:
        for statement in ddl:
            conn.execute(statement)
    conn.close()
    return path


@pytest.fixture
def sqlite_pair(tmp_path: Path) -> Pair:
    ddl = SQLITE
    source = sqlite_file(tmp_path / "source.db", ddl)
    copy = sqlite_file(tmp_path / "copy.db", ddl)
    options = {"url": f"sqlite:///{copy}", "if_exists": "append"}
    return Pair(f"sqlite:///{source}", None, f"sqlite:///{copy}", options, ddl)
