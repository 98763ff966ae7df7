"""The 'sql' output: one script of CREATE TABLE and batched multi-row INSERTs.

DDL comes from ddl.py compiled for the chosen dialect; every literal is
rendered by that dialect's SQLAlchemy compiler (``render_literal_value``:
quote doubling, MySQL backslashes, ``N'…'`` on SQL Server, boolean and
timestamp spellings), never by our own string formatting. Rows stream batch
by batch into a temporary file that is renamed when complete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import pyarrow as pa
import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from testdatagen.engine.dataset import Dataset
from testdatagen.errors import Diagnostic, OutputError
from testdatagen.model.expr import Scalar
from testdatagen.model.plan import OutputSpec
from testdatagen.outputs.atomic import AtomicGroup
from testdatagen.outputs.base import OutputResult, Progress, WrittenItem
from testdatagen.outputs.compression import (
    LEVELS,
    check_compression,
    compressed,
    compression_from_name,
    suffix_for,
)
from testdatagen.outputs.db.convert import mysql_batch, sqlite_column
from testdatagen.outputs.sql.compile import (
    create_statements,
    dialect_for,
    drop_statements,
    quote_name,
)
from testdatagen.outputs.sql.ddl import DIALECTS, build_ddl

__all__ = ["SqlScriptOutput", "script_dialect", "sql_statements"]

_MAX_ROWS = {"mssql": 1000}  # SQL Server's limit on rows per VALUES list
_BEGIN = {"mssql": "BEGIN TRANSACTION;", "mysql": "START TRANSACTION;"}


def script_dialect(name: str) -> Dialect:
    """The dialect scripts are rendered with (the same one the loaders compile DDL with)."""
    return dialect_for(name)


def _literal_type(arrow_type: pa.DataType, dialect: str) -> sa.types.TypeEngine[Any]:
    if pa.types.is_boolean(arrow_type):
        return sa.Boolean()
    if pa.types.is_integer(arrow_type):
        return sa.BigInteger()
    if pa.types.is_floating(arrow_type):
        return sa.Double()
    if pa.types.is_decimal(arrow_type):
        return sa.Numeric(arrow_type.precision, arrow_type.scale)
    if pa.types.is_date(arrow_type):
        return sa.Date()
    if pa.types.is_timestamp(arrow_type):
        return sa.DateTime(timezone=arrow_type.tz is not None)
    return sa.Unicode() if dialect == "mssql" else sa.String()


def _prepare(batch: pa.RecordBatch, dialect: str) -> pa.RecordBatch:
    """The same value conversions the loaders use, so a script and a load agree."""
    if dialect == "sqlite":
        cols = [sqlite_column(c) for c in batch.columns]
        return pa.RecordBatch.from_arrays(cols, names=batch.schema.names)
    if dialect == "mysql":
        return mysql_batch(batch)
    return batch


def _renderers(batch: pa.RecordBatch, dialect: Dialect) -> list[Callable[[Any], str]]:
    compiler = dialect.statement_compiler(dialect, None)
    result: list[Callable[[Any], str]] = []
    for field in batch.schema:
        kind = _literal_type(field.type, dialect.name)

        def render(value: Any, kind: sa.types.TypeEngine[Any] = kind) -> str:
            if value is None:
                return "NULL"
            if isinstance(value, str) and "\r" in value:
                return _with_carriage_returns(value, kind, compiler, dialect.name)
            return str(compiler.render_literal_value(value, kind))

        result.append(render)
    return result


def _with_carriage_returns(
    value: str, kind: sa.types.TypeEngine[Any], compiler: Any, dialect: str
) -> str:
    """A string holding CR as an escape expression: the sqlite3/mysql CLIs mangle a raw CR."""
    if dialect == "postgresql":
        escaped = value.replace("\\", "\\\\").replace("'", "''").replace("\r", "\\r")
        return f"E'{escaped}'"
    if dialect == "mysql":  # backslashes are already escaped by the compiler
        return str(compiler.render_literal_value(value, kind)).replace("\r", "\\r")
    glue = " || char(13) || " if dialect == "sqlite" else " + NCHAR(13) + "
    return (
        "("
        + glue.join(str(compiler.render_literal_value(p, kind)) for p in value.split("\r"))
        + ")"
    )


def insert_statements(
    table: str, qualified: str, batches: Iterator[pa.RecordBatch], dialect: Dialect, rows: int
) -> Iterator[tuple[str, int]]:
    """``(statement, row count)`` per group of at most ``rows`` rows."""
    rows = min(rows, _MAX_ROWS.get(dialect.name, rows))
    for raw in batches:
        batch = _prepare(raw, dialect.name)
        # PostgreSQL: ids load into GENERATED ALWAYS identity columns of existing tables
        # (create_tables: false) as COPY would load them.
        override = " OVERRIDING SYSTEM VALUE" if dialect.name == "postgresql" else ""
        head = (
            f"INSERT INTO {qualified} "
            f"({', '.join(quote_name(dialect, c) for c in batch.schema.names)}){override} VALUES\n"
        )
        renderers = _renderers(batch, dialect)
        for start in range(0, batch.num_rows, rows):
            part = batch.slice(start, rows)
            columns = [
                list(map(r, col.to_pylist()))
                for r, col in zip(renderers, part.columns, strict=True)
            ]
            values = ",\n".join("(" + ", ".join(row) + ")" for row in zip(*columns, strict=True))
            yield head + values + ";\n", part.num_rows


def sql_statements(
    dataset: Dataset,
    dialect_name: str,
    *,
    batch_rows: int = 500,
    create: bool = True,
    drop: bool = False,
) -> Iterator[tuple[str, str | None, int]]:
    """The whole script as ``(text, table or None, rows)`` pieces, streamed."""
    dialect = script_dialect(dialect_name)
    ddl = build_ddl(dataset.schema, dialect_name, tables=dataset.tables)
    for note in ddl.notes:
        yield f"-- note: {note}\n", None, 0
    if drop:
        for statement in drop_statements(ddl, dialect):
            yield statement + ";\n", None, 0
    if create:
        for statement in create_statements(ddl, dialect):
            yield statement + ";\n\n", None, 0
    for name in dataset.tables:
        qualified = quote_name(dialect, ddl.tables[name].name)
        for text, rows in insert_statements(
            name, qualified, dataset.batches(name), dialect, batch_rows
        ):
            yield text, name, rows


class SqlScriptOutput:
    """``output sql { file: 'seed.sql', dialect: 'postgresql' }``."""

    kind = "sql"

    def __init__(self, spec: OutputSpec, base_dir: Path) -> None:
        options = dict(spec.options)
        self.dialect = str(options.get("dialect", "postgresql"))
        if self.dialect not in DIALECTS:
            _fail(
                f"option dialect: {self.dialect!r} is not one of {', '.join(DIALECTS)}",
                "write dialect: 'postgresql' (or sqlite, mysql, mssql)",
            )
        self.path = _target(options, base_dir)
        self.batch_rows = _int(options, "batch_rows", 500)
        self.create = bool(options.get("create_tables", True))
        self.drop = bool(options.get("drop_tables", False))
        self.transaction = bool(options.get("transaction", True))
        self.compression, self.level = _compression(options, self.path)
        if not (options.get("file") or options.get("path")) and self.compression:
            self.path = self.path.with_name(self.path.name + suffix_for(self.compression))

    def write(self, dataset: Dataset, *, progress: Progress | None = None) -> OutputResult:
        counts = dict.fromkeys(dataset.tables, 0)
        with AtomicGroup() as group:
            handle = group.open(self.path)
            with compressed(handle.sink, self.compression, self.level) as stream:
                for text in self._pieces(dataset, counts, progress):
                    stream.write(text.encode("utf-8"))
            group.commit()
        location = str(self.path)
        size, digest = handle.sink.bytes_written, handle.sink.sha256
        items = [WrittenItem(t, n, location, size, digest) for t, n in counts.items()]
        return OutputResult(kind=self.kind, target=location, items=items)

    def _pieces(
        self, dataset: Dataset, counts: dict[str, int], progress: Progress | None
    ) -> Iterator[str]:
        if self.dialect == "mysql":
            # The plain mysql client's default character set may not hold 4-byte characters.
            yield "SET NAMES utf8mb4;\n"
        yield (
            f"-- testdatagen {dataset.metadata['tdg.version']} seed {dataset.seed} "
            f"schema {dataset.schema.name} dialect {self.dialect}\n"
        )
        if self.transaction:
            yield _BEGIN.get(self.dialect, "BEGIN;") + "\n"
        pieces = sql_statements(
            dataset, self.dialect, batch_rows=self.batch_rows, create=self.create, drop=self.drop
        )
        for text, table, rows in pieces:
            if table is not None:
                counts[table] += rows
                if progress is not None:
                    progress(table, counts[table])
            yield text
        if self.transaction:
            yield "COMMIT;\n"


def _target(options: dict[str, Scalar], base_dir: Path) -> Path:
    raw = options.get("file") or options.get("path")
    if raw is None and options.get("dir") is not None:
        raw = str(Path(str(options["dir"])) / "data.sql")
    if raw is None:
        _fail("a sql output needs a 'file'", "e.g. output sql { file: 'seed.sql' }")
    path = Path(str(raw))
    return path if path.is_absolute() else base_dir / path


def _compression(options: dict[str, Scalar], path: Path) -> tuple[str | None, int | None]:
    """gzip/zstd from the ``compression`` option, else from the name (``seed.sql.gz``)."""
    by_name = compression_from_name(path.name)
    if "compression" not in options:
        compression = by_name
    else:
        raw = options["compression"]
        compression = check_compression(None if raw is None else str(raw))
        if by_name is not None and compression != by_name:
            _fail(
                f"option compression: {raw!r} contradicts the file name '{path.name}'",
                f"name the file {path.stem}{suffix_for(compression)} or drop the option",
            )
    if options.get("compression_level") is None:
        return compression, None
    low, high = LEVELS.get(compression or "", (0, 0))
    level = options["compression_level"]
    if (
        not isinstance(level, int)
        or isinstance(level, bool)
        or not low <= level <= high
        or not high
    ):
        _fail(
            f"option compression_level: {level!r} is not a level of {compression or 'no compression'}",
            "gzip takes 0..9, zstd 1..22, with compression: 'gzip' or a .gz/.zst file name",
        )
    return compression, level


def _int(options: dict[str, Scalar], key: str, default: int) -> int:
    value = options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        _fail(
            f"option {key}: expected a positive integer but got {value!r}", f"e.g. {key}: {default}"
        )
    return int(value)


def _fail(message: str, hint: str) -> NoReturn:
    raise OutputError([Diagnostic("TDG608", message, hint=hint)])
