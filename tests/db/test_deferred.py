"""deferred_ddl: the split of DDL into bare CREATEs and the keys added after the rows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from testdatagen.outputs.sql.compile import dialect_for
from testdatagen.outputs.sql.ddl import build_ddl
from testdatagen.outputs.sql.deferred import deferred_ddl

from .data import SCHEMA

KINDS = ("primary", "unique", "check")


def test_postgresql_creates_bare_tables_and_adds_every_key_after() -> None:
    plan = deferred_ddl(build_ddl(SCHEMA, "postgresql"), dialect_for("postgresql"))
    assert plan.types == ["CREATE TYPE mood AS ENUM ('happy', 'it''s ok')"]
    assert list(plan.tables) == ["people", "accounts", "entries"]
    for create in plan.tables.values():
        assert "CONSTRAINT" not in create and "PRIMARY KEY" not in create
    entries = plan.keys["entries"]
    assert [s.split(" ADD CONSTRAINT ")[1].split()[1] for s in entries] == [
        "PRIMARY",
        "UNIQUE",
        "CHECK",
        "FOREIGN",
    ]
    assert all(s.startswith("ALTER TABLE entries ADD CONSTRAINT") for s in entries)
    assert plan.cyclic == {}


def test_mysql_keeps_primary_key_and_checks_in_the_create() -> None:
    ddl = build_ddl(SCHEMA, "mysql", names={"entries": "_tdg_stage_entries"})
    plan = deferred_ddl(ddl, dialect_for("mysql"), keep=frozenset({"primary", "check"}))
    create = plan.tables["entries"]
    assert "CREATE TABLE _tdg_stage_entries" in create
    assert "PRIMARY KEY (id)" in create and "CHECK (amount > -1000)" in create
    assert "UNIQUE" not in create and "FOREIGN KEY" not in create
    assert [s.split(" ADD ")[1].split()[0] for s in plan.keys["entries"]] == [
        "CONSTRAINT",
        "CONSTRAINT",
    ]
    assert "FOREIGN KEY" in plan.keys["entries"][1]


@pytest.mark.parametrize("dialect", ["postgresql", "mysql"])
@given(keep=st.sets(st.sampled_from(KINDS)), tables=st.sets(st.sampled_from(SCHEMA.table_names)))
def test_no_constraint_is_lost_or_doubled(dialect: str, keep: set[str], tables: set[str]) -> None:
    """Whatever is kept, each constraint appears exactly once: in the CREATE or after it."""
    ddl = build_ddl(SCHEMA, dialect)
    plan = deferred_ddl(ddl, dialect_for(dialect), tables, keep=frozenset(keep))
    assert set(plan.tables) == tables
    for name in tables:
        table = ddl.tables[name]
        expected = {c.name for c in table.constraints if c.name}
        text = plan.tables[name] + "\n".join(plan.keys[name])
        for constraint_name in expected:
            assert text.count(f"CONSTRAINT {constraint_name} ") == 1, constraint_name
        fks = len(table.foreign_key_constraints)
        assert text.count("FOREIGN KEY") == fks


def test_foreign_keys_cannot_be_kept_in_the_create() -> None:
    with pytest.raises(ValueError, match="keep must be among"):
        deferred_ddl(build_ddl(SCHEMA, "mysql"), dialect_for("mysql"), keep=frozenset({"foreign"}))
