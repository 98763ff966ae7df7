"""Regressions: prefix/suffix options, sequential text, format params, bigint bounds > 2**53."""

from __future__ import annotations

import re
from datetime import datetime

import pyarrow as pa

import testdatagen

NOW = datetime(2025, 1, 1)


def _table(source: str, rows: int = 200, name: str = "t") -> pa.Table:
    project = testdatagen.loads(source)
    dataset = testdatagen.generate(project, rows={name: rows}, seed=7)
    table: pa.Table = dataset.to_arrow(name)
    return table


def test_prefix_suffix_options_are_rendered_around_the_value() -> None:
    table = _table(
        """
        schema S {
          table t {
            code  string(20) [primary_key, sequential(start: 1000), prefix: 'CUST-']
            tag   string(30) [sequential(start: 5, step: 5), prefix: '<', suffix: '>',
                              null_rate: 30%]
            email string(60) [format: email, prefix: 'mailto:', suffix: ';']
            ref   string(60) [format: uuid4, unique, prefix: 'U-']
          }
        }
        """
    )
    assert table.schema.field("code").type == pa.string()
    codes = table.column("code").to_pylist()
    assert codes[:3] == ["CUST-1000", "CUST-1001", "CUST-1002"]
    assert len(set(codes)) == len(codes)
    tags = table.column("tag").to_pylist()
    assert None in tags  # NULLs stay NULL, not '<>' or '<None>'
    assert all(t == f"<{5 + 5 * i}>" for i, t in enumerate(tags) if t is not None)
    emails = table.column("email").to_pylist()
    assert all(e.startswith("mailto:") and e.endswith(";") and "@" in e for e in emails)
    assert all(len(e) <= 60 for e in emails)
    uuid = re.compile(r"^U-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    refs = table.column("ref").to_pylist()
    assert all(uuid.match(r) for r in refs) and len(set(refs)) == len(refs)


def test_prefix_is_seen_by_a_child_following_the_key() -> None:
    project = testdatagen.loads(
        """
        schema S {
          table p { code string(20) [primary_key, sequential(start: 1000), prefix: 'CUST-'] }
          table c { p_code string(20) [not_null, references: p.code] }
        }
        """
    )
    dataset = testdatagen.generate(project, rows={"p": 50, "c": 300}, seed=3)
    parents = set(dataset.to_arrow("p").column("code").to_pylist())
    children = dataset.to_arrow("c").column("p_code").to_pylist()
    assert all(v in parents for v in children)


def test_sequential_on_string_and_text_columns_is_decimal_text() -> None:
    table = _table(
        """
        schema S {
          table t {
            a string(12) [sequential(start: 1000, step: 7)]
            b text       [sequential]
          }
        }
        """,
        rows=20,
    )
    assert table.column("a").to_pylist() == [str(1000 + 7 * i) for i in range(20)]
    assert table.column("b").to_pylist() == [str(1 + i) for i in range(20)]


def test_format_params_reach_the_provider() -> None:
    table = _table(
        """
        schema S {
          table t {
            short string(40) [format: password(length: 6)]
            long  string(40) [format: password(length: 30)]
          }
        }
        """,
        rows=50,
    )
    assert {len(v) for v in table.column("short").to_pylist()} == {6}
    assert {len(v) for v in table.column("long").to_pylist()} == {30}


def test_bigint_bounds_above_2_53_do_not_crash_and_are_exact() -> None:
    """Regression: ArrowInvalid 'Integer value … not in range ±9007199254740992'."""
    table = _table(
        """
        schema S {
          table t {
            a bigint [min: 0, max: 9007199254740993]
            b bigint [min: 1500000000000000000, max: 1600000000000000000]
            c bigint [min: 9007199254740993, max: 9007199254740995]
            d bigint [min: -9223372036854775808, max: 9223372036854775807]
            u bigint [unique, min: 9007199254740993, max: 9007199254741192]
          }
        }
        """,
        rows=200,
    )
    a, b = table.column("a").to_pylist(), table.column("b").to_pylist()
    assert all(0 <= v <= 9007199254740993 for v in a)
    assert all(1500000000000000000 <= v <= 1600000000000000000 for v in b)
    assert len(set(b)) > 190 and any(v % 2 for v in b)  # full integer grid, not floats
    # Exact: the odd bounds above 2**53 (not representable as float64) are reachable.
    assert set(table.column("c").to_pylist()) == {
        9007199254740993,
        9007199254740994,
        9007199254740995,
    }
    d = table.column("d").to_pylist()
    assert min(d) < 0 < max(d)
    u = table.column("u").to_pylist()
    assert sorted(u) == list(range(9007199254740993, 9007199254741193))


def test_bigint_bounds_above_2_53_with_distributions_stay_in_range() -> None:
    table = _table(
        """
        schema S {
          table t {
            n bigint [min: 1500000000000000000, max: 1600000000000000000,
                      distribution: normal(mean: 1550000000000000000, sd: 10000000000000000)]
            z bigint [min: 1500000000000000000, max: 1600000000000000000,
                      distribution: zipf(s: 1.2)]
            e bigint [min: 9223372036854775000, max: 9223372036854775807,
                      distribution: normal(mean: 9223372036854775400, sd: 100)]
          }
        }
        """,
        rows=300,
    )
    for name in ("n", "z"):
        values = table.column(name).to_pylist()
        assert all(1500000000000000000 <= v <= 1600000000000000000 for v in values)
    n = table.column("n").to_pylist()
    assert 1520000000000000000 < sum(n) / len(n) < 1580000000000000000
    assert all(
        9223372036854775000 <= v <= 9223372036854775807 for v in table.column("e").to_pylist()
    )
