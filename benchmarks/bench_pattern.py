"""Throughput of pattern values and of the keyed permutation, on one core.

Run: ``.venv/bin/python benchmarks/bench_pattern.py [--rows 1000000]``.
Targets: ≥ 3M strings/s per core for the shop patterns; ≥ 10M indices/s for
the permutation over a domain of 10**6.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial

import numpy as np
import numpy.typing as npt

from testdatagen.engine.permutation import KeyedPermutation
from testdatagen.engine.rng import Stream
from testdatagen.providers.pattern import PatternGenerator, compile_pattern

PATTERNS = [r"SKU-[A-Z]{3}-\d{4}", r"ORD-\d{4}-[A-Z]{4}", r"(Mr|Ms|Dr)\. [A-Z][a-z]{2,9}"]


def best_rate(work: Callable[[], object], items: int, repeats: int) -> float:
    """Items per second of the fastest of ``repeats`` runs (the least disturbed one)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return items / best


def _unique(gen: PatternGenerator, perm: KeyedPermutation, rows: npt.NDArray[np.int64]) -> object:
    return gen.nth(perm.apply(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rows = np.arange(args.rows, dtype=np.int64)
    stream = Stream.root(42, "bench", "pattern")
    print(f"{'what':<46} {'M/s':>8}")
    for regex in PATTERNS:
        gen = compile_pattern(regex)
        rate = best_rate(partial(gen.generate, stream, rows), args.rows, args.repeats)
        print(f"{'random  ' + regex:<46} {rate / 1e6:8.2f}")
        if gen.domain_size is not None:
            perm = KeyedPermutation(stream.key, gen.domain_size)
            unique = partial(_unique, gen, perm, rows)
            rate = best_rate(unique, args.rows, args.repeats)
            print(f"{'unique  ' + regex:<46} {rate / 1e6:8.2f}")
    for domain in (10**6, 2**62):
        perm = KeyedPermutation(7, domain)
        indices = rows % domain
        rate = best_rate(partial(perm.apply, indices), args.rows, args.repeats)
        print(f"{f'permutation apply, domain {domain}':<46} {rate / 1e6:8.2f}")


if __name__ == "__main__":
    main()
