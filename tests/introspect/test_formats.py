"""Formats from column names: the rules table, and never a format that cannot fit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from testdatagen.language.settings import FORMAT_MAX_LENGTH
from testdatagen.model import DataType
from testdatagen.model.catalog import FORMATS
from testdatagen.model.types import TypeKind
from testdatagen.outputs.introspect.formats import FORMAT_RULES, infer_format


def s(n: int | None = None) -> DataType:
    return DataType(kind=TypeKind.STRING, length=n) if n else DataType(kind=TypeKind.TEXT)


@pytest.mark.parametrize(
    ("name", "table", "expected"),
    [
        ("email", "users", "email"),
        ("contact_email", "users", "email"),
        ("emailed", "users", None),
        ("first_name", "x", "first_name"),
        ("firstname", "x", "first_name"),
        ("surname", "x", "last_name"),
        ("full_name", "x", "name"),
        ("name", "customers", "name"),
        ("name", "products", "product_name"),
        ("name", "suppliers", "company"),
        ("name", "cities", "city"),
        ("name", "widgets", None),
        ("phone", "x", "phone"),
        ("mobile_phone", "x", "phone"),
        ("zip", "x", "postcode"),
        ("postal_code", "x", "postcode"),
        ("city", "x", "city"),
        ("country", "x", "country"),
        ("country_code", "x", "country_code"),
        ("ip_address", "x", "ipv4"),
        ("street", "x", "street_address"),
        ("billing_address", "x", "address"),
        ("website", "x", "url"),
        ("username", "x", "username"),
        ("iban", "x", "iban"),
        ("company_name", "x", "company"),
        ("description", "x", "sentence"),
        ("amount", "x", None),
    ],
)
def test_rules(name: str, table: str, expected: str | None) -> None:
    assert infer_format(name, s(200), table=table) == expected


def test_too_short_columns_get_no_format() -> None:
    assert infer_format("email", s(10)) is None
    assert infer_format("iban", s(20)) is None
    assert infer_format("country_code", s(2)) == "country_code"
    assert infer_format("phone", s(12)) is None


def test_unique_columns_only_get_uniqueable_formats() -> None:
    assert infer_format("email", s(120), unique=True) == "email"
    assert infer_format("city", s(60), unique=True) is None


def test_types_must_fit() -> None:
    assert infer_format("email", DataType(kind=TypeKind.INTEGER)) is None
    assert infer_format("latitude", DataType(kind=TypeKind.FLOAT)) == "latitude"
    dec = DataType(kind=TypeKind.DECIMAL, precision=9, scale=6)
    assert infer_format("longitude", dec) == "longitude"
    assert infer_format("longitude", DataType(kind=TypeKind.DECIMAL, precision=4, scale=2)) is None


def test_every_rule_names_a_registered_format() -> None:
    assert {r.format for r in FORMAT_RULES} <= set(FORMATS)


WORDS = ["email", "name", "first", "last", "phone", "zip", "city", "ip", "iban", "user", "url"]


@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
    length=st.integers(1, 80),
    unique=st.booleans(),
)
def test_a_chosen_format_always_fits(words: list[str], length: int, unique: bool) -> None:
    found = infer_format("_".join(words), s(length), table="people", unique=unique)
    if found is None:
        return
    info = FORMATS[found]
    assert "string" in info.types
    # Emails pick shorter forms to fit down to 16 characters (tests/providers/test_max_length.py);
    # every other structured format needs its longest value to fit.
    assert length >= (16 if found == "email" else FORMAT_MAX_LENGTH.get(found, 0))
    assert not unique or info.uniqueable
