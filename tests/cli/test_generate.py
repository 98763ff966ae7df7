"""``tdg generate`` through Typer's CliRunner, with the language and engine faked."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pyarrow.csv as pacsv
import pytest
from typer.testing import Result

from testdatagen.interfaces.cli import layers

Invoke = Callable[..., Result]
pytestmark = pytest.mark.usefixtures("fake_layers")


def files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.exists() else []


def test_writes_the_files_own_outputs(invoke: Invoke, good_file: Path, workdir: Path) -> None:
    result = invoke("generate", str(good_file))
    assert result.exit_code == 0, result.output
    written = pacsv.read_csv(workdir / "out/csv/customers.csv")
    assert written.num_rows == 5
    assert "generated" in result.stdout and "rows/s" in result.stdout


def test_out_replaces_the_files_outputs(invoke: Invoke, good_file: Path, workdir: Path) -> None:
    result = invoke("generate", str(good_file), "--out", "elsewhere", "--format", "parquet")
    assert result.exit_code == 0, result.output
    assert (workdir / "elsewhere/customers.parquet").is_file()
    assert not (workdir / "out").exists()


def test_rows_and_set_reach_the_engine(invoke: Invoke, good_file: Path, workdir: Path) -> None:
    result = invoke("generate", str(good_file), "--set", "scale=3", "--json")
    assert json.loads(result.stdout)["tables"][0] == {"name": "customers", "rows": 15}
    result = invoke("generate", str(good_file), "--rows", "customers=7", "--json")
    assert json.loads(result.stdout)["tables"][0] == {"name": "customers", "rows": 7}


def test_json_summary_schema(invoke: Invoke, good_file: Path) -> None:
    result = invoke("generate", str(good_file), "--json", "--seed", "7")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert set(summary) == {
        "status", "source", "plan", "seed", "locale", "rows", "seconds",
        "rows_per_second", "tables", "outputs",
    }  # fmt: skip
    assert summary["status"] == "ok" and summary["seed"] == 7 and summary["plan"] == "dev"
    assert summary["rows"] == sum(t["rows"] for t in summary["tables"])
    (output,) = summary["outputs"]
    assert output["kind"] == "csv"
    assert {i["table"] for i in output["items"]} == {"customers", "orders"}
    assert output["bytes"] == sum(i["bytes"] for i in output["items"]) > 0
    assert all(Path(i["location"]).is_file() for i in output["items"])


def test_errors_are_all_shown_and_nothing_is_written(
    invoke: Invoke, bad_file: Path, workdir: Path
) -> None:
    result = invoke("generate", str(bad_file))
    assert result.exit_code == 1
    assert "TDG101" in result.stderr and "TDG301" in result.stderr
    assert "^" in result.stderr
    assert "Traceback" not in result.output
    assert files_under(workdir) == [bad_file]


def test_error_with_json_reports_diagnostics_on_stdout(invoke: Invoke, bad_file: Path) -> None:
    result = invoke("generate", str(bad_file), "--json")
    payload = json.loads(result.stdout)
    assert payload["status"] == "error" and payload["exit_code"] == 1
    assert [d["code"] for d in payload["diagnostics"]] == ["TDG101", "TDG301"]
    assert payload["diagnostics"][0]["line"] == 4


def test_unknown_generate_block_suggests_one(invoke: Invoke, good_file: Path) -> None:
    result = invoke("generate", str(good_file), "--generate", "deb")
    assert result.exit_code == 2  # usage: the option names no block, like --rows
    assert "did you mean 'dev'" in result.stderr


def test_no_output_anywhere_is_a_user_error(
    invoke: Invoke, good_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from . import fakes

    monkeypatch.setattr(layers, "load_project", lambda path: fakes.project(outputs=()))
    result = invoke("generate", str(good_file))
    assert result.exit_code == 1 and "TDG440" in result.stderr and "--out" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["--rows", "customers"], ["--format", "csv"], ["--workers", "0"], ["--if-exists", "nope"]],
)
def test_usage_errors_exit_2(invoke: Invoke, good_file: Path, args: list[str]) -> None:
    assert invoke("generate", str(good_file), *args).exit_code == 2


def test_output_failure_exits_3(invoke: Invoke, good_file: Path, workdir: Path) -> None:
    (workdir / "blocked").write_text("a file where a directory must go")
    result = invoke("generate", str(good_file), "--out", "blocked/sub", "--format", "csv")
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("interrupting")
def test_ctrl_c_exits_130_and_leaves_nothing(
    invoke: Invoke, good_file: Path, workdir: Path
) -> None:
    result = invoke("generate", str(good_file), "--out", "out/x", "--format", "csv")
    assert result.exit_code == 130
    assert "interrupted" in result.stderr
    assert files_under(workdir / "out") == []


def test_internal_error_hides_traceback_unless_debug(
    invoke: Invoke, good_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(layers, "generate", broken)
    result = invoke("generate", str(good_file))
    assert result.exit_code == 4
    assert "internal error" in result.stderr and "Traceback" not in result.output
    debug = invoke("generate", str(good_file), "--debug")
    assert isinstance(debug.exception, ZeroDivisionError)


def test_quiet_prints_nothing(invoke: Invoke, good_file: Path) -> None:
    result = invoke("generate", str(good_file), "--quiet")
    assert result.exit_code == 0
    assert result.output == ""


def test_plain_progress_lines_when_not_a_terminal(invoke: Invoke, good_file: Path) -> None:
    result = invoke("generate", str(good_file))
    assert "customers: 5 rows in" in result.stderr
    assert "csv → out/csv/" in result.stderr


def test_no_color_is_respected(invoke: Invoke, good_file: Path) -> None:
    """NO_COLOR removes colour (bold may stay, as no-color.org allows)."""
    colour = re.compile(r"\x1b\[(?:\d+;)*(?:3[0-8]|9[0-7])(?:;\d+)*m")
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    coloured = invoke("generate", str(good_file), env=env | {"NO_COLOR": ""})
    assert colour.search(coloured.output)
    plain = invoke("generate", str(good_file), env=env | {"NO_COLOR": "1"})
    assert not colour.search(plain.output)
