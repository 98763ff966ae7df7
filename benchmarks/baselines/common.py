"""What both per-row baselines share: the workload's constants, zipf picks, Parquet.

The workload is ../shared/bench/shop.tdg: customers (N) and orders (5N),
the same columns, choices, ranges, distributions and foreign-key skew.
Rows are built one at a time in Python (that is the baseline being
measured) and written to Parquet in chunks with pyarrow, as a user of these
libraries typically would.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Callable, Iterator
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

SEED = 42
CHUNK = 50_000
COUNTRIES = (["US", "DE", "FR", "JP"], [50, 20, 15, 15])
STATUSES = (["delivered", "shipped", "pending", "cancelled"], [70, 15, 10, 5])
SIGNUP = (dt.datetime(2020, 1, 1), dt.datetime(2025, 12, 31))
BIRTH = (dt.date(1950, 1, 1), dt.date(2005, 12, 31))
PLACED = SIGNUP
CENT = Decimal("0.01")

CUSTOMERS = pa.schema(
    [
        ("id", pa.int64()),
        ("first_name", pa.string()),
        ("last_name", pa.string()),
        ("email", pa.string()),
        ("phone", pa.string()),
        ("city", pa.string()),
        ("country", pa.string()),
        ("signup_at", pa.timestamp("us")),
        ("birth_date", pa.date32()),
        ("balance", pa.decimal128(10, 2)),
    ]
)
ORDERS = pa.schema(
    [
        ("id", pa.int64()),
        ("customer_id", pa.int64()),
        ("placed_at", pa.timestamp("us")),
        ("status", pa.string()),
        ("amount", pa.decimal128(10, 2)),
    ]
)


class ZipfPicker:
    """A parent id in 1..n with P(k) ∝ 1/k^s — one bisect per row, like a per-row loop."""

    def __init__(self, n: int, s: float, rng: random.Random) -> None:
        self._cum = list(accumulate(1.0 / k**s for k in range(1, n + 1)))
        self._rng = rng

    def __call__(self) -> int:
        return bisect.bisect_left(self._cum, self._rng.random() * self._cum[-1]) + 1


def money(value: float, low: float, high: float) -> Decimal:
    return Decimal(str(round(min(max(value, low), high), 2))).quantize(CENT)


def random_datetime(rng: random.Random, bounds: tuple[dt.datetime, dt.datetime]) -> dt.datetime:
    span = (bounds[1] - bounds[0]).total_seconds()
    return bounds[0] + dt.timedelta(seconds=int(rng.random() * span))


def write_table(
    path: Path, schema: pa.Schema, rows: Iterator[dict[str, Any]], chunk: int = CHUNK
) -> int:
    """Stream dict rows to Parquet in chunks; returns the row count."""
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        buffer: list[dict[str, Any]] = []
        for row in rows:
            buffer.append(row)
            if len(buffer) == chunk:
                writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
                count += len(buffer)
                buffer.clear()
        if buffer:
            writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
            count += len(buffer)
    return count


def run_workload(
    n: int,
    out: Path,
    customer: Callable[[int], dict[str, Any]],
    rng: random.Random,
) -> int:
    """Customers from ``customer(i)``; orders are library-independent plain Python."""
    out.mkdir(parents=True, exist_ok=True)
    rows = write_table(out / "customers.parquet", CUSTOMERS, (customer(i) for i in range(1, n + 1)))
    pick = ZipfPicker(n, 1.1, rng)

    def order(i: int) -> dict[str, Any]:
        return {
            "id": i,
            "customer_id": pick(),
            "placed_at": random_datetime(rng, PLACED),
            "status": rng.choices(*STATUSES)[0],
            "amount": money(rng.uniform(1, 2000), 1, 2000),
        }

    return rows + write_table(
        out / "orders.parquet", ORDERS, (order(i) for i in range(1, 5 * n + 1))
    )
