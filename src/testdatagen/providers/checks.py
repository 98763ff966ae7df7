"""Check digits computed on whole digit matrices (one column at a time).

Each function takes ``digits``: an (N, K) int64 matrix of the digits that the
check covers, most significant first, and returns the check value per row.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["cpf_checks", "dni_letters", "ean_check", "luhn_check", "mod97"]

I64 = npt.NDArray[np.int64]
_DNI = np.frombuffer(b"TRWAGMYFPDXBNJZSQVHLCKE", dtype=np.uint8)


_LUHN_DOUBLE = np.array([0, 2, 4, 6, 8, 1, 3, 5, 7, 9], dtype=np.uint8)


def luhn_check(digits: npt.NDArray[np.integer[Any]]) -> I64:
    """The digit that makes ``digits + check`` pass the Luhn test (card numbers).

    Works on bytes: a card's digit columns are transposed as uint8 (an eighth of
    the memory traffic of int64) and summed in uint16, which holds 7000+ digits.
    """
    columns = np.ascontiguousarray(digits.T, dtype=np.uint8)  # one row per digit position
    k = columns.shape[0]
    total = np.zeros(digits.shape[0], dtype=np.uint16)
    for j in range(k):
        doubled = (k - 1 - j) % 2 == 0  # the rightmost payload digit is doubled
        total += _LUHN_DOUBLE[columns[j]] if doubled else columns[j]
    check: I64 = ((10 - total % 10) % 10).astype(np.int64)
    return check


def ean_check(digits: I64) -> I64:
    """GS1 check digit for 12 payload digits (EAN-13, ISBN-13): weights 1,3,1,3…"""
    weights = np.where(np.arange(digits.shape[1]) % 2 == 0, 1, 3)
    check: I64 = (10 - (digits * weights[None, :]).sum(axis=1) % 10) % 10
    return check


def mod97(values: npt.NDArray[np.integer[Any]]) -> I64:
    """Remainder mod 97 of the decimal number formed by ``values`` (ISO 7064).

    Entries may be 0-35 (letters count as 10-35 and take two decimal places);
    each column holds only digits or only letters, as in IBAN layouts.
    Reducing every eight decimal places keeps the running value far below
    2**63 while doing a modulo only every few columns.
    """
    remainder = np.zeros(values.shape[0], dtype=np.int64)
    pending = 0  # decimal places added since the last reduction
    for v in np.ascontiguousarray(values.T, dtype=np.uint8):  # entries are below 36
        letters = v > 9
        if letters.any() and not letters.all():
            raise ValueError("a mod-97 column must hold only digits or only letters")
        places = 2 if letters.any() else 1
        remainder = remainder * 10**places + v
        pending += places
        if pending >= 8:  # 97 · 10**9 still fits int64 with room to spare
            remainder %= 97
            pending = 0
    result: I64 = remainder % 97
    return result


def dni_letters(digits: I64) -> npt.NDArray[np.uint8]:
    """Spanish DNI control letter: the 8-digit number mod 23 indexes a fixed table."""
    number = np.zeros(digits.shape[0], dtype=np.int64)
    for j in range(digits.shape[1]):
        number = number * 10 + digits[:, j]
    out: npt.NDArray[np.uint8] = _DNI[number % 23]
    return out


def cpf_checks(digits: I64) -> tuple[I64, I64]:
    """Brazilian CPF: two mod-11 check digits over the 9 base digits."""
    first = _cpf_digit(digits, np.arange(10, 1, -1))
    both = np.concatenate([digits, first[:, None]], axis=1)
    second = _cpf_digit(both, np.arange(11, 1, -1))
    return first, second


def _cpf_digit(digits: I64, weights: I64) -> I64:
    rest = (digits * weights[None, :]).sum(axis=1) % 11
    return np.where(rest < 2, 0, 11 - rest)
