"""formats, introspect, convert and version with their layers faked."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from testdatagen.errors import DatabaseError
from testdatagen.interfaces.cli import layers
from testdatagen.model.catalog import FORMATS

from . import fakes

Invoke = Callable[..., Result]


@pytest.fixture
def fake_providers(monkeypatch: pytest.MonkeyPatch) -> None:
    def sample(name: str, *, locale: str, n: int, seed: int = 0) -> list[str]:
        return [f"{name}-{locale}-{i}" for i in range(n)]

    monkeypatch.setattr(layers, "sample", sample)
    monkeypatch.setattr(layers, "provider_names", lambda: [*FORMATS, "plugin_thing"])


@pytest.mark.usefixtures("fake_providers")
def test_formats_lists_every_format_with_samples(invoke: Invoke) -> None:
    result = invoke("formats", "--locale", "de_DE", "--json", "-n", "2")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["format"] for r in rows} == {*FORMATS, "plugin_thing"}
    email = next(r for r in rows if r["format"] == "email")
    assert email["samples"] == ["email-de_DE-0", "email-de_DE-1"]


@pytest.mark.usefixtures("fake_providers")
def test_formats_table_and_unknown_locale(invoke: Invoke) -> None:
    table = invoke("formats")
    assert table.exit_code == 0 and "first_name-en_US-0" in table.stdout
    bad = invoke("formats", "--locale", "xx_XX")
    assert bad.exit_code == 2 and "unknown locale" in bad.stderr  # a usage error, as elsewhere
    assert "--locale" in bad.stderr


def test_introspect_writes_a_tdg_file(
    invoke: Invoke, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def introspect(url: str, *, schema: str | None, tables: list[str] | None) -> object:
        seen.update(url=url, schema=schema, tables=tables)
        return fakes.project()

    monkeypatch.setattr(layers, "introspect", introspect)
    monkeypatch.setattr(layers, "introspected_text", lambda p: "schema Shop {}")
    args = ["introspect", "sqlite:///x.db", "--tables", "a", "--tables", "b", "-o", "s/x.tdg"]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert (workdir / "s/x.tdg").read_text() == "schema Shop {}\n"
    assert seen == {"url": "sqlite:///x.db", "schema": None, "tables": ["a", "b"]}


def test_database_failure_exits_3(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise DatabaseError("could not connect to 127.0.0.1:1")

    monkeypatch.setattr(layers, "introspect", refuse)
    result = invoke("introspect", "postgresql://127.0.0.1:1/x")
    assert result.exit_code == 3 and "could not connect" in result.stderr


def test_convert_calls_the_converter(
    invoke: Invoke, good_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Path, Path]] = []
    monkeypatch.setattr(layers, "convert", lambda a, b: calls.append((a, b)))
    result = invoke("convert", str(good_file), "-o", "shop.yaml")
    assert result.exit_code == 0 and calls == [(good_file, Path("shop.yaml"))]


def test_version_names_the_package(invoke: Invoke) -> None:
    from testdatagen import __version__

    result = invoke("version")
    assert result.stdout.startswith(f"tdg {__version__}")
