"""Self-references follow their distribution over the earlier rows.

Regression for "self-references ignore their distribution (always uniform over
earlier rows)". Tolerances: 5 standard deviations of the stated statistic at a
fixed seed, so a correct engine fails with probability below 1e-6.
"""

from __future__ import annotations

import numpy as np
import pytest
from engine_models import K, t

from testdatagen.engine import generate
from testdatagen.errors import GenerationError
from testdatagen.model import Column, Distribution, ReferenceGen, Schema, SequentialGen, Table

ROWS = 20_000


def _picks(dist: Distribution | None, chunk_rows: int = 65_536) -> np.ndarray:
    table = Table(
        name="e",
        primary_key=("id",),
        columns=(
            Column(name="id", type=t(K.BIGINT), primary_key=True, generator=SequentialGen(start=0)),
            Column(
                name="boss",
                type=t(K.BIGINT),
                generator=ReferenceGen(table="e", column="id", distribution=dist),
            ),
        ),
    )
    ds = generate(
        Schema(name="S", tables=(table,)), rows={"e": ROWS}, seed=3, chunk_rows=chunk_rows
    )
    boss = ds.to_arrow("e")["boss"].to_numpy(zero_copy_only=False)
    return np.asarray(boss, dtype=np.float64)  # NaN for row 0


@pytest.mark.parametrize("dist", [None, Distribution(name="zipf", params={"s": 1.2})])
def test_self_reference_points_at_earlier_rows_for_any_chunking(dist: Distribution | None) -> None:
    picks = _picks(dist)
    assert np.isnan(picks[0]) and not np.isnan(picks[1:]).any()
    assert (picks[1:] < np.arange(1, ROWS)).all() and (picks[1:] >= 0).all()
    assert np.array_equal(picks, _picks(dist, chunk_rows=777), equal_nan=True)


def test_zipf_self_reference_makes_the_first_row_a_hub() -> None:
    """Row i picks row 0 with probability 1 / H(i, s), H the generalized harmonic number."""
    s = 1.2
    picks = _picks(Distribution(name="zipf", params={"s": s}))
    harmonic = np.cumsum(np.arange(1, ROWS, dtype=np.float64) ** -s)  # H(i, s) for i = 1..
    p = 1.0 / harmonic
    expected, sd = p.sum(), np.sqrt((p * (1 - p)).sum())
    observed = int((picks[1:] == 0).sum())
    assert abs(observed - expected) < 5 * sd, (observed, expected, sd)
    uniform_expectation = (1.0 / np.arange(1, ROWS)).sum()
    assert observed > 5 * uniform_expectation


def test_normal_self_reference_centres_on_a_fraction_of_the_earlier_rows() -> None:
    picks = _picks(Distribution(name="normal", params={"mean": 0.8, "sd": 0.05}))
    i = np.arange(ROWS, dtype=np.float64)
    late = i >= 1000
    fraction = picks[late] / i[late]
    sd_of_mean = 0.05 / np.sqrt(late.sum())
    assert abs(fraction.mean() - 0.8) < 5 * sd_of_mean + 1e-3
    assert abs(fraction.std() - 0.05) < 0.005
    assert (picks[1:] < i[1:]).all()


def test_a_distribution_that_cannot_pick_earlier_rows_is_an_error() -> None:
    with pytest.raises(GenerationError) as info:
        _picks(Distribution(name="poisson", params={"lam": 3}))
    assert info.value.diagnostics[0].code == "TDG223"
