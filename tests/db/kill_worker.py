"""Run as a subprocess by test_kill.py: a large, slow load reporting progress on stdout."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator

import numpy as np
import pyarrow as pa

from testdatagen.engine.arrow_types import arrow_schema
from testdatagen.engine.dataset import Dataset
from testdatagen.errors import DatabaseError
from testdatagen.model import Column, DataType, ReferenceGen, Schema, Table, TypeKind
from testdatagen.outputs.db import load_dataset, load_options

ROWS = {"parent": 20_000, "child": 400_000}
BATCH = 10_000

SCHEMA = Schema(
    name="Kill",
    tables=(
        Table(
            name="parent",
            columns=(
                Column(name="id", type=DataType(kind=TypeKind.BIGINT), primary_key=True),
                Column(name="label", type=DataType(kind=TypeKind.STRING, length=40), not_null=True),
            ),
        ),
        Table(
            name="child",
            columns=(
                Column(name="id", type=DataType(kind=TypeKind.BIGINT), primary_key=True),
                Column(
                    name="parent_id",
                    type=DataType(kind=TypeKind.BIGINT),
                    not_null=True,
                    generator=ReferenceGen(table="parent", column="id"),
                ),
                Column(name="note", type=DataType(kind=TypeKind.TEXT)),
            ),
        ),
    ),
)


class SlowDataset(Dataset):
    def __init__(self) -> None:
        self.schema = SCHEMA
        self.seed = 1
        self.locale = "en_US"

    @property
    def tables(self) -> tuple[str, ...]:
        return ("parent", "child")

    def row_count(self, table: str) -> int:
        return ROWS[table]

    def arrow_schema(self, table: str) -> pa.Schema:
        return arrow_schema(SCHEMA.table(table))

    def batches(self, table: str) -> Iterator[pa.RecordBatch]:
        for start in range(0, ROWS[table], BATCH):
            ids = np.arange(start + 1, start + BATCH + 1, dtype=np.int64)
            if table == "parent":
                cols = [pa.array(ids), pa.array([f"p{i}" for i in ids])]
            else:
                cols = [
                    pa.array(ids),
                    pa.array(ids % ROWS["parent"] + 1),
                    pa.array([f"n,'{i}'\n" for i in ids]),
                ]
            time.sleep(0.02)
            yield pa.RecordBatch.from_arrays(cols, schema=self.arrow_schema(table))


def main() -> None:
    options = dict(arg.split("=", 1) for arg in sys.argv[2:])

    def progress(table: str, rows: int) -> None:
        print(table, rows, flush=True)

    try:
        load_dataset(SlowDataset(), load_options({"url": sys.argv[1], **options}), progress)
    except KeyboardInterrupt:
        print("KeyboardInterrupt", flush=True)
        sys.exit(130)
    except DatabaseError as exc:
        print("DatabaseError", exc, flush=True)
        sys.exit(3)
    print("done", flush=True)


if __name__ == "__main__":
    main()
