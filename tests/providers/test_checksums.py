"""Check digits are valid, verified by straightforward per-value implementations."""

from __future__ import annotations

import pytest

from testdatagen.model.catalog import LOCALES

from .helpers import values

IBAN_LENGTH = {"DE": 22, "FR": 27, "ES": 24, "BR": 29, "GB": 22}


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return total % 10 == 0


def iban_ok(iban: str) -> bool:
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def gs1_ok(code: str) -> bool:
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(code[:12]))
    return (10 - total % 10) % 10 == int(code[12])


@pytest.mark.parametrize("unique", [False, True])
@pytest.mark.parametrize("locale", LOCALES)
def test_credit_cards_pass_luhn(locale: str, unique: bool) -> None:
    cards = [str(c) for c in values("credit_card", 3000, locale=locale, unique=unique)]
    assert all(c.isdigit() and len(c) in (15, 16) and luhn_ok(c) for c in cards)
    assert not all(luhn_ok(c[:-1] + str((int(c[-1]) + 1) % 10)) for c in cards)


@pytest.mark.parametrize("unique", [False, True])
@pytest.mark.parametrize("locale", LOCALES)
def test_ibans_pass_mod97(locale: str, unique: bool) -> None:
    ibans = [str(c) for c in values("iban", 3000, locale=locale, unique=unique)]
    for iban in ibans:
        assert len(iban) == IBAN_LENGTH[iban[:2]]
        assert iban_ok(iban), iban
    expected = {"en_US": "GB", "ja_JP": "GB"}.get(locale, locale[-2:])
    assert {i[:2] for i in ibans} == {expected}


@pytest.mark.parametrize("fmt", ["ean13", "isbn13"])
@pytest.mark.parametrize("locale", LOCALES)
def test_gs1_check_digits(locale: str, fmt: str) -> None:
    codes = [str(c) for c in values(fmt, 3000, locale=locale, unique=fmt == "isbn13")]
    assert all(len(c) == 13 and c.isdigit() and gs1_ok(c) for c in codes)
    if fmt == "isbn13":
        assert all(c.startswith(("978", "979")) for c in codes)


def test_spanish_dni_letter() -> None:
    for dni in values("ssn", 2000, locale="es_ES"):
        number, letter = str(dni)[:8], str(dni)[8]
        assert "TRWAGMYFPDXBNJZSQVHLCKE"[int(number) % 23] == letter


def test_brazilian_cpf_check_digits() -> None:
    for cpf in values("ssn", 2000, locale="pt_BR"):
        digits = [int(c) for c in str(cpf) if c.isdigit()]
        for k in (9, 10):
            rest = sum(d * w for d, w in zip(digits[:k], range(k + 1, 1, -1), strict=True)) % 11
            assert digits[k] == (0 if rest < 2 else 11 - rest), cpf
