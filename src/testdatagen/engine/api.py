"""``generate``: from a model to a lazily generated Dataset."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from testdatagen.engine.generated import GeneratedDataset
from testdatagen.engine.plan import build_run_plan
from testdatagen.model.expr import Scalar
from testdatagen.model.plan import Project
from testdatagen.model.schema import Schema

__all__ = ["generate"]


def generate(
    source: Project | Schema,
    *,
    plan: str | None = None,
    rows: Mapping[str, int] | None = None,
    params: Mapping[str, Scalar] | None = None,
    seed: int | None = None,
    locale: str | None = None,
    workers: int = 1,
    chunk_rows: int = 65_536,
    now: datetime | None = None,
) -> GeneratedDataset:
    """Plan the run (order, counts, layouts) and return the dataset; values are made
    when batches are read. ``now`` fixes ``now()``/``today()`` (default: today, 00:00 UTC)."""
    run = build_run_plan(
        source, plan=plan, rows=rows, params=params, seed=seed, locale=locale, now=now
    )
    return GeneratedDataset(run, workers=workers, chunk_rows=chunk_rows)
