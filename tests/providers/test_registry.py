"""The registry: lookups, samples, plugins, and the per-value fallback."""

from __future__ import annotations

import sys
import types
from importlib.metadata import EntryPoint

import numpy as np
import pyarrow as pa
import pytest

from testdatagen.errors import InputError
from testdatagen.model.catalog import FORMATS, FormatInfo
from testdatagen.providers import registry
from testdatagen.providers.base import FormatRequest
from testdatagen.providers.fallback import PerValueProvider, faker_method


def test_unknown_format_suggests_the_closest() -> None:
    with pytest.raises(InputError) as err:
        registry.get_provider("emial")
    diag = err.value.diagnostics[0]
    assert diag.code == "TDG101" and "email" in (diag.hint or "")


def test_sample_is_deterministic_text() -> None:
    first = registry.sample("email", locale="de_DE", n=4, seed=3)
    assert first == registry.sample("email", locale="de_DE", n=4, seed=3)
    assert len(first) == 4 and all("@" in v for v in first)
    assert registry.sample("latitude", n=2)[0].replace(".", "").lstrip("-").isdigit()


def test_builtins_are_vectorised() -> None:
    assert not any(registry.is_per_value(name) for name in FORMATS)


def test_plugins_load_once_from_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    module = types.ModuleType("tdg_test_plugin")

    def register() -> None:
        calls.append("x")
        provider = PerValueProvider("shoe_size", lambda rng, req: rng.randint(36, 47))
        registry.register_provider(provider, FormatInfo("shoe_size", "EU shoe size", "misc"))

    module.register = register  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tdg_test_plugin", module)
    ep = EntryPoint("shoes", "tdg_test_plugin:register", registry.ENTRY_POINT_GROUP)
    monkeypatch.setattr(registry, "entry_points", lambda group: [ep] if group == ep.group else [])
    monkeypatch.setitem(registry._state, "plugins", False)
    monkeypatch.setattr(registry, "_EXTRA", {})
    monkeypatch.setitem(FORMATS, "shoe_size", FORMATS["color"])  # restored after the test
    try:
        assert "shoe_size" in registry.provider_names()
        registry.provider_names()
        assert calls == ["x"]
        assert registry.is_per_value("shoe_size")
        assert FORMATS["shoe_size"].summary == "EU shoe size"
        assert all(36 <= int(v) <= 47 for v in registry.sample("shoe_size", n=20))
    finally:
        registry._state["plugins"] = True


def test_broken_plugin_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    ep = EntryPoint("broken", "tdg_no_such_module_xyz:register", registry.ENTRY_POINT_GROUP)
    monkeypatch.setattr(registry, "entry_points", lambda group: [ep])
    monkeypatch.setitem(registry._state, "plugins", False)
    with pytest.raises(registry.PluginError) as err:
        registry.load_plugins()
    assert "broken" in str(err.value)
    registry._state["plugins"] = True


def test_per_value_provider_is_pure_per_row() -> None:
    provider = faker_method("catch_phrase", "catch_phrase")
    req = FormatRequest(seed=1, table="t", column="c", locale="en_US")
    whole = provider.generate(req, np.arange(20, dtype=np.int64))
    part = provider.generate(req, np.arange(10, 20, dtype=np.int64))
    assert whole.type == pa.string()
    assert whole.slice(10).equals(part)
    assert len(set(whole.to_pylist())) > 10
