"""Regression tests for QA issues #4 and #5: ``--out``, ``--format``, ``--rows`` and
error locations, through the real language, engine and writers.

Exit codes as documented: 1 an error in the input, 2 usage, 3 output failure.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from typer.testing import Result

from testdatagen.errors import Diagnostic, OutputError, Span
from testdatagen.interfaces.cli.failures import locate

from .test_subprocess import tdg

Invoke = Callable[..., Result]

SHOP = """\
schema Shop {
  table orders {
    id      integer  [primary_key, sequential]
    amount  integer  [min: 1, max: 100]
  }
  table items {
    order_id  integer  [not_null, references: orders.id, per_parent: 1..3]
    qty       integer  [min: 1, max: 5]
  }
}
generate dev {
  schema: Shop
  rows { orders: 10 }
  output csv { dir: 'out/' }
}
"""
ONE_TABLE = """\
schema S {
  table t {
    id  integer  [primary_key, sequential]
  }
}
generate dev {
  schema: S
  rows { t: 3 }
  output csv { dir: 'out/', delimter: ';' }
}
"""


def files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file())


@pytest.fixture
def shop(workdir: Path) -> Path:
    path = workdir / "shop.tdg"
    path.write_text(SHOP, encoding="utf-8")
    return path


@pytest.fixture
def one_table(workdir: Path) -> Path:
    """A file whose output block has a misspelt option (line 9)."""
    path = workdir / "one.tdg"
    path.write_text(ONE_TABLE, encoding="utf-8")
    return path


# 1. --out with an extension no writer knows


@pytest.mark.parametrize("target", ["x.txt", "data.v2", "rows.gz"])
def test_out_with_an_unknown_extension_is_a_usage_error(
    invoke: Invoke, shop: Path, workdir: Path, target: str
) -> None:
    result = invoke("generate", str(shop), "--out", target)
    assert result.exit_code == 2, result.output
    assert "TDG607" in result.stderr and "no output format writes files ending in" in result.stderr
    assert ".csv (csv)" in result.stderr and ".parquet (parquet)" in result.stderr
    assert f"--out {target}/" in result.stderr  # how to mean a directory
    assert files_under(workdir) == [shop]


def test_a_trailing_slash_still_means_a_directory(
    invoke: Invoke, shop: Path, workdir: Path
) -> None:
    result = invoke("generate", str(shop), "--out", "x.txt/", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert pacsv.read_csv(workdir / "x.txt/orders.csv").num_rows == 10


def test_a_known_extension_picks_the_format(invoke: Invoke, shop: Path, workdir: Path) -> None:
    runs = {
        "o.csv": lambda p: pacsv.read_csv(p).num_rows,
        "o.parquet": lambda p: pq.read_table(p).num_rows,
        "o.jsonl": lambda p: len(p.read_text(encoding="utf-8").splitlines()),
        "o.json": lambda p: len(json.loads(p.read_text(encoding="utf-8"))),
    }
    for target in ("o.csv", "o.parquet", "o.jsonl"):
        result = invoke("generate", str(shop), "--out", target)
        assert result.exit_code == 2, result.output  # two tables cannot share one file
        assert "writes one file per table" in result.stderr and "TDG607" in result.stderr
        assert files_under(workdir) == [shop]
    one = workdir / "one_table.tdg"
    one.write_text(ONE_TABLE.replace(", delimter: ';'", ""), encoding="utf-8")
    for target, count in runs.items():
        result = invoke("generate", str(one), "--out", target, "--json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["outputs"][0]["kind"] == target.split(".")[1]
        assert count(workdir / target) == 3
    result = invoke("generate", str(shop), "--out", "book.xlsx")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(workdir / "book.xlsx", read_only=True)
    assert book.sheetnames == ["orders", "items"]


# 2. --format contradicting the extension


def test_format_contradicting_the_extension_is_a_usage_error(
    invoke: Invoke, shop: Path, workdir: Path
) -> None:
    result = invoke("generate", str(shop), "--format", "csv", "--out", "data.parquet")
    assert result.exit_code == 2, result.output
    assert "--format csv does not match the extension of 'data.parquet'" in result.stderr
    assert "Traceback" not in result.output
    assert files_under(workdir) == [shop]


def test_format_against_a_database_url_is_a_usage_error(invoke: Invoke, shop: Path) -> None:
    result = invoke("generate", str(shop), "--format", "csv", "--out", "sqlite:///x.db")
    assert result.exit_code == 2
    assert "is a database URL" in result.stderr


# 3. --rows for per_parent tables and unknown tables


def test_rows_for_a_per_parent_table_is_a_usage_error(
    invoke: Invoke, shop: Path, workdir: Path
) -> None:
    result = invoke("generate", str(shop), "--rows", "items=5")
    assert result.exit_code == 2, result.output
    err = " ".join(result.stderr.split())
    assert "--rows items=5: error[TDG421]" in err
    assert "follows from per_parent on items.order_id (1..3 per orders row)" in err
    assert "--rows orders=N" in err and "per_parent range of items.order_id" in err
    assert f"per_parent is declared at {shop}:7:5" in err
    assert files_under(workdir) == [shop]


def test_rows_for_an_unknown_table_suggests_the_closest(invoke: Invoke, shop: Path) -> None:
    result = invoke("generate", str(shop), "--rows", "ordrs=5", "--json")
    assert result.exit_code == 2
    (diag,) = json.loads(result.stdout)["diagnostics"]
    assert diag["code"] == "TDG110" and diag["path"] == "--rows ordrs=5"
    assert diag["hint"] == "did you mean 'orders'?"


def test_every_bad_rows_entry_is_reported_at_once(invoke: Invoke, shop: Path) -> None:
    result = invoke("generate", str(shop), "--rows", "items=5", "--rows", "zzz=1")
    assert result.exit_code == 2
    assert "TDG421" in result.stderr and "TDG110" in result.stderr
    assert "tables: orders, items" in result.stderr  # nothing close: list them


def test_rows_for_a_parent_still_work(invoke: Invoke, shop: Path, workdir: Path) -> None:
    result = invoke("generate", str(shop), "--rows", "orders=7", "--json")
    assert result.exit_code == 0, result.output
    tables = {t["name"]: t["rows"] for t in json.loads(result.stdout)["tables"]}
    assert tables["orders"] == 7 and 7 <= tables["items"] <= 21


def test_explain_checks_rows_too(invoke: Invoke, shop: Path) -> None:
    result = invoke("explain", str(shop), "--rows", "items=5", "--no-measure")
    assert result.exit_code == 2
    assert "TDG421" in result.stderr


# 4. run-time errors name the real file


def test_write_failure_points_at_the_output_block(
    invoke: Invoke, shop: Path, workdir: Path
) -> None:
    (workdir / "out").write_text("a file where the directory should be", encoding="utf-8")
    result = invoke("generate", str(shop))
    assert result.exit_code == 3, result.output
    assert f"{shop}:14:3: error[TDG603]" in result.stderr
    assert "output csv { dir: 'out/' }" in result.stderr  # the source line is shown
    assert "<input>" not in result.output


def test_write_failure_of_out_names_the_file_given(
    invoke: Invoke, shop: Path, workdir: Path
) -> None:
    (workdir / "blocked").write_text("", encoding="utf-8")
    # blocked/sub/: a path through a file, refused only when writing (blocked/ alone is
    # refused up front as a usage error, see test_user_mistakes.py)
    result = invoke("generate", str(shop), "--out", "blocked/sub/", "--format", "csv", "--json")
    assert result.exit_code == 3
    (diag,) = json.loads(result.stdout)["diagnostics"]
    assert diag["code"] == "TDG603" and diag["path"] == str(shop)
    assert f"{shop}: error[TDG603]" in result.stderr


def test_locate_keeps_known_locations() -> None:
    span = Span("a.tdg", 3, 4)
    error = OutputError(
        [
            Diagnostic("TDG603", "x"),
            Diagnostic("TDG603", "y", span=span),
            Diagnostic("TDG1", "z", path="p"),
        ]
    )
    located = locate(error, Path("shop.tdg"))
    assert [d.path for d in located.diagnostics] == ["shop.tdg", None, "p"]
    assert located.diagnostics[1].span == span
    assert located.exit_code == 3


# 5. an unknown option in an output block


def test_unknown_output_option_is_an_input_error_at_its_line(
    invoke: Invoke, one_table: Path, workdir: Path
) -> None:
    result = invoke("generate", str(one_table))
    assert result.exit_code == 1, result.output
    assert f"{one_table}:9:" in result.stderr
    assert "delimter" in result.stderr and "delimiter" in result.stderr
    assert files_under(workdir) == [one_table]


# the same through a real process


def test_exit_codes_in_a_real_process(shop: Path, one_table: Path, workdir: Path) -> None:
    usage = tdg("generate", str(shop), "--out", "x.txt", cwd=workdir)
    assert usage.returncode == 2 and "TDG607" in usage.stderr
    rows = tdg("generate", str(shop), "--rows", "items=5", cwd=workdir)
    assert rows.returncode == 2 and "per_parent" in rows.stderr
    option = tdg("generate", str(one_table), cwd=workdir)
    assert option.returncode == 1 and f"{one_table}:9:" in option.stderr
    assert "Traceback" not in usage.stderr + rows.stderr + option.stderr
    assert sorted(p.name for p in files_under(workdir)) == ["one.tdg", "shop.tdg"]


def test_unknown_format_is_a_usage_error_on_format(
    invoke: Invoke, shop: Path, workdir: Path
) -> None:
    result = invoke("generate", str(shop), "--out", "out/", "--format", "parkett")
    assert result.exit_code == 2
    assert "--format: error[TDG602]" in result.stderr and "did you mean 'parquet'?" in result.stderr
    assert files_under(workdir) == [shop]
