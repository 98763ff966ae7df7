"""``generate(locale=…)`` rejects an unknown locale at once, not at the first value pack."""

from __future__ import annotations

import pytest

from testdatagen.engine import generate
from testdatagen.errors import InputError
from testdatagen.language.api import load_text

SOURCE = """
schema s { table t { id integer [primary_key, sequential]  n string [format: first_name] } }
generate d { schema: s  rows { t: 5 } }
"""


@pytest.mark.parametrize(("given", "meant"), [("de-DE", "de_DE"), ("fr_fr", "fr_FR")])
def test_unknown_locale_fails_before_generating(given: str, meant: str) -> None:
    with pytest.raises(InputError) as caught:
        generate(load_text(SOURCE), locale=given)
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == "TDG103"
    assert repr(given) in diagnostic.message
    assert diagnostic.hint is not None and meant in diagnostic.hint


def test_known_locale_generates() -> None:
    with generate(load_text(SOURCE), locale="ja_JP") as dataset:
        assert dataset.to_arrow("t").num_rows == 5
