"""Vendored packs: pinned hashes, clear errors, fallbacks, frequency weighting."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from testdatagen.engine.rng import Stream
from testdatagen.errors import InputError
from testdatagen.model.catalog import LOCALES
from testdatagen.providers.packs import PackIntegrityError, PackStore, get_pack

DATA = Path(__file__).resolve().parents[2] / "src" / "testdatagen" / "providers" / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def test_manifest_pins_every_pack_and_records_sources() -> None:
    manifest = json.loads((DATA / "manifest.json").read_text())
    assert set(manifest["files"]) == {f"{loc}/pack.json.gz" for loc in [*LOCALES, "common"]}
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == digest
    assert {"faker", "mimesis"} <= set(manifest["sources"])
    assert "MIT" in manifest["licence"]
    assert "Permission is hereby granted" in (DATA / "LICENSES.md").read_text()


def test_packs_are_small() -> None:
    total = sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file())
    assert total < 3_000_000


def test_tampered_pack_is_refused(data_copy: Path) -> None:
    path = data_copy / "de_DE" / "pack.json.gz"
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))
    store = PackStore(data_copy)
    store.load("en_US")  # untouched packs still load
    with pytest.raises(PackIntegrityError) as err:
        store.load("de_DE")
    assert err.value.diagnostics[0].code == "TDG950"
    assert "de_DE/pack.json.gz" in str(err.value)
    assert err.value.diagnostics[0].hint


def test_missing_pack_is_a_clear_error(data_copy: Path) -> None:
    (data_copy / "fr_FR" / "pack.json.gz").unlink()
    with pytest.raises(PackIntegrityError, match="not installed"):
        PackStore(data_copy).load("fr_FR")


def test_edited_content_with_recomputed_gzip_is_still_refused(data_copy: Path) -> None:
    path = data_copy / "es_ES" / "pack.json.gz"
    payload = json.loads(gzip.decompress(path.read_bytes()))
    payload["last_names"]["values"][0] = "Tampered"
    path.write_bytes(gzip.compress(json.dumps(payload).encode(), mtime=0))
    with pytest.raises(PackIntegrityError):
        PackStore(data_copy).load("es_ES")


def test_unknown_locale_suggests_a_close_one() -> None:
    with pytest.raises(InputError) as err:
        get_pack("de_AT")
    assert err.value.diagnostics[0].code == "TDG103"
    assert "de_DE" in (err.value.diagnostics[0].hint or "")


def test_missing_entries_fall_back_to_en_us() -> None:
    ja = get_pack("ja_JP")
    assert not ja.has("prefixes_male")
    assert ja.raw("prefixes_male") == get_pack("en_US").raw("prefixes_male")


def test_packs_load_once_and_cache_choices() -> None:
    pack = get_pack("fr_FR")
    assert get_pack("fr_FR") is pack
    assert pack.choice("last_names") is pack.choice("last_names")


@pytest.mark.parametrize("key", ["first_names", "last_names"])
def test_frequency_weighting_matches_the_pack(key: str) -> None:
    """Observed counts of the 20 most likely values stay within 5 standard
    deviations of n·p (binomial), over 400k draws: a loose chi-square-like bound
    that still fails if weights were ignored (uniform picks)."""
    pack = get_pack("en_US")
    choice = pack.choice(key)
    n = 400_000
    idx = choice.index(Stream.root(5, "weights"), np.arange(n, dtype=np.int64))
    counts = np.bincount(idx, minlength=len(choice))
    p = choice.probabilities
    top = np.argsort(p)[-20:]
    expected = n * p[top]
    sd = np.sqrt(n * p[top] * (1 - p[top]))
    assert np.all(np.abs(counts[top] - expected) < 5 * sd)
    uniform = n / len(choice)
    assert counts[top].mean() > 3 * uniform  # weights really matter for these lists
