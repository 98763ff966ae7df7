from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from testdatagen.errors import InputError
from testdatagen.model.evaluate import evaluate_constant, resolve_params, resolve_row_counts
from testdatagen.model.expr import Binary, Call, Lit, Ref


def test_row_counts_follow_params_and_overrides() -> None:
    params = {
        "scale": Lit(value=1),
        "big": Binary(op="*", left=Ref(path=("scale",)), right=Lit(value=10)),
    }
    rows = {
        "customers": Binary(op="*", left=Lit(value=2000), right=Ref(path=("scale",))),
        "x": Ref(path=("big",)),
    }
    assert resolve_row_counts(rows, resolve_params(params)) == {"customers": 2000, "x": 10}
    assert resolve_row_counts(rows, resolve_params(params, {"scale": 3})) == {
        "customers": 6000,
        "x": 30,
    }


def test_unknown_override_is_reported_with_declared_names() -> None:
    with pytest.raises(InputError) as info:
        resolve_params({"scale": Lit(value=1)}, {"scael": 2})
    assert "unknown parameter 'scael'" in str(info.value)
    assert "scale" in (info.value.diagnostics[0].hint or "")


@pytest.mark.parametrize("value", [-1, 2.5, "ten"])
def test_bad_row_counts_are_input_errors(value: object) -> None:
    with pytest.raises(InputError):
        resolve_row_counts({"t": Lit(value=value)}, {})  # type: ignore[arg-type]


def test_row_dependent_expression_is_rejected() -> None:
    with pytest.raises(InputError, match="unknown parameter"):
        evaluate_constant(Ref(path=("price",)), {})


@given(st.integers(0, 10**6), st.integers(1, 1000))
def test_arithmetic_matches_python(a: int, b: int) -> None:
    expr = Binary(
        op="+", left=Binary(op="*", left=Lit(value=a), right=Lit(value=b)), right=Lit(value=b)
    )
    assert evaluate_constant(expr, {}) == a * b + b
    assert evaluate_constant(Call(name="max", args=(Lit(value=a), Lit(value=b))), {}) == max(a, b)


def test_percent_literal_is_a_fraction() -> None:
    assert evaluate_constant(Lit(value=15, unit="percent"), {}) == pytest.approx(0.15)


def test_generating_a_file_without_schema_is_an_input_error_not_a_crash() -> None:
    # Regression: an empty file made generate fail with KeyError (exit 4).
    import testdatagen

    with pytest.raises(InputError) as info:
        testdatagen.generate(testdatagen.loads(""))
    assert info.value.diagnostics[0].code == "TDG424"
