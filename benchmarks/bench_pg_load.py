"""Load 1M rows of ../shared/bench/shop.tdg into PostgreSQL, like with like.

    python benchmarks/bench_pg_load.py [--url postgresql://postgres@127.0.0.1/test]
                                       [--rows 1000000] [--binary] [--keys-first]

The data is generated once by the real engine (``testdatagen.generate``;
customers n, orders 5n with n = rows / 6) and held in memory, so no variant
pays for generation. Every variant runs in a fresh schema, as ONE
transaction, and does the same work the way pg_dump/pg_restore does it:

    CREATE TABLE without keys → load the rows → ADD PRIMARY KEY, UNIQUE,
    CHECK, FOREIGN KEY (each index built once, each foreign key validated by
    one set-based query) → COMMIT

with the very statements tdg's loader runs (``deferred_ddl``). The timed span
runs from the first DDL statement to the commit. The variants differ only
in how rows travel:

1. ``tdg COPY (csv)``    — the loader: Arrow's C++ CSV writer per batch, psycopg
                           ``COPY … FROM STDIN (FORMAT csv)``; CSV encoding is timed.
2. ``tdg COPY (binary)`` — (``--binary``) the loader with ``method: copy_binary``.
3. ``psql \\copy``        — ``psql --single-transaction -f`` of a script with the
                           same DDL and ``\\copy … FROM 'file.csv'``; the CSV files
                           are written before the clock starts (not timed), psql's
                           start-up and connection are timed.
4. ``SQLAlchemy executemany`` — ``conn.execute(table.insert(), rows)`` in batches of
                           50,000 Python dicts, inside ``engine.begin()``; turning
                           Arrow batches into dicts is timed (an application would
                           have to do the same).

``--keys-first`` adds ``psql \\copy`` and tdg COPY into tables created WITH
their keys (what the loader did before), to show what deferring the keys buys.

Targets (issue 4): tdg COPY >= 5x faster than executemany, <= 2x psql \\copy.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import psycopg
import pyarrow.csv as pacsv
import sqlalchemy as sa

import testdatagen
from testdatagen.engine.dataset import ArrowDataset
from testdatagen.outputs.db import load_dataset, load_options, parse_url
from testdatagen.outputs.sql.compile import create_statements, dialect_for
from testdatagen.outputs.sql.ddl import Ddl, build_ddl
from testdatagen.outputs.sql.deferred import deferred_ddl

SHOP = Path(__file__).resolve().parents[2] / "shared" / "bench" / "shop.tdg"
PG = dialect_for("postgresql")
OURS = "tdg COPY (csv)"
PSQL = "psql \\copy"
EXECUTEMANY = "SQLAlchemy executemany"


def make_dataset(total: int) -> ArrowDataset:
    """Generate with the real engine, then keep the tables in memory."""
    generated = testdatagen.generate(SHOP, params={"n": max(1, total // 6)})
    tables = {name: generated.to_arrow(name) for name in generated.tables}
    return ArrowDataset(generated.schema, tables, seed=generated.seed, chunk_rows=65_536)


def _statements(dataset: ArrowDataset, schema: str, keys_first: bool) -> tuple[list[str], Ddl]:
    """(DDL before the rows, the Ddl); keys after the rows come from ``_after``."""
    ddl = build_ddl(dataset.schema, "postgresql", db_schema=schema, tables=dataset.tables)
    if keys_first:
        return [f'CREATE SCHEMA "{schema}"', *create_statements(ddl, PG)], ddl
    return [f'CREATE SCHEMA "{schema}"', *deferred_ddl(ddl, PG).create], ddl


def _after(ddl: Ddl, keys_first: bool) -> list[str]:
    if keys_first:
        return []
    plan = deferred_ddl(ddl, PG)
    return [s for keys in [*plan.keys.values(), *plan.cyclic.values()] for s in keys]


def _in_schema(url: str, run: Callable[[str], None]) -> float:
    schema = f"tdg_bench_{uuid.uuid4().hex[:8]}"
    try:
        start = time.perf_counter()
        run(schema)
        return time.perf_counter() - start
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'.encode())


def bench_ours(url: str, dataset: ArrowDataset, method: str, keys_first: bool = False) -> float:
    def run(schema: str) -> None:
        if keys_first:  # the tables exist with their keys: the loader appends into them
            with psycopg.connect(url, autocommit=True) as conn:
                for statement in _statements(dataset, schema, True)[0]:
                    conn.execute(statement.encode())
        options = {"url": url, "schema": schema, "method": method}
        load_dataset(dataset, load_options({**options, "if_exists": "append"}))

    return _in_schema(url, run)


def bench_psql(url: str, dataset: ArrowDataset, tmp: Path, keys_first: bool = False) -> float:
    files = {}
    for name in dataset.tables:
        files[name] = tmp / f"{name}.csv"
        pacsv.write_csv(
            dataset.to_arrow(name), files[name], pacsv.WriteOptions(include_header=False)
        )
    parsed = parse_url(url)

    def run(schema: str) -> None:
        before, ddl = _statements(dataset, schema, keys_first)
        lines = [s + ";" for s in before]
        for name, path in files.items():
            columns = ", ".join(dataset.arrow_schema(name).names)
            lines.append(f"\\copy \"{schema}\".{name} ({columns}) FROM '{path}' WITH (FORMAT csv)")
        lines += [s + ";" for s in _after(ddl, keys_first)]
        script = tmp / f"{schema}.sql"
        script.write_text("\n".join(lines) + "\n")
        command = ["psql", "-h", str(parsed.host), "-p", str(parsed.port), "-U", str(parsed.user)]
        command += ["-d", parsed.database, "-v", "ON_ERROR_STOP=1", "-q", "-1", "-f", str(script)]
        env = {**os.environ, "PGPASSWORD": parsed.password or ""}
        subprocess.run(command, check=True, env=env)

    return _in_schema(url, run)


def bench_executemany(url: str, dataset: ArrowDataset) -> float:
    engine = sa.create_engine(parse_url(url).sqlalchemy_url())

    def run(schema: str) -> None:
        before, ddl = _statements(dataset, schema, False)
        with engine.begin() as conn:
            for statement in before:
                conn.exec_driver_sql(statement)
            for name in dataset.tables:
                table = ddl.tables[name]
                for batch in dataset.to_arrow(name).to_batches(50_000):
                    conn.execute(table.insert(), batch.to_pylist())
            for statement in _after(ddl, False):
                conn.exec_driver_sql(statement)

    try:
        return _in_schema(url, run)
    finally:
        engine.dispose()


def _report(dataset: ArrowDataset, times: dict[str, float]) -> None:
    counts = {name: dataset.row_count(name) for name in dataset.tables}
    total = sum(counts.values())
    ours = times[OURS]
    print(f"{platform.node()} · {os.cpu_count()} CPUs · {time.strftime('%Y-%m-%d')}")
    print(f"{total:,} rows ({', '.join(f'{n} {c:,}' for n, c in counts.items())})")
    for name, seconds in times.items():
        rate = total / seconds
        print(f"  {name:34s} {seconds:7.2f} s {rate:>10,.0f} rows/s {seconds / ours:6.2f}x")
    print(f"executemany / tdg COPY = {times[EXECUTEMANY] / ours:.1f}x (target >= 5)")
    print(f"tdg COPY / psql \\copy  = {ours / times[PSQL]:.2f}x (target <= 2)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = os.environ.get("TDG_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--url", default=default)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--binary", action="store_true", help="also time binary COPY")
    parser.add_argument("--keys-first", action="store_true", help="also time keys-first loads")
    parser.add_argument("--skip-executemany", action="store_true")
    args = parser.parse_args()
    dataset = make_dataset(args.rows)
    times = {OURS: bench_ours(args.url, dataset, "copy")}
    if args.binary:
        times["tdg COPY (binary)"] = bench_ours(args.url, dataset, "copy_binary")
    with tempfile.TemporaryDirectory() as tmp:
        times[PSQL] = bench_psql(args.url, dataset, Path(tmp))
        if args.keys_first:
            times["psql \\copy, keys first"] = bench_psql(args.url, dataset, Path(tmp), True)
    if args.keys_first:
        times["tdg COPY, keys first (append)"] = bench_ours(args.url, dataset, "copy", True)
    times[EXECUTEMANY] = (
        float("nan") if args.skip_executemany else bench_executemany(args.url, dataset)
    )
    _report(dataset, times)


if __name__ == "__main__":
    main()
