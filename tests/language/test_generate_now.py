"""``now:`` in a generate block (and a config): pinned, checked, printed and converted."""

from __future__ import annotations

import json

import pytest

from testdatagen.errors import InputError
from testdatagen.language.api import load_text
from testdatagen.language.config import load_config_text
from testdatagen.language.formatter import format_text
from testdatagen.language.printer import print_project
from testdatagen.model.plan import parse_now

SCHEMA = "schema S { table t { id integer [primary_key, sequential] } }\n"


def plan_text(now: str) -> str:
    return SCHEMA + f"generate g {{ schema: S  now: {now}  rows {{ t: 1 }} }}\n"


@pytest.mark.parametrize(
    "text",
    ["'2025-06-30'", "'2025-06-30 12:00:00'", "'2025-06-30T12:00:00+02:00'", "'2025-06-30T12:00Z'"],
)
def test_an_iso_moment_is_kept_and_survives_printing_and_formatting(text: str) -> None:
    project = load_text(plan_text(text), filename="now.tdg")
    assert project.plans[0].now == text.strip("'")
    assert load_text(print_project(project), filename="again.tdg").plans == project.plans
    formatted = format_text(plan_text(text), "now.tdg")
    assert load_text(formatted, filename="now.tdg").plans[0].now == text.strip("'")


@pytest.mark.parametrize("text", ["'yesterday'", "'2025-02-30'", "20250630", "now()"])
def test_anything_else_is_an_error_at_the_setting(text: str) -> None:
    with pytest.raises(InputError) as info:
        load_text(plan_text(text), filename="now.tdg")
    (diag,) = info.value.diagnostics
    assert diag.code == "TDG423"
    assert diag.span is not None and diag.span.line == 2
    assert diag.hint is not None and "ISO" in diag.hint


def test_naive_moments_are_utc_and_offsets_are_respected() -> None:
    naive, offset = parse_now("2025-06-30 12:00"), parse_now("2025-06-30T14:00:00+02:00")
    assert naive is not None and offset is not None
    assert naive == offset
    assert parse_now("not a date") is None


def config(**generate: object) -> str:
    doc = {"tables": [{"name": "t", "rows": 1, "columns": [{"name": "id", "type": "int"}]}]}
    return json.dumps(doc | generate)


def test_config_now_reaches_the_plan_and_converts_to_tdg() -> None:
    project = load_config_text(config(now="2024-02-29"), fmt="json")
    assert project.plans[0].now == "2024-02-29"
    assert "now:    '2024-02-29'" in print_project(project)


def test_config_now_in_the_generate_section() -> None:
    project = load_config_text(config(generate={"now": "2024-02-29 08:00"}), fmt="json")
    assert project.plans[0].now == "2024-02-29 08:00"


def test_config_bad_now_names_its_path() -> None:
    with pytest.raises(InputError) as info:
        load_config_text(config(now="2024-02-30"), fmt="json")
    (diag,) = info.value.diagnostics
    assert diag.path == "now"
    assert "not an ISO date" in diag.message
