"""Both forms describe one model: config → .tdg → model and .tdg → config → model are identities."""

from __future__ import annotations

from pathlib import Path

import pytest
from config_helpers import schema_of

from testdatagen.errors import InputError
from testdatagen.language.api import load_file, load_text
from testdatagen.language.config import load_config, load_config_text
from testdatagen.language.convert import convert, render

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CONFIGS = sorted(p for p in FIXTURES.iterdir() if p.suffix in {".json", ".yaml", ".yml"})
TDG_FILES = sorted(p for p in EXAMPLES.glob("*.tdg") if "schema " in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.name)
def test_config_to_tdg_reads_back_equal(path: Path) -> None:
    project = load_config(path)
    text = render(project, "tdg")
    assert schema_of(load_text(text)) == schema_of(project)
    assert render(load_text(text), "tdg") == text  # printing is canonical


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.name)
@pytest.mark.parametrize("form", ["json", "yaml"])
def test_config_to_config_reads_back_equal(path: Path, form: str) -> None:
    project = load_config(path)
    again = load_config_text(render(project, form), fmt=form, base_dir=path.parent)  # type: ignore[arg-type]
    assert schema_of(again) == schema_of(project)


@pytest.mark.parametrize("path", TDG_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("form", ["json", "yaml"])
def test_tdg_to_config_reads_back_equal(path: Path, form: str) -> None:
    project = load_file(path)
    text = render(project, form)
    assert schema_of(load_config_text(text, fmt=form)) == schema_of(project)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", TDG_FILES, ids=lambda p: p.name)
def test_tdg_printer_reads_back_equal(path: Path) -> None:
    project = load_file(path)
    assert schema_of(load_text(render(project, "tdg"))) == schema_of(project)


def test_convert_by_extension_all_ways(tmp_path: Path) -> None:
    source = FIXTURES / "people.json"
    convert(source, tmp_path / "people.tdg")
    convert(tmp_path / "people.tdg", tmp_path / "people.yaml")
    convert(tmp_path / "people.yaml", tmp_path / "again.yml")
    convert(tmp_path / "again.yml", tmp_path / "again.json")
    original = schema_of(load_config(source))
    assert schema_of(load_file(tmp_path / "people.tdg")) == original
    for name in ("people.yaml", "again.yml", "again.json"):
        assert schema_of(load_config(tmp_path / name)) == original
    assert not list(tmp_path.glob(".*partial"))


def test_convert_rejects_an_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        convert(FIXTURES / "people.json", tmp_path / "people.toml")
    assert info.value.diagnostics[0].code == "TDG713"
    assert not (tmp_path / "people.toml").exists()


def test_a_file_without_a_schema_cannot_become_a_config(tmp_path: Path) -> None:
    source = tmp_path / "enums.tdg"
    source.write_text("enum currency { EUR USD }\n")
    with pytest.raises(InputError) as info:
        convert(source, tmp_path / "enums.json")
    assert info.value.diagnostics[0].code == "TDG710"


def test_llm_prints_as_a_call_beside_its_fallback() -> None:
    text = render(load_config(FIXTURES / "reviews.yaml"), "tdg")
    line = next(row for row in text.splitlines() if row.strip().startswith("body"))
    assert line.endswith(
        "[not_null, llm(prompt: 'A short, honest review of a kitchen gadget', "
        "model: 'gpt-4o-mini', endpoint: 'http://localhost:11434/v1', "
        "cache: '.tdg-cache/llm', max_cost_usd: 1.5), format: sentence]"
    )
