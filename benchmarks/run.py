"""Benchmark tdg against per-row Faker and Mimesis on the shared shop workload.

    python benchmarks/run.py                      # N = 20,000 (120,000 rows)
    python benchmarks/run.py --n 200000 --workers 2
    python benchmarks/run.py --skip-baselines --n 2000000

Each implementation runs in its own subprocess so its peak RSS is its own;
all run side by side in one invocation because these machines are noisy:
ratios hold, absolute times do not. Every implementation writes Parquet.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_WORKLOAD = HERE.parent.parent / "shared" / "bench" / "shop.tdg"
IMPLEMENTATIONS = ("tdg", "faker", "mimesis")


def run_tdg(n: int, out: Path, workload: Path, workers: int) -> int:
    """The real user path minus terminal rendering: load, generate, write Parquet."""
    import testdatagen
    from testdatagen.outputs.registry import create_output, output_spec_for_target

    dataset = testdatagen.generate(workload, params={"n": n}, workers=workers)
    output = create_output(output_spec_for_target(str(out), "parquet"), base_dir=out.parent)
    with dataset:  # joins the workers, so their peak RSS is counted below
        result = output.write(dataset)
    return sum(item.rows for item in result.items)


def run_baseline(name: str, n: int, out: Path) -> int:
    return int(importlib.import_module(f"baselines.{name}_shop").run(n, out))


def warm_imports(impl: str) -> None:
    """Import before the clock starts: start-up cost is not what is compared."""
    if impl == "tdg":
        importlib.import_module("testdatagen.outputs.registry")
        importlib.import_module("testdatagen.engine")
    else:
        sys.path.insert(0, str(HERE))
        importlib.import_module(f"baselines.{impl}_shop")


def child(impl: str, n: int, out: Path, workload: Path, workers: int) -> None:
    """Run one implementation and print one JSON line: rows, seconds, peak RSS."""
    warm_imports(impl)
    started = time.perf_counter()
    rows = run_tdg(n, out, workload, workers) if impl == "tdg" else run_baseline(impl, n, out)
    seconds = time.perf_counter() - started
    # KiB on Linux. Worker processes (--workers > 1) are added: the process's
    # own peak plus the largest worker's, an upper bound of what ran at once.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_mb = (own + workers_peak) / 1024
    print(json.dumps({"impl": impl, "rows": rows, "seconds": seconds, "peak_rss_mb": peak_mb}))


def measure(impl: str, args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    command = [
        sys.executable, str(Path(__file__).resolve()), "--child", impl,
        "--n", str(args.n), "--workers", str(args.workers),
        "--workload", str(args.workload), "--out", str(scratch / impl),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"impl": impl, "error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def table(results: list[dict[str, Any]]) -> str:
    rates = {r["impl"]: r["rows"] / r["seconds"] for r in results if "error" not in r}
    lines = [
        f"{'implementation':<15}{'rows':>12}{'seconds':>10}{'rows/s':>14}{'peak RSS':>12}"
        f"{'vs faker':>10}{'vs mimesis':>12}"
    ]
    for r in results:
        if "error" in r:
            lines.append(f"{r['impl']:<15}  failed: {r['error'][0]}")
            continue
        rate = rates[r["impl"]]
        vs = [f"{rate / rates[b]:.1f}x" if b in rates else "—" for b in ("faker", "mimesis")]
        lines.append(
            f"{r['impl']:<15}{r['rows']:>12,}{r['seconds']:>10.2f}{rate:>14,.0f}"
            f"{r['peak_rss_mb']:>9.0f} MB{vs[0]:>10}{vs[1]:>12}"
        )
    return "\n".join(lines)


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="customers (orders = 5n)")
    parser.add_argument("--workers", type=int, default=1, help="tdg worker processes")
    parser.add_argument("--workload", type=Path, default=DEFAULT_WORKLOAD)
    parser.add_argument("--skip-baselines", action="store_true", help="run tdg only")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    parser.add_argument("--child", choices=IMPLEMENTATIONS, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.child:
        child(args.child, args.n, args.out, args.workload, args.workers)
        return 0
    if not args.workload.is_file():
        print(f"error: workload not found: {args.workload} (use --workload PATH)", file=sys.stderr)
        return 1
    impls = ["tdg"] if args.skip_baselines else list(IMPLEMENTATIONS)
    with tempfile.TemporaryDirectory(prefix="tdg-bench-") as scratch:
        results = [measure(impl, args, Path(scratch)) for impl in impls]
    if args.json:
        print(json.dumps({"date": datetime.now(UTC).isoformat(), "machine": machine(),
                          "n": args.n, "workers": args.workers, "results": results}))  # fmt: skip
    else:
        print(f"workload {args.workload.name}: n={args.n:,} ({6 * args.n:,} rows), "
              f"workers={args.workers} · {machine()}")  # fmt: skip
        print(table(results))
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
