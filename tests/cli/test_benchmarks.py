"""benchmarks/run.py runs all three implementations on the same workload."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_runner_measures_tdg_and_both_baselines(shared_dir: str) -> None:
    workload = Path(shared_dir) / "bench" / "shop.tdg"
    command = [sys.executable, str(ROOT / "benchmarks/run.py"), "--n", "300", "--json"]
    done = subprocess.run(
        [*command, "--workload", str(workload)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    results = {r["impl"]: r for r in report["results"]}
    assert set(results) == {"tdg", "faker", "mimesis"}
    for result in results.values():
        assert result["rows"] == 6 * 300
        assert result["seconds"] > 0 and result["peak_rss_mb"] > 10


def test_baselines_write_the_workload_shape(tmp_path: Path) -> None:
    """Same columns and row counts as ../shared/bench/shop.tdg, keys in range."""
    import pyarrow.parquet as pq

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from baselines import mimesis_shop
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    assert mimesis_shop.run(50, tmp_path) == 300
    customers = pq.read_table(tmp_path / "customers.parquet")
    orders = pq.read_table(tmp_path / "orders.parquet")
    assert customers.num_rows == 50 and orders.num_rows == 250
    assert len(set(customers["email"].to_pylist())) == 50
    assert set(orders["customer_id"].to_pylist()) <= set(range(1, 51))
    assert set(customers["country"].to_pylist()) <= {"US", "DE", "FR", "JP"}
