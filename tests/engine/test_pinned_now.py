"""What now() and today() mean: pinned by the generate block or the caller, else today."""

from __future__ import annotations

from datetime import UTC, date, datetime

from testdatagen import generate, loads

FILE = """
schema S {
  table t {
    id    integer  [primary_key, sequential]
    at    datetime [compute: now()]
    day   date     [compute: today()]
    past  datetime [min: now() - days(1), max: now()]
  }
}
generate g { schema: S  now: '2025-06-30 12:30:00'  rows { t: 50 } }
generate other { schema: S  rows { t: 50 } }
"""


def column(plan: str, name: str, **kw: object) -> list[object]:
    dataset = generate(loads(FILE, filename="now.tdg"), plan=plan, **kw)  # type: ignore[arg-type]
    return dataset.to_arrow("t").column(name).to_pylist()


def test_the_generate_blocks_now_pins_now_and_today() -> None:
    assert set(column("g", "at")) == {datetime(2025, 6, 30, 12, 30)}
    assert set(column("g", "day")) == {date(2025, 6, 30)}
    past = column("g", "past")
    assert all(datetime(2025, 6, 29, 12, 30) <= v <= datetime(2025, 6, 30, 12, 30) for v in past)


def test_the_callers_now_wins_over_the_file() -> None:
    pinned = datetime(2020, 1, 2, 3, 4, tzinfo=UTC)
    assert set(column("g", "at", now=pinned)) == {datetime(2020, 1, 2, 3, 4)}


def test_without_a_pin_now_is_today_at_midnight_utc() -> None:
    today = datetime.now(UTC).date()
    (at,) = set(column("other", "at"))
    assert at == datetime(today.year, today.month, today.day)


def test_a_pinned_run_repeats_and_another_moment_shifts_the_values() -> None:
    assert column("g", "past") == column("g", "past")
    moved = column("g", "past", now=datetime(2025, 7, 30, 12, 30, tzinfo=UTC))
    assert moved != column("g", "past")
