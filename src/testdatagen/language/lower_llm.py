"""``llm(prompt: '…', …)``: values from a language model, the column's strategy as fallback.

The setting is a call with named arguments, like ``sequential(start: 1)``. It
is not a strategy of its own for the one-strategy rule: the column's format,
pattern or choice (or none) is what the engine falls back to when the
endpoint is unreachable or the cost limit is hit, so both are written side by
side: ``[llm(prompt: 'A product review'), format: sentence]``.
"""

from __future__ import annotations

import difflib
from typing import Any

from testdatagen.language import ast
from testdatagen.language.lower_values import number_of
from testdatagen.model import ChoiceGen, FormatGen, Lit, LlmGen, PatternGen

__all__ = ["LLM_ARGUMENTS", "attach_llm", "read_llm"]

#: Named arguments of llm(…) and what each holds.
LLM_ARGUMENTS: dict[str, str] = {
    "prompt": "what to ask for, one value per row (required)",
    "model": "model name, e.g. 'gpt-4o-mini'",
    "endpoint": "base URL of an OpenAI-compatible API",
    "cache": "directory of the answer cache",
    "max_cost_usd": "stop asking (and fall back) beyond this cost",
}
_HINT = "write llm(prompt: 'A short product review', model: 'gpt-4o-mini', max_cost_usd: 1.5)"


def read_llm(setting: ast.Setting, bad: Any) -> dict[str, Any] | None:
    """The LlmGen fields written in ``setting``; ``bad(setting, message, hint)`` reports."""
    if not setting.call or setting.args:
        bad(setting, "llm takes named arguments", _HINT)
        return None
    fields: dict[str, Any] = {}
    for key, arg in setting.kwargs:
        value = _argument(key, arg)
        if isinstance(value, str) and key not in LLM_ARGUMENTS:
            close = difflib.get_close_matches(key, list(LLM_ARGUMENTS), n=1)
            bad(setting, f"llm has no argument '{key}'" + (f" — did you mean '{close[0]}'?" if close else ""),
                "arguments: " + ", ".join(LLM_ARGUMENTS))  # fmt: skip
        elif value is None:
            kind = "a number ≥ 0" if key == "max_cost_usd" else "a string"
            bad(setting, f"llm {key} needs {kind}", _HINT)
        else:
            fields[key] = value
    if "prompt" not in fields:
        bad(setting, "llm needs a prompt", _HINT)
        return None
    return fields


def _argument(key: str, arg: object) -> str | float | None:
    if key not in LLM_ARGUMENTS:
        return key
    if key == "max_cost_usd":
        n = number_of(arg)
        return float(n) if n is not None and n >= 0 else None
    if isinstance(arg, Lit) and isinstance(arg.value, str) and arg.unit is None:
        return arg.value
    return None


def attach_llm(fields: dict[str, Any], generator: object) -> LlmGen | str:
    """The LlmGen around ``generator``, or the name of a strategy that cannot be a fallback."""
    if generator is None or isinstance(generator, FormatGen | PatternGen | ChoiceGen):
        return LlmGen(**fields, fallback=generator)
    return str(getattr(generator, "strategy", "this strategy"))
