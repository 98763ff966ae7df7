"""Typed reading of ``OutputSpec.options``: wrong names and values fail early and clearly.

Options arrive as loose scalars from a ``.tdg`` file, a config or the CLI. A
writer declares what it accepts; anything else is a user error reported
before a single byte is written, with a did-you-mean for misspellings.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from testdatagen.errors import Diagnostic, OutputError
from testdatagen.model.expr import Scalar

__all__ = ["OptionReader", "did_you_mean", "output_error"]

#: Stable codes of the file outputs (6xx: outputs and databases).
UNKNOWN_KIND = "TDG601"
BAD_OPTION = "TDG602"
WRITE_FAILED = "TDG603"
ROW_LIMIT = "TDG604"
UNAVAILABLE = "TDG605"
BAD_VALUE = "TDG606"
BAD_TARGET = "TDG607"


def did_you_mean(name: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest choice, or listing all when nothing is close."""
    options = sorted(choices)
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"expected one of: {', '.join(options)}" if options else None


def output_error(code: str, message: str, hint: str | None = None) -> OutputError:
    return OutputError([Diagnostic(code, message, hint=hint)])


@dataclass(frozen=True, slots=True)
class OptionReader:
    """Reads one output's options; ``known`` lists every name the writer accepts."""

    kind: str
    options: Mapping[str, Scalar]
    known: frozenset[str]

    def check_names(self) -> None:
        for name in self.options:
            if name not in self.known:
                raise output_error(
                    BAD_OPTION,
                    f"output '{self.kind}' has no option '{name}'",
                    did_you_mean(name, self.known),
                )

    def _bad(self, name: str, expected: str) -> OutputError:
        value = self.options[name]
        return output_error(
            BAD_OPTION,
            f"option '{name}' of output '{self.kind}' expects {expected}, got {value!r}",
        )

    def string(self, name: str, default: str) -> str:
        value = self.options.get(name, default)
        if not isinstance(value, str):
            raise self._bad(name, "a string")
        return value

    def optional_string(self, name: str) -> str | None:
        if self.options.get(name) is None:
            return None
        return self.string(name, "")

    def choice(self, name: str, default: str, choices: Iterable[str]) -> str:
        allowed = tuple(choices)
        value = self.string(name, default).lower()
        if value not in allowed:
            raise output_error(
                BAD_OPTION,
                f"option '{name}' of output '{self.kind}' cannot be {value!r}",
                did_you_mean(value, allowed),
            )
        return value

    def char(self, name: str, default: str) -> str:
        value = self.string(name, default)
        if len(value) != 1:
            raise self._bad(name, "exactly one character")
        return value

    def boolean(self, name: str, default: bool) -> bool:
        value = self.options.get(name, default)
        if isinstance(value, str) and value.lower() in ("true", "false", "yes", "no"):
            return value.lower() in ("true", "yes")
        if not isinstance(value, bool):
            raise self._bad(name, "true or false")
        return value

    def integer(self, name: str, default: int, *, minimum: int = 1) -> int:
        value = self.options.get(name, default)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self._bad(name, f"an integer of at least {minimum}")
        return value
