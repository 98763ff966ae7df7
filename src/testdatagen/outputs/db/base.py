"""The database Output: options in, one loader per dialect, OutputResult out.

Loaders share one shape — prepare existing tables per ``if_exists``, create
what is missing, stream batches, commit — but each dialect has its own way to
make that atomic (see docs/databases.md), so each lives in its own module and
is imported only when its URL is used.
"""

from __future__ import annotations

import abc
import importlib
from pathlib import Path

from testdatagen.engine.dataset import Dataset
from testdatagen.errors import DatabaseError, Diagnostic
from testdatagen.model.plan import OutputSpec
from testdatagen.outputs.base import OutputResult, Progress, WrittenItem
from testdatagen.outputs.db.options import LoadOptions, load_options

__all__ = ["DatabaseOutput", "Loader", "existing_tables_error", "load_dataset"]

_MODULES = {
    "sqlite": "testdatagen.outputs.db.sqlite",
    "postgresql": "testdatagen.outputs.db.postgres",
    "mysql": "testdatagen.outputs.db.mysql",
    "generic": "testdatagen.outputs.db.generic",
}


class Loader(abc.ABC):
    """Loads a whole Dataset into one database, all or nothing (per table by option)."""

    def __init__(self, options: LoadOptions) -> None:
        self.options = options
        self.url = options.url

    @abc.abstractmethod
    def load(self, dataset: Dataset, progress: Progress | None) -> list[WrittenItem]: ...

    def item(self, table: str, rows: int) -> WrittenItem:
        return WrittenItem(table=table, rows=rows, location=f"{self.url}#{table}")


def load_dataset(
    dataset: Dataset, options: LoadOptions, progress: Progress | None = None
) -> list[WrittenItem]:
    """Load ``dataset`` with the loader for ``options.url``'s dialect."""
    _check_dataset(dataset)
    route = "generic" if options.method == "generic" else options.url.dialect
    module = importlib.import_module(_MODULES[route])
    loader: Loader = module.LOADER(options)
    return loader.load(dataset, progress)


class DatabaseOutput:
    """The registered factory's product for kinds sqlite, postgresql, mysql and database."""

    def __init__(self, spec: OutputSpec, base_dir: Path) -> None:
        self.kind = spec.kind
        self.options = load_options(spec.options, base_dir, kind=spec.kind)

    def write(self, dataset: Dataset, *, progress: Progress | None = None) -> OutputResult:
        items = load_dataset(dataset, self.options, progress)
        return OutputResult(kind=self.kind, target=str(self.options.url), items=items)


def existing_tables_error(where: str, names: list[str]) -> DatabaseError:
    listed = ", ".join(names)
    return DatabaseError(
        [
            Diagnostic(
                "TDG630",
                f"table(s) {listed} already exist in {where} and if_exists is 'fail'",
                hint="set if_exists: 'replace', 'truncate' or 'append' (nothing was changed)",
            )
        ]
    )


def _check_dataset(dataset: Dataset) -> None:
    for name in dataset.tables:
        try:
            table = dataset.schema.table(name)
        except KeyError:
            raise DatabaseError(
                [
                    Diagnostic(
                        "TDG631", f"dataset table '{name}' is not in schema '{dataset.schema.name}'"
                    )
                ]
            ) from None
        missing = set(dataset.arrow_schema(name).names) - set(table.column_names)
        if missing:
            raise DatabaseError(
                [
                    Diagnostic(
                        "TDG631", f"table '{name}' has columns not in the schema: {sorted(missing)}"
                    )
                ]
            )
