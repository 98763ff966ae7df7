"""The option names the check accepts are the ones the writers accept.

``OUTPUT_KINDS[kind].options`` lets ``tdg check`` report a misspelt option
(TDG425) before generating; the writers decide at run time (TDG602). A
writer that learns or drops an option fails here until the catalog agrees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from testdatagen.errors import TdgError
from testdatagen.model.catalog import OUTPUT_KINDS
from testdatagen.model.plan import OutputSpec
from testdatagen.outputs.files.base import _COMMON_OPTIONS
from testdatagen.outputs.files.csv import CsvOutput, TsvOutput
from testdatagen.outputs.files.excel import ExcelOutput
from testdatagen.outputs.files.json import JsonLinesOutput, JsonOutput
from testdatagen.outputs.files.parquet import ParquetOutput
from testdatagen.outputs.files.xml import XmlOutput

WRITERS = {
    "csv": CsvOutput,
    "tsv": TsvOutput,
    "json": JsonOutput,
    "jsonl": JsonLinesOutput,
    "parquet": ParquetOutput,
    "excel": ExcelOutput,
    "xml": XmlOutput,
}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_file_writer_options_match_the_catalog(kind: str) -> None:
    assert OUTPUT_KINDS[kind].options == _COMMON_OPTIONS | WRITERS[kind].format_options


@pytest.mark.parametrize("kind", ["sqlite", "postgresql", "mysql", "database"])
def test_database_options_match_the_catalog(kind: str) -> None:
    from testdatagen.outputs.db import options

    assert OUTPUT_KINDS[kind].options == frozenset(options._KNOWN)


def test_an_option_outside_the_catalog_is_refused_by_the_writer(tmp_path: Path) -> None:
    spec = OutputSpec(kind="csv", options={"delimter": ";"})
    with pytest.raises(TdgError):
        CsvOutput(spec, tmp_path)
