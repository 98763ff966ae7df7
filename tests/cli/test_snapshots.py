"""Rendered diagnostics, preview tables and explain output at a fixed width (100).

Golden files live in ``golden/``; ``pytest --update-golden`` rewrites them
and the diff is reviewed like code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from testdatagen.errors import MissingDependencyError
from testdatagen.interfaces.cli import layers
from testdatagen.interfaces.cli.app import app
from testdatagen.interfaces.cli.console import THEME
from testdatagen.interfaces.cli.render import plain_render, print_diagnostics

from . import fakes

#: The real layer functions, taken before any test replaces them.
REAL = {name: getattr(layers, name) for name in ("load_project", "check_file", "generate")}
Invoke = Callable[..., Result]
Golden = Callable[[str, str], None]
pytestmark = pytest.mark.usefixtures("fake_layers")


def relative(text: str, root: Path) -> str:
    return text.replace(str(root) + "/", "")


def test_plain_fallback_renderer(bad_file: Path, workdir: Path, golden: Golden) -> None:
    diags = fakes.diagnostics_for(bad_file)
    text = plain_render(diags, {str(bad_file): bad_file.read_text()})
    golden("diagnostics_plain.txt", relative(text, workdir))


def test_rendered_diagnostics_in_the_terminal(
    invoke: Invoke, bad_file: Path, workdir: Path, golden: Golden
) -> None:
    result = invoke("check", bad_file.name)
    golden("check_bad.txt", result.stderr)


def test_severity_is_coloured(bad_file: Path) -> None:
    console = Console(
        file=StringIO(), width=100, force_terminal=True, color_system="standard", theme=THEME
    )
    diags = fakes.diagnostics_for(bad_file)
    print_diagnostics(console, diags, {str(bad_file): bad_file.read_text()})
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert re.search(r"\x1b\[[0-9;]*31m", output)  # red for errors


def test_preview_table(invoke: Invoke, good_file: Path, golden: Golden) -> None:
    result = invoke("preview", str(good_file), "-n", "3")
    assert result.exit_code == 0, result.output
    golden("preview.txt", result.stdout)


def test_preview_unknown_table(invoke: Invoke, good_file: Path) -> None:
    result = invoke("preview", str(good_file), "--table", "ordrs")
    assert result.exit_code == 2 and "no table named 'ordrs'" in result.stderr  # usage
    assert "--table ordrs" in result.stderr and "did you mean 'orders'?" in result.stderr


def test_explain_from_the_model(
    invoke: Invoke, good_file: Path, golden: Golden, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(*args: object, **kwargs: object) -> None:
        raise MissingDependencyError("engine plan unavailable")

    monkeypatch.setattr(layers, "build_run_plan", unavailable)
    result = invoke("explain", str(good_file), "--no-measure", "--set", "scale=200")
    assert result.exit_code == 0, result.output
    golden("explain_model.txt", result.stdout)


def test_explain_from_the_engine_plan(invoke: Invoke, good_file: Path, golden: Golden) -> None:
    result = invoke("explain", str(good_file), "--no-measure", "--set", "scale=200")
    assert result.exit_code == 0, result.output
    golden("explain_engine.txt", result.stdout)


def test_explain_measures_a_sample(invoke: Invoke, good_file: Path) -> None:
    result = invoke("explain", str(good_file), "--json")
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.stdout)
    assert report["measured_rows_per_s"] > 0
    assert report["bytes"] > 0 and report["seconds"] > 0


def test_real_checker_output(
    workdir: Path, golden: Golden, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The language layer's own diagnostics for the same two mistakes, as the CLI shows them."""
    for name, func in REAL.items():
        monkeypatch.setattr(layers, name, func)
    (workdir / "bad.tdg").write_text(fakes.BAD)
    env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    result = CliRunner().invoke(app, ["check", "bad.tdg"], env=env)
    assert result.exit_code == 1
    golden("check_bad_real.txt", result.stderr)
