"""The JSON position scanner and the YAML node walk agree with the decoders."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from testdatagen.language.config.positions import (
    format_path,
    json_positions,
    span_for,
    yaml_positions,
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _walk(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    out = [(path, value)]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _walk(item, (*path, index))
    return out


def _offset(text: str, line: int, column: int) -> int:
    return sum(len(row) + 1 for row in text.split("\n")[: line - 1]) + column - 1


@given(documents, st.sampled_from([None, 1, 2]), st.booleans())
def test_every_json_value_starts_where_the_scanner_says(
    doc: Any, indent: int | None, ascii_only: bool
) -> None:
    text = json.dumps(doc, indent=indent, ensure_ascii=ascii_only)
    positions = json_positions(text)
    decoder = json.JSONDecoder()
    for path, value in _walk(doc):
        line, column = positions[path]
        parsed, _ = decoder.raw_decode(text, _offset(text, line, column))
        assert parsed == value


@given(
    st.dictionaries(
        st.from_regex(r"[a-z]{1,6}", fullmatch=True),
        st.lists(st.integers(), max_size=3),
        min_size=1,
        max_size=4,
    )
)
def test_yaml_positions_point_at_values(doc: dict[str, list[int]]) -> None:
    text = yaml.safe_dump(doc, default_flow_style=False)
    positions = yaml_positions(text)
    for path, value in _walk(doc):
        if isinstance(value, int) and path:
            line, column = positions[path]
            row = text.split("\n")[line - 1]
            assert row[column - 1 :].startswith(str(value))


def test_span_falls_back_to_the_nearest_ancestor() -> None:
    positions = json_positions('{"a": [\n {"b": 1}]}')
    span = span_for(positions, ("a", 0, "missing"), "f.json")
    assert span is not None and (span.file, span.line, span.column) == ("f.json", 2, 2)


def test_format_path() -> None:
    assert (
        format_path(("tables", 1, "columns", 3, "rule", "type")) == "tables[1].columns[3].rule.type"
    )
    assert format_path(()) == "<root>"
