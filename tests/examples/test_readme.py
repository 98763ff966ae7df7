"""The README's examples run as written (a newcomer copies them first)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import testdatagen

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_the_thirty_second_example_generates(tmp_path: Path) -> None:
    (source,) = [b for b in blocks("") if b.startswith("// users.tdg")]
    project = testdatagen.loads(source, filename="users.tdg")
    data = testdatagen.generate(project)
    assert data.row_count("customers") == 1000 and data.row_count("orders") == 20000
    customers = set(data.to_arrow("customers")["id"].to_pylist())
    assert set(data.to_arrow("orders")["customer_id"].to_pylist()) <= customers


def test_the_python_api_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    (code,) = [b for b in blocks("python") if "testdatagen.load(" in b]
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["data"].row_count("customers") == 500  # type: ignore[attr-defined]


def test_the_two_setup_commands_exist_and_are_executable() -> None:
    for script in ("scripts/quickstart", "scripts/test", ".ci/run"):
        assert f"./{script}" in README or script == ".ci/run"
        path = ROOT / script
        assert path.is_file() and path.stat().st_mode & 0o111, script
