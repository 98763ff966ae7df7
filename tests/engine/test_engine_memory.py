"""Memory is bounded by chunk size, not by row count (slow: runs subprocesses).

CI once measured 493 MB where a 2-core development machine measured ~150 MB
for the same run, so a failure reports what differs between machines: the
footprint before generation (imports), the thread count (OpenBLAS starts one
thread per core at ``import numpy``), Arrow's allocator, transparent huge
pages, and the library versions.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent

# Peak RSS is read from VmHWM, not ru_maxrss: Linux carries ru_maxrss across
# execve, and subprocess may vfork, so the child would report pytest's own peak.
SCRIPT = """
import json, os, sys
sys.path.insert(0, sys.argv[1])

def status(key):
    line = next(line for line in open("/proc/self/status") if line.startswith(key + ":"))
    return int(line.split()[1]) // 1024

from engine_models import NOW, shop
from testdatagen.engine import generate
import numpy, pyarrow
n = int(sys.argv[2])
ds = generate(shop(), rows={"customers": 1000, "products": 300, "employees": 50, "orders": n}, now=NOW)
imports = status("VmRSS")
rows = 0
for table in ds.tables:
    for batch in ds.batches(table):
        rows += batch.num_rows
try:
    thp = open("/sys/kernel/mm/transparent_hugepage/enabled").read().strip()
except OSError:
    thp = "unknown"
print(json.dumps({
    "rows": rows, "peak_mb": status("VmHWM"), "imports_mb": imports,
    "threads": status("Threads") * 1024, "cpus": os.cpu_count(), "thp": thp,
    "arrow_pool": pyarrow.default_memory_pool().backend_name,
    "arrow_peak_mb": pyarrow.default_memory_pool().max_memory() // 2**20,
    "numpy": numpy.__version__, "pyarrow": pyarrow.__version__,
    "pandas_imported": "pandas" in sys.modules,
}))
"""


def _run(orders: int) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(HERE), str(orders)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return result


@pytest.mark.slow
def test_peak_memory_is_flat_in_the_row_count() -> None:
    small, large = _run(100_000), _run(1_000_000)
    assert int(str(large["rows"])) > 9 * int(str(small["rows"]))
    report = f"100k orders: {small}\n1M orders: {large}"
    small_mb, large_mb = int(str(small["peak_mb"])), int(str(large["peak_mb"]))
    assert large_mb <= 300, report
    assert large_mb - small_mb < 60, f"peak RSS grew from {small_mb} MB to {large_mb} MB\n{report}"
