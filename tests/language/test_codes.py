"""Diagnostic codes: every code the front end emits is declared, and the corpus covers them."""

from __future__ import annotations

import re

from testdatagen.language.codes import CODES, code

from .conftest import REPO

SRC = REPO / "src" / "testdatagen" / "language"
FIXTURES = REPO / "tests" / "fixtures" / "errors"
#: The code table itself, and the printer/converter (another owner, 6xx/7xx codes).
_NOT_OURS = {"codes.py", "reference.py", "convert.py", "printer.py"}


def _emitted() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        if path.name in _NOT_OURS or "config" in path.parts:
            continue
        found |= set(re.findall(r'"(TDG\d{3})"', path.read_text(encoding="utf-8")))
    return found


def test_every_emitted_code_is_declared() -> None:
    assert _emitted() - set(CODES) == set()


def test_codes_sit_in_their_ranges() -> None:
    for name in CODES:
        assert re.fullmatch(r"TDG[0-4]\d\d", name)


def test_golden_corpus_covers_every_emitted_code() -> None:
    expected = "".join(p.read_text(encoding="utf-8") for p in FIXTURES.glob("*.expected"))
    missing = {c for c in _emitted() if f"[{c}]" not in expected}
    assert missing <= {"TDG022"}, f"add fixtures for {sorted(missing)}"


def test_code_helper_rejects_typos() -> None:
    assert code("TDG101") == "TDG101"
    try:
        code("TDG999")
    except KeyError:
        return
    raise AssertionError("TDG999 should be rejected")
