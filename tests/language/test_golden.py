"""Golden corpus: each wrong file beside the diagnostics it must produce.

``pytest --update-golden`` rewrites the ``.expected`` files; review them as
diffs. Independently of the golden text, each file's first line names the
codes it must raise (``// expect: TDG101``), so a golden file cannot quietly
record the wrong finding.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from testdatagen.language.api import analyze_text
from testdatagen.language.render import render_diagnostics

ERRORS = Path(__file__).parent.parent / "fixtures" / "errors"
CASES = sorted(ERRORS.glob("*.tdg"))


def _render(path: Path) -> tuple[str, list[str]]:
    text = path.read_text(encoding="utf-8")
    analysis = analyze_text(text, filename=path.name, base_dir=path.parent)
    codes = [d.code for d in analysis.diagnostics]
    return render_diagnostics(analysis.diagnostics, analysis.sources), codes


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 45


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_golden(path: Path, update_golden: bool) -> None:
    rendered, codes = _render(path)
    header = path.read_text(encoding="utf-8").splitlines()[0]
    expected_codes = re.findall(r"TDG\d{3}", header)
    assert expected_codes, f"{path.name} must start with // expect: TDGnnn"
    for code in expected_codes:
        assert code in codes, f"{path.name}: expected {code}, got {codes}"
    golden = path.with_suffix(".expected")
    if update_golden:
        golden.write_text(rendered, encoding="utf-8")
        return
    assert golden.exists(), f"run pytest --update-golden to create {golden.name}"
    assert rendered == golden.read_text(encoding="utf-8")
