"""The seen-set fallback makes its first re-draws in batches, with the same result.

A re-draw is a pure function of (row, attempt), so drawing the rows that repeat a
value together must give exactly what drawing them one by one gives — for any
chunk size — while computing far fewer chunks (30k rows with a composite unique key
of names: ~6,000 one-row computations before, a handful after).
"""

from __future__ import annotations

import pyarrow as pa
import pytest

from testdatagen.engine import fallback, generate
from testdatagen.language.api import load_text

SOURCE = """
schema P {
  table people {
    id         integer     [primary_key, sequential]
    last_name  string(40)  [not_null, format: last_name]
    first_name string(40)  [not_null, format: first_name]
    company    string(60)  [format: company]
    city       string(40)  [format: city]
    unique (last_name, first_name)
    unique (company, city)
  }
}
generate d { schema: P  rows { people: 6000 } }
"""


def _people(chunk_rows: int) -> pa.Table:
    with generate(load_text(SOURCE), seed=11, chunk_rows=chunk_rows) as dataset:
        return dataset.to_arrow("people")


def _pairs(table: pa.Table, a: str, b: str) -> list[tuple[object, object]]:
    return list(zip(table.column(a).to_pylist(), table.column(b).to_pylist(), strict=True))


@pytest.mark.parametrize("chunk_rows", [65_536, 999])
def test_batched_first_redraws_equal_row_by_row(
    chunk_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = fallback._first_redraws

    def counting(*args: object, **kwargs: object) -> dict[int, object]:
        made = real(*args, **kwargs)  # type: ignore[arg-type]
        calls.append(len(made))
        return made  # type: ignore[return-value]

    monkeypatch.setattr(fallback, "_first_redraws", counting)
    batched = _people(chunk_rows)
    assert sum(calls) > 0, "no row was re-drawn ahead: the case no longer exercises it"
    monkeypatch.setattr(fallback, "_first_redraws", lambda *args, **kwargs: {})
    one_by_one = _people(chunk_rows)
    assert batched.equals(one_by_one)
    for a, b in (("last_name", "first_name"), ("company", "city")):
        pairs = [p for p in _pairs(batched, a, b) if None not in p]
        assert len(pairs) == len(set(pairs))
