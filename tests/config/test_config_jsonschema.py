"""The published JSON Schema is current, and example configs validate against it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from testdatagen.language.config.jsonschema import config_json_schema, schema_text

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = ROOT / "docs" / "tdg-config.schema.json"
EXAMPLES = sorted((Path(__file__).parent / "fixtures").glob("*.y*ml")) + sorted(
    (Path(__file__).parent / "fixtures").glob("*.json")
)


def test_published_schema_is_current(update_golden: bool) -> None:
    if update_golden:
        PUBLISHED.write_text(schema_text(), encoding="utf-8")
    assert PUBLISHED.read_text(encoding="utf-8") == schema_text(), (
        "docs/tdg-config.schema.json is stale: run "
        "python -m testdatagen.language.config.jsonschema > docs/tdg-config.schema.json"
    )


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(config_json_schema())


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(PUBLISHED.read_text(encoding="utf-8")))


def _read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_configs_validate(path: Path) -> None:
    errors = [e.message for e in _validator().iter_errors(_read(path))]
    assert errors == []


@pytest.mark.parametrize(
    "bad",
    [
        {"tables": []},
        {"tables": [{"name": "t", "columns": [{"name": "a", "rule": {"type": "emial"}}]}]},
        {"tables": [{"name": "t", "columns": [{"name": "a", "colour": 1}]}]},
        {"tables": [{"name": "t", "columns": [{"name": "a", "rule": {"type": "choice"}}]}]},
        {"tables": [{"name": "t", "columns": [{"name": "a", "null_rate": 2}]}]},
    ],
)
def test_schema_rejects_what_the_loader_rejects(bad: dict[str, Any]) -> None:
    assert list(_validator().iter_errors(bad))


def test_examples_exist() -> None:
    assert len(EXAMPLES) >= 2


def test_every_config_code_is_documented() -> None:
    from testdatagen.language.config.codes import CODES

    page = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    assert [c.code for c in CODES if f"| {c.code} |" not in page] == []


def test_the_documented_example_loads_and_validates() -> None:
    from testdatagen.language.config import load_config_text

    page = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    example = page.split("## A complete example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert list(_validator().iter_errors(yaml.safe_load(example))) == []
    project = load_config_text(example, fmt="yaml", base_dir=Path(__file__).parent / "fixtures")
    assert project.schemas[0].table_names == ("customers", "products", "orders", "order_items")
