"""The example files (and the benchmark workload) parse and keep every invariant.

Checks are verified independently of the engine's evaluator: each check is
translated to SQL and counted in DuckDB over the generated Arrow tables.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from testdatagen.engine import generate
from testdatagen.language.api import load_file
from testdatagen.model import Binary, Expr, In, IsNull, Lit, Ref, Schema, Unary

EXAMPLES = Path(__file__).parents[2] / "examples"
NOW = datetime(2025, 6, 1)


def sql(expr: Expr) -> str:
    match expr:
        case Lit(value=str() as text):
            return "'" + text.replace("'", "''") + "'"
        case Lit(value=None):
            return "NULL"
        case Lit(value=value, unit="percent"):
            return repr(float(value) / 100)  # type: ignore[arg-type]
        case Lit(value=value):
            return repr(value)
        case Ref(path=(name,)):
            return f'"{name}"'
        case Binary(op=op, left=left, right=right):
            return f"({sql(left)} {op.upper() if op in ('and', 'or') else op} {sql(right)})"
        case Unary(op="-", operand=operand):
            return f"(-{sql(operand)})"
        case Unary(op="not", operand=operand):
            return f"(NOT {sql(operand)})"
        case IsNull(operand=operand, negated=negated):
            return f"({sql(operand)} IS {'NOT ' if negated else ''}NULL)"
        case In(operand=operand, options=options, negated=negated):
            return f"({sql(operand)} {'NOT ' if negated else ''}IN ({', '.join(sql(o) for o in options)}))"
    raise NotImplementedError(expr)


def assert_invariants(
    schema: Schema, tables: dict[str, pa.Table], requested: dict[str, int]
) -> None:
    con = duckdb.connect()
    for name, table in tables.items():
        con.register(name, table)
    for table in schema.tables:
        name, data = table.name, tables[table.name]
        if table.per_parent is None and name in requested:
            assert data.num_rows == requested[name], name
        for column in table.columns:
            col = data.column(column.name)
            if not column.nullable:
                assert col.null_count == 0, f"{name}.{column.name}"
            if column.unique or (column.primary_key and len(table.primary_key) == 1):
                assert len(col.drop_null().unique()) == len(col.drop_null()), (
                    f"{name}.{column.name}"
                )
            if column.reference is not None:
                ref = column.reference
                orphans = con.execute(
                    f'SELECT count(*) FROM {name} c WHERE c."{column.name}" IS NOT NULL AND NOT EXISTS '
                    f'(SELECT 1 FROM {ref.table} p WHERE p."{ref.column}" = c."{column.name}")'
                ).fetchone()
                assert orphans == (0,), f"{name}.{column.name}"
        for key in table.unique_keys:
            cols = ", ".join(f'"{k}"' for k in key)
            dups = con.execute(
                f"SELECT count(*) FROM (SELECT {cols} FROM {name} GROUP BY {cols} HAVING count(*) > 1)"
            ).fetchone()
            assert dups == (0,), f"{name} unique {key}"
        for check in table.checks:
            bad = con.execute(
                f"SELECT count(*) FROM {name} WHERE NOT coalesce({sql(check.expr)}, true)"
            ).fetchone()
            assert bad == (0,), f"{name} check {check.name}"


@pytest.mark.parametrize("example", ["shop", "bank", "hr", "iot", "saas"])
def test_example_keeps_every_invariant(example: str) -> None:
    project = load_file(EXAMPLES / f"{example}.tdg")
    ds = generate(project, now=NOW, seed=42)
    tables = {name: ds.to_arrow(name) for name in ds.tables}
    plan = project.plan_named(None)
    requested = (
        {t: ds.row_count(t) for t in ds.tables}
        if plan is None
        else {t: ds.row_count(t) for t in plan.rows}
    )
    assert_invariants(ds.schema, tables, requested)


def test_iot_readings_follow_the_device_clock() -> None:
    ds = generate(load_file(EXAMPLES / "iot.tdg"), now=NOW, rows={"devices": 20, "sites": 5})
    readings = ds.to_pandas("readings")
    devices = ds.to_pandas("devices").set_index("id")
    assert len(readings) == 20 * 96
    offset = readings["recorded_at"] - devices.loc[readings["device_id"], "installed_at"].to_numpy()
    assert (offset.dt.total_seconds().to_numpy() == 900 * (readings["id"] % 96).to_numpy()).all()


def test_bench_workload_parses_and_generates(shared_dir: str) -> None:
    project = load_file(Path(shared_dir) / "bench" / "shop.tdg")
    ds = generate(project, params={"n": 500}, now=NOW)
    tables = {name: ds.to_arrow(name) for name in ds.tables}
    assert tables["customers"].num_rows == 500 and tables["orders"].num_rows == 2500
    assert_invariants(ds.schema, tables, {"customers": 500, "orders": 2500})
