"""Every example in examples/ checks clean, generates, and keeps its promises.

Generic invariants (keys, references, uniqueness, row counts, fan-out) are
checked for every example from its own model; each example's particular
promise (a balance, a time series, a manager chain) has its own test.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

import testdatagen
from testdatagen.engine.dataset import Dataset
from testdatagen.model.evaluate import resolve_params, resolve_row_counts
from testdatagen.model.plan import Project

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ["shop", "saas", "bank", "iot", "hr"]


@cache
def project(name: str) -> Project:
    return testdatagen.load(EXAMPLES / f"{name}.tdg")


@cache
def dataset(name: str) -> Dataset:
    return testdatagen.generate(project(name))


@cache
def table(name: str, table_name: str) -> dict[str, list[Any]]:
    return dataset(name).to_arrow(table_name).to_pydict()


@pytest.mark.parametrize("name", NAMES)
def test_checks_without_errors(name: str) -> None:
    from testdatagen.language.api import check_file

    errors = [d for d in check_file(EXAMPLES / f"{name}.tdg") if d.is_error]
    assert errors == []


@pytest.mark.parametrize("name", NAMES)
def test_row_counts_follow_the_plan(name: str) -> None:
    plan = project(name).plans[0]
    asked = resolve_row_counts(plan.rows, resolve_params(plan.params))
    data = dataset(name)
    for table_name, count in asked.items():
        assert data.row_count(table_name) == count == data.to_arrow(table_name).num_rows


@pytest.mark.parametrize("name", NAMES)
def test_keys_and_uniqueness_hold(name: str) -> None:
    schema = dataset(name).schema
    for t in schema.tables:
        values = table(name, t.name)
        keyed = [c.name for c in t.columns if c.primary_key or c.unique] + list(t.primary_key)
        for column in dict.fromkeys(keyed):
            present = [v for v in values[column] if v is not None]
            assert len(present) == len(set(present)), f"{t.name}.{column} repeats"
        for key in t.unique_keys:
            pairs = list(zip(*(values[c] for c in key), strict=True))
            assert len(pairs) == len(set(pairs)), f"{t.name}{key} repeats"


@pytest.mark.parametrize("name", NAMES)
def test_references_point_at_parents_and_fan_out_as_declared(name: str) -> None:
    schema = dataset(name).schema
    for t in schema.tables:
        for column, ref in t.references:
            parents = set(table(name, ref.table)[ref.column])
            children = table(name, t.name)[column.name]
            assert {v for v in children if v is not None} <= parents, f"{t.name}.{column.name}"
            if column.not_null:
                assert None not in children
            spread = ref.per_parent
            if spread is not None and hasattr(spread, "low"):
                counts = Counter(children)
                assert set(counts) <= parents
                assert all(spread.low <= counts[p] <= spread.high for p in parents if p in counts)
                if spread.low > 0:
                    assert set(counts) == parents


def test_bank_balance_is_opening_plus_transactions_and_within_overdraft() -> None:
    accounts = table("bank", "accounts")
    sums: dict[int, Decimal] = {}
    tx = table("bank", "transactions")
    for account, amount in zip(tx["account_id"], tx["amount"], strict=True):
        sums[account] = sums.get(account, Decimal(0)) + amount
    for account, opening, balance, limit in zip(
        accounts["id"], accounts["opening_balance"], accounts["balance"],
        accounts["overdraft_limit"], strict=True,
    ):  # fmt: skip
        assert balance == opening + sums.get(account, Decimal(0))
        assert balance >= -limit


def test_iot_readings_are_every_15_minutes_from_installation() -> None:
    devices = table("iot", "devices")
    installed = dict(zip(devices["id"], devices["installed_at"], strict=True))
    readings = table("iot", "readings")
    seen: dict[int, list[Any]] = {}
    for device, at in zip(readings["device_id"], readings["recorded_at"], strict=True):
        seen.setdefault(device, []).append(at)
    assert set(seen) == set(installed)
    for device, stamps in seen.items():
        expected = [installed[device] + timedelta(minutes=15 * k) for k in range(96)]
        assert sorted(stamps) == expected


def test_hr_managers_are_earlier_employees_so_chains_end() -> None:
    employees = table("hr", "employees")
    manager = dict(zip(employees["id"], employees["manager_id"], strict=True))
    first = min(manager)
    assert manager[first] is None
    assert all(m is None or m < e for e, m in manager.items())
    assert sum(m is not None for m in manager.values()) > 0.9 * len(manager)


def test_saas_members_join_after_their_organisation_exists() -> None:
    orgs = table("saas", "organisations")
    created = dict(zip(orgs["id"], orgs["created_at"], strict=True))
    members = table("saas", "memberships")
    for org, joined in zip(members["org_id"], members["joined_at"], strict=True):
        assert joined >= created[org]


@pytest.mark.parametrize("name", NAMES)
def test_the_first_rows_repeat_for_the_same_seed(name: str) -> None:
    first = dataset(name)
    again = testdatagen.generate(project(name), chunk_rows=1000)
    for t in first.tables[:2]:
        a = first.to_arrow(t).slice(0, 50)
        b = again.to_arrow(t).slice(0, 50)
        assert a.equals(b), t
    assert isinstance(first.to_arrow(first.tables[0]), pa.Table)
