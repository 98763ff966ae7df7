"""Public functions: clean examples, check_file never raises for input problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from testdatagen.errors import InputError
from testdatagen.language import check_file, format_text, load_file, load_text
from testdatagen.language.api import check_text


@pytest.mark.parametrize("name", ["shop.tdg", "common.tdg"])
def test_examples_check_clean(examples_dir: Path, name: str) -> None:
    assert check_file(examples_dir / name) == []


def test_shared_benchmark_checks_clean(shared_dir: str) -> None:
    path = Path(shared_dir) / "bench" / "shop.tdg"
    if not path.exists():
        pytest.skip(f"{path} is not checked out beside the repository")
    assert check_file(path) == []
    assert load_file(path).schemas[0].name == "Bench"


def test_check_file_reports_a_missing_file(tmp_path: Path) -> None:
    diagnostics = check_file(tmp_path / "nope.tdg")
    assert [d.code for d in diagnostics] == ["TDG020"]


def test_load_file_raises_input_error_for_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_file(tmp_path / "nope.tdg")


def test_warnings_do_not_stop_loading() -> None:
    text = "schema S { table t { cc string(1) [format: country_code] } }"
    assert [(d.code, d.severity.value) for d in check_text(text)] == [("TDG204", "warning")]
    assert load_text(text).schemas[0].table("t").column("cc").type.length == 1


def test_syntax_errors_skip_semantic_checks() -> None:
    diagnostics = check_text("schema S { table t { a varchar [min = 1] } }")
    assert [d.code for d in diagnostics] == ["TDG016"]


def test_format_text_is_exported(shop_text: str) -> None:
    assert format_text(shop_text).startswith("// shop.tdg\nimport 'common.tdg'")
