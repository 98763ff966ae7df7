"""Regressions for QA's 'check says ok but the data is wrong' reports, one test per bug."""

from __future__ import annotations

from pathlib import Path

from testdatagen.language.api import analyze_text, check_file
from testdatagen.language.printer import print_project


def _codes(text: str) -> list[str]:
    return [d.code for d in analyze_text(text).diagnostics]


def test_decimal_default_range_fits_without_bounds() -> None:
    assert "TDG210" not in _codes("schema S { table t { a decimal(4,2) } }")


def test_integer_max_beyond_int32_is_an_error() -> None:
    assert "TDG210" in _codes("schema S { table t { a integer [min: 0, max: 3000000000] } }")


def test_sequential_start_alone_checked_without_generate_block() -> None:
    text = "schema S { table t { a integer [sequential(start: 3000000000)] } }"
    assert "TDG405" in _codes(text)
    assert "TDG405" not in _codes("schema S { table t { a integer [sequential(start: 5)] } }")


def test_when_on_not_null_with_default_is_fine() -> None:
    text = "schema S { table t { id integer [primary_key]  b integer [not_null, when: id > 3, default: 0] } }"
    assert "TDG406" not in _codes(text)


def test_printer_keeps_float_exponent_and_point() -> None:
    project = analyze_text(
        "schema S { table t { a float [min: 5.0, max: 1e20] } }"
    ).raise_if_errors()
    printed = print_project(project)
    assert "1e+20" in printed and "5.0" in printed
    again = analyze_text(printed).raise_if_errors()
    column = again.schemas[0].tables[0].columns[0]
    assert column.max is not None and isinstance(getattr(column.max, "value", None), float)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.tdg"
    path.write_bytes(b"\xef\xbb\xbfschema S { table t { id integer [primary_key] } }")
    assert [d for d in check_file(path) if d.is_error] == []
    assert _codes("\ufeffschema S { table t { id integer } }") == []


def test_binary_file_gives_tdg022_not_unicode_error(tmp_path: Path) -> None:
    path = tmp_path / "bin.tdg"
    path.write_bytes(b"\xff\xfe\x00binary")
    assert [d.code for d in check_file(path)] == ["TDG022"]


def test_empty_file_warns_nothing_to_generate() -> None:
    assert _codes("") == ["TDG424"]
