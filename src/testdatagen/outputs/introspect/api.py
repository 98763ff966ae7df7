"""``introspect(url)``: an existing database → a ``Project`` that generates valid data for it.

The flow is reflect (reader.py) → build the model (build.py) → shape it
with planner statistics (stats.py, PostgreSQL) → row counts (counts.py).
``to_tdg`` prints the project and proves the text reads back to the same
model, so what a user saves is exactly what was introspected.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa

from testdatagen.errors import DatabaseError, Diagnostic, OutputError
from testdatagen.model.expr import Lit
from testdatagen.model.plan import GeneratePlan, Project
from testdatagen.model.schema import Schema
from testdatagen.outputs.db.failures import database_error
from testdatagen.outputs.db.url import DbUrl, parse_url
from testdatagen.outputs.introspect.build import build_schema_with_cuts
from testdatagen.outputs.introspect.counts import row_counts
from testdatagen.outputs.introspect.reader import read_schema
from testdatagen.outputs.introspect.stats import apply_stats, read_mariadb_stats, read_pg_stats

__all__ = ["PLAN_NAME", "introspect", "to_tdg"]

PLAN_NAME = "introspected"


def introspect(
    url: str,
    *,
    schema: str | None = None,
    tables: Sequence[str] | None = None,
    use_statistics: bool = True,
) -> Project:
    """Read ``url``'s tables (all, or ``tables`` plus the tables they reference).

    ``schema`` is a PostgreSQL schema or a MySQL database (default: the URL's);
    ``use_statistics`` reads PostgreSQL's ``pg_stats`` (MariaDB's ``mysql.column_stats``)
    to shape values.
    """
    db = parse_url(url)
    schema = schema if schema is not None else db.schema
    if db.dialect == "sqlite" and not Path(db.database).is_file():
        message = f"no SQLite database at {db.database}"
        raise DatabaseError([Diagnostic("TDG612", message, hint="check the path in the URL")])
    engine = sa.create_engine(db.sqlalchemy_url())
    try:
        with engine.connect() as conn:
            return _read(conn, db, schema, tables, use_statistics)
    except sa.exc.DBAPIError as exc:
        raise database_error(db, "introspect", exc.orig or exc) from None
    finally:
        engine.dispose()


def _read(
    conn: sa.Connection,
    db: DbUrl,
    schema: str | None,
    tables: Sequence[str] | None,
    use_statistics: bool,
) -> Project:
    inspector = sa.inspect(conn)
    _check_schema(inspector, schema, db)
    name = schema or (Path(db.database).stem if db.dialect == "sqlite" else db.database)
    raw = read_schema(inspector, db.dialect, name, schema, tables)
    if not raw.tables:
        where = f"schema '{schema}'" if schema else f"{db.dialect} database at {db.where()}"
        message = f"no tables visible in {where}: nothing to introspect"
        hint = "check --schema and that the user may read the tables"
        raise DatabaseError([Diagnostic("TDG661", message, hint=hint)])
    model, cuts = build_schema_with_cuts(raw)
    if db.dialect == "postgresql" and use_statistics:
        model = _with_stats(conn, model, schema or inspector.default_schema_name or "public")
    elif db.dialect == "mysql" and use_statistics:
        model = _with_mariadb_stats(conn, model, db.database)
    counts = row_counts(conn, db.dialect, schema, model.table_names)
    for cut in cuts:  # row n of the child points at row n of the parent: it must exist
        counts[cut.parent] = max(counts[cut.parent], counts[cut.table])
    rows = {t: Lit(value=n) for t, n in counts.items()}
    plan = GeneratePlan(name=PLAN_NAME, schema_name=model.name, rows=rows)
    return Project(schemas=(model,), plans=(plan,))


def _check_schema(inspector: sa.Inspector, schema: str | None, db: DbUrl) -> None:
    if schema is None:
        return
    known = inspector.get_schema_names()
    if schema in known:
        return
    close = difflib.get_close_matches(schema, known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"schemas: {', '.join(known[:12])}"
    message = f"no schema '{schema}' in {db.dialect} database at {db.where()}"
    raise DatabaseError([Diagnostic("TDG660", message, hint=hint)])


def _with_stats(conn: sa.Connection, model: Schema, db_schema: str) -> Schema:
    enums = {e.name: tuple(m.value for m in e.members) for e in model.enums}
    tables = tuple(
        apply_stats(t, read_pg_stats(conn, db_schema, t.name), enums) for t in model.tables
    )
    return model.model_copy(update={"tables": tables})


def _with_mariadb_stats(conn: sa.Connection, model: Schema, database: str) -> Schema:
    tables = tuple(apply_stats(t, read_mariadb_stats(conn, database, t.name)) for t in model.tables)
    return model.model_copy(update={"tables": tables})


def to_tdg(project: Project) -> str:
    """The project as .tdg text, checked to read back to an equal model."""
    from testdatagen.language.api import load_text
    from testdatagen.language.printer import print_project

    text = print_project(project)
    again = load_text(text, filename="<introspected>")
    if again.schemas != project.schemas or again.plans != project.plans:
        raise OutputError(
            [
                Diagnostic(
                    "TDG662",
                    "the introspected schema does not read back unchanged from its .tdg text",
                    hint="please report this as a bug, with the database's DDL",
                )
            ]
        )
    return text
