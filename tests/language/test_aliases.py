"""Names users bring from Faker, numpy and SQL: accepted as synonyms, stored canonically."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testdatagen.engine.api import generate
from testdatagen.language.api import analyze_text, load_text
from testdatagen.language.config import load_config_text
from testdatagen.language.formatter import format_text
from testdatagen.language.printer import print_schema
from testdatagen.model import Distribution
from testdatagen.model.catalog import (
    DISTRIBUTION_PARAM_ALIASES,
    DISTRIBUTIONS,
    FORMAT_ALIASES,
    FORMATS,
    canonical_params,
)

_FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _one_column(setting: str, type_: str = "string(120)") -> str:
    return (
        f"schema S {{ table t {{ id integer [primary_key, sequential]  x {type_} [{setting}] }} }}"
    )


def _column(text: str):  # type: ignore[no-untyped-def]
    return load_text(text).schemas[0].tables[0].column("x")


def test_alias_tables_point_at_real_names_and_shadow_none() -> None:
    assert set(FORMAT_ALIASES.values()) <= set(FORMATS)
    assert not set(FORMAT_ALIASES) & set(FORMATS)
    for dist, aliases in DISTRIBUTION_PARAM_ALIASES.items():
        info = DISTRIBUTIONS[dist]
        known = {*info.required, *info.optional}
        assert set(aliases.values()) <= known, dist
        assert not set(aliases) & known, dist


@pytest.mark.parametrize(("alias", "name"), sorted(FORMAT_ALIASES.items()))
def test_format_alias_lowers_to_the_registry_name(alias: str, name: str) -> None:
    type_ = "uuid" if name == "uuid4" else "string(120)"
    spelled = load_text(_one_column(f"format: {alias}", type_))
    canonical = load_text(_one_column(f"format: {name}", type_))
    assert spelled == canonical
    assert spelled.schemas[0].tables[0].column("x").generator.name == name  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("exponential(rate: 0.001)", Distribution(name="exponential", params={"lam": 0.001})),
        ("exponential(lambda: 2)", Distribution(name="exponential", params={"lam": 2.0})),
        ("exponential(scale: 1000)", Distribution(name="exponential", params={"lam": 0.001})),
        ("exponential(scale: 4)", Distribution(name="exponential", params={"lam": 0.25})),
        ("normal(mean: 5, std: 2)", Distribution(name="normal", params={"mean": 5, "sd": 2})),
        ("normal(mu: 5, sigma: 2)", Distribution(name="normal", params={"mean": 5, "sd": 2})),
        ("normal(loc: 5, scale: 2)", Distribution(name="normal", params={"mean": 5, "sd": 2})),
        ("normal(5, stddev: 2)", Distribution(name="normal", params={"mean": 5, "sd": 2})),
        ("poisson(lambda: 3)", Distribution(name="poisson", params={"lam": 3})),
        ("poisson(mean: 3)", Distribution(name="poisson", params={"lam": 3})),
        ("zipf(a: 1.5)", Distribution(name="zipf", params={"s": 1.5})),
        (
            "lognormal(mu: 1, sigma: 0.5)",
            Distribution(name="lognormal", params={"mu": 1, "sigma": 0.5}),
        ),
    ],
)
def test_distribution_parameter_aliases(written: str, expected: Distribution) -> None:
    dist = _column(
        _one_column(f"min: 0, max: 10000, distribution: {written}", "integer")
    ).distribution
    assert dist is not None
    assert (dist.name, dist.params) == (expected.name, expected.params)


def test_lognormal_keeps_its_own_sigma_and_has_no_mean_alias() -> None:
    """numpy's lognormal(mean=) is the log-space mu, a user's 'mean' is often the
    value mean: ambiguous, so it stays an error with a suggestion."""
    found = analyze_text(
        _one_column("min: 0, max: 99, distribution: lognormal(mean: 1, sigma: 1)", "integer")
    )
    assert [d.code for d in found.diagnostics if d.is_error] == ["TDG106", "TDG106"]


def test_a_parameter_given_twice_is_an_error() -> None:
    found = analyze_text(
        _one_column("min: 0, max: 99, distribution: normal(mean: 5, sd: 1, std: 2)", "integer")
    )
    (error,) = [d for d in found.diagnostics if d.is_error]
    assert error.code == "TDG106" and "sd twice" in error.message


def test_exponential_scale_must_be_positive() -> None:
    assert canonical_params("exponential", {"scale": 0.0})[1] == [
        "exponential() needs scale > 0, got 0"
    ]
    assert canonical_params("exponential", {"scale": -2.0})[1]


def test_canonical_params_returns_the_same_dict_without_aliases() -> None:
    params = {"mean": 1.0, "sd": 2.0}
    assert canonical_params("normal", params)[0] is params  # the fast path allocates nothing


def test_boolean_rate_stays_a_suggestion() -> None:
    """On a boolean 'rate' reads as true_rate, on a nullable one it could mean the
    non-null share: not accepted silently, but the fix is one suggestion away."""
    found = analyze_text(_one_column("rate: 80%", "boolean"))
    (error,) = [d for d in found.diagnostics if d.is_error]
    assert error.code == "TDG105" and "true_rate" in error.message


_SPELLINGS = {
    "username": ["username", "user_name"],
    "phone": ["phone", "phone_number"],
    "postcode": ["postcode", "zipcode", "postal_code"],
    "job_title": ["job_title", "job"],
}
_DISTRIBUTIONS = {
    "normal(mean: 40, sd: 9)": [
        "normal(mean: 40, sd: 9)",
        "normal(mean: 40, std: 9)",
        "normal(mu: 40, sigma: 9)",
    ],
    "exponential(lam: 0.05)": [
        "exponential(lam: 0.05)",
        "exponential(rate: 0.05)",
        "exponential(scale: 20)",
    ],
    "poisson(lam: 4)": ["poisson(lam: 4)", "poisson(lambda: 4)", "poisson(mean: 4)"],
}


def _text(formats: dict[str, str], dists: dict[str, str]) -> str:
    cols = [
        f"  f_{i} string(120) [format: {spelled}]" for i, spelled in enumerate(formats.values())
    ]
    cols += [
        f"  d_{i} integer [min: 0, max: 200, distribution: {spelled}]"
        for i, spelled in enumerate(dists.values())
    ]
    body = "\n  ".join(cols)
    return (
        f"schema S {{\n  table t {{\n    id integer [primary_key, sequential]\n  {body}\n  }}\n}}\n"
    )


_CANONICAL = _text({k: k for k in _SPELLINGS}, {k: k for k in _DISTRIBUTIONS})


@st.composite
def _spelled(draw: st.DrawFn) -> str:
    formats = {k: draw(st.sampled_from(v)) for k, v in _SPELLINGS.items()}
    dists = {k: draw(st.sampled_from(v)) for k, v in _DISTRIBUTIONS.items()}
    return _text(formats, dists)


@_FAST
@given(_spelled())
def test_any_spelling_gives_the_canonical_model_and_round_trips(text: str) -> None:
    model = load_text(text)
    assert model == load_text(_CANONICAL)
    assert load_text(format_text(text)) == model  # parse → format → parse
    printed = print_schema(model.schemas[0])
    assert load_text(printed).schemas == model.schemas  # model → text → model
    for alias in FORMAT_ALIASES:
        assert f"format: {alias}]" not in printed
    for alias in ("std", "stddev", "sigma", "rate", "lambda", "scale", "mu", "loc"):
        assert not re.search(rf"[(,]\s*{alias}:", printed), alias


def test_aliases_do_not_change_generated_values() -> None:
    spelled = _text(
        {k: v[-1] for k, v in _SPELLINGS.items()}, {k: v[-1] for k, v in _DISTRIBUTIONS.items()}
    )
    a = generate(load_text(spelled), rows={"t": 300}, seed=7).to_arrow("t")
    b = generate(load_text(_CANONICAL), rows={"t": 300}, seed=7).to_arrow("t")
    assert a.equals(b)


def test_config_form_accepts_the_same_aliases() -> None:
    data = {
        "tables": [
            {
                "name": "t",
                "columns": [
                    {"name": "u", "type": "string", "rule": {"type": "user_name"}},
                    {
                        "name": "n",
                        "type": "integer",
                        "rule": {
                            "type": "range",
                            "min": 0,
                            "max": 99,
                            "distribution": "normal(mean: 5, std: 2)",
                        },
                    },
                    {
                        "name": "e",
                        "type": "float",
                        "rule": {
                            "type": "range",
                            "min": 0,
                            "max": 99,
                            "distribution": {"name": "exponential", "scale": 4},
                        },
                    },
                ],
            }
        ]
    }
    table = load_config_text(json.dumps(data), fmt="json").schemas[0].tables[0]
    assert table.column("u").generator.name == "username"  # type: ignore[union-attr]
    assert table.column("n").distribution == Distribution(
        name="normal", params={"mean": 5, "sd": 2}
    )
    assert table.column("e").distribution == Distribution(name="exponential", params={"lam": 0.25})
