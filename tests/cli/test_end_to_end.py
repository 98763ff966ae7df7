"""The whole stack through the command line: real language, engine and outputs."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import Result

Invoke = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_generate_an_example_into_sqlite(invoke: Invoke, workdir: Path) -> None:
    result = invoke("generate", str(EXAMPLES / "hr.tdg"), "--out", "hr.db", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    with sqlite3.connect(workdir / "hr.db") as db:
        (count,) = db.execute("select count(*) from employees").fetchone()
        (orphans,) = db.execute(
            "select count(*) from employees e left join employees m on e.manager_id = m.id "
            "where e.manager_id is not null and m.id is null"
        ).fetchone()
    assert count == next(t["rows"] for t in summary["tables"] if t["name"] == "employees")
    assert orphans == 0
    assert summary["outputs"][0]["bytes"] == (workdir / "hr.db").stat().st_size


def test_generate_the_benchmark_workload_to_parquet(
    invoke: Invoke, workdir: Path, shared_dir: str
) -> None:
    workload = Path(shared_dir) / "bench" / "shop.tdg"
    args = ["generate", str(workload), "--set", "n=1000", "--out", "bench", "--format", "parquet"]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert pq.read_table(workdir / "bench/customers.parquet").num_rows == 1000
    assert pq.read_table(workdir / "bench/orders.parquet").num_rows == 5000
    assert "6,000" in result.stdout and "rows/s" in result.stdout


def test_same_seed_same_bytes_whatever_the_chunking(invoke: Invoke, workdir: Path) -> None:
    source = str(EXAMPLES / "saas.tdg")
    for out, chunk in (("a", "65536"), ("b", "777")):
        args = ["generate", source, "--out", out, "--format", "csv", "--chunk-rows", chunk]
        assert invoke(*args).exit_code == 0
    for name in ("organisations", "users", "memberships"):
        assert (workdir / "a" / f"{name}.csv").read_bytes() == (
            workdir / "b" / f"{name}.csv"
        ).read_bytes()


def test_preview_and_explain_a_real_file(invoke: Invoke) -> None:
    preview = invoke("preview", str(EXAMPLES / "iot.tdg"), "--table", "readings", "-n", "4")
    assert preview.exit_code == 0, preview.output
    assert "readings" in preview.stdout and "recorded_at" in preview.stdout
    explain = invoke("explain", str(EXAMPLES / "iot.tdg"), "--json")
    assert explain.exit_code == 0, explain.output
    report = json.loads(explain.stdout)
    rows = {t["name"]: t["rows"] for t in report["tables"]}
    assert rows["readings"] == 96 * rows["devices"]
    assert [t["name"] for t in report["tables"]].index("devices") < [
        t["name"] for t in report["tables"]
    ].index("readings")


@pytest.mark.parametrize("name", ["saas", "bank", "iot", "hr"])
def test_examples_are_formatted(invoke: Invoke, name: str) -> None:
    result = invoke("fmt", "--check", str(EXAMPLES / f"{name}.tdg"))
    assert result.exit_code == 0, result.output


def test_check_all_examples(invoke: Invoke) -> None:
    files = sorted(str(p) for p in EXAMPLES.glob("*.tdg"))
    result = invoke("check", *files)
    assert result.exit_code == 0, result.output


def test_convert_to_yaml_then_check_and_generate_it(invoke: Invoke, workdir: Path) -> None:
    assert invoke("convert", str(EXAMPLES / "hr.tdg"), "-o", "hr.yaml").exit_code == 0
    assert invoke("check", "hr.yaml").exit_code == 0
    result = invoke("generate", "hr.yaml", "--out", "csv", "--format", "csv", "--json")
    assert result.exit_code == 0, result.output
    tables = {t["name"]: t["rows"] for t in json.loads(result.stdout)["tables"]}
    assert tables == {"departments": 12, "employees": 1000}


def test_introspect_a_generated_database(invoke: Invoke, workdir: Path) -> None:
    assert invoke("generate", str(EXAMPLES / "hr.tdg"), "--out", "hr.db", "-q").exit_code == 0
    result = invoke("introspect", "sqlite:///hr.db", "-o", "hr_back.tdg")
    assert result.exit_code == 0, result.output
    assert invoke("check", "hr_back.tdg").exit_code == 0
    text = (workdir / "hr_back.tdg").read_text()
    assert "table employees" in text and "references: employees.id" in text
