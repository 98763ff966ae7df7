"""Regression (QA #9): ``tdg preview`` rendered at 80 columns whenever stdout was
not a terminal. Now: the terminal's width, else COLUMNS, else a wide default;
``--width`` fixes it (snapshot tests keep COLUMNS=100)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from typer.testing import CliRunner

from testdatagen.interfaces.cli.app import app
from testdatagen.interfaces.cli.console import PIPE_WIDTH

SOURCE = """\
schema S {
  table people {
    id      integer     [primary_key, sequential]
    name    string(60)  [format: name]
    email   string(120) [format: email]
    street  string(100) [format: street_address]
    city    string(60)  [format: city]
    note    string(80)  [pattern: '[a-z]{50}']
  }
}
generate dev {
  schema: S
  rows { people: 4 }
}
"""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "people.tdg"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def widest(text: str) -> int:
    return max(len(line.rstrip()) for line in text.splitlines())


def preview(source: Path, *args: str, columns: str | None) -> str:
    env = {"NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": None, "COLUMNS": columns}
    result = CliRunner().invoke(app, ["preview", str(source), "-n", "3", *args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_piped_without_columns_is_wide_and_cuts_nothing(source: Path) -> None:
    text = preview(source, columns=None)
    assert 80 < widest(text) <= PIPE_WIDTH
    assert "…" not in text
    note = [line.split()[-1] for line in text.splitlines() if line.strip()[:1].isdigit()]
    assert all(len(n) == 50 for n in note)  # the 50-letter column is shown whole


def test_columns_and_width_option_fix_the_width(source: Path) -> None:
    assert widest(preview(source, columns="70")) <= 70
    assert widest(preview(source, "--width", "60", columns="150")) <= 60
    assert "…" in preview(source, "--width", "60", columns=None)


def test_a_terminal_gets_its_own_width(source: Path) -> None:
    """Run in a pseudo-terminal 64 columns wide, with COLUMNS unset."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 64, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR")}
    env |= {"NO_COLOR": "1", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "testdatagen.interfaces.cli", "preview", str(source), "-n", "3"],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # EIO: the child side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait(timeout=60) == 0
    os.close(main)
    raw = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    text = re.sub(r"\x1b\[[0-9;]*m", "", raw)  # bold stays on in a terminal
    assert "people" in text
    assert 50 < widest(text) <= 64
