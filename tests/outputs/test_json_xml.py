"""JSON, JSONL and XML read back by json and ElementTree equal the data, typed."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.engine.dataset import ArrowDataset
from testdatagen.errors import OutputError
from testdatagen.outputs.files.xml import xml_escape

from .conftest import Write, from_text, rich_schema

XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


def typed(record: dict[str, Any], schema: pa.Schema) -> dict[str, Any]:
    """JSON values as the Python values of their Arrow types (dates, decimals from strings)."""
    out = {}
    for field in schema:
        value = record[field.name]
        if isinstance(value, str) and not pa.types.is_string(field.type):
            value = from_text(value, field.type)
        elif pa.types.is_decimal(field.type) and value is not None:
            value = Decimal(str(value))
        out[field.name] = value
    return out


@pytest.mark.parametrize("kind", ["json", "jsonl"])
def test_json_round_trip(write: Write, table: pa.Table, kind: str) -> None:
    path = Path(write(kind).items[0].location)
    text = path.read_text(encoding="utf-8")
    records = json.loads(text) if kind == "json" else [json.loads(x) for x in text.split("\n")[:-1]]
    assert [typed(r, table.schema) for r in records] == table.to_pylist()
    assert isinstance(records[0]["id"], int) and isinstance(records[0]["price"], str)
    assert records[0]["born"] == "1900-01-01" and records[0]["at"].endswith("Z")


def test_json_decimals_as_numbers(write: Write, table: pa.Table) -> None:
    path = Path(write("jsonl", decimals="number").items[0].location)
    first = json.loads(path.read_text().splitlines()[0], parse_float=Decimal)
    assert first["price"] == Decimal("1234567890.12")


def test_json_single_file_with_several_tables_is_an_object_of_arrays(
    write: Write, table: pa.Table
) -> None:
    result = write("json", file="all.json")
    document = json.loads(Path(result.items[0].location).read_text())
    assert list(document) == ["things", "other"]
    assert [typed(r, table.schema) for r in document["other"]] == table.slice(2, 7).to_pylist()


def test_empty_table_is_an_empty_array(tmp_path: Path, write: Write) -> None:
    empty = rich_schema()
    data = ArrowDataset(empty, {"t": pa.table({"a": pa.array([], pa.int64())})})
    path = Path(write("json", data=data).items[0].location)
    assert json.loads(path.read_text()) == []


def test_json_escapes_control_characters_and_non_finite_floats(write: Write) -> None:
    strings = ["\x00\x01\x1f", 'back\\slash "q"', "\u2028line sep", None]
    floats = [math.nan, math.inf, -math.inf, 1.5]
    data = ArrowDataset(rich_schema(), {"t": pa.table({"s": strings, "f": floats})})
    path = Path(write("jsonl", data=data).items[0].location)
    rows = [json.loads(line) for line in path.read_text().split("\n")[:-1]]
    assert [r["s"] for r in rows] == strings
    assert [r["f"] for r in rows] == [None, None, None, 1.5]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text()), min_size=1, max_size=15))
def test_any_text_is_valid_json(values: list[str | None]) -> None:
    from testdatagen.outputs.files.json import json_values

    rendered = json_values(pa.array(values, pa.string())).to_pylist()
    assert [json.loads(v) for v in rendered] == values


def xml_rows(path: Path, table_element: str = "things") -> list[ET.Element]:
    root = ET.parse(path).getroot()
    element = root.find(table_element)
    assert element is not None
    return list(element)


def xml_value(row: ET.Element, name: str, attributes: bool) -> str | None:
    if attributes:
        return row.get(name)
    child = row.find(name)
    if child is None or child.get(XSI_NIL) == "true":
        return None
    return child.text or ""


@pytest.mark.parametrize(
    "options",
    [{}, {"nulls": "nil"}, {"columns": "attributes"}, {"root_element": "data", "row_element": "r"}],
)
def test_xml_round_trip(write: Write, table: pa.Table, options: dict[str, str]) -> None:
    path = Path(write("xml", **options).items[0].location)
    attributes = options.get("columns") == "attributes"
    rows = xml_rows(path)
    assert all(r.tag == options.get("row_element", "row") for r in rows)
    back = [
        {f.name: from_text(xml_value(r, f.name, attributes), f.type) for f in table.schema}
        for r in rows
    ]
    assert back == table.to_pylist()


def test_xml_nil_marks_nulls(write: Write) -> None:
    path = Path(write("xml", nulls="nil").items[0].location)
    third = xml_rows(path)[2]
    assert third.find("id") is not None and third.find("id").get(XSI_NIL) == "true"  # type: ignore[union-attr]


def test_xml_table_element_with_name_attribute_and_single_file(write: Write) -> None:
    path = Path(write("xml", file="d.xml", table_element="table").items[0].location)
    root = ET.parse(path).getroot()
    assert [(t.tag, t.get("name"), len(t)) for t in root] == [
        ("table", "things", 12),
        ("table", "other", 7),
    ]


def test_xml_replaces_forbidden_control_characters(write: Write) -> None:
    data = ArrowDataset(
        rich_schema(), {"things": pa.table({"s": ["a\x00b\x1bc", "tab\tcr\rnl\n"]})}
    )
    for columns in ("elements", "attributes"):
        path = Path(write("xml", data=data, columns=columns).items[0].location)
        values = [xml_value(r, "s", columns == "attributes") for r in xml_rows(path)]
        assert values == ["a\ufffdb\ufffdc", "tab\tcr\rnl\n"]


@pytest.mark.parametrize(
    "bad",
    [{"row_element": "1row"}, {"root_element": "a b"}, {"nulls": "nil", "columns": "attributes"}],
)
def test_xml_bad_names_are_user_errors(write: Write, bad: dict[str, str]) -> None:
    with pytest.raises(OutputError):
        write("xml", **bad)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8")), min_size=1, max_size=10))
def test_escaped_xml_text_parses_back(values: list[str]) -> None:
    forbidden = {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {"\ufffe", "\uffff"}
    expected = ["".join("\ufffd" if c in forbidden else c for c in v) for v in values]
    for attribute in (False, True):
        escaped = xml_escape(pa.array(values, pa.string()), attribute=attribute).to_pylist()
        for text, want in zip(escaped, expected, strict=True):
            doc = f'<a v="{text}"/>' if attribute else f"<a>{text}</a>"
            element = ET.fromstring(doc)
            got = element.get("v") if attribute else (element.text or "")
            assert got == want
