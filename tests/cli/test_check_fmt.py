"""``tdg check`` and ``tdg fmt``: exit codes, every diagnostic, files untouched by --check."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from testdatagen.interfaces.cli import layers

from . import fakes

Invoke = Callable[..., Result]
pytestmark = pytest.mark.usefixtures("fake_layers")


def test_clean_file_exits_0(invoke: Invoke, good_file: Path) -> None:
    result = invoke("check", str(good_file))
    assert result.exit_code == 0
    assert "ok" in result.stderr


def test_errors_exit_1_and_all_are_shown(invoke: Invoke, good_file: Path, bad_file: Path) -> None:
    result = invoke("check", str(good_file), str(bad_file))
    assert result.exit_code == 1
    assert result.stderr.count("error[TDG") == 2
    assert "2 error(s)" in result.stderr


def test_warnings_are_shown_but_pass(invoke: Invoke, workdir: Path) -> None:
    path = workdir / "warn.tdg"
    path.write_text(fakes.WARN)
    result = invoke("check", str(path))
    assert result.exit_code == 0
    assert "warning[TDG450]" in result.stderr and "1 warning(s)" in result.stderr


def test_missing_file_is_a_user_error(invoke: Invoke, workdir: Path) -> None:
    result = invoke("check", str(workdir / "nope.tdg"))
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_config_files_are_checked_by_loading(invoke: Invoke, workdir: Path) -> None:
    path = workdir / "shop.yaml"
    path.write_text("format: emial\n")
    result = invoke("check", str(path), "--json")
    assert result.exit_code == 1
    (report,) = json.loads(result.stdout)["files"]
    assert report["ok"] is False and report["diagnostics"][0]["code"] == "TDG101"


def test_check_json_lists_each_file(invoke: Invoke, good_file: Path, bad_file: Path) -> None:
    payload = json.loads(invoke("check", str(good_file), str(bad_file), "--json").stdout)
    assert [(f["file"], f["ok"]) for f in payload["files"]] == [
        (str(good_file), True),
        (str(bad_file), False),
    ]


@pytest.fixture
def upper_formatter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layers, "format_text", lambda text, filename=None: text.upper())


@pytest.mark.usefixtures("upper_formatter")
def test_fmt_check_reports_and_changes_nothing(invoke: Invoke, good_file: Path) -> None:
    result = invoke("fmt", "--check", str(good_file))
    assert result.exit_code == 1
    assert "would reformat" in result.stderr
    assert good_file.read_text() == fakes.GOOD


@pytest.mark.usefixtures("upper_formatter")
def test_fmt_rewrites_then_is_stable(invoke: Invoke, good_file: Path) -> None:
    assert invoke("fmt", str(good_file)).exit_code == 0
    assert good_file.read_text() == fakes.GOOD.upper()
    again = invoke("fmt", "--check", str(good_file))
    assert again.exit_code == 0 and "0 file(s) would be reformatted" in again.stderr


def test_fmt_refuses_non_tdg_files(invoke: Invoke, workdir: Path) -> None:
    path = workdir / "x.yaml"
    path.write_text("a: 1\n")
    assert invoke("fmt", str(path)).exit_code == 1
