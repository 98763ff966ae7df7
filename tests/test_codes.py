"""Every diagnostic code the package raises is documented, once, with one title.

The tables are ``testdatagen.language.codes``, ``testdatagen.language.config.codes``
and ``testdatagen.codes`` (everything outside the language front end);
``testdatagen.codes.all_codes`` merges them for the reference generator.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from testdatagen.codes import CODES, all_codes
from testdatagen.errors import Code
from testdatagen.language.codes import CODES as LANGUAGE
from testdatagen.language.config.codes import CODES as CONFIG

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "testdatagen"
CODE_RE = re.compile(r"TDG\d{3}")

#: Codes two tables define with different titles. Empty: this table repeats no
#: language code. Raising sites that reuse a language code with another meaning
#: (TDG104, TDG105, TDG310, TDG401-403) are listed in testdatagen/codes.py.
KNOWN_CONFLICTS: list[tuple[str, str, str]] = []


def _tables() -> dict[str, list[Code]]:
    return {
        "language": list(LANGUAGE.values()),
        "config": list(CONFIG),
        "testdatagen.codes": list(CODES.values()),
    }


def _used_codes() -> dict[str, list[str]]:
    """Every string literal that is exactly a code, with where it appears."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and CODE_RE.fullmatch(node.value)
            ):
                where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                found.setdefault(node.value, []).append(where)
    return found


def test_scan_finds_codes() -> None:
    used = _used_codes()
    assert {"TDG000", "TDG001", "TDG002", "TDG010", "TDG700"} <= set(used)


def test_every_used_code_is_documented() -> None:
    documented = all_codes()
    missing = {
        code: sites for code, sites in sorted(_used_codes().items()) if code not in documented
    }
    assert not missing, "undocumented codes (add them to a codes table):\n" + "\n".join(
        f"{code}: {', '.join(sites)}" for code, sites in missing.items()
    )


def test_no_code_has_two_titles() -> None:
    seen: dict[str, tuple[str, str]] = {}
    conflicts: list[tuple[str, str, str]] = []
    for table, codes in _tables().items():
        for code in codes:
            if code.code in seen and seen[code.code][1] != code.title:
                conflicts.append((code.code, seen[code.code][0], table))
            seen.setdefault(code.code, (table, code.title))
    assert conflicts == KNOWN_CONFLICTS


def test_codes_are_well_formed() -> None:
    for table, codes in _tables().items():
        for code in codes:
            assert re.fullmatch(r"^TDG\d{3}$", code.code), (table, code.code)
            assert code.title, (table, code.code)
    for key, code in CODES.items():
        assert key == code.code
        assert code.explanation, key


def test_tables_have_no_duplicate_entries() -> None:
    for table, codes in _tables().items():
        names = [c.code for c in codes]
        assert len(names) == len(set(names)), table


def test_own_table_is_sorted_and_covers_exception_defaults() -> None:
    assert list(CODES) == sorted(CODES)
    assert {"TDG000", "TDG001", "TDG002", "TDG500", "TDG600", "TDG650", "TDG900"} <= set(CODES)


def test_all_codes_merges_the_three_tables() -> None:
    merged = all_codes()
    assert list(merged) == sorted(merged)
    expected = {c.code for codes in _tables().values() for c in codes}
    assert set(merged) == expected


def test_codes_module_is_import_light() -> None:
    tree = ast.parse((PACKAGE / "codes.py").read_text(encoding="utf-8"))
    top_level: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            top_level |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            top_level.add(node.module)
    assert top_level <= {"__future__", "testdatagen.errors"}, top_level
