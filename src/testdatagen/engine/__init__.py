"""The generation engine: plans table order and produces Arrow record-batch streams.

Kept import-light on purpose: providers import ``testdatagen.engine.rng``, so
``generate`` and ``build_run_plan`` load their modules on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["ENGINE_OUTPUT_VERSION", "build_run_plan", "generate"]

#: Bump whenever generated values change for the same model and seed (the golden
#: fingerprint test enforces it; regenerate with ``pytest --update-golden``).
ENGINE_OUTPUT_VERSION = 4

if TYPE_CHECKING:
    from testdatagen.engine.api import generate
    from testdatagen.engine.plan import build_run_plan


def __getattr__(name: str) -> Any:
    if name == "generate":
        from testdatagen.engine.api import generate

        return generate
    if name == "build_run_plan":
        from testdatagen.engine.plan import build_run_plan

        return build_run_plan
    raise AttributeError(f"module 'testdatagen.engine' has no attribute {name!r}")
