"""``--now`` on generate and preview: a usage error when it is not an ISO moment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow.csv as pacsv
from typer.testing import Result

Invoke = Callable[..., Result]

FILE = """
schema S { table t { id integer [primary_key, sequential]  at datetime [compute: now()] } }
generate g { schema: S  now: '2025-06-30'  rows { t: 3 } output csv { dir: 'out/' } }
"""


def write(workdir: Path) -> Path:
    path = workdir / "now.tdg"
    path.write_text(FILE, encoding="utf-8")
    return path


def test_now_overrides_the_files_pin(invoke: Invoke, workdir: Path) -> None:
    result = invoke("generate", str(write(workdir)), "--now", "2021-03-04 05:06:07", "-q")
    assert result.exit_code == 0, result.output
    values = pacsv.read_csv(workdir / "out/t.csv").column("at").to_pylist()
    assert {str(v) for v in values} == {"2021-03-04 05:06:07"}


def test_without_now_the_files_pin_holds(invoke: Invoke, workdir: Path) -> None:
    assert invoke("generate", str(write(workdir)), "-q").exit_code == 0
    values = pacsv.read_csv(workdir / "out/t.csv").column("at").to_pylist()
    assert {str(v) for v in values} == {"2025-06-30 00:00:00"}


def test_a_bad_now_is_a_usage_error_and_writes_nothing(invoke: Invoke, workdir: Path) -> None:
    result = invoke("generate", str(write(workdir)), "--now", "tomorrow")
    assert result.exit_code == 2
    assert "not an ISO date" in result.output
    assert not (workdir / "out").exists()


def test_preview_takes_now(invoke: Invoke, workdir: Path) -> None:
    result = invoke("preview", str(write(workdir)), "--now", "1999-12-31 23:59:00")
    assert result.exit_code == 0, result.output
    assert "1999-12-31 23:59:00" in result.stdout
