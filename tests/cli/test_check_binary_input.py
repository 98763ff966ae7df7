"""Regression: `tdg check` on a binary file crashed with UnicodeDecodeError (exit 4)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from testdatagen.interfaces.cli.app import app


def test_check_on_binary_file_reports_tdg022_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "garbage.tdg"
    path.write_bytes(b"\xff\xfe\x00garbage\x80")
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert "TDG022" in result.output
    assert "Traceback" not in result.output
