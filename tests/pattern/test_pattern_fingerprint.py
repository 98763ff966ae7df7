"""Golden fingerprints: pattern values and permutations change only with a version bump.

Regenerate with ``pytest tests/pattern --update-golden`` after a deliberate
change, and bump ``PATTERN_VERSION`` (or the permutation's ``ROUNDS``) with it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from testdatagen.engine.permutation import ROUNDS, KeyedPermutation
from testdatagen.engine.rng import RNG_VERSION, Stream
from testdatagen.providers.pattern import PATTERN_VERSION, compile_pattern

GOLDEN = Path(__file__).parent / "golden" / "fingerprints.json"
PATTERNS = [
    r"SKU-[A-Z]{3}-\d{4}",
    r"ORD-\d{4}-[A-Z]{4}",
    r"(Mr|Mrs|Dr)\. [A-Z][a-z]{1,8}",
    r"Straße-\d{2}[α-ω]?",
    "[a-z]+[a-z0-9]{0,3}",
    "[a-z]{20}",
]


def _digest(values: list[str] | list[int]) -> str:
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()[:16]


def _fingerprints() -> dict[str, str]:
    rows = np.arange(2000)
    stream = Stream.root(42, "golden", "pattern")
    out = {"version": f"pattern {PATTERN_VERSION}, rng {RNG_VERSION}, rounds {ROUNDS}"}
    for regex in PATTERNS:
        gen = compile_pattern(regex)
        out[f"random {regex}"] = _digest(gen.generate(stream, rows).to_pylist())
        out[f"unique {regex}"] = _digest(gen.unique(stream, rows).to_pylist())
    for domain in (1000, 10**9, 2**62):
        image = KeyedPermutation(42, domain).apply(rows % domain)
        out[f"permutation {domain}"] = _digest(image.tolist())
    return out


def test_fingerprints_match_the_golden_file(update_golden: bool) -> None:
    current = _fingerprints()
    if update_golden:
        GOLDEN.write_text(json.dumps(current, indent=2, ensure_ascii=False) + "\n")
    assert json.loads(GOLDEN.read_text()) == current
