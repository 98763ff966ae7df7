"""A schema and dataset with every awkward value a loader must carry exactly."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pyarrow as pa

from testdatagen.engine.arrow_types import arrow_schema
from testdatagen.engine.dataset import ArrowDataset
from testdatagen.model import (
    Binary,
    Check,
    ChoiceGen,
    Column,
    DataType,
    Enum,
    EnumMember,
    Lit,
    Ref,
    ReferenceGen,
    Schema,
    Table,
    TypeKind,
)

NASTY = [
    "O'Brien",
    'say "hi"',
    "comma, semi; pipe|",
    "back\\slash \\N \\t",
    "tab\there",
    "new\nline",
    "crlf\r\nend",
    "ünïcödé 日本語 🎉",
    "",
    "NULL",
    "\\N",
    None,
    "  spaced  ",
    "%s %(x)s ? :1 $1",
]


def _t(kind: str, **kw: object) -> DataType:
    return DataType(kind=TypeKind(kind), **kw)  # type: ignore[arg-type]


def _col(name: str, kind: str, **kw: object) -> Column:
    type_kw = {
        k: kw.pop(k) for k in ("length", "precision", "scale", "enum", "timezone") if k in kw
    }
    return Column(name=name, type=_t(kind, **type_kw), **kw)  # type: ignore[arg-type]


MOOD = Enum(name="mood", members=(EnumMember(value="happy"), EnumMember(value="it's ok")))

PEOPLE = Table(
    name="people",
    columns=(
        _col("id", "bigint", primary_key=True),
        _col("name", "string", length=80, not_null=True),
        _col("bio", "text"),
        _col("active", "boolean"),
        _col("balance", "decimal", precision=12, scale=2),
        _col("score", "float"),
        _col("born", "date"),
        _col("seen_at", "datetime"),
        _col("seen_tz", "datetime", timezone="UTC"),
        _col("token", "uuid", unique=True),
        _col("mood", "enum", enum="mood", generator=ChoiceGen(values=("happy", "it's ok"))),
        _col("manager_id", "bigint", generator=ReferenceGen(table="people", column="id")),
    ),
)
ACCOUNTS = Table(
    name="accounts",
    columns=(
        _col("region", "string", length=8),
        _col("number", "integer"),
        _col(
            "owner_id", "bigint", not_null=True, generator=ReferenceGen(table="people", column="id")
        ),
        _col("opened", "date"),
    ),
    primary_key=("region", "number"),
)
ENTRIES = Table(
    name="entries",
    columns=(
        _col("id", "integer", primary_key=True),
        _col(
            "acc_region",
            "string",
            length=8,
            not_null=True,
            generator=ReferenceGen(table="accounts", column="region", group="acc"),
        ),
        _col(
            "acc_number",
            "integer",
            not_null=True,
            generator=ReferenceGen(table="accounts", column="number", group="acc"),
        ),
        _col("amount", "decimal", precision=10, scale=2, not_null=True),
        _col("note", "string", length=200),
    ),
    unique_keys=(("acc_region", "acc_number", "note"),),
    checks=(
        Check(
            name="amount_floor",
            expr=Binary(op=">", left=Ref(path=("amount",)), right=Lit(value=-1000)),
        ),
    ),
)
SCHEMA = Schema(name="Nasty", tables=(PEOPLE, ACCOUNTS, ENTRIES), enums=(MOOD,))

UTC = dt.UTC


def people_rows(n: int = len(NASTY)) -> dict[str, list[object]]:
    return {
        "id": list(range(1, n + 1)),
        "name": [f"person {i} {NASTY[i % len(NASTY)] or 'x'}" for i in range(n)],
        "bio": [NASTY[i % len(NASTY)] for i in range(n)],
        "active": [None if i % 5 == 4 else i % 2 == 0 for i in range(n)],
        "balance": [
            None if i % 6 == 5 else Decimal(i * 1234567 % 10**10) / 100 - Decimal("9.99")
            for i in range(n)
        ],
        "score": [None if i % 7 == 6 else i * 0.1 - 0.5 for i in range(n)],
        "born": [
            None if i % 4 == 3 else dt.date(1950 + i % 70, 1 + i % 12, 1 + i % 28) for i in range(n)
        ],
        "seen_at": [
            dt.datetime(2024, 2, 29, 23, 59, 59, 999_999) - dt.timedelta(hours=i, microseconds=i)
            for i in range(n)
        ],
        "seen_tz": [
            None if i % 3 == 2 else dt.datetime(2021, 3, 28, 1, 30, i % 60, 123_000, tzinfo=UTC)
            for i in range(n)
        ],
        "token": [str(uuid.UUID(int=i * 7919 + 1)) for i in range(n)],
        "mood": [None if i % 5 == 1 else ("happy", "it's ok")[i % 2] for i in range(n)],
        "manager_id": [None if i == 0 else (i * 7) % i + 1 for i in range(n)],
    }


def make_tables(
    n_people: int = len(NASTY),
    *,
    bad_entry: bool = False,
    orphan_entry: bool = False,
    duplicate_token: bool = False,
) -> dict[str, pa.Table]:
    accounts = {
        "region": ["eu", "us", "o'x", "日本"] * 2,
        "number": [1, 1, 2, 2, 3, 3, 4, 4],
        "owner_id": [(i % n_people) + 1 for i in range(8)],
        "opened": [dt.date(2020, 1, 1 + i) for i in range(8)],
    }
    entries = {
        "id": list(range(1, 21)),
        "acc_region": [accounts["region"][i % 8] for i in range(20)],
        "acc_number": [accounts["number"][i % 8] for i in range(20)],
        "amount": [Decimal(i * 37) / 100 - Decimal(3) for i in range(20)],
        "note": [NASTY[i % len(NASTY)] for i in range(20)],
    }
    if bad_entry:  # violates the CHECK on the third table, after two tables loaded fine
        entries["amount"][-1] = Decimal("-99999.00")
    if orphan_entry:  # the last entry names an account that does not exist
        entries["acc_number"][-1] = 999
    people = people_rows(n_people)
    if duplicate_token:  # breaks the unique key on people.token
        people["token"][-1] = people["token"][0]
    data = {"people": people, "accounts": accounts, "entries": entries}
    return {
        t.name: pa.Table.from_pydict(data[t.name], schema=arrow_schema(t)) for t in SCHEMA.tables
    }


def make_dataset(
    n_people: int = len(NASTY), *, bad_entry: bool = False, chunk_rows: int = 5, **bad: bool
) -> ArrowDataset:
    """``bad``: ``orphan_entry`` or ``duplicate_token`` (see make_tables)."""
    tables = make_tables(n_people, bad_entry=bad_entry, **bad)
    return ArrowDataset(SCHEMA, tables, chunk_rows=chunk_rows)
