"""Regression (QA #7): SQLite decimals read back exactly, whatever their precision.

SQLite stores numeric text in a NUMERIC column as a REAL with 15 significant
digits, so DECIMAL(18,2) turned 9999999999999999.99 into 1e16. Decimals wider
than 15 digits are now TEXT (declared ``DECIMAL TEXT(p, s)``); narrower ones
stay NUMERIC. Either way sqlite3 with a ``DECIMAL`` converter gives the exact
``Decimal`` back, and so does ``Decimal(str(value))`` on a plain connection.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testdatagen.engine.dataset import ArrowDataset
from testdatagen.model import Check, Column, DataType, OutputSpec, Schema, Table, TypeKind
from testdatagen.model.expr import Binary, Ref
from testdatagen.outputs.db import load_dataset, load_options
from testdatagen.outputs.sql import sql_output

WIDE = [
    Decimal("9999999999999999.99"),
    Decimal("-9999999999999999.99"),
    Decimal("1234567890123456.78"),
    Decimal("0.10"),
    Decimal("100.00"),
    Decimal("-0.01"),
    Decimal("0.00"),
    None,
]
NARROW = [
    Decimal("99999999.99"),
    Decimal("-0.05"),
    Decimal("0.10"),
    Decimal("100.00"),
    Decimal("12345678.91"),
    Decimal("0.01"),
    Decimal("-99999999.99"),
    None,
]


def _decimal(name: str, precision: int, scale: int) -> Column:
    return Column(name=name, type=DataType(kind=TypeKind.DECIMAL, precision=precision, scale=scale))


def _schema(check: bool = False) -> Schema:
    checks = (
        Check(
            name="wide_above",
            expr=Binary(op=">", left=Ref(path=("wide",)), right=Ref(path=("narrow",))),
        ),
    )
    return Schema(
        name="D",
        tables=(
            Table(
                name="t",
                columns=(_decimal("wide", 18, 2), _decimal("narrow", 10, 2)),
                checks=checks if check else (),
            ),
        ),
    )


def _dataset(wide: list[Decimal | None], narrow: list[Decimal | None]) -> ArrowDataset:
    table = pa.table(
        {
            "wide": pa.array(wide, pa.decimal128(18, 2)),
            "narrow": pa.array(narrow, pa.decimal128(10, 2)),
        }
    )
    return ArrowDataset(_schema(), {"t": table})


def _load(path: Path, dataset: ArrowDataset) -> None:
    load_dataset(dataset, load_options({"url": f"sqlite:///{path}"}, kind="sqlite"))


def _read_with_converter(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    monkeypatch.setitem(sqlite3.converters, "DECIMAL", lambda raw: Decimal(raw.decode()))
    with sqlite3.connect(path, detect_types=sqlite3.PARSE_DECLTYPES) as conn:
        return conn.execute("SELECT wide, narrow FROM t").fetchall()


def test_decimal_18_2_reads_back_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "d.db"
    _load(path, _dataset(WIDE, NARROW))
    assert _read_with_converter(path, monkeypatch) == list(zip(WIDE, NARROW, strict=True))
    with sqlite3.connect(path) as conn:
        plain = conn.execute("SELECT wide, narrow FROM t").fetchall()
        kinds = conn.execute("SELECT typeof(wide), typeof(narrow) FROM t LIMIT 1").fetchone()
    assert [Decimal(str(w)) if w is not None else None for w, _ in plain] == WIDE
    assert [Decimal(str(n)) if n is not None else None for _, n in plain] == NARROW
    assert kinds == ("text", "real")


def test_declared_types(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    _load(path, _dataset(WIDE, NARROW))
    with sqlite3.connect(path) as conn:
        info = {r[1]: r[2] for r in conn.execute("PRAGMA table_info(t)")}
    assert info == {"wide": "DECIMAL TEXT(18, 2)", "narrow": "DECIMAL(10, 2)"}


def test_checks_compare_text_decimals_as_numbers(tmp_path: Path) -> None:
    """'99.50' > '100.00' as text; the CHECK must compare numbers."""
    path = tmp_path / "d.db"
    dataset = ArrowDataset(
        _schema(check=True),
        {
            "t": pa.table(
                {
                    "wide": pa.array([Decimal("100.00")], pa.decimal128(18, 2)),
                    "narrow": pa.array([Decimal("99.50")], pa.decimal128(10, 2)),
                }
            )
        },
    )
    _load(path, dataset)
    with sqlite3.connect(path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO t VALUES ('99.50', 100)")


def test_sql_script_for_sqlite_is_exact_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = OutputSpec(kind="sql", options={"file": "d.sql", "dialect": "sqlite"})
    sql_output(spec, tmp_path).write(_dataset(WIDE, NARROW))
    path = tmp_path / "d.db"
    with sqlite3.connect(path) as conn:
        conn.executescript((tmp_path / "d.sql").read_text(encoding="utf-8"))
    assert _read_with_converter(path, monkeypatch) == list(zip(WIDE, NARROW, strict=True))


def _decimals(precision: int) -> st.SearchStrategy[Decimal]:
    limit = 10 ** (precision - 2) - 1
    return st.integers(-limit * 100 - 99, limit * 100 + 99).map(lambda c: Decimal(c).scaleb(-2))


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    wide=st.lists(_decimals(18), min_size=1, max_size=30),
    data=st.data(),
)
def test_any_decimal_round_trips(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    wide: list[Decimal],
    data: st.DataObject,
) -> None:
    narrow = data.draw(st.lists(_decimals(10), min_size=len(wide), max_size=len(wide)))
    path = tmp_path_factory.mktemp("prop") / "d.db"
    _load(path, _dataset(list(wide), list(narrow)))
    assert _read_with_converter(path, monkeypatch) == list(zip(wide, narrow, strict=True))


def test_introspection_reads_text_decimals_as_decimals(tmp_path: Path) -> None:
    from testdatagen.outputs.introspect import introspect

    path = tmp_path / "d.db"
    _load(path, _dataset(WIDE, NARROW))
    (table,) = introspect(f"sqlite:///{path}", schema=None, tables=None).schemas[0].tables
    kinds = {c.name: (c.type.kind, c.type.precision, c.type.scale) for c in table.columns}
    assert kinds == {"wide": (TypeKind.DECIMAL, 18, 2), "narrow": (TypeKind.DECIMAL, 10, 2)}


def test_generic_loader_stores_wide_decimals_exactly_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "d.db"
    options = load_options({"url": f"sqlite+pysqlite:///{path}", "method": "generic"})
    load_dataset(_dataset(WIDE, NARROW), options)
    assert _read_with_converter(path, monkeypatch) == list(zip(WIDE, NARROW, strict=True))
