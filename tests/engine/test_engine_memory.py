"""Memory is bounded by chunk size, not by row count (slow: runs subprocesses)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent

# Peak RSS is read from VmHWM, not ru_maxrss: Linux carries ru_maxrss across
# execve, and subprocess may vfork, so the child would report pytest's own peak.
SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
from engine_models import NOW, shop
from testdatagen.engine import generate
n = int(sys.argv[2])
ds = generate(shop(), rows={"customers": 1000, "products": 300, "employees": 50, "orders": n}, now=NOW)
rows = 0
for table in ds.tables:
    for batch in ds.batches(table):
        rows += batch.num_rows
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(rows, int(hwm.split()[1]) // 1024)
"""


def _peak_mb(orders: int) -> tuple[int, int]:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(HERE), str(orders)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), int(out[1])


@pytest.mark.slow
def test_peak_memory_is_flat_in_the_row_count() -> None:
    small_rows, small = _peak_mb(100_000)
    large_rows, large = _peak_mb(1_000_000)
    assert large_rows > 9 * small_rows
    assert large <= 300
    assert large - small < 60, f"peak RSS grew from {small} MB to {large} MB"
