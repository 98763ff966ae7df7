"""Keys other generators use are accepted; unknown keys name what the object takes."""

from __future__ import annotations

import json
from typing import Any

from config_helpers import column, doc, errors, load, table

from testdatagen.model import ReferenceGen

DATE = {"name": "d", "type": "date"}


def test_date_range_accepts_start_and_end() -> None:
    canonical = column(
        doc({**DATE, "rule": {"type": "date_range", "min": "2020-01-01", "max": "2020-12-31"}})
    )
    synonym = column(
        doc({**DATE, "rule": {"type": "date_range", "start": "2020-01-01", "end": "2020-12-31"}})
    )
    assert synonym == canonical


def test_both_spellings_at_once_is_an_error() -> None:
    rule = {"type": "date_range", "start": "2020-01-01", "min": "2019-01-01"}
    (diag,) = errors(json.dumps(doc({**DATE, "rule": rule})))
    assert diag.message == "unknown key 'start'"
    assert diag.path == "tables[0].columns[0].rule.start"


def test_foreign_key_accepts_column_for_columns() -> None:
    parent: dict[str, Any] = {
        "name": "p",
        "rows": 3,
        "columns": [{"name": "id", "type": "int", "primary_key": True}],
    }
    child = {
        "name": "c",
        "rows": 5,
        "columns": [{"name": "p_id", "type": "int"}],
        "foreign_keys": [{"column": "p_id", "references": "p.id"}],
    }
    generator = table(load({"tables": [parent, child]}), "c").column("p_id").generator
    assert generator == ReferenceGen(table="p", column="id")


def test_unknown_rule_key_lists_the_keys_of_that_rule_type() -> None:
    rule = {"type": "sequence", "begin": 5}
    (diag,) = errors(json.dumps(doc({"name": "n", "type": "int", "rule": rule})))
    assert diag.message == "unknown key 'begin'"
    assert diag.hint == "a 'sequence' rule takes: start, step"


def test_did_you_mean_never_suggests_the_same_word() -> None:
    (diag,) = errors(json.dumps(doc({"name": "n", "type": "int", "unique_key": True})))
    assert diag.message == "unknown key 'unique_key'"
    assert diag.hint == "did you mean 'unique'?"


def test_unknown_column_key_is_matched_against_column_keys() -> None:
    (diag,) = errors(json.dumps(doc({"name": "n", "type": "int", "nulable": True})))
    assert diag.hint == "did you mean 'nullable'?"
