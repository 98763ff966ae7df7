"""Golden fingerprints: the engine's output at seed 42 changes only with a version bump.

Covers the Python-built models and every example file (40 rows per root table).

Fingerprints are sha256 of each table's Arrow IPC stream. When output changes
on purpose, bump ``ENGINE_OUTPUT_VERSION`` and run ``pytest --update-golden``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow as pa
from engine_models import NOW, SHOP_ROWS, junction, shop

from testdatagen.engine import ENGINE_OUTPUT_VERSION, generate
from testdatagen.engine.dataset import Dataset
from testdatagen.language.api import load_file

GOLDEN = Path(__file__).with_name("golden_fingerprints.json")
EXAMPLES_DIR = Path(__file__).parents[2] / "examples"
EXAMPLES = ("shop", "bank", "hr", "iot", "saas")


def _ipc_sha256(table: pa.Table) -> str:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return hashlib.sha256(sink.getvalue().to_pybytes()).hexdigest()


def _fingerprints(name: str, dataset: Dataset) -> dict[str, str]:
    return {f"{name}.{t}": _ipc_sha256(dataset.to_arrow(t)) for t in dataset.tables}


def current() -> dict[str, str]:
    out = _fingerprints("model_shop", generate(shop(), rows=SHOP_ROWS, seed=42, now=NOW))
    out |= _fingerprints(
        "model_junction",
        generate(junction(), rows={"students": 20, "courses": 8, "enrolments": 100}, seed=42),
    )
    for example in EXAMPLES:
        project = load_file(EXAMPLES_DIR / f"{example}.tdg")
        rows = {
            t.name: 40
            for t in project.schema_named(project.plans[0].schema_name).tables
            if t.per_parent is None
        }
        out |= _fingerprints(example, generate(project, rows=rows, seed=42, now=NOW))
    return out


def test_output_matches_the_golden_fingerprints(update_golden: bool) -> None:
    now = current()
    if update_golden or not GOLDEN.exists():
        GOLDEN.write_text(
            json.dumps({"engine_output_version": ENGINE_OUTPUT_VERSION, "tables": now}, indent=2)
            + "\n"
        )
    stored = json.loads(GOLDEN.read_text())
    changed = sorted(
        k for k in now.keys() | stored["tables"].keys() if now.get(k) != stored["tables"].get(k)
    )
    if stored["engine_output_version"] == ENGINE_OUTPUT_VERSION:
        assert not changed, (
            f"engine output changed for {changed} without bumping ENGINE_OUTPUT_VERSION "
            f"(now {ENGINE_OUTPUT_VERSION}); bump it and run pytest --update-golden"
        )
    else:
        raise AssertionError(
            f"ENGINE_OUTPUT_VERSION is {ENGINE_OUTPUT_VERSION} but the fingerprints are for "
            f"{stored['engine_output_version']}; run pytest --update-golden"
        )
