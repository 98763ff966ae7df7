"""Stable diagnostic codes of the JSON/YAML config form (the 7xx block).

One table, so the generated reference page and the tests read the same list.
"""

from __future__ import annotations

from testdatagen.errors import Code

__all__ = ["CODES", "TDG700", "TDG701", "TDG702", "TDG703", "TDG704", "TDG705", "TDG706"]
__all__ += ["TDG707", "TDG708", "TDG709", "TDG710", "TDG711", "TDG712", "TDG713"]

TDG700 = Code("TDG700", "config syntax error", "The file is not valid JSON or YAML.")
TDG701 = Code(
    "TDG701",
    "invalid config value",
    "A key is missing, unknown, or holds a value of the wrong kind.",
)
TDG702 = Code("TDG702", "unknown rule type", "A column's `rule.type` names no rule or format.")
TDG703 = Code("TDG703", "unknown column type", "A column's `type` names no type or enum.")
TDG704 = Code(
    "TDG704", "unknown table or column", "A foreign key, key or check names nothing declared."
)
TDG705 = Code(
    "TDG705", "bad probabilities", "Choice probabilities must match the values and sum to 1."
)
TDG706 = Code(
    "TDG706",
    "data file problem",
    "A choice_from_file file is missing, unreadable, or lacks the named column or sheet.",
)
TDG707 = Code("TDG707", "bad expression", "A check, compute or bound is not a valid expression.")
TDG708 = Code(
    "TDG708", "conflicting settings", "Two settings of one column or table contradict each other."
)
TDG709 = Code("TDG709", "duplicate name", "Two tables, columns or enums share a name.")
TDG710 = Code(
    "TDG710",
    "not expressible as config",
    "The model uses a construct the config form cannot hold (e.g. several schemas).",
)
TDG711 = Code("TDG711", "bad rule for type", "The rule cannot produce values of the column's type.")
TDG712 = Code("TDG712", "unknown distribution", "A distribution names no known distribution.")
TDG713 = Code("TDG713", "unsupported file type", "Conversion picks the form by extension.")

CODES: tuple[Code, ...] = (
    TDG700,
    TDG701,
    TDG702,
    TDG703,
    TDG704,
    TDG705,
    TDG706,
    TDG707,
    TDG708,
    TDG709,
    TDG710,
    TDG711,
    TDG712,
    TDG713,
)
