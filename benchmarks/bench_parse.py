"""Parse + check a generated 200-table .tdg file; target < 200 ms.

    .venv/bin/python benchmarks/bench_parse.py [tables] [runs]

Prints the median of several warm runs (the first, cold run and the import
of the front end separately), as wall time and as CPU time (the machines
here are shared and noisy). Nothing is cached between runs: each run
tokenizes, parses, lowers and checks anew. docs/benchmarks.md keeps the
figures.
"""

from __future__ import annotations

import statistics
import sys
import time

_COLUMNS = """\
    id          bigint         [primary_key, sequential(start: 1)]
    code        string(16)     [unique, not_null, pattern: 'T{i}-[A-Z]{{3}}-\\d{{4}}']
    name        string(80)     [not_null, format: name]
    email       string(120)    [unique, format: email, null_rate: 5%]
    status      string(10)     [not_null, choice: {{'new': 50%, 'open': 30%, 'done': 20%}}]
    amount      decimal(10,2)  [min: 0, max: 1000, distribution: normal(mean: 100, sd: 30)]
    created_at  datetime       [not_null, min: '2020-01-01', max: now()]
    updated_at  datetime       [min: created_at, max: created_at + days(30)]
    score       integer        [min: 1, max: 100]
    total       decimal(12,2)  [compute: amount * 1.2]
"""


def make_file(tables: int) -> str:
    parts = ["schema Big {"]
    for i in range(tables):
        parts.append(f"  table t{i} {{")
        parts.append(_COLUMNS.format(i=i).rstrip("\n"))
        if i:
            parts.append(f"    parent_id   bigint         [not_null, references: t{i - 1}.id]")
        parts.append("    check positive: amount >= 0")
        parts.append("  }")
    parts.append("}")
    parts.append("generate big {\n  schema: Big\n  seed: 1\n  param n: 1000\n  rows {")
    parts += [f"    t{i}: n" for i in range(tables)]
    parts.append("  }\n  output parquet { dir: 'out/big/' }\n}")
    return "\n".join(parts) + "\n"


def main() -> None:
    tables = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    start = time.perf_counter()
    from testdatagen.language.api import analyze_text

    imported = time.perf_counter() - start
    text = make_file(tables)
    start = time.perf_counter()
    first = analyze_text(text, filename="big.tdg")
    cold = time.perf_counter() - start
    assert not first.has_errors, first.diagnostics[:3]
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        analyze_text(text, filename="big.tdg")
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    lines = text.count("\n")
    print(
        f"{tables} tables, {lines} lines: parse+check {statistics.median(wall) * 1000:.0f} ms wall, "
        f"{statistics.median(cpu) * 1000:.0f} ms CPU, best {min(cpu) * 1000:.0f} ms "
        f"(median of {runs}; first run {cold * 1000:.0f} ms; import {imported * 1000:.0f} ms; "
        "target < 200 ms)"
    )


if __name__ == "__main__":
    main()
