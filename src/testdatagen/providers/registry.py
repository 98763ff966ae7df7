"""Format name → provider, for built-ins and plugins.

Built-in providers are registered when their modules are imported (the
``@vector`` decorator); plugins are found once, lazily, through the entry
point group ``testdatagen.providers``. An entry point names either a module
whose import registers its formats, or a callable run once with no
arguments that does so; either way it calls ``register_provider`` with a
``FormatInfo`` so the language accepts the new name.
"""

from __future__ import annotations

import difflib
import importlib
import threading
from importlib.metadata import entry_points

import numpy as np

from testdatagen.errors import Diagnostic, InputError, TdgError
from testdatagen.model.catalog import FORMATS, FormatInfo, register_format
from testdatagen.providers.base import FormatProvider, FormatRequest
from testdatagen.providers.define import BUILTINS

__all__ = [
    "ENTRY_POINT_GROUP",
    "PluginError",
    "get_provider",
    "is_per_value",
    "load_plugins",
    "provider_names",
    "register_provider",
    "sample",
]

ENTRY_POINT_GROUP = "testdatagen.providers"
_MODULES = ("person", "internet", "address", "company", "finance", "text", "misc")
_EXTRA: dict[str, FormatProvider] = {}
_lock = threading.RLock()
_state = {"builtins": False, "plugins": False}


class PluginError(TdgError):
    """A provider plugin could not be loaded."""

    exit_code = 3
    default_code = "TDG960"


def _load_builtins() -> None:
    with _lock:
        if not _state["builtins"]:
            for module in _MODULES:
                importlib.import_module(f"testdatagen.providers.{module}")
            _state["builtins"] = True


def load_plugins() -> None:
    """Import every ``testdatagen.providers`` entry point, once per process."""
    with _lock:
        if _state["plugins"]:
            return
        _state["plugins"] = True
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            try:
                loaded = ep.load()
                if callable(loaded):
                    loaded()
            except TdgError:
                raise
            except Exception as exc:
                raise PluginError(
                    [
                        Diagnostic(
                            code="TDG960",
                            message=f"provider plugin {ep.name!r} ({ep.value}) failed to load: {exc}",
                            hint="fix or uninstall the plugin package",
                        )
                    ]
                ) from exc


def register_provider(provider: FormatProvider, info: FormatInfo | None = None) -> None:
    """Add or replace the provider of ``provider.name`` (and its catalog entry)."""
    with _lock:
        if info is not None:
            register_format(info)
        _EXTRA[provider.name] = provider


def _all() -> dict[str, FormatProvider]:
    _load_builtins()
    load_plugins()
    merged: dict[str, FormatProvider] = dict(BUILTINS)
    merged.update(_EXTRA)
    return merged


def get_provider(name: str) -> FormatProvider:
    providers = _all()
    found = providers.get(name)
    if found is None:
        close = difflib.get_close_matches(name, list(providers), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "run `tdg formats` for the list"
        raise InputError([Diagnostic(code="TDG101", message=f"unknown format {name!r}", hint=hint)])
    return found


def provider_names() -> list[str]:
    """Every format with a provider, catalog order first, then plugin additions."""
    providers = _all()
    ordered = [n for n in FORMATS if n in providers]
    return ordered + sorted(set(providers) - set(ordered))


def is_per_value(name: str) -> bool:
    """True when the format runs a Python function per row (see ``fallback``)."""
    return bool(getattr(get_provider(name), "per_value", False))


def sample(name: str, locale: str = "en_US", n: int = 5, seed: int = 0) -> list[str]:
    """A few example values as text (``tdg formats``)."""
    request = FormatRequest(seed=seed, table="sample", column=name, locale=locale)
    values = get_provider(name).generate(request, np.arange(n, dtype=np.int64))
    return [str(v) for v in values.to_pylist()]
