"""Output fingerprints: the same seed and version give the same values.

A change here means generated data changed for users (a rebuilt pack, a new
draw order). If intended, regenerate with ``pytest tests/providers
--update-golden`` and say so in the change notes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from testdatagen.model.catalog import FORMATS, LOCALES

from .helpers import values

GOLDEN = Path(__file__).parent / "golden" / "fingerprints.json"


def _fingerprint(name: str, locale: str, unique: bool) -> str:
    out = values(name, 300, locale=locale, seed=2024, unique=unique, total_rows=300)
    return hashlib.sha256("\x1f".join(map(repr, out)).encode()).hexdigest()[:16]


def _all() -> dict[str, str]:
    found = {}
    for name, info in FORMATS.items():
        for locale in LOCALES:
            found[f"{name}/{locale}"] = _fingerprint(name, locale, False)
            if info.uniqueable:
                found[f"{name}/{locale}/unique"] = _fingerprint(name, locale, True)
    return found


def test_fingerprints_match_golden(update_golden: bool) -> None:
    current = _all()
    if update_golden:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
    expected = json.loads(GOLDEN.read_text())
    changed = sorted(k for k in current if expected.get(k) != current[k])
    assert not changed, f"generated values changed for: {', '.join(changed[:20])}"


@pytest.mark.parametrize("locale", LOCALES)
def test_fingerprint_is_stable_within_a_process(locale: str) -> None:
    assert _fingerprint("email", locale, False) == _fingerprint("email", locale, False)
