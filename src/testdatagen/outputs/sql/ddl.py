"""Model Schema → SQLAlchemy MetaData, with types chosen per dialect.

One function builds the DDL every database path uses: the loaders create
tables from it and the SQL script writer compiles it, so a script and a load
produce the same tables. Foreign keys inside a cycle of tables get
``use_alter`` (and are deferred on PostgreSQL) so both creation and loading
inside one transaction work; self-references need neither.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import mssql, mysql, postgresql
from sqlalchemy.sql import operators, visitors
from sqlalchemy.sql.elements import BinaryExpression, Grouping

from testdatagen.model.schema import Column, ReferenceGen, Schema, Table
from testdatagen.model.types import DataType, TypeKind
from testdatagen.outputs.sql.exprs import SqlExpr, Untranslatable, to_sql

__all__ = [
    "DIALECTS",
    "SQLITE_EXACT_DIGITS",
    "Ddl",
    "SqliteTextDecimal",
    "build_ddl",
    "enum_values",
    "sql_type",
]

DIALECTS = ("sqlite", "postgresql", "mysql", "mssql")


@dataclass(slots=True)
class Ddl:
    """The MetaData plus, per model table, its ``sa.Table`` and notes on what was left out."""

    metadata: sa.MetaData
    tables: dict[str, sa.Table]
    notes: list[str] = field(default_factory=list)


def build_ddl(
    schema: Schema,
    dialect: str,
    *,
    db_schema: str | None = None,
    names: Mapping[str, str] | None = None,
    tables: tuple[str, ...] | None = None,
    name_foreign_keys: bool = True,
    unique_keys: bool = True,
) -> Ddl:
    """Build tables for ``schema`` as ``dialect`` wants them.

    ``names`` maps model table names to physical ones (MySQL loads into
    staging tables); ``name_foreign_keys=False`` lets the server name foreign
    keys, whose names are database-wide on InnoDB; ``unique_keys=False``
    leaves unique keys out (SQLite's loader builds them as unique indexes
    after the rows are in, since SQLite cannot add a constraint later).
    """
    metadata = sa.MetaData(schema=db_schema)
    physical = dict(names or {})
    cyclic = _cyclic_edges(schema)
    ddl = Ddl(metadata, {})
    for table in schema.tables:
        if tables is not None and table.name not in tables:
            continue
        ddl.tables[table.name] = _table(
            table, schema, dialect, metadata, physical, cyclic, name_foreign_keys, ddl.notes
        )
        if not unique_keys:
            _drop_unique(ddl.tables[table.name])
    return ddl


def _table(
    table: Table,
    schema: Schema,
    dialect: str,
    metadata: sa.MetaData,
    physical: dict[str, str],
    cyclic: frozenset[tuple[str, str]],
    name_fks: bool,
    notes: list[str],
) -> sa.Table:
    name = physical.get(table.name, table.name)
    pk = table.primary_key or tuple(c.name for c in table.columns if c.primary_key)
    items: list[Any] = [_column(table, c, schema, dialect, metadata) for c in table.columns]
    if pk:
        items.append(sa.PrimaryKeyConstraint(*pk, name=_limit(f"pk_{table.name}")))
    items += _unique_keys(table)
    items += _foreign_keys(table, dialect, metadata.schema, physical, cyclic, name_fks)
    text_numbers = frozenset(
        c.name
        for c, item in zip(table.columns, items, strict=False)
        if isinstance(item.type, SqliteTextDecimal)
    )
    items += _checks(table, notes, text_numbers, approximate=dialect == "sqlite")
    return sa.Table(name, metadata, *items)


def _drop_unique(table: sa.Table) -> None:
    for constraint in [c for c in table.constraints if isinstance(c, sa.UniqueConstraint)]:
        table.constraints.discard(constraint)


def _column(
    table: Table, column: Column, schema: Schema, dialect: str, metadata: sa.MetaData
) -> sa.Column[Any]:
    kind = sql_type(column.type, schema, dialect, metadata, column)
    if dialect == "mysql" and column.type.kind is TypeKind.STRING and column.type.length is None:
        kind = _mysql_unsized_string(table, column)
    if isinstance(kind, sa.Enum) and not kind.native_enum:
        kind.name = _limit(f"ck_{table.name}_{column.name}")  # names the CHECK, per table
    return sa.Column(
        column.name,
        kind,
        nullable=column.nullable,
        autoincrement=False,
        comment=column.comment,
    )


#: MySQL/MariaDB need a length for VARCHAR; 255 characters of utf8mb4 stay within
#: InnoDB's 3072-byte index key, so an unsized key column can be indexed.
MYSQL_KEY_VARCHAR = 255


def _mysql_unsized_string(table: Table, column: Column) -> sa.types.TypeEngine[Any]:
    """``string`` without a length: VARCHAR(255) where a key indexes it, else TEXT (which
    MySQL cannot index whole, but which holds whatever a format or compute makes)."""
    keyed = (
        column.primary_key
        or column.unique
        or column.reference is not None
        or column.name in table.primary_key
        or any(column.name in key for key in table.unique_keys)
    )
    return sa.String(MYSQL_KEY_VARCHAR) if keyed else sa.Text()


#: SQLite turns numeric text in a NUMERIC column into a REAL, keeping 15 significant digits.
SQLITE_EXACT_DIGITS = 15


class SqliteTextDecimal(sa.types.UserDefinedType[Decimal]):
    """``DECIMAL TEXT(p,s)``: a SQLite decimal too wide for a REAL, stored as exact text.

    SQLite has no decimal type: a ``DECIMAL(18,2)`` column has NUMERIC affinity,
    which converts '9999999999999999.99' to the REAL 1e16. A declared type that
    contains TEXT gets TEXT affinity and keeps the digits, and its first word
    is still ``DECIMAL``, so ``sqlite3.register_converter("DECIMAL", …)`` with
    ``PARSE_DECLTYPES`` reads every decimal column as an exact ``Decimal``.
    Narrower decimals stay NUMERIC(p,s): exact within 15 digits, compared as numbers.
    """

    cache_ok = True

    def __init__(self, precision: int, scale: int) -> None:
        self.precision = precision
        self.scale = scale

    def get_col_spec(self, **kw: Any) -> str:
        return f"DECIMAL TEXT({self.precision}, {self.scale})"

    def bind_processor(self, dialect: sa.Dialect) -> Callable[[Any], str | None]:
        return lambda value: None if value is None else str(value)

    def result_processor(
        self, dialect: sa.Dialect, coltype: object
    ) -> Callable[[Any], Decimal | None]:
        return lambda value: None if value is None else Decimal(str(value))


def sql_type(
    dtype: DataType,
    schema: Schema,
    dialect: str,
    metadata: sa.MetaData | None = None,
    column: Column | None = None,
) -> sa.types.TypeEngine[Any]:
    """The column type for ``dialect``; see docs/databases.md for the table."""
    kind = dtype.kind
    if kind is TypeKind.ENUM:
        return _enum_type(dtype, schema, dialect, metadata, column)
    if kind is TypeKind.UUID:
        return postgresql.UUID(as_uuid=False) if dialect == "postgresql" else sa.CHAR(36)
    if kind is TypeKind.DATETIME:
        return _datetime_type(dtype, dialect)
    if kind is TypeKind.STRING:
        return sa.Unicode(dtype.length) if dialect == "mssql" else sa.String(dtype.length)
    if kind is TypeKind.TEXT:
        return sa.UnicodeText() if dialect == "mssql" else sa.Text()
    if kind is TypeKind.DECIMAL:
        precision, scale = dtype.precision or 18, dtype.scale or 0
        if dialect != "sqlite":
            return sa.Numeric(precision, scale, asdecimal=True)
        if precision > SQLITE_EXACT_DIGITS:
            return SqliteTextDecimal(precision, scale)
        return sa.DECIMAL(precision, scale, asdecimal=True)  # one converter name for both
    simple: dict[TypeKind, sa.types.TypeEngine[Any]] = {
        TypeKind.INTEGER: sa.Integer(),
        TypeKind.BIGINT: sa.BigInteger(),
        TypeKind.BOOLEAN: sa.Boolean(),
        TypeKind.FLOAT: sa.Double(),
        TypeKind.DATE: sa.Date(),
    }
    return simple[kind]


def _datetime_type(dtype: DataType, dialect: str) -> sa.types.TypeEngine[Any]:
    aware = dtype.timezone is not None
    if dialect == "mysql":
        # MySQL/MariaDB keep no zone: aware values are stored as UTC in DATETIME(6).
        return mysql.DATETIME(fsp=6)
    if dialect == "mssql":
        return mssql.DATETIMEOFFSET(precision=6) if aware else mssql.DATETIME2(precision=6)  # type: ignore[no-untyped-call]
    return sa.DateTime(timezone=aware)


def enum_values(dtype: DataType, schema: Schema, column: Column | None = None) -> tuple[str, ...]:
    """Members of the enum ``dtype`` names (or, failing that, the column's choices)."""
    for enum in schema.enums:
        if enum.name == dtype.enum:
            return tuple(m.value for m in enum.members)
    if column is not None and hasattr(column.generator, "values"):
        return tuple(str(v) for v in column.generator.values if v is not None)
    return ()


def _enum_type(
    dtype: DataType,
    schema: Schema,
    dialect: str,
    metadata: sa.MetaData | None,
    column: Column | None,
) -> sa.types.TypeEngine[Any]:
    values = enum_values(dtype, schema, column)
    name = dtype.enum or (column.name if column else "enum")
    native = dialect in ("postgresql", "mysql")
    return sa.Enum(
        *values,
        name=name,
        native_enum=native,
        create_constraint=not native,
        metadata=metadata if dialect == "postgresql" else None,
        schema=metadata.schema if metadata is not None and dialect == "postgresql" else None,
        length=max((len(v) for v in values), default=1),
        validate_strings=False,
    )


def _unique_keys(table: Table) -> list[sa.UniqueConstraint]:
    keys: list[tuple[str, ...]] = [
        (c.name,) for c in table.columns if c.unique and not c.primary_key
    ]
    keys += [k for k in table.unique_keys if k not in keys]
    return [sa.UniqueConstraint(*k, name=_limit(f"uq_{table.name}_{'_'.join(k)}")) for k in keys]


def _foreign_keys(
    table: Table,
    dialect: str,
    db_schema: str | None,
    physical: dict[str, str],
    cyclic: frozenset[tuple[str, str]],
    name_fks: bool,
) -> list[sa.ForeignKeyConstraint]:
    result = []
    for group in _reference_groups(table):
        parent = group[0][1].table
        target = physical.get(parent, parent)
        prefix = f"{db_schema}.{target}" if db_schema else target
        in_cycle = (table.name, parent) in cyclic
        defer = in_cycle and dialect == "postgresql"
        cols = [c.name for c, _ in group]
        result.append(
            sa.ForeignKeyConstraint(
                cols,
                [f"{prefix}.{ref.column}" for _, ref in group],
                name=_limit(f"fk_{table.name}_{'_'.join(cols)}") if name_fks else None,
                use_alter=in_cycle,
                deferrable=True if defer else None,
                initially="DEFERRED" if defer else None,
            )
        )
    return result


def _reference_groups(table: Table) -> list[list[tuple[Column, ReferenceGen]]]:
    """Columns of one composite key share ``ReferenceGen.group``; others stand alone."""
    groups: dict[str, list[tuple[Column, ReferenceGen]]] = {}
    for column, ref in table.references:
        key = f"{ref.table}\x1f{ref.group}" if ref.group else f"\x1e{column.name}"
        groups.setdefault(key, []).append((column, ref))
    return list(groups.values())


def _checks(
    table: Table,
    notes: list[str],
    text_numbers: frozenset[str] = frozenset(),
    *,
    approximate: bool = False,
) -> list[sa.CheckConstraint]:
    columns = frozenset(table.column_names)
    result = []
    for check in table.checks:
        try:
            sql = _as_numbers(to_sql(check.expr, columns), text_numbers)
            if approximate:
                sql = _approximate_equality(sql)
        except Untranslatable as exc:
            notes.append(f"check '{check.name}' on '{table.name}' is not in the DDL: {exc}")
            continue
        result.append(sa.CheckConstraint(sql, name=_limit(f"ck_{table.name}_{check.name}")))
    return result


def _as_numbers(sql: SqlExpr, names: frozenset[str]) -> SqlExpr:
    """``CAST(col AS NUMERIC)`` for decimals stored as text: compared bare, a TEXT
    column turns the other side into text too, and '99.5' > '100' would hold."""
    if not names:
        return sql

    def replace(element: Any, **kw: Any) -> SqlExpr | None:
        if isinstance(element, sa.ColumnClause) and element.name in names:
            return sa.cast(element, sa.Numeric)
        return None

    options: dict[str, Any] = {}
    return visitors.replacement_traverse(sql, options, replace)


_ARITHMETIC = frozenset({operators.add, operators.sub, operators.mul, operators.truediv})
#: Relative tolerance of an equality over arithmetic, as the engine's checks use it.
EQUALITY_TOLERANCE = 1e-9


def _approximate_equality(sql: SqlExpr) -> SqlExpr:
    """``a = b + c`` within a relative tolerance where numbers are binary floats.

    SQLite keeps decimals as REAL: an exact 0.30 = 0.10 + 0.20 reads as
    0.3 = 0.30000000000000004 and the CHECK would refuse a row that holds. Only
    comparisons with arithmetic on a side change; ``a = b`` of stored values is exact.
    """

    def replace(element: Any, **kw: Any) -> SqlExpr | None:
        if not isinstance(element, BinaryExpression):
            return None
        if element.operator not in (operators.eq, operators.ne):
            return None
        sides = (element.left, element.right)
        if not any(_is_arithmetic(side) for side in sides):
            return None
        left, right = (visitors.replacement_traverse(side, {}, replace) for side in sides)
        gap = sa.func.abs(left - right)
        scale = EQUALITY_TOLERANCE * (1 + sa.func.abs(left) + sa.func.abs(right))
        close: SqlExpr = gap <= scale
        return close if element.operator is operators.eq else sa.not_(close)

    options: dict[str, Any] = {}
    return visitors.replacement_traverse(sql, options, replace)


def _is_arithmetic(side: Any) -> bool:
    while isinstance(side, Grouping):
        side = side.element
    return isinstance(side, BinaryExpression) and side.operator in _ARITHMETIC


def _cyclic_edges(schema: Schema) -> frozenset[tuple[str, str]]:
    """(child, parent) edges inside a cycle of two or more tables."""
    parents = {t.name: t.parent_tables - {t.name} for t in schema.tables}

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(parents.get(node, ()))
        return False

    return frozenset(
        (child, parent) for child, ps in parents.items() for parent in ps if reaches(parent, child)
    )


def _limit(name: str, size: int = 60) -> str:
    """Identifiers longer than the smallest server limit (PostgreSQL: 63) are shortened stably."""
    if len(name) <= size:
        return name
    import hashlib

    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return f"{name[: size - 9]}_{digest}"
