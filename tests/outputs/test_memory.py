"""Writers stream: peak memory does not grow with the row count (slow; run with -m slow)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SCRIPT = textwrap.dedent(
    """
    import json, sys
    import numpy as np
    import pyarrow as pa
    from testdatagen.engine.dataset import Dataset
    from testdatagen.model import OutputSpec, Schema
    from testdatagen.outputs import create_output

    ROWS = 50_000

    class Streamed(Dataset):
        '''Makes each batch when asked: nothing but the current batch is ever in memory.'''
        schema = Schema(name="S", tables=())
        seed = 1
        locale = "en_US"
        tables = ("t",)
        def __init__(self, batches): self.count = batches
        def row_count(self, table): return self.count * ROWS
        def arrow_schema(self, table):
            return pa.schema([("n", pa.int64()), ("x", pa.float64()), ("s", pa.string()),
                              ("ts", pa.timestamp("us", tz="UTC"))])
        def batches(self, table):
            for i in range(self.count):
                rng = np.random.default_rng(i)
                n = np.arange(i * ROWS, (i + 1) * ROWS, dtype=np.int64)
                yield pa.record_batch(
                    [n, rng.random(ROWS), pa.array(n.astype(str)), pa.array(n * 1_000_000, pa.timestamp("us", tz="UTC"))],
                    schema=self.arrow_schema(table))

    def peak_mb():
        # VmHWM, not ru_maxrss: ru_maxrss survives execve, so a vforked child
        # would start from pytest's own peak and hide any growth.
        with open("/proc/self/status") as status:
            line = next(text for text in status if text.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024

    kind, target, big = sys.argv[1], sys.argv[2], int(sys.argv[3])
    extra = json.loads(sys.argv[4])
    def write(batches, where):
        spec = OutputSpec(kind=kind, options={"dir": f"{target}/{where}", **extra})
        return create_output(spec).write(Streamed(batches))
    write(4, "warm")
    before = peak_mb()
    result = write(big, "big")
    print(json.dumps({"before": before, "after": peak_mb(), "rows": result.items[0].rows,
                      "bytes": result.items[0].bytes}))
    """
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "batches", "extra"),
    [
        ("csv", 120, {}),
        ("csv", 60, {"quoting": "all", "compression": "gzip"}),
        ("tsv", 40, {"delimiter": "|", "quote_char": "'"}),
        ("jsonl", 80, {}),
        ("json", 60, {"compression": "zstd"}),
        ("parquet", 120, {}),
        ("xml", 50, {}),
        ("excel", 4, {}),
    ],
)
def test_peak_memory_stays_flat(
    tmp_path: Path, kind: str, batches: int, extra: dict[str, object]
) -> None:
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT, kind, str(tmp_path), str(batches), json.dumps(extra)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(completed.stdout)
    assert report["rows"] == batches * 50_000
    data_mb = report["bytes"] / 2**20
    growth = report["after"] - report["before"]
    # Holding the data would cost hundreds of MB; streaming costs a few batches.
    assert growth < 80, f"{kind}: peak grew {growth:.0f} MB writing {data_mb:.0f} MB"
