"""The JSON/YAML config form: the same model as a .tdg file, for config-driven users.

``load_config(path)`` and ``load_config_text(text, fmt=…)`` return a checked
``Project`` or raise one ``InputError`` carrying every diagnostic (TDG7xx),
each naming its JSON path and, where known, its line and column.
"""

from __future__ import annotations

from testdatagen.language.config.load import ConfigFormat, load_config, load_config_text

__all__ = ["ConfigFormat", "load_config", "load_config_text"]
