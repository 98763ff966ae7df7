"""Throughput of every format provider, on one core.

Run: ``.venv/bin/python benchmarks/bench_providers.py [--rows 200000] [--locale en_US]
[--unique] [--formats email,name]``. Prints values/s per format (best of
``--repeats`` runs, after one warm-up that loads the packs). Time is CPU time
of this process, so the figures are per core and stay meaningful when other
work shares the machine; on a loaded machine compare two runs made under the
same conditions (e.g. ``PYTHONPATH=<old checkout>/src`` against this tree,
alternated). Long strings are also reported in MB/s of UTF-8 produced.
Targets: most formats ≥ 2M values/s; email ≥ 1M/s; text at Arrow's
string-building speed (hundreds of MB/s).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from testdatagen.model.catalog import FORMATS
from testdatagen.providers.base import FormatRequest
from testdatagen.providers.registry import get_provider, provider_names


def rate(
    name: str, rows: np.ndarray, locale: str, unique: bool, repeats: int
) -> tuple[float, float]:
    """(values/s, bytes/s of string data) for one format, best of ``repeats``."""
    req = FormatRequest(
        seed=1, table="bench", column=name, locale=locale, unique=unique, total_rows=len(rows)
    )
    provider = get_provider(name)
    provider.generate(req, rows[:1000])
    best = float("inf")
    out: pa.Array | None = None
    for _ in range(repeats):
        start = time.process_time()
        out = provider.generate(req, rows)
        best = min(best, time.process_time() - start)
    size = 0
    if out is not None and pa.types.is_string(out.type):
        size = int(pc.sum(pc.binary_length(out)).as_py() or 0)
    return len(rows) / best, size / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--locale", default="en_US")
    parser.add_argument("--unique", action="store_true", help="unique mode for uniqueable formats")
    parser.add_argument("--formats", default="", help="comma-separated subset")
    args = parser.parse_args()
    rows = np.arange(args.rows, dtype=np.int64)
    names = args.formats.split(",") if args.formats else provider_names()
    print(f"{'format':<18} {'M values/s':>10} {'MB/s':>8}  ({args.locale}, {args.rows:,} rows)")
    for name in names:
        unique = args.unique and FORMATS[name].uniqueable
        values, size = rate(name, rows, args.locale, unique, args.repeats)
        label = name + (" (unique)" if unique else "")
        print(f"{label:<18} {values / 1e6:10.2f} {size / 1e6:8.0f}")


if __name__ == "__main__":
    main()
