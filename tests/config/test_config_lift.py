"""Lifting a model to config data and loading it again is the identity."""

from __future__ import annotations

import json
from typing import Any

import yaml
from config_helpers import schema_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testdatagen.language.config import load_config_text
from testdatagen.language.config.lift import project_to_config
from testdatagen.model.catalog import FORMATS

names = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
weights = st.lists(st.integers(1, 50), min_size=3, max_size=3)
bounds = st.tuples(st.integers(-100, 100), st.integers(0, 1000))

rules = st.one_of(
    st.builds(lambda w: {"type": "choice", "values": ["a", "b", "c"], "weights": w}, weights),
    st.just({"type": "choice", "values": [1, 2, 3]}),
    st.builds(lambda b: {"type": "range", "min": b[0], "max": b[0] + b[1]}, bounds),
    st.builds(
        lambda b: {
            "type": "range",
            "min": b[0],
            "max": b[0] + b[1],
            "distribution": "normal(mean: 5, sd: 2)",
        },
        bounds,
    ),
    st.just({"type": "date_range", "min": "2020-01-01", "max": {"expr": "today()"}}),
    st.just({"type": "date_range", "min": "2020-01-01 10:00:00", "max": "2021-01-01 00:00:00"}),
    st.just({"type": "regex", "pattern": "[A-Z]{3}-\\d{2}"}),
    st.builds(
        lambda s, t: {"type": "sequence", "start": s, "step": t},
        st.integers(1, 99),
        st.integers(1, 9),
    ),
    st.just({"type": "uuid"}),
    st.sampled_from(sorted(FORMATS)).map(lambda n: {"type": n}),
    st.builds(
        lambda v: {"type": "prefix", "value": v, "rule": {"type": "sequence", "start": 7}},
        st.text("ABC-", min_size=1, max_size=4),
    ),
    st.builds(
        lambda v: {"type": "suffix", "value": v, "rule": {"type": "uuid"}},
        st.text("xyz@", min_size=1, max_size=4),
    ),
    st.just({"type": "compute", "expr": "if 1 > 2 then 'a' else 'b' end"}),
    st.just(
        {
            "type": "llm",
            "prompt": "p",
            "max_cost_usd": 0.5,
            "fallback": {"type": "regex", "pattern": "x+"},
        }
    ),
)


@st.composite
def columns(draw: Any, name: str) -> dict[str, Any]:
    column: dict[str, Any] = {"name": name, "rule": draw(rules)}
    if column["rule"]["type"] == "compute":
        column["type"] = "string(5)"
    if draw(st.booleans()):
        column["null_rate"] = draw(st.sampled_from([0.1, 0.25, 0.5]))
    elif draw(st.booleans()):
        column["not_null"] = True
    if draw(st.booleans()):
        column["comment"] = draw(st.text(max_size=8))
    return column


@st.composite
def documents(draw: Any) -> dict[str, Any]:
    parent_cols = [
        {"name": "id", "type": "bigint", "primary_key": True, "rule": {"type": "sequence"}}
    ]
    child_names = draw(
        st.lists(
            names.filter(lambda n: n not in ("id", "pid")), min_size=1, max_size=5, unique=True
        )
    )
    child_cols = [draw(columns(n)) for n in child_names]
    fk: dict[str, Any] = {"columns": "pid", "references": "parent.id"}
    if draw(st.booleans()):
        fk["per_parent"] = "1..4"
    child_cols.append({"name": "pid", "not_null": True})
    doc: dict[str, Any] = {
        "schema": draw(names),
        "tables": [
            {"name": "parent", "rows": draw(st.integers(0, 10**6)), "columns": parent_cols},
            {
                "name": "child",
                "columns": child_cols,
                "foreign_keys": [fk],
                "unique_keys": [child_names[:2]],
            },
        ],
    }
    if draw(st.booleans()):
        doc["generate"] = {
            "seed": draw(st.integers(0, 2**31)),
            "params": {"scale": 2},
            "outputs": [{"type": "csv", "dir": "out"}],
        }
        doc["tables"][0]["rows"] = "100 * scale"
    return doc


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(["json", "yaml"]))
def test_lifted_config_loads_back_equal(doc: dict[str, Any], form: str) -> None:
    project = load_config_text(json.dumps(doc), fmt="json", checks=False)
    data = project_to_config(project)
    text = json.dumps(data) if form == "json" else yaml.safe_dump(data, sort_keys=False)
    again = load_config_text(text, fmt=form, checks=False)  # type: ignore[arg-type]
    assert schema_of(again) == schema_of(project)
    assert project_to_config(again) == data
