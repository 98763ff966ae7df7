"""``min/max/count/sum/avg(child.col)`` for every type they make sense for (issue #3).

``first_order date [compute: min(orders.placed_on)]`` crashed with
ArrowNotImplementedError (a date cannot be cast to a number). Results are
compared with DuckDB grouping the generated children independently.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import duckdb
import numpy as np
import pyarrow as pa
import pytest

from testdatagen.engine import generate
from testdatagen.engine.aggregates import reduce_children
from testdatagen.errors import GenerationError
from testdatagen.language.api import check_text, load_text

NOW = datetime(2025, 6, 1)

SOURCE = """
schema S {
  table customers {
    id            integer         [primary_key, sequential]
    first_order   date            [compute: min(orders.placed_on)]
    last_order    datetime        [compute: max(orders.placed_at)]
    cheapest      decimal(10,2)   [compute: min(orders.amount)]
    priciest      decimal(10,2)   [compute: max(orders.amount)]
    spent         decimal(14,2)   [compute: sum(orders.amount)]
    first_code    string(12)      [compute: min(orders.code)]
    last_code     string(12)      [compute: max(orders.code)]
    most_items    integer         [compute: max(orders.items)]
    fewest_items  integer         [compute: min(orders.items)]
    items         bigint          [compute: sum(orders.items)]
    lowest_score  float           [compute: min(orders.score)]
    orders_made   integer         [compute: count(orders.code)]
    big_seen      boolean         [compute: max(orders.big)]
  }
  table orders {
    customer_id  integer         [not_null, references: customers.id, per_parent: 0..6]
    placed_on    date            [min: '2020-01-01', max: '2024-12-31', null_rate: 10%]
    placed_at    datetime        [not_null, min: '2020-01-01', max: '2024-12-31']
    amount       decimal(10,2)   [not_null, min: 1, max: 500]
    code         string(12)      [not_null]
    items        integer         [not_null, min: 1, max: 9]
    score        float           [not_null, min: -5, max: 5]
    big          boolean         [not_null]
  }
}
"""


@pytest.mark.parametrize("chunk_rows", [65_536, 13])
def test_aggregates_over_every_type_match_sql(chunk_rows: int) -> None:
    dataset = generate(
        load_text(SOURCE, filename="a.tdg"),
        rows={"customers": 300},
        seed=4,
        chunk_rows=chunk_rows,
        now=NOW,
    )
    customers = pa.Table.from_batches(list(dataset.batches("customers")))
    orders = pa.Table.from_batches(list(dataset.batches("orders")))
    sql = duckdb.connect()
    sql.register("customers", customers)
    sql.register("orders", orders)
    expected = sql.execute(
        """
            select c.id,
                   min(o.placed_on), max(o.placed_at), min(o.amount), max(o.amount),
                   coalesce(sum(o.amount), 0), min(o.code), max(o.code),
                   max(o.items), min(o.items), coalesce(sum(o.items), 0), min(o.score),
                   count(o.customer_id), max(o.big)
            from customers c left join orders o on o.customer_id = c.id
            group by c.id order by c.id
            """
    ).fetchall()
    got = customers.sort_by("id").to_pylist()
    assert len(got) == len(expected) == 300
    assert any(r["first_order"] is None for r in got)  # customers without orders
    for row, want in zip(got, expected, strict=True):
        values = [
            row["id"],
            row["first_order"],
            row["last_order"],
            row["cheapest"],
            row["priciest"],
            row["spent"],
            row["first_code"],
            row["last_code"],
            row["most_items"],
            row["fewest_items"],
            row["items"],
            row["lowest_score"],
            row["orders_made"],
            row["big_seen"],
        ]
        assert values == list(want)


def test_types_come_back_exact() -> None:
    counts = np.array([2, 0, 1], dtype=np.int64)
    big = pa.array([2**62 + 1, 2**62 + 3, 7], pa.int64())
    assert reduce_children("max", big, counts).to_pylist() == [2**62 + 3, None, 7]
    cents = pa.array([Decimal("0.10"), Decimal("0.30"), Decimal("2.5")], pa.decimal128(5, 2))
    assert reduce_children("min", cents, counts).to_pylist() == [
        Decimal("0.10"),
        None,
        Decimal("2.50"),
    ]
    stamps = pa.array([None, None, 5], pa.timestamp("us", tz="UTC"))
    assert reduce_children("min", stamps, counts).type == pa.timestamp("us", tz="UTC")
    assert reduce_children("min", stamps, counts).to_pylist()[:2] == [None, None]
    assert reduce_children("max", pa.array([], pa.string()), np.zeros(2, np.int64)).to_pylist() == [
        None,
        None,
    ]


def test_summing_text_in_the_engine_is_a_clear_error() -> None:
    with pytest.raises(GenerationError, match="cannot add up"):
        reduce_children("sum", pa.array(["a", "b"]), np.array([2], dtype=np.int64))


@pytest.mark.parametrize(
    ("func", "column", "kind"),
    [("sum", "placed_on", "date"), ("avg", "placed_at", "datetime"), ("sum", "code", "string")],
)
def test_sum_or_avg_over_non_numbers_is_a_check_error(func: str, column: str, kind: str) -> None:
    source = SOURCE.replace(
        "items         bigint          [compute: sum(orders.items)]",
        f"items         bigint          [compute: {func}(orders.{column})]",
    )
    diagnostics = check_text(source, filename="a.tdg")
    assert [d.code for d in diagnostics] == ["TDG211"]
    diag = diagnostics[0]
    assert f"{func}(orders.{column})" in diag.message and kind in diag.message
    assert diag.span is not None and diag.span.line == 14
