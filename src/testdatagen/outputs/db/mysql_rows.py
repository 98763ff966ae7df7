"""Rows into one MySQL/MariaDB table: LOAD DATA LOCAL INFILE, or multi-row INSERT.

``LOAD DATA LOCAL`` reads per-batch CSV files written by Arrow's C++ writer.
``LOCAL`` turns errors into warnings and skips bad rows, so every batch's
row count and warnings are checked and any shortfall fails the load.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pymysql

from testdatagen.engine.dataset import Dataset
from testdatagen.outputs.db.convert import mysql_batch
from testdatagen.outputs.sql.compile import dialect_for, quote_name

__all__ = ["q", "write_rows"]

_DIALECT = dialect_for("mysql")
_CSV = pacsv.WriteOptions(include_header=False, null_string="NULL", batch_size=16_384)
_LOAD = (
    "LOAD DATA LOCAL INFILE %s INTO TABLE {table} CHARACTER SET utf8mb4 "
    "FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '' "
    "LINES TERMINATED BY '\\n' ({columns}){assign}"
)
_BIT_COLUMNS = (
    "SELECT COLUMN_NAME FROM information_schema.COLUMNS "
    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s AND DATA_TYPE = 'bit'"
)


def q(name: str) -> str:
    """A MySQL identifier, quoted."""
    return quote_name(_DIALECT, name)


def write_rows(
    cur: Any,
    dataset: Dataset,
    name: str,
    target: str,
    *,
    use_load: bool,
    batch_rows: int,
    done: Callable[[int], None],
) -> int:
    """Write table ``name`` of ``dataset`` into the physical table ``target``."""
    columns = dataset.arrow_schema(name).names
    cur.execute(_BIT_COLUMNS, (target,))
    bits = {str(r[0]) for r in cur.fetchall()} & set(columns)
    total = 0
    for batch in dataset.batches(name):
        batch = mysql_batch(batch)
        for start in range(0, batch.num_rows, batch_rows):
            part = batch.slice(start, batch_rows)
            if use_load:
                _load_data(cur, target, columns, part, bits)
            else:
                _insert(cur, target, columns, part, bits)
            total += part.num_rows
        done(total)
    return total


def _load_data(
    cur: Any, target: str, columns: list[str], part: pa.RecordBatch, bits: set[str]
) -> None:
    """``bits``: ``BIT(n)`` columns. Text loads into them as bytes ('1' is 0x31), so
    their numbers go through a variable and ``CAST(… AS UNSIGNED)``."""
    fd, path = tempfile.mkstemp(prefix="tdg-", suffix=".csv")
    try:
        with os.fdopen(fd, "wb") as handle:
            pacsv.write_csv(part, handle, _CSV)
        names = [f"@tdg_bit{i}" if c in bits else q(c) for i, c in enumerate(columns)]
        sets = [
            f"{q(c)} = CAST(@tdg_bit{i} AS UNSIGNED)" for i, c in enumerate(columns) if c in bits
        ]
        assign = f" SET {', '.join(sets)}" if sets else ""
        sql = _LOAD.format(table=q(target), columns=", ".join(names), assign=assign)
        cur.execute(sql, (path,))
        loaded = cur.rowcount
        warnings = [w for w in cur.connection.show_warnings() if w[0] != "Note"]
    finally:
        Path(path).unlink()
    if loaded != part.num_rows or warnings:
        detail = warnings[0][2] if warnings else f"{loaded} of {part.num_rows} rows accepted"
        raise pymysql.err.IntegrityError(0, f"LOAD DATA rejected rows: {detail}")


def _insert(
    cur: Any, target: str, columns: list[str], part: pa.RecordBatch, bits: set[str]
) -> None:
    values = ", ".join("CAST(%s AS UNSIGNED)" if c in bits else "%s" for c in columns)
    sql = f"INSERT INTO {q(target)} ({', '.join(q(c) for c in columns)}) VALUES ({values})"
    cur.executemany(sql, list(zip(*(c.to_pylist() for c in part.columns), strict=True)))
