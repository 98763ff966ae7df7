"""The real program in a real process: entry point, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from . import fakes


def tdg(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real ``tdg`` in its own process; ``env`` replaces the plain, 100-column default."""
    if env is None:
        env = os.environ | {"COLUMNS": "100", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "testdatagen.interfaces.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def test_help_lists_every_command() -> None:
    result = tdg("--help")
    assert result.returncode == 0
    for command in ("generate", "check", "fmt", "convert", "preview", "explain", "introspect", "formats", "version"):  # fmt: skip
        assert command in result.stdout


def test_help_does_not_import_heavy_layers() -> None:
    code = (
        "import sys\n"
        "from testdatagen.interfaces.cli.app import app\n"
        "heavy = [m for m in ('pyarrow', 'numpy', 'lark', 'sqlalchemy') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_version_json() -> None:
    from testdatagen import __version__

    result = tdg("version", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["testdatagen"] == __version__


def test_usage_error_exits_2() -> None:
    result = tdg("generate", "--no-such-option", "x.tdg")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_missing_file_exits_1_without_traceback(tmp_path: Path) -> None:
    result = tdg("generate", str(tmp_path / "missing.tdg"))
    assert result.returncode == 1
    assert "no such file" in result.stderr and "Traceback" not in result.stderr


def test_erroneous_file_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    """Real language layer: every diagnostic printed, with a caret; nothing written."""
    path = tmp_path / "bad.tdg"
    path.write_text(fakes.BAD)
    result = tdg("generate", str(path), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "emial" in result.stderr and "customer" in result.stderr
    assert "^" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.tdg"]


@pytest.mark.parametrize("entry", ["tdg", "testdatagen"])
def test_console_scripts_are_installed(entry: str) -> None:
    script = Path(sys.executable).with_name(entry)
    result = subprocess.run([str(script), "version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.startswith("tdg ")


@pytest.mark.slow
def test_ctrl_c_mid_run_exits_130_and_leaves_no_files(tmp_path: Path, shared_dir: str) -> None:
    """A real SIGINT while the first table streams: clean stop, nothing under final names."""
    workload = Path(shared_dir) / "bench" / "shop.tdg"
    out = tmp_path / "out"
    command = [sys.executable, "-m", "testdatagen.interfaces.cli", "generate", str(workload)]
    process = subprocess.Popen(
        [*command, "--set", "n=2000000", "--out", str(out), "--format", "parquet"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        # Background shells ignore SIGINT; give the child the default disposition.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    with process.stderr:
        for line in process.stderr:
            if "customers:" in line:  # the first batch has been written
                break
        process.send_signal(signal.SIGINT)
        rest = process.stderr.read()
    assert process.wait(timeout=120) == 130
    assert "interrupted" in rest and "Traceback" not in rest
    assert [p for p in out.rglob("*") if p.is_file()] == []
