"""The per-value escape hatch: a Python function called once per row.

For exotic values no vectorised provider covers (say, a rarely used Faker
method), ``PerValueProvider`` keeps the determinism contract — each row's
value depends only on (seed, table, column, row) through a per-row seed —
but runs ~100x slower than the built-ins. The registry marks such
providers (``is_per_value``) so the CLI and docs can say so; no built-in
format uses one.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pyarrow as pa

from testdatagen.errors import MissingDependencyError
from testdatagen.providers.base import FormatRequest, Rows
from testdatagen.providers.define import fit_length
from testdatagen.providers.tokens import strings

__all__ = ["PerValueProvider", "faker_method"]

ValueFunction = Callable[[random.Random, FormatRequest], object]


@dataclass
class PerValueProvider:
    """Calls ``function(rng, request)`` per row with an RNG seeded from the row's key."""

    name: str
    function: ValueFunction
    arrow_type: pa.DataType = field(default_factory=pa.string)
    per_value: ClassVar[bool] = True

    def generate(self, request: FormatRequest, rows: Rows) -> pa.Array:
        seeds = request.column_stream("per-value").bits(rows).tolist()
        values = [self.function(random.Random(s), request) for s in seeds]
        if pa.types.is_string(self.arrow_type):
            array = strings([None if v is None else str(v) for v in values])
        else:
            array = pa.array(values, type=self.arrow_type)  # a plugin's own type: rare
        return fit_length(array, request, self.name, "truncate")


def faker_method(name: str, method: str) -> PerValueProvider:
    """A per-value provider calling ``Faker(locale).<method>()`` (Faker installed separately)."""
    fakers: dict[str, Any] = {}

    def call(rng: random.Random, request: FormatRequest) -> object:
        fake = fakers.get(request.locale)
        if fake is None:
            try:
                from faker import Faker
            except ImportError as exc:  # pragma: no cover - depends on the environment
                raise MissingDependencyError(
                    f"format '{name}' needs Faker: pip install faker"
                ) from exc
            fake = fakers[request.locale] = Faker(request.locale)
        fake.seed_instance(rng.getrandbits(64))
        return getattr(fake, method)()

    return PerValueProvider(name, call)
