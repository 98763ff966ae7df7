"""The 'sql' script writer: executed against real databases it recreates the data exactly."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
import pymysql
import pytest
from pymysql.constants import CLIENT

from testdatagen.errors import OutputError
from testdatagen.model import OutputSpec
from testdatagen.outputs.sql import SqlScriptOutput, sql_output

from .data import make_dataset
from .readback import comparable, expected_rows, normalize, server_value, sqlite_value


def _write(tmp_path: Path, dialect: str, **options: Any) -> Path:
    spec = OutputSpec(
        kind="sql",
        options={"file": f"out-{dialect}.sql", "dialect": dialect, "batch_rows": 4, **options},
    )
    result = sql_output(spec, tmp_path).write(make_dataset())
    assert [i.rows for i in result.items] == [14, 8, 20]
    return tmp_path / f"out-{dialect}.sql"


def _check(dataset_rows: Any, read: Any, convert: Any) -> None:
    dataset = make_dataset()
    for table in dataset.tables:
        got = normalize(read(table), dataset.arrow_schema(table), convert)
        assert comparable(got) == comparable(expected_rows(dataset, table)), table


def test_sqlite_script_recreates_data(tmp_path: Path) -> None:
    script = _write(tmp_path, "sqlite").read_bytes().decode("utf-8")
    assert script.count("INSERT INTO") >= 4 + 2 + 5  # at most 4 rows per statement
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.executescript(script)
    _check(None, lambda t: conn.execute(f'SELECT * FROM "{t}"').fetchall(), sqlite_value)
    conn.close()


def test_nothing_left_under_final_name_on_failure(tmp_path: Path) -> None:
    spec = OutputSpec(kind="sql", options={"file": "x.sql", "dialect": "sqlite"})
    out = SqlScriptOutput(spec, tmp_path)
    broken = make_dataset()
    broken.batches = lambda table: iter([1])  # type: ignore[method-assign,assignment,return-value]
    with pytest.raises(Exception):
        out.write(broken)
    assert list(tmp_path.iterdir()) == []


def test_mssql_script_uses_n_literals_and_bits(tmp_path: Path) -> None:
    script = _write(tmp_path, "mssql").read_bytes().decode("utf-8")
    assert "N'ünïcödé 日本語 🎉'" in script
    assert "DATETIMEOFFSET" in script and "BEGIN TRANSACTION;" in script


def test_bad_dialect_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        SqlScriptOutput(
            OutputSpec(kind="sql", options={"file": "x.sql", "dialect": "oracle"}), tmp_path
        )
    assert "mssql" in info.value.diagnostics[0].message


@pytest.mark.services
def test_postgresql_script_recreates_data(tmp_path: Path, postgres_url: str) -> None:
    script = _write(tmp_path, "postgresql").read_bytes().decode("utf-8")
    schema = f"tdg_s_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        try:
            conn.execute(f'CREATE SCHEMA "{schema}"')  # type: ignore[arg-type]
            conn.execute(f'SET search_path TO "{schema}"')  # type: ignore[arg-type]
            conn.execute(script.encode())
            _check(
                None,
                lambda t: conn.execute(f'SELECT * FROM "{t}"'.encode()).fetchall(),
                server_value,
            )
        finally:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')  # type: ignore[arg-type]


@pytest.mark.services
def test_mysql_script_recreates_data(tmp_path: Path, mysql_url: str) -> None:
    script = _write(tmp_path, "mysql").read_bytes().decode("utf-8")
    parts = urlsplit(mysql_url)
    name = f"tdg_s_{uuid.uuid4().hex[:10]}"
    conn = pymysql.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=parts.username or "root",
        password=parts.password or "",
        charset="utf8mb4",
        client_flag=CLIENT.MULTI_STATEMENTS,
        autocommit=True,
    )
    cur = conn.cursor()
    try:
        cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        cur.execute(f"USE `{name}`")
        cur.execute(script)
        while cur.nextset():
            pass

        def read(table: str) -> list[Any]:
            cur.execute(f"SELECT * FROM `{table}`")
            return list(cur.fetchall())

        _check(None, read, server_value)
    finally:
        cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        conn.close()


def _decompress(path: Path) -> str:
    import gzip

    import zstandard

    raw = path.read_bytes()
    if path.name.endswith(".gz"):
        return gzip.decompress(raw).decode("utf-8")
    return zstandard.ZstdDecompressor().decompressobj().decompress(raw).decode("utf-8")


@pytest.mark.parametrize(
    ("options", "written"),
    [
        ({"file": "seed.sql.gz"}, "seed.sql.gz"),
        ({"file": "seed.sql.zst"}, "seed.sql.zst"),
        ({"file": "seed.sql", "compression": "gzip"}, "seed.sql"),
        ({"dir": "out", "compression": "zstd", "compression_level": 19}, "out/data.sql.zst"),
    ],
)
def test_compressed_script_recreates_data(
    tmp_path: Path, options: dict[str, Any], written: str
) -> None:
    spec = OutputSpec(kind="sql", options={"dialect": "sqlite", **options})
    result = sql_output(spec, tmp_path).write(make_dataset())
    path = tmp_path / written
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left
    assert result.items[0].bytes == path.stat().st_size
    name = written if written.endswith((".gz", ".zst")) else written + ".gz"
    script = _decompress(path.rename(tmp_path / Path(name).name))
    assert script.startswith("-- testdatagen")
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.executescript(script)
    _check(None, lambda t: conn.execute(f'SELECT * FROM "{t}"').fetchall(), sqlite_value)
    conn.close()


def test_gzip_script_is_deterministic(tmp_path: Path) -> None:
    spec = OutputSpec(kind="sql", options={"file": "a.sql.gz", "dialect": "postgresql"})
    first = sql_output(spec, tmp_path).write(make_dataset()).items[0].sha256
    second = sql_output(spec, tmp_path).write(make_dataset()).items[0].sha256
    assert first is not None and first == second


@pytest.mark.parametrize(
    "options",
    [
        {"file": "a.sql.gz", "compression": "zstd"},
        {"file": "a.sql", "compression": "lz4"},
        {"file": "a.sql.gz", "compression_level": 12},
        {"file": "a.sql", "compression_level": 3},
    ],
)
def test_bad_compression_options_are_clear(tmp_path: Path, options: dict[str, Any]) -> None:
    with pytest.raises(OutputError) as info:
        SqlScriptOutput(OutputSpec(kind="sql", options={"dialect": "sqlite", **options}), tmp_path)
    assert info.value.diagnostics[0].hint


def _cli(args: list[str], script: Path, **env: str) -> None:
    import os
    import subprocess

    with script.open("rb") as stdin:
        done = subprocess.run(
            args, stdin=stdin, capture_output=True, env={**os.environ, **env}, timeout=60
        )
    assert done.returncode == 0, done.stderr.decode()


def test_script_carriage_returns_survive_the_sqlite3_cli(tmp_path: Path) -> None:
    """Issue: CR inside string literals was mangled by the sqlite3 CLI."""
    import shutil

    if shutil.which("sqlite3") is None:
        pytest.skip("no sqlite3 CLI")
    script = _write(tmp_path, "sqlite")
    assert "char(13)" in script.read_text("utf-8")
    _cli(["sqlite3", str(tmp_path / "cli.db")], script)
    conn = sqlite3.connect(tmp_path / "cli.db")
    _check(None, lambda t: conn.execute(f'SELECT * FROM "{t}"').fetchall(), sqlite_value)
    conn.close()


@pytest.mark.services
def test_script_carriage_returns_survive_the_psql_cli(tmp_path: Path, postgres_url: str) -> None:
    """Issue: CR inside string literals: emitted as E'…\\r…' for PostgreSQL."""
    import shutil

    if shutil.which("psql") is None:
        pytest.skip("no psql CLI")
    script = _write(tmp_path, "postgresql")
    schema = f"tdg_s_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        try:
            conn.execute(f'CREATE SCHEMA "{schema}"'.encode())
            _cli(
                ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", postgres_url],
                script,
                PGOPTIONS=f"-csearch_path={schema}",
            )
            conn.execute(f'SET search_path TO "{schema}"'.encode())
            _check(
                None,
                lambda t: conn.execute(f'SELECT * FROM "{t}"'.encode()).fetchall(),
                server_value,
            )
        finally:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'.encode())


@pytest.mark.services
def test_script_carriage_returns_and_utf8mb4_survive_the_mysql_cli(
    tmp_path: Path, mysql_url: str
) -> None:
    """Issues: CR mangled by the mysql CLI; 4-byte characters need SET NAMES utf8mb4."""
    import shutil

    if shutil.which("mysql") is None:
        pytest.skip("no mysql CLI")
    script = _write(tmp_path, "mysql")
    assert script.read_text("utf-8").startswith("SET NAMES utf8mb4;\n")
    parts = urlsplit(mysql_url)
    name = f"tdg_s_{uuid.uuid4().hex[:10]}"
    conn = pymysql.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=parts.username or "root",
        password=parts.password or "",
        charset="utf8mb4",
        autocommit=True,
    )
    cur = conn.cursor()
    try:
        cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        _cli(
            [
                "mysql",
                f"--host={parts.hostname}",
                f"--port={parts.port or 3306}",
                f"--user={parts.username or 'root'}",
                name,
            ],
            script,
            MYSQL_PWD=parts.password or "",
        )
        cur.execute(f"USE `{name}`")

        def read(table: str) -> list[Any]:
            cur.execute(f"SELECT * FROM `{table}`")
            return list(cur.fetchall())

        _check(None, read, server_value)
    finally:
        cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        conn.close()
