"""introspect → .tdg → parse → generate → load into the empty copy → count (issue 4)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from testdatagen.engine import generate
from testdatagen.language.api import load_text
from testdatagen.model import OutputSpec, Project
from testdatagen.outputs.db.url import parse_url
from testdatagen.outputs.introspect import introspect, to_tdg
from testdatagen.outputs.registry import create_output

from .conftest import Pair

TABLES = ("customers", "employees", "order_notes", "orders", "warehouses")


def round_trip(pair: Pair, kind: str, rows: int, tmp_path: Path) -> Project:
    """Run the whole trip; the load fails (and so the test) on any violated constraint."""
    return round_trip_project(introspect(pair.url, schema=pair.schema), pair, kind, rows, tmp_path)


def round_trip_project(
    project: Project, pair: Pair, kind: str, rows: int, tmp_path: Path
) -> Project:
    text = to_tdg(project)
    (tmp_path / "introspected.tdg").write_text(text)
    reparsed = load_text(text)
    assert reparsed.schemas == project.schemas
    assert reparsed.plans == project.plans
    dataset = generate(reparsed, rows=dict.fromkeys(TABLES, rows), seed=7)
    spec = OutputSpec(kind=kind, options=dict(pair.copy_options))
    create_output(spec, base_dir=tmp_path).write(dataset)
    return reparsed


def counts(pair: Pair) -> dict[str, int]:
    engine = sa.create_engine(parse_url(pair.copy_url).sqlalchemy_url())
    schema = pair.copy_options.get("schema")
    try:
        with engine.connect() as conn:
            quote = conn.dialect.identifier_preparer.quote
            prefix = f"{quote(schema)}." if schema else ""
            return {
                t: int(
                    conn.exec_driver_sql(f"SELECT count(*) FROM {prefix}{quote(t)}").scalar() or 0
                )
                for t in TABLES
            }
    finally:
        engine.dispose()


def self_references(pair: Pair) -> tuple[int, int]:
    """(employees with a manager, of which managed by an earlier-or-other row that exists)."""
    engine = sa.create_engine(parse_url(pair.copy_url).sqlalchemy_url())
    schema = pair.copy_options.get("schema")
    prefix = f'"{schema}".' if schema else ""
    sql = (
        f"SELECT count(e.manager_id), count(m.id) FROM {prefix}employees e "
        f"LEFT JOIN {prefix}employees m ON m.id = e.manager_id"
    )
    try:
        with engine.connect() as conn:
            row = conn.exec_driver_sql(sql).one()
            return int(row[0]), int(row[1])
    finally:
        engine.dispose()
