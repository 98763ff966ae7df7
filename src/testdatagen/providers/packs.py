"""Vendored locale value packs: lazy loading, sha256 pinning, cached arrays.

Packs are built once by ``scripts/build_value_packs.py`` and shipped as
gzip JSON under ``providers/data/<locale>/``. At run time we read only these
files, and only after their bytes match the sha256 in ``manifest.json``: a
silently edited or truncated pack would change every generated value, so a
mismatch is an error, never a warning. Each list is turned into an Arrow
array plus an alias table once per process, so a draw costs two
lookups and a ``take``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.engine.rng import Stream
from testdatagen.errors import Diagnostic, InputError, TdgError
from testdatagen.model.catalog import LOCALES
from testdatagen.providers.alias import AliasTable
from testdatagen.providers.tokens import strings, take_strings

__all__ = [
    "FALLBACK_LOCALE",
    "Choice",
    "Pack",
    "PackIntegrityError",
    "PackStore",
    "get_pack",
]

T = TypeVar("T")

FALLBACK_LOCALE = "en_US"
COMMON = "common"


class PackIntegrityError(TdgError):
    """A vendored data file is missing or does not match its pinned hash."""

    exit_code = 3
    default_code = "TDG950"


@dataclass(frozen=True, slots=True)
class Choice:
    """A weighted list ready for vectorised picks (through an alias table)."""

    values: pa.Array
    table: AliasTable

    @classmethod
    def of(cls, values: list[str], weights: list[float] | None = None) -> Choice:
        w = np.ones(len(values)) if weights is None else np.asarray(weights, dtype=np.float64)
        return cls(strings(values), AliasTable.of(w))

    @property
    def probabilities(self) -> npt.NDArray[np.float64]:
        return self.table.probabilities

    def __len__(self) -> int:
        return len(self.values)

    def index(self, stream: Stream, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Frequency-weighted indices, one uniform draw per row."""
        return self.table.draw(stream.uniform(rows))

    def take(self, index: npt.NDArray[np.int64]) -> pa.Array:
        return take_strings(self.values, index)

    def pick(self, stream: Stream, rows: npt.NDArray[np.int64]) -> pa.Array:
        return self.take(self.index(stream, rows))


class Pack:
    """One locale's data; lists become cached ``Choice`` objects on first use."""

    def __init__(self, locale: str, data: dict[str, Any], fallback: Pack | None) -> None:
        self.locale = locale
        self._data = data
        self._fallback = fallback
        self._choices: dict[str, Choice] = {}
        self._derived: dict[str, Any] = {}
        self._lock = threading.RLock()

    def has(self, key: str) -> bool:
        return key in self._data

    def raw(self, key: str) -> Any:
        """A pack entry, falling back to en_US where the locale has no equivalent."""
        if key in self._data:
            return self._data[key]
        if self._fallback is not None:
            return self._fallback.raw(key)
        raise KeyError(f"value pack {self.locale!r} has no {key!r}")

    def choice(self, key: str) -> Choice:
        with self._lock:
            found = self._choices.get(key)
            if found is None:
                entry = self.raw(key)
                found = Choice.of(list(entry["values"]), list(entry["weights"]))
                self._choices[key] = found
            return found

    @property
    def conventions(self) -> dict[str, Any]:
        conv: dict[str, Any] = self._data["conventions"]
        return conv

    @cached_property
    def cities(self) -> dict[str, Any]:
        return dict(self._data["cities"])

    def cached(self, key: str, build: Callable[[], T]) -> T:
        """Memoise a derived structure (romanised names, compiled masks) per pack."""
        with self._lock:
            if key not in self._derived:
                self._derived[key] = build()
            found: T = self._derived[key]
            return found


class PackStore:
    """Loads packs from one data folder; each file at most once per process."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else Path(str(resources.files(__package__) / "data"))
        self._packs: dict[str, Pack] = {}
        self._lock = threading.RLock()

    @cached_property
    def manifest(self) -> dict[str, Any]:
        path = self.root / "manifest.json"
        if not path.is_file():
            raise PackIntegrityError(_diag(f"value pack manifest missing: {path}"))
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return loaded

    def load(self, locale: str) -> Pack:
        with self._lock:
            pack = self._packs.get(locale)
            if pack is None:
                if locale != COMMON and locale not in LOCALES:
                    raise _unknown_locale(locale)
                fallback = (
                    None if locale in (FALLBACK_LOCALE, COMMON) else self.load(FALLBACK_LOCALE)
                )
                pack = Pack(locale, self._read(locale), fallback)
                self._packs[locale] = pack
            return pack

    def _read(self, locale: str) -> dict[str, Any]:
        name = f"{locale}/pack.json.gz"
        pinned = self.manifest.get("files", {}).get(name)
        path = self.root / name
        if pinned is None or not path.is_file():
            raise PackIntegrityError(_diag(f"value pack {name} is not installed ({path})"))
        data = path.read_bytes()
        actual = hashlib.sha256(data).hexdigest()
        if actual != pinned:
            raise PackIntegrityError(
                _diag(f"value pack {name} does not match its pinned sha256 (got {actual[:12]}…)")
            )
        loaded: dict[str, Any] = json.loads(gzip.decompress(data).decode("utf-8"))
        return loaded


def _diag(message: str) -> list[Diagnostic]:
    hint = "reinstall testdatagen, or rebuild with scripts/build_value_packs.py"
    return [Diagnostic(code="TDG950", message=message, hint=hint)]


def _unknown_locale(locale: str) -> InputError:
    import difflib

    close = difflib.get_close_matches(locale, list(LOCALES), n=1)
    hint = f"did you mean {close[0]!r}?" if close else "locales: " + ", ".join(LOCALES)
    return InputError([Diagnostic(code="TDG103", message=f"unknown locale {locale!r}", hint=hint)])


_DEFAULT: PackStore | None = None


def get_pack(locale: str) -> Pack:
    """The pack of ``locale`` from the installed data (``'common'`` for shared lists)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = PackStore()
    return _DEFAULT.load(locale)
