"""A sequence stays inside its column's own min/max, at check time and for ``--rows``.

Regression: an introspected ``tinyint unsigned AUTO_INCREMENT`` key (``max: 255``) with
300 rows passed ``tdg check`` and failed at load with "Out of range value".
"""

from __future__ import annotations

import pytest

from testdatagen.engine import generate
from testdatagen.errors import GenerationError, InputError
from testdatagen.language.api import load_text

SOURCE = """
schema s {
  table t {
    id  integer [primary_key, sequential, max: 255]
    n   integer [sequential(start: 10, step: -5), min: -100]
  }
}
generate d { schema: s  rows { t: ROWS } }
"""


def test_within_bounds_checks_clean() -> None:
    load_text(SOURCE.replace("ROWS", "23"))  # n reaches 10 - 5·22 = -100 exactly


def test_past_max_and_min_are_reported_with_the_row_count() -> None:
    with pytest.raises(InputError) as caught:
        load_text(SOURCE.replace("ROWS", "300"), filename="t.tdg")
    messages = [d.message for d in caught.value.diagnostics]
    assert any("t.id" in m and "reaches 300" in m and "max 255" in m for m in messages)
    assert any("t.n" in m and "min -100" in m for m in messages)
    assert {d.code for d in caught.value.diagnostics} == {"TDG405"}


def test_a_row_override_past_the_bound_is_an_error_before_any_row() -> None:
    project = load_text(SOURCE.replace("ROWS", "10"))
    with pytest.raises(GenerationError) as caught, generate(project, rows={"t": 256}) as dataset:
        list(dataset.batches("t"))
    assert "reaches 256 for 256 rows, past max 255" in caught.value.diagnostics[0].message
    with generate(project, rows={"t": 23}) as dataset:
        ids = [v for b in dataset.batches("t") for v in b.column("id").to_pylist()]
    assert ids[-1] == 23
