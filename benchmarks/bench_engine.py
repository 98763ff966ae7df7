"""Engine throughput on the reference workload (../shared/bench/shop.tdg) to Parquet.

    python benchmarks/bench_engine.py --n 200000 --workers 1
    python benchmarks/bench_engine.py --n 2000000 --workers 2 --peers

Prints rows/s over both tables (customers N, orders 5N) and the peak RSS of
this process and its workers. ``--peers`` also times a Faker and a Mimesis
per-row loop doing the same workload on a sample and prints the ratios.
``--profile`` prints the top of a cProfile run (one worker).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import resource
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from testdatagen.engine import generate
from testdatagen.model import Project, Schema

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "shop.tdg"


def load_bench() -> Project | Schema:
    """The bench file through the parser; the same model built in Python if it is absent."""
    try:
        from testdatagen.language.api import load_file

        return load_file(BENCH)
    except Exception as exc:  # the parser is developed alongside; the model is the same
        print(f"(parser unavailable: {exc!r}; using the Python-built model)", file=sys.stderr)
        return _bench_model()


def _bench_model() -> Schema:
    from testdatagen.model import (
        ChoiceGen,
        Column,
        DataType,
        Distribution,
        FormatGen,
        Lit,
        ReferenceGen,
        SequentialGen,
        Table,
    )
    from testdatagen.model import TypeKind as K

    def s(n: int) -> DataType:
        return DataType(kind=K.STRING, length=n)

    dec = DataType(kind=K.DECIMAL, precision=10, scale=2)
    customers = Table(
        name="customers",
        primary_key=("id",),
        columns=(
            Column(
                name="id",
                type=DataType(kind=K.BIGINT),
                primary_key=True,
                generator=SequentialGen(start=1),
            ),
            Column(
                name="first_name", type=s(40), not_null=True, generator=FormatGen(name="first_name")
            ),
            Column(
                name="last_name", type=s(40), not_null=True, generator=FormatGen(name="last_name")
            ),
            Column(
                name="email",
                type=s(120),
                unique=True,
                not_null=True,
                generator=FormatGen(name="email"),
            ),
            Column(name="phone", type=s(30), generator=FormatGen(name="phone")),
            Column(name="city", type=s(60), generator=FormatGen(name="city")),
            Column(
                name="country",
                type=s(2),
                not_null=True,
                generator=ChoiceGen(values=("US", "DE", "FR", "JP"), weights=(50, 20, 15, 15)),
            ),
            Column(
                name="signup_at",
                type=DataType(kind=K.DATETIME),
                not_null=True,
                min=Lit(value="2020-01-01"),
                max=Lit(value="2025-12-31"),
            ),
            Column(
                name="birth_date",
                type=DataType(kind=K.DATE),
                min=Lit(value="1950-01-01"),
                max=Lit(value="2005-12-31"),
            ),
            Column(
                name="balance",
                type=dec,
                min=Lit(value=0),
                max=Lit(value=10000),
                distribution=Distribution(name="normal", params={"mean": 500, "sd": 150}),
            ),
        ),
    )
    orders = Table(
        name="orders",
        primary_key=("id",),
        columns=(
            Column(
                name="id",
                type=DataType(kind=K.BIGINT),
                primary_key=True,
                generator=SequentialGen(start=1),
            ),
            Column(
                name="customer_id",
                type=DataType(kind=K.BIGINT),
                not_null=True,
                generator=ReferenceGen(
                    table="customers",
                    column="id",
                    distribution=Distribution(name="zipf", params={"s": 1.1}),
                ),
            ),
            Column(
                name="placed_at",
                type=DataType(kind=K.DATETIME),
                not_null=True,
                min=Lit(value="2020-01-01"),
                max=Lit(value="2025-12-31"),
            ),
            Column(
                name="status",
                type=s(10),
                not_null=True,
                generator=ChoiceGen(
                    values=("delivered", "shipped", "pending", "cancelled"), weights=(70, 15, 10, 5)
                ),
            ),
            Column(name="amount", type=dec, not_null=True, min=Lit(value=1), max=Lit(value=2000)),
        ),
    )
    return Schema(name="Bench", tables=(customers, orders))


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the machine may be shared)."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_engine(
    n: int, workers: int, chunk_rows: int, out: Path, codec: str = "zstd"
) -> tuple[int, float]:
    """The real Parquet writer (row groups encoded in the workers, then stitched)."""
    from testdatagen.model import OutputSpec
    from testdatagen.outputs.registry import create_output

    source = load_bench()
    rows = {"customers": n, "orders": 5 * n}
    start = time.perf_counter()
    ds = generate(
        source, rows=rows, workers=workers, chunk_rows=chunk_rows, now=datetime(2025, 1, 1)
    )
    spec = OutputSpec(kind="parquet", options={"dir": str(out), "compression": codec})
    with ds:
        result = create_output(spec, base_dir=out).write(ds)
    return sum(item.rows for item in result.items), time.perf_counter() - start


def faker_loop(n: int) -> float:
    from faker import Faker

    fake, rnd = Faker("en_US"), random.Random(42)
    start = time.perf_counter()
    for i in range(n):
        _ = (
            i,
            fake.first_name(),
            fake.last_name(),
            fake.unique.email(),
            fake.phone_number(),
            fake.city(),
            rnd.choices(["US", "DE", "FR", "JP"], (50, 20, 15, 15))[0],
            fake.date_time_between("-5y"),
            fake.date_of_birth(),
            round(rnd.gauss(500, 150), 2),
        )
        for j in range(5):
            _ = (
                i * 5 + j,
                rnd.randint(1, n),
                fake.date_time_between("-5y"),
                rnd.choices(["delivered", "shipped", "pending", "cancelled"], (70, 15, 10, 5))[0],
                round(rnd.uniform(1, 2000), 2),
            )
    return 6 * n / (time.perf_counter() - start)


def mimesis_loop(n: int) -> float:
    from mimesis import Generic
    from mimesis.locales import Locale

    g, rnd = Generic(locale=Locale.EN), random.Random(42)
    start = time.perf_counter()
    for i in range(n):
        _ = (
            i,
            g.person.first_name(),
            g.person.last_name(),
            g.person.email(unique=True),
            g.person.telephone(),
            g.address.city(),
            rnd.choices(["US", "DE", "FR", "JP"], (50, 20, 15, 15))[0],
            g.datetime.datetime(),
            g.datetime.date(),
            round(rnd.gauss(500, 150), 2),
        )
        for j in range(5):
            _ = (
                i * 5 + j,
                rnd.randint(1, n),
                g.datetime.datetime(),
                rnd.choices(["delivered", "shipped", "pending", "cancelled"], (70, 15, 10, 5))[0],
                round(rnd.uniform(1, 2000), 2),
            )
    return 6 * n / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=200_000, help="customers (orders = 5n)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--chunk-rows", type=int, default=65_536)
    parser.add_argument("--peers", action="store_true", help="also time Faker and Mimesis loops")
    parser.add_argument("--peer-n", type=int, default=2_000)
    parser.add_argument("--codec", default="zstd", help="Parquet codec (zstd, snappy, lz4, none)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
        cpu = cpu_seconds()
        load = os.getloadavg()
        total, seconds = run_engine(args.n, args.workers, args.chunk_rows, Path(tmp), args.codec)
        cpu = cpu_seconds() - cpu
        if args.profile:
            prof.disable()
            pstats.Stats(prof, stream=sys.stdout).sort_stats("tottime").print_stats(25)
    rate = total / seconds
    print(
        f"tdg engine: {total:,} rows in {seconds:.2f}s = {rate:,.0f} rows/s "
        f"(workers={args.workers}, chunk_rows={args.chunk_rows}); peak RSS {peak_rss_mb():.0f} MB"
    )
    print(
        f"  parquet {args.codec}; load average before the run "
        + " / ".join(f"{x:.2f}" for x in load)
        + f"; pandas imported: {'pandas' in sys.modules}"
    )
    print(f"  CPU {cpu:.2f}s = {total / cpu:,.0f} rows per CPU-second (all processes)")
    if args.peers:
        for name, loop in (("faker", faker_loop), ("mimesis", mimesis_loop)):
            peer = loop(args.peer_n)
            print(f"{name} per-row loop: {peer:,.0f} rows/s; tdg is {rate / peer:,.0f}x faster")


if __name__ == "__main__":
    main()
