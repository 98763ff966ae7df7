"""Outputs: file writers and database loaders behind one registry.

``create_output(spec).write(dataset)`` writes a dataset wherever ``spec``
says; ``output_spec_for_target`` turns the CLI's ``--out``/``--format`` into
a spec. See docs/outputs.md for every format's options.
"""

from testdatagen.outputs.base import Output, OutputResult, Progress, WrittenItem
from testdatagen.outputs.registry import (
    create_output,
    output_spec_for_target,
    register,
    registered_kinds,
)

__all__ = [
    "Output",
    "OutputResult",
    "Progress",
    "WrittenItem",
    "create_output",
    "output_spec_for_target",
    "register",
    "registered_kinds",
]
