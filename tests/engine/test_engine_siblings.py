"""``child_index()`` and ``running_sum(x)``: a row's place among its parent's children."""

from __future__ import annotations

from decimal import Decimal
from itertools import groupby

import pyarrow as pa
import pytest
from engine_models import K, call, dec, lit, ref, t

from testdatagen.engine import generate
from testdatagen.errors import GenerationError, InputError, Severity
from testdatagen.model import (
    Binary,
    Check,
    Column,
    ComputeGen,
    IntRange,
    ReferenceGen,
    Schema,
    SequentialGen,
    Table,
)


def _bank(per_parent: bool = True) -> Schema:
    accounts = Table(
        name="accounts",
        primary_key=("id",),
        columns=(
            Column(name="id", type=t(K.BIGINT), primary_key=True, generator=SequentialGen()),
            Column(name="opening", type=dec(12, 2), not_null=True, min=lit(0), max=lit(1000)),
        ),
    )
    key = ReferenceGen(
        table="accounts", column="id", per_parent=IntRange(low=0, high=25) if per_parent else None
    )
    balance = Binary(
        op="+", left=ref("account_id", "opening"), right=call("running_sum", ref("amount"))
    )
    transactions = Table(
        name="transactions",
        columns=(
            Column(name="account_id", type=t(K.BIGINT), not_null=True, generator=key),
            Column(name="amount", type=dec(12, 2), not_null=True, min=lit(-300), max=lit(500)),
            Column(name="pos", type=t(K.INTEGER), generator=ComputeGen(expr=call("child_index"))),
            Column(name="balance", type=dec(14, 2), generator=ComputeGen(expr=balance)),
            Column(
                name="n",
                type=t(K.BIGINT),
                generator=ComputeGen(expr=call("running_sum", lit(1))),
            ),
        ),
    )
    return Schema(name="B", tables=(accounts, transactions))


def _tables(chunk_rows: int) -> tuple[pa.Table, pa.Table]:
    ds = generate(_bank(), rows={"accounts": 400}, seed=11, chunk_rows=chunk_rows)
    return ds.to_arrow("accounts"), ds.to_arrow("transactions")


def test_child_index_and_running_sum_follow_each_parent() -> None:
    accounts, tx = _tables(65_536)
    opening = dict(zip(accounts["id"].to_pylist(), accounts["opening"].to_pylist(), strict=True))
    rows = tx.to_pylist()
    assert len(rows) > 1000
    for account, group in groupby(rows, key=lambda r: r["account_id"]):
        siblings = list(group)
        assert [r["pos"] for r in siblings] == list(range(len(siblings)))
        assert [r["n"] for r in siblings] == list(range(1, len(siblings) + 1))
        running = opening[account]
        for r in siblings:
            running += r["amount"]
            assert r["balance"] == running  # exact decimals, no float drift
    assert isinstance(rows[0]["balance"], Decimal)


def test_running_sum_is_the_same_across_chunk_boundaries() -> None:
    """Chunks of 7 rows cut almost every parent's run; values must not change."""
    _, whole = _tables(65_536)
    _, cut = _tables(7)
    assert cut.equals(whole)


def test_row_functions_without_per_parent_are_an_error_before_any_work() -> None:
    with pytest.raises(InputError) as info:
        generate(_bank(per_parent=False), rows={"accounts": 3, "transactions": 5})
    codes = {d.code for d in info.value.diagnostics}
    messages = " ".join(d.message for d in info.value.diagnostics)
    assert codes == {"TDG515"} and "child_index()" in messages and "running_sum()" in messages


def test_tdg_check_accepts_the_row_functions() -> None:
    from testdatagen.language.api import check_text

    source = """
    schema B {
      table accounts { id bigint [primary_key, sequential] }
      table tx {
        account_id bigint [not_null, references: accounts.id, per_parent: 1..5]
        amount     decimal(12,2) [min: -10, max: 10]
        pos        integer [compute: child_index()]
        balance    decimal(14,2) [compute: running_sum(amount)]
      }
    }
    generate g { schema: B  rows { accounts: 10 } }
    """
    assert [d for d in check_text(source) if d.severity is Severity.ERROR] == []


