"""Distributions, weights and rates within stated statistical tolerances (fixed seeds).

Tolerances: chi-square statistics are compared with the 99.9% quantile for
their degrees of freedom; KS distances with 1.95/sqrt(n) (α ≈ 0.001); rates
with 4 binomial standard errors. At fixed seeds the tests are deterministic.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pytest
from engine_models import K, lit, t

from testdatagen.engine import generate
from testdatagen.engine.distributions import continuous, discrete, ndtr, ndtri, zipf_table
from testdatagen.engine.rng import Stream
from testdatagen.model import (
    ChoiceGen,
    Column,
    Distribution,
    ReferenceGen,
    Schema,
    SequentialGen,
    Table,
)

N = 200_000
CHI2_999 = {2: 13.82, 3: 16.27, 4: 18.47, 9: 27.88}


def _u(n: int = N, seed: int = 1) -> np.ndarray:
    return Stream.root(seed, "stats").uniform(np.arange(n))


def _ks(sample: np.ndarray, cdf: np.ndarray) -> float:
    """KS distance of a sorted sample against the model CDF at the sample points."""
    n = sample.size
    return float(max(np.max(np.arange(1, n + 1) / n - cdf), np.max(cdf - np.arange(n) / n)))


def test_ndtri_and_ndtr_match_the_standard_library() -> None:
    p = np.linspace(1e-6, 1 - 1e-6, 2001)
    ref = np.array([NormalDist().inv_cdf(x) for x in p])
    assert np.max(np.abs(ndtri(p) - ref)) < 1e-6
    x = np.linspace(-8, 8, 1601)
    assert np.max(np.abs(ndtr(x) - np.array([NormalDist().cdf(v) for v in x]))) < 1e-7


def test_truncated_normal_follows_the_truncated_cdf() -> None:
    lo, hi, mean, sd = 18.0, 90.0, 38.0, 12.0
    x = np.sort(
        continuous(Distribution(name="normal", params={"mean": mean, "sd": sd}), _u(), lo, hi)
    )
    nd = NormalDist(mean, sd)
    a, b = nd.cdf(lo), nd.cdf(hi)
    model = (np.array([nd.cdf(v) for v in x[:: N // 4000]]) - a) / (b - a)
    assert _ks(x[:: N // 4000], model) < 1.95 / math.sqrt(4000)
    assert x.min() >= lo and x.max() <= hi


def test_truncation_does_not_pile_values_on_the_bounds() -> None:
    dist = Distribution(name="normal", params={"mean": 0, "sd": 10})
    x = continuous(dist, _u(), -1.0, 1.0)
    hist, _ = np.histogram(x, bins=10, range=(-1, 1))
    # Nearly flat on a narrow central window; clipping would put ~92% in the end bins.
    assert hist.max() / hist.min() < 1.1


def test_exponential_and_lognormal_stay_in_range_with_the_right_shape() -> None:
    x = continuous(Distribution(name="exponential", params={"lam": 0.5}), _u(), 0.0, 1e9)
    assert abs(x.mean() - 2.0) < 4 * 2.0 / math.sqrt(N)
    y = continuous(
        Distribution(name="lognormal", params={"mu": 1.0, "sigma": 0.5}), _u(), 0.001, 1e9
    )
    assert abs(np.log(y).mean() - 1.0) < 4 * 0.5 / math.sqrt(N)
    assert abs(np.log(y).std() - 0.5) < 0.01


def test_zipf_frequencies_match_the_power_law() -> None:
    n, s = 10, 1.2
    k = discrete(Distribution(name="zipf", params={"s": s}), _u(), 0, n - 1)
    expected = np.arange(1, n + 1) ** -s
    expected = expected / expected.sum() * N
    chi2 = float((((np.bincount(k, minlength=n) - expected) ** 2) / expected).sum())
    assert chi2 < CHI2_999[9]
    assert zipf_table(200_000, 1.1).size == 200_000


def test_poisson_mean_and_variance() -> None:
    k = discrete(Distribution(name="poisson", params={"lam": 4.0}), _u(), 0, 1000)
    assert abs(k.mean() - 4.0) < 4 * 2.0 / math.sqrt(N)
    assert abs(k.var() - 4.0) < 0.1


def _table_schema(*columns: Column) -> Schema:
    key = Column(name="id", type=t(K.BIGINT), primary_key=True, generator=SequentialGen())
    return Schema(name="S", tables=(Table(name="t", primary_key=("id",), columns=(key, *columns)),))


def test_weighted_choice_by_chi_square() -> None:
    gen = ChoiceGen(values=("a", "b", "c", "d"), weights=(50, 20, 15, 15))
    schema = _table_schema(Column(name="c", type=t(K.STRING), generator=gen))
    values = generate(schema, rows={"t": N}).to_pandas("t")["c"].value_counts()
    expected = np.array([0.5, 0.2, 0.15, 0.15]) * N
    observed = values.reindex(["a", "b", "c", "d"]).to_numpy()
    assert float(((observed - expected) ** 2 / expected).sum()) < CHI2_999[3]


@pytest.mark.parametrize("rate", [0.03, 0.15, 0.5])
def test_null_rate_within_four_standard_errors(rate: float) -> None:
    schema = _table_schema(Column(name="x", type=t(K.INTEGER), null_rate=rate))
    nulls = generate(schema, rows={"t": N}).to_arrow("t")["x"].null_count
    assert abs(nulls / N - rate) < 4 * math.sqrt(rate * (1 - rate) / N)


def test_boolean_true_rate() -> None:
    schema = _table_schema(
        Column(name="b", type=t(K.BOOLEAN), not_null=True, options={"true_rate": 0.2})
    )
    share = generate(schema, rows={"t": N}).to_pandas("t")["b"].mean()
    assert abs(share - 0.2) < 4 * math.sqrt(0.2 * 0.8 / N)


def test_integer_uniform_by_chi_square() -> None:
    schema = _table_schema(Column(name="x", type=t(K.INTEGER), min=lit(1), max=lit(10)))
    counts = generate(schema, rows={"t": N}).to_pandas("t")["x"].value_counts().sort_index()
    assert list(counts.index) == list(range(1, 11))
    expected = N / 10
    assert float(((counts.to_numpy() - expected) ** 2 / expected).sum()) < CHI2_999[9]


def test_foreign_key_zipf_skew_over_parents() -> None:
    parent = Table(
        name="p",
        primary_key=("id",),
        columns=(Column(name="id", type=t(K.BIGINT), primary_key=True, generator=SequentialGen()),),
    )
    ref = ReferenceGen(
        table="p", column="id", distribution=Distribution(name="zipf", params={"s": 1.1})
    )
    child = Table(
        name="c", columns=(Column(name="p_id", type=t(K.BIGINT), not_null=True, generator=ref),)
    )
    ids = generate(Schema(name="S", tables=(parent, child)), rows={"p": 5, "c": N}).to_pandas("c")[
        "p_id"
    ]
    expected = np.arange(1, 6) ** -1.1
    expected = expected / expected.sum() * N
    observed = ids.value_counts().reindex(range(1, 6)).to_numpy()
    assert float(((observed - expected) ** 2 / expected).sum()) < CHI2_999[4]
