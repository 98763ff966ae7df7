"""CLI fixtures: a runner at a fixed width, fake layers, golden-file comparison."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from testdatagen.interfaces.cli import layers
from testdatagen.interfaces.cli.app import app

from . import fakes

GOLDEN = Path(__file__).parent / "golden"
WIDTH = "100"


@pytest.fixture
def invoke() -> Callable[..., Result]:
    """Run ``tdg`` in-process at a fixed width, never coloured unless a test asks."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        base = {"COLUMNS": WIDTH, "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": ""}
        return CliRunner().invoke(app, list(args), env=base | (env or {}))

    return run


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Outputs with relative paths land here, never in the repository."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture
def fake_layers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layers, "load_project", fakes.load_project)
    monkeypatch.setattr(layers, "check_file", fakes.diagnostics_for)
    monkeypatch.setattr(layers, "generate", fakes.generate)


@pytest.fixture
def good_file(workdir: Path) -> Path:
    path = workdir / "shop.tdg"
    path.write_text(fakes.GOOD, encoding="utf-8")
    return path


@pytest.fixture
def bad_file(workdir: Path) -> Path:
    path = workdir / "bad.tdg"
    path.write_text(fakes.BAD, encoding="utf-8")
    return path


@pytest.fixture
def interrupting(monkeypatch: pytest.MonkeyPatch, fake_layers: None) -> None:
    run = functools.partial(fakes.generate, dataset_class=fakes.InterruptingDataset)
    monkeypatch.setattr(layers, "generate", run)


@pytest.fixture
def golden(update_golden: bool) -> Callable[[str, str], None]:
    """Compare text with ``golden/<name>``; ``--update-golden`` rewrites it."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
        if update_golden or not path.exists():
            if not update_golden and os.environ.get("CI"):
                pytest.fail(f"golden file {path} is missing; run pytest --update-golden")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), f"differs from {path}"

    return check
