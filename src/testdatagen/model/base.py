"""Common base of model nodes: immutable, JSON-serialisable, compared by meaning.

Source spans ride along for error messages but are not part of a node's
meaning: a model parsed from a reformatted file equals the original.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from testdatagen.errors import Span

__all__ = ["Node", "SpanField"]


def SpanField() -> Any:
    return Field(default=None, exclude=True, repr=False)


class Node(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Node)
        return self.model_dump(mode="json") == other.model_dump(mode="json")

    def __hash__(self) -> int:
        return hash(self.model_dump_json())


# Re-exported so model modules need a single import for spans.
_ = Span
