"""Keep checking a config past its validation errors, so one run reports them all.

Validation stops at the document's shape; the findings of lowering (an
unknown type, a bad expression) and of the semantic passes (a misspelt
output option) would only show once the shape is fixed, one round of fixes
at a time. Here the parts validation rejected are taken out — the offending
key, or the list element (a table, a column) that cannot stand without it —
and the rest is lowered and checked as usual. Paths and lines keep pointing
at the original document: a ``PathMap`` translates the pruned document's
paths back. Findings that name a removed element are dropped (they are
echoes of the error already reported).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from testdatagen.errors import Code, Diagnostic, Span
from testdatagen.language.config.context import Context
from testdatagen.language.config.positions import Path, format_path, span_for
from testdatagen.language.config.spec import ConfigDocument
from testdatagen.language.config.validation import clean_path

__all__ = ["SalvageContext", "Salvaged", "salvage"]

_ROUNDS = 8


@dataclass
class Salvaged:
    """The pruned, valid document, and how to find its paths in the original."""

    document: ConfigDocument
    #: Pruned path → original path, for every node of the pruned document.
    paths: dict[Path, Path]
    #: Names of the tables/columns taken out, and the (original) paths of the
    #: elements something was taken from: findings about them are echoes.
    removed: set[str] = field(default_factory=set)
    touched: set[Path] = field(default_factory=set)

    def original(self, path: Path) -> Path:
        """The original path of ``path``, through its longest mapped prefix."""
        for cut in range(len(path), -1, -1):
            found = self.paths.get(path[:cut])
            if found is not None:
                return (*found, *path[cut:])
        return path

    def is_echo(self, path: str | None, message: str) -> bool:
        """Whether a finding (at an original path) follows from what was taken out."""
        if any(f"'{name}'" in message or f"'{name}." in message for name in self.removed):
            return True
        if path is None:
            return False
        for touched in map(format_path, self.touched):
            if path == touched or path.startswith((f"{touched}.", f"{touched}[")):
                return True
        return False


@dataclass
class SalvageContext(Context):
    """A ``Context`` over the pruned document that reports in the original's terms."""

    salvaged: Salvaged = field(kw_only=True)

    def span(self, path: Path) -> Span | None:
        return span_for(self.positions, self.salvaged.original(path), self.file)

    def error(self, code: Code, message: str, path: Path, hint: str | None = None) -> None:
        original = self.salvaged.original(path)
        if self.salvaged.is_echo(format_path(original), message):
            return
        self.sink.add(
            Diagnostic(
                code.code,
                message,
                span=span_for(self.positions, original, self.file),
                hint=hint,
                path=format_path(original),
            )
        )


def salvage(data: Mapping[str, Any], first: ValidationError) -> Salvaged | None:
    """The document without what validation rejected; None when nothing sound is left."""
    pruned: Any = copy.deepcopy(dict(data))
    _tag(pruned, ())  # objects in lists carry their original path from here on
    removed: set[str] = set()
    touched: set[Path] = set()
    error = first
    for _ in range(_ROUNDS):
        for found in error.errors(include_url=False):
            path = clean_path(tuple(found["loc"]))
            _repair(pruned, path, found["type"] == "missing", removed, touched)
        try:
            document = ConfigDocument.model_validate(_untag(pruned))
        except ValidationError as again:
            error = again
            continue
        return Salvaged(document, _paths(pruned, (), ()), removed, touched)
    return None


# -- removing what failed ------------------------------------------------------------------

_GONE = object()
Step = tuple[Any, Any]  # (dict or list holding the node, key or real index)


def _resolve(root: Any, path: Path) -> list[Step] | None:
    """The steps down ``path`` in the pruned document (list indices skip removed elements)."""
    steps: list[Step] = []
    node = root
    for part in path:
        if isinstance(node, _Node):
            node = node.value
        if isinstance(node, dict) and part in node:
            steps.append((node, part))
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int):
            live = [i for i, v in enumerate(node) if v is not _GONE]
            if not 0 <= part < len(live):
                return None
            steps.append((node, live[part]))
            node = node[live[part]]
        else:
            return None
    return steps


def _repair(root: Any, path: Path, missing: bool, removed: set[str], touched: set[Path]) -> None:
    """Take out the failing key; for a missing one, the element that needed it."""
    steps = _resolve(root, path[:-1] if missing else path)
    if not steps:
        return
    holder, key = steps[-1]
    if isinstance(holder, dict) and not missing:
        del holder[key]
        owner = _element(steps[:-1])
        touched.add(owner.path if owner is not None else path)
        return
    for holder, key in reversed(steps):
        if isinstance(holder, list):
            element = holder[key]
            if isinstance(element, _Node):
                name = element.value.get("name")
                if isinstance(name, str):
                    removed.add(name)
                touched.add(element.path)
            holder[key] = _GONE
            return


def _element(steps: list[Step]) -> _Node | None:
    """The innermost object-in-a-list along ``steps``."""
    for holder, key in reversed(steps):
        if isinstance(holder, list) and isinstance(holder[key], _Node):
            found: _Node = holder[key]
            return found
    return None


# -- keeping track of original paths ---------------------------------------------------------


@dataclass
class _Node:
    """A dict of the document with its original path attached."""

    value: dict[str, Any]
    path: Path


def _tag(node: Any, path: Path) -> None:
    """Wrap the objects held in lists in ``_Node``s that remember their path."""
    if isinstance(node, dict):
        for key, value in node.items():
            _tag(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _tag(value, (*path, index))
            if isinstance(value, dict):
                node[index] = _Node(value, (*path, index))


def _untag(node: Any) -> Any:
    if isinstance(node, _Node):
        return _untag(node.value)
    if isinstance(node, dict):
        return {k: _untag(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_untag(v) for v in node if v is not _GONE]
    return node


def _paths(node: Any, path: Path, original: Path) -> dict[Path, Path]:
    """Pruned path → original path for every node left."""
    if isinstance(node, _Node):
        return _paths(node.value, path, node.path)
    found: dict[Path, Path] = {path: original}
    if isinstance(node, dict):
        for key, value in node.items():
            found.update(_paths(value, (*path, key), (*original, key)))
    elif isinstance(node, list):
        kept = [(i, v) for i, v in enumerate(node) if v is not _GONE]
        for new, (old, value) in enumerate(kept):
            found.update(_paths(value, (*path, new), (*original, old)))
    return found