def test_a_check_reading_a_running_sum_is_a_clear_error() -> None:
    """Regression: this recursed until Python's stack ran out (computing the summed rows
    runs the check, which needs the running sum again)."""
    schema = _bank()
    tx = schema.table("transactions")
    floor = Check(name="floor", expr=Binary(op=">=", left=ref("balance"), right=lit(-1000)))
    schema = Schema(
        name="B", tables=(schema.table("accounts"), tx.model_copy(update={"checks": (floor,)}))
    )
    with pytest.raises(GenerationError) as info:
        generate(schema, rows={"accounts": 5}).to_arrow("transactions")
    assert info.value.diagnostics[0].code == "TDG516"
    assert "floor" in info.value.diagnostics[0].message


def test_tdg515_message_names_the_column_and_the_fix() -> None:
    """Regression: TDG515 must say which column calls the row function and how to fix it."""
    with pytest.raises(InputError) as info:
        generate(_bank(per_parent=False), rows={"accounts": 3, "transactions": 5})
    for d in info.value.diagnostics:
        assert d.code == "TDG515"
        assert "column transactions." in d.message
        assert d.hint is not None and "per_parent" in d.hint and "references: accounts.id" in d.hint


def test_tdg516_message_names_the_running_sum_column_and_the_fix() -> None:
    """Regression: TDG516 must name the running-sum column the check reads, and the fix."""
    schema = _bank()
    tx = schema.table("transactions")
    floor = Check(name="floor", expr=Binary(op=">=", left=ref("balance"), right=lit(-1000)))
    schema = Schema(
        name="B", tables=(schema.table("accounts"), tx.model_copy(update={"checks": (floor,)}))
    )
    with pytest.raises(GenerationError) as info:
        generate(schema, rows={"accounts": 5}).to_arrow("transactions")
    d = info.value.diagnostics[0]
    assert d.code == "TDG516" and "floor" in d.message and "transactions.balance" in d.message
    assert d.hint is not None and "balance" in d.hint and "min/max" in d.hint


LEDGER = """
schema B {
  table accounts {
    id        bigint        [primary_key, sequential]
    overdraft decimal(10,2) [not_null, min: 0, max: 500]
  }
  table tx {
    account_id bigint        [not_null, references: accounts.id, per_parent: 1..5]
    amount     decimal(12,2) [min: -10, max: 10]
    balance    decimal(14,2) [compute: running_sum(amount)]
    headroom   decimal(14,2) [compute: balance + account_id.overdraft]
    check no_overdraft: CHECK_EXPR
  }
}
generate g { schema: B  rows { accounts: 10 } }
"""


@pytest.mark.parametrize(
    ("expr", "column"),
    [
        ("balance >= -account_id.overdraft", "tx.balance"),
        ("headroom >= 0", "tx.balance"),  # through a column computed from the sum
    ],
)
def test_tdg_check_reports_a_check_on_a_running_sum_at_the_check(expr: str, column: str) -> None:
    """Regression (QA): ``tdg check`` said ok and ``tdg generate`` then failed with
    TDG516 pointing at the table; both now name the check's own line."""
    from testdatagen.language.api import analyze_text, check_text

    source = LEDGER.replace("CHECK_EXPR", expr)
    line = source.splitlines().index(f"    check no_overdraft: {expr}") + 1
    errors = [d for d in check_text(source) if d.severity is Severity.ERROR]
    assert [d.code for d in errors] == ["TDG307"]
    assert column in errors[0].message and errors[0].span is not None
    assert errors[0].span.line == line
    # The engine, given the model directly, names the same line.
    project = analyze_text(source).project
    assert project is not None
    with pytest.raises(GenerationError) as info:
        generate(project.schemas[0], rows={"accounts": 5}).to_arrow("tx")
    span = info.value.diagnostics[0].span
    assert span is not None and span.line == line


def test_a_check_on_the_summed_column_itself_is_fine() -> None:
    from testdatagen.language.api import check_text

    source = LEDGER.replace("CHECK_EXPR", "amount != 0")
    assert [d for d in check_text(source) if d.severity is Severity.ERROR] == []
