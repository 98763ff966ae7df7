"""Output is a pure function of (seed, model): chunk size, workers and process do not matter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest
from engine_models import NOW, SHOP_ROWS, shop

from testdatagen.engine import generate

HERE = Path(__file__).parent


def _tables(**kw: object) -> dict[str, pa.Table]:
    ds = generate(shop(), rows=SHOP_ROWS | {"orders": 2500}, now=NOW, **kw)  # type: ignore[arg-type]
    try:
        return {name: ds.to_arrow(name) for name in ds.tables}
    finally:
        ds.close()


@pytest.fixture(scope="module")
def reference() -> dict[str, pa.Table]:
    return _tables(seed=42, chunk_rows=65_536)


def test_chunk_size_does_not_change_output(reference: dict[str, pa.Table]) -> None:
    small = _tables(seed=42, chunk_rows=1_000)
    for name, table in reference.items():
        assert small[name].equals(table), name
    odd = _tables(seed=42, chunk_rows=333)
    assert odd["order_items"].equals(reference["order_items"])


def test_two_workers_give_the_same_tables(reference: dict[str, pa.Table]) -> None:
    pooled = _tables(seed=42, chunk_rows=1_000, workers=2)
    for name, table in reference.items():
        assert pooled[name].equals(table), name


def test_a_separate_process_gives_the_same_bytes(reference: dict[str, pa.Table]) -> None:
    script = (
        "import sys, hashlib; sys.path.insert(0, sys.argv[1])\n"
        "from engine_models import NOW, SHOP_ROWS, shop\n"
        "from testdatagen.engine import generate\n"
        "ds = generate(shop(), rows=SHOP_ROWS | {'orders': 2500}, now=NOW, seed=42)\n"
        "for t in ds.tables:\n"
        "    print(t, hashlib.sha256(ds.to_arrow(t).to_pandas().to_csv().encode()).hexdigest())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(HERE)], capture_output=True, text=True, check=True
    ).stdout
    import hashlib

    for line in out.strip().splitlines():
        name, digest = line.split()
        assert (
            hashlib.sha256(reference[name].to_pandas().to_csv().encode()).hexdigest() == digest
        ), name


def test_different_seeds_differ(reference: dict[str, pa.Table]) -> None:
    other = _tables(seed=43)
    assert not other["customers"].equals(reference["customers"])
    assert (
        not other["orders"].column("customer_id").equals(reference["orders"].column("customer_id"))
    )


def test_batches_can_be_read_twice_with_the_same_result() -> None:
    ds = generate(shop(), rows=SHOP_ROWS, now=NOW)
    assert ds.to_arrow("orders").equals(ds.to_arrow("orders"))
