"""``NAME=VALUE`` parsing for --rows and --set."""

from __future__ import annotations

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st

from testdatagen.interfaces.cli.options import parse_params, parse_rows, parse_scalar


@given(
    st.dictionaries(st.from_regex(r"[a-z_][a-z0-9_]{0,10}", fullmatch=True), st.integers(0, 10**12))
)
def test_rows_round_trip(counts: dict[str, int]) -> None:
    assert parse_rows([f"{k}={v}" for k, v in counts.items()]) == counts


@given(st.integers())
def test_integers_parse_as_int(value: int) -> None:
    assert parse_scalar(str(value)) == value
    assert type(parse_scalar(str(value))) is int


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_floats_parse_as_float(value: float) -> None:
    parsed = parse_scalar(repr(value))
    assert parsed == value or (isinstance(parsed, int) and parsed == value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("False", False),
        ("null", None),
        ("'007'", "007"),
        ("de_DE", "de_DE"),
        ("1_000", 1000),
    ],
)
def test_scalars(text: str, expected: object) -> None:
    assert parse_scalar(text) == expected


@pytest.mark.parametrize(
    "pair", ["customers", "=5", "customers=", "customers=five", "customers=-1"]
)
def test_bad_rows_are_usage_errors(pair: str) -> None:
    with pytest.raises(typer.BadParameter):
        parse_rows([pair])


def test_params_keep_names_and_types() -> None:
    assert parse_params(["scale=10", "region=EU", "ratio=0.5"]) == {
        "scale": 10,
        "region": "EU",
        "ratio": 0.5,
    }
