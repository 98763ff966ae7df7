"""Stand-ins for the language and engine so CLI behaviour is tested on its own.

The model and the file outputs are the real ones; only parsing and value
generation are replaced, by a tiny deterministic model of a shop.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pyarrow as pa

from testdatagen.engine.dataset import ArrowDataset, Dataset
from testdatagen.errors import Diagnostic, InputError, Severity, Span
from testdatagen.model.evaluate import resolve_params, resolve_row_counts
from testdatagen.model.expr import Binary, Lit, Ref, Scalar
from testdatagen.model.plan import GeneratePlan, OutputSpec, Project
from testdatagen.model.schema import (
    Column,
    FormatGen,
    IntRange,
    ReferenceGen,
    Schema,
    SequentialGen,
    Table,
)
from testdatagen.model.types import DataType, TypeKind

GOOD = """schema Shop {
  table customers {
    id     bigint       [primary_key, sequential]
    email  string(120)  [unique, format: email]
  }
  table orders {
    id           bigint  [primary_key, sequential]
    customer_id  bigint  [references: customers.id, per_parent: 1..3]
  }
}
generate dev {
  schema: Shop
  param scale: 1
  rows { customers: 5 * scale }
  output csv { dir: 'out/csv/' }
}
"""
#: Two mistakes, so tests can see that every diagnostic is shown.
BAD = GOOD.replace("format: email", "format: emial").replace(
    "references: customers.id", "references: customer.id"
)
#: A valid file with a warning only.
WARN = GOOD.replace("output csv", "// warn\n  output csv")


def _int(kind: TypeKind = TypeKind.BIGINT) -> DataType:
    return DataType(kind=kind)


SCHEMA = Schema(
    name="Shop",
    tables=(
        Table(
            name="customers",
            columns=(
                Column(name="id", type=_int(), generator=SequentialGen(), primary_key=True),
                Column(
                    name="email",
                    type=DataType(kind=TypeKind.STRING, length=120),
                    generator=FormatGen(name="email"),
                    unique=True,
                ),
            ),
        ),
        Table(
            name="orders",
            columns=(
                Column(name="id", type=_int(), generator=SequentialGen(), primary_key=True),
                Column(
                    name="customer_id",
                    type=_int(),
                    generator=ReferenceGen(
                        table="customers", column="id", per_parent=IntRange(low=1, high=3)
                    ),
                ),
            ),
        ),
    ),
)


def project(outputs: tuple[OutputSpec, ...] | None = None) -> Project:
    default = (OutputSpec(kind="csv", options={"dir": "out/csv/"}),)
    plan = GeneratePlan(
        name="dev",
        schema_name="Shop",
        params={"scale": Lit(value=1)},
        rows={"customers": _times_scale(5)},
        outputs=default if outputs is None else outputs,
    )
    return Project(schemas=(SCHEMA,), plans=(plan,))


def _times_scale(n: int) -> Binary:
    return Binary(op="*", left=Lit(value=n), right=Ref(path=("scale",)))


def diagnostics_for(path: Path) -> list[Diagnostic]:
    text = path.read_text(encoding="utf-8")
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if "emial" in line:
            col = line.index("emial") + 1
            found.append(
                Diagnostic(
                    "TDG101",
                    "unknown format 'emial' — did you mean 'email'?",
                    Span(str(path), number, col),
                    hint="formats: email, phone, name, …",
                )
            )
        if "customer.id" in line:
            col = line.index("customer.id") + 1
            found.append(
                Diagnostic(
                    "TDG301",
                    "unknown table 'customer' — did you mean 'customers'?",
                    Span(str(path), number, col),
                )
            )
        if "// warn" in line:
            found.append(
                Diagnostic(
                    "TDG450", "a warning", Span(str(path), number, 3), severity=Severity.WARNING
                )
            )
    return found


def load_project(path: Path) -> Project:
    if not path.is_file():
        raise InputError([Diagnostic("TDG002", f"no such file: {path}")])
    errors = [d for d in diagnostics_for(path) if d.is_error]
    if errors:
        raise InputError(errors, sources={str(path): path.read_text(encoding="utf-8")})
    return project()


class InterruptingDataset(ArrowDataset):
    """Raises KeyboardInterrupt while streaming ``at_table`` — a Ctrl-C mid-write."""

    at_table = "orders"

    def batches(self, table: str) -> Iterator[pa.RecordBatch]:
        if table == self.at_table:
            raise KeyboardInterrupt
        yield from super().batches(table)


def generate(
    source: Project,
    *,
    plan: str | None = None,
    rows: Mapping[str, int] | None = None,
    params: Mapping[str, Scalar] | None = None,
    seed: int | None = None,
    locale: str | None = None,
    workers: int = 1,
    chunk_rows: int = 65_536,
    now: object = None,
    dataset_class: type[ArrowDataset] = ArrowDataset,
) -> Dataset:
    chosen = source.plan_named(plan)
    assert chosen is not None
    env = resolve_params(chosen.params, params)
    counts = resolve_row_counts(chosen.rows, env) | dict(rows or {})
    n = counts["customers"]
    ids = pa.array(range(1, n + 1), pa.int64())
    emails = pa.array([f"user{i}@example.org" for i in range(1, n + 1)])
    customers = pa.table({"id": ids, "email": emails})
    parents = [i for i in range(1, n + 1) for _ in range(1 + i % 3)]
    orders = pa.table(
        {
            "id": pa.array(range(1, len(parents) + 1), pa.int64()),
            "customer_id": pa.array(parents, pa.int64()),
        }
    )
    return dataset_class(
        SCHEMA,
        {"customers": customers, "orders": orders},
        seed=chosen.seed if seed is None else seed,
        locale=locale or chosen.locale,
        chunk_rows=chunk_rows,
    )
