"""Helpers for the language tests: paths to the examples and the shared benchmark file."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO / "examples"


@pytest.fixture(scope="session")
def shop_text(examples_dir: Path) -> str:
    return (examples_dir / "shop.tdg").read_text(encoding="utf-8")
