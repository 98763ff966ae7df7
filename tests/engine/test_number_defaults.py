"""Float ranges that used to collapse, and shapes on dates and datetimes (issue #3).

``float [min: -1.79e308, max: 1.79e308]`` gave one value (``hi - lo`` overflowed
to inf), ``float [min: 1e300]`` gave one value (``1e300 + 1000 == 1e300``), and
``float [distribution: normal(mean: 100, sd: 10)]`` was truncated to the
default 0..1 — a pile of values at 1. Date and datetime shapes count days.
"""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pyarrow as pa
import pytest

from testdatagen.engine import generate
from testdatagen.language.api import load_text

NOW = datetime(2025, 6, 1)
ROWS = 20_000


def _column(settings: str, kind: str = "float", rows: int = ROWS) -> list[object]:
    source = f"schema S {{ table t {{ v {kind} [not_null{', ' if settings else ''}{settings}] }} }}"
    dataset = generate(load_text(source, filename="f.tdg"), rows={"t": rows}, seed=9, now=NOW)
    table = pa.Table.from_batches(list(dataset.batches("t")))
    return table.column("v").to_pylist()


def _floats(settings: str) -> np.ndarray:
    return np.asarray(_column(settings), dtype=np.float64)


@pytest.mark.parametrize(
    ("settings", "lo", "hi"),
    [
        ("", 0.0, 1.0),
        (
            "min: -1.7976931348623157e308, max: 1.7976931348623157e308",
            -1.7976931348623157e308,
            1.7976931348623157e308,
        ),
        ("min: 1e300", 1e300, 2e300),
        ("max: -1e300", -2e300, -1e300),
        ("min: -1e308, max: 1.5e308", -1e308, 1.5e308),
    ],
)
def test_float_ranges_give_finite_spread_values(settings: str, lo: float, hi: float) -> None:
    v = _floats(settings)
    assert np.all(np.isfinite(v))
    assert np.all((v >= lo) & (v <= hi))
    assert len(np.unique(v)) > ROWS * 0.99
    # Spread over the range, not piled at one end: the middle half holds about half
    # (quartiles formed without ``hi - lo``, which overflows for the widest ranges).
    q1, q3 = 0.75 * lo + 0.25 * hi, 0.25 * lo + 0.75 * hi
    assert 0.47 < np.mean((v > q1) & (v < q3)) < 0.53


def test_float_shapes_without_a_range_use_their_own_spread() -> None:
    normal = _floats("distribution: normal(mean: 100, sd: 10)")
    assert abs(normal.mean() - 100) < 0.5 and abs(normal.std() - 10) < 0.5
    exp = _floats("distribution: exponential(lam: 0.1)")
    assert exp.min() >= 0 and abs(exp.mean() - 10) < 0.5
    logn = _floats("distribution: lognormal(mu: 3, sigma: 0.5)")
    assert abs(np.median(logn) - np.exp(3)) < 1.0
    one_sided = _floats("min: 0, distribution: normal(mean: 100, sd: 10)")
    assert one_sided.min() >= 0 and abs(one_sided.mean() - 100) < 0.5


def test_integer_and_decimal_shapes_without_a_range_are_not_clipped_to_zero() -> None:
    ints = np.asarray(_column("distribution: normal(mean: -50, sd: 5)", "integer"), dtype=float)
    assert abs(ints.mean() + 50) < 0.3 and len(np.unique(ints)) > 20
    dec = np.asarray(
        [float(x) for x in _column("distribution: normal(mean: 5000, sd: 100)", "decimal(10,2)")]
    )
    assert abs(dec.mean() - 5000) < 5 and dec.max() > 5100


def test_date_and_datetime_shapes_count_days() -> None:
    # 19905 days after 1970-01-01 is 2024-07-01; sd 10 days for both types.
    epoch = date(1970, 1, 1)
    days = _column(
        "min: '2024-01-01', max: '2024-12-31', distribution: normal(mean: 19905, sd: 10)", "date"
    )
    offsets = np.asarray([(d - epoch).days for d in days], dtype=float)  # type: ignore[operator]
    assert abs(offsets.mean() - 19905) < 0.5 and abs(offsets.std() - 10) < 0.5
    stamps = _column(
        "min: '2024-01-01', max: '2024-12-31', distribution: normal(mean: 19905, sd: 10)",
        "datetime",
    )
    as_days = np.asarray(
        [(s - datetime(1970, 1, 1)).total_seconds() / 86_400 for s in stamps]  # type: ignore[operator]
    )
    assert abs(as_days.mean() - 19905) < 0.5 and abs(as_days.std() - 10) < 0.5
    waits = _column(
        "min: '2024-01-01', max: '2024-12-31', distribution: exponential(lam: 0.5)", "datetime"
    )
    after = np.asarray([(s - datetime(2024, 1, 1)).total_seconds() / 86_400 for s in waits])  # type: ignore[operator]
    assert abs(after.mean() - 2.0) < 0.1  # a mean of 1/lam days after min
