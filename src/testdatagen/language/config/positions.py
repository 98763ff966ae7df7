"""Where each value of a JSON or YAML document starts, keyed by its path.

Validation errors name a path (``tables[1].columns[3].rule.type``); these maps
turn it into a line and column. YAML exposes node marks through ``compose``;
for JSON a small scanner walks the text once (the decoder keeps no positions).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import yaml

from testdatagen.errors import Diagnostic, Span
from testdatagen.language.config.codes import TDG700

__all__ = ["ConfigSyntaxError", "Path", "PositionMap", "format_path", "json_positions"]
__all__ += ["load_json", "load_yaml", "yaml_positions"]

Path = tuple[str | int, ...]
PositionMap = dict[Path, tuple[int, int]]

_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_WS = re.compile(r"[ \t\n\r]*")
_LITERALS = ("true", "false", "null")


class ConfigSyntaxError(Exception):
    """Raised by the loaders; carries a ready diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def format_path(path: Sequence[str | int]) -> str:
    """``("tables", 1, "name")`` → ``tables[1].name``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "<root>"


def span_for(positions: PositionMap, path: Sequence[str | int], file: str | None) -> Span | None:
    """The span of ``path`` or of its nearest present ancestor (a missing key's object)."""
    parts = tuple(path)
    while True:
        if parts in positions:
            line, column = positions[parts]
            return Span(file, line, column)
        if not parts:
            return None
        parts = parts[:-1]


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


class _JsonScanner:
    """Records the start of every value; the text is already known to be valid JSON."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.positions: PositionMap = {}
        self.duplicate: tuple[str, int, int] | None = None

    def skip(self, i: int) -> int:
        match = _WS.match(self.text, i)
        return match.end() if match else i

    def string(self, i: int) -> tuple[str, int]:
        match = _STRING.match(self.text, i)
        assert match is not None, "the text was decoded before"
        return str(json.loads(match.group())), match.end()

    def value(self, i: int, path: Path) -> int:
        i = self.skip(i)
        self.positions[path] = _line_col(self.text, i)
        char = self.text[i]
        if char == "{":
            return self.obj(i + 1, path)
        if char == "[":
            return self.array(i + 1, path)
        if char == '"':
            return self.string(i)[1]
        for word in _LITERALS:
            if self.text.startswith(word, i):
                return i + len(word)
        match = _NUMBER.match(self.text, i)
        return match.end() if match else i + 1

    def obj(self, i: int, path: Path) -> int:
        i = self.skip(i)
        if self.text[i] == "}":
            return i + 1
        seen: set[str] = set()
        while True:
            i = self.skip(i)
            if self.duplicate is None and self.string(i)[0] in seen:
                self.duplicate = (self.string(i)[0], *_line_col(self.text, i))
            key, i = self.string(i)
            seen.add(key)
            i = self.skip(i) + 1  # the colon
            i = self.skip(self.value(i, (*path, key)))
            if self.text[i] == "}":
                return i + 1
            i += 1  # the comma

    def array(self, i: int, path: Path) -> int:
        i = self.skip(i)
        if self.text[i] == "]":
            return i + 1
        index = 0
        while True:
            i = self.skip(self.value(i, (*path, index)))
            index += 1
            if self.text[i] == "]":
                return i + 1
            i += 1


def json_positions(text: str) -> PositionMap:
    scanner = _JsonScanner(text)
    scanner.value(0, ())
    return scanner.positions


def load_json(text: str, file: str | None) -> tuple[Any, PositionMap]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigSyntaxError(
            Diagnostic(
                TDG700.code,
                f"invalid JSON: {exc.msg}",
                span=Span(file, exc.lineno, exc.colno),
                hint=_json_hint(text, exc.pos),
            )
        ) from exc
    scanner = _JsonScanner(text)
    scanner.value(0, ())
    _duplicate(file, "JSON", scanner.duplicate)
    return data, scanner.positions


def _json_hint(text: str, pos: int) -> str:
    """What JSON habits from JavaScript or YAML broke the file at ``pos``."""
    rest, head = text[pos:], text[:pos].rstrip()
    if rest.startswith(("//", "/*", "#")):
        return "JSON has no comments: remove them, or write the config as YAML (# comments)"
    if rest.startswith("'"):
        return 'JSON strings and keys use double quotes: "name"'
    if head.endswith(",") and rest[:1] in "]}":
        return "JSON allows no ',' after the last item: remove it"
    return "check for a missing comma, quote or bracket near this spot"


def _duplicate(file: str | None, kind: str, found: tuple[str, int, int] | None) -> None:
    """A key written twice keeps only its last value in JSON and YAML, silently; say so."""
    if found is not None:
        key, line, col = found
        raise ConfigSyntaxError(
            Diagnostic(
                TDG700.code,
                f"invalid {kind}: key '{key}' appears twice in one object",
                span=Span(file, line, col),
                hint="keep one; the reader would silently use the last",
            )
        )


def _walk_yaml(
    node: yaml.Node, path: Path, out: PositionMap, dups: list[tuple[str, int, int]]
) -> None:
    out[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            if name in seen:
                dups.append((name, key.start_mark.line + 1, key.start_mark.column + 1))
            seen.add(name)
            _walk_yaml(value, (*path, name), out, dups)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk_yaml(item, (*path, index), out, dups)


def yaml_positions(text: str, duplicates: list[tuple[str, int, int]] | None = None) -> PositionMap:
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    out: PositionMap = {}
    if node is not None:
        _walk_yaml(node, (), out, duplicates if duplicates is not None else [])
    return out


def _yaml_hint(text: str, line: int | None, problem: str) -> str:
    """YAML forbids tabs for indentation; editors insert them silently."""
    lines = text.splitlines()
    here = lines[line] if line is not None and 0 <= line < len(lines) else ""
    if "\\t" in problem or "\t" in problem or here[: len(here) - len(here.lstrip())].count("\t"):
        return "YAML indents with spaces only: replace the tab(s) on this line with spaces"
    return "check indentation and quoting near this spot"


def load_yaml(text: str, file: str | None) -> tuple[Any, PositionMap]:
    try:
        data = yaml.safe_load(text)
        duplicates: list[tuple[str, int, int]] = []
        positions = yaml_positions(text, duplicates)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        span = Span(file, mark.line + 1, mark.column + 1) if mark else None
        raise ConfigSyntaxError(
            Diagnostic(
                TDG700.code,
                f"invalid YAML: {exc.problem or exc}",
                span=span,
                hint=_yaml_hint(text, mark.line if mark else None, str(exc.problem or "")),
            )
        ) from exc
    except yaml.YAMLError as exc:
        raise ConfigSyntaxError(Diagnostic(TDG700.code, f"invalid YAML: {exc}")) from exc
    _duplicate(file, "YAML", duplicates[0] if duplicates else None)
    return data, positions
