"""Finance and identifier formats with check digits: cards, IBAN, BIC, EAN, ISBN, SSN.

Bodies come from masks: random digits, or in unique mode a keyed permutation
of the row index written in the mask's mixed radix (a bijection onto the
body space, so distinct rows get distinct bodies and therefore distinct
values; the check digits are a function of the body). The permutation
domain is the smallest capacity among *all* the locale's masks for the
format, never just those in a chunk, so output does not depend on chunking.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.providers.base import FormatRequest
from testdatagen.providers.checks import cpf_checks, dni_letters, ean_check, luhn_check, mod97
from testdatagen.providers.define import vector
from testdatagen.providers.masks import MaskSet
from testdatagen.providers.packs import Choice, Pack, get_pack
from testdatagen.providers.unique import unique_codes

__all__ = ["BBAN", "fill_masks"]

I64 = npt.NDArray[np.int64]
U8 = npt.NDArray[np.uint8]

#: BBAN masks per IBAN country (ISO 13616 registry lengths).
BBAN = {
    "DE": "##################",
    "FR": "#######################",
    "ES": "####################",
    "BR": "#######################?#",
    "GB": "????##############",
}


def fill_masks(request: FormatRequest, rows: I64, masks: MaskSet, which: I64, what: str) -> U8:
    stream = request.column_stream()
    if not request.unique:
        return masks.fill_random(which, stream, rows)
    codes = unique_codes(rows, min(masks.capacity), stream.child("unique").key, what)
    return masks.fill_value(which, codes)


def _cached_masks(pack: Pack, key: str, build: Callable[[], list[str]]) -> MaskSet:
    masks: MaskSet = pack.cached("masks:" + key, lambda: MaskSet.compile(build()))
    return masks


def _card_masks(pack: Pack) -> MaskSet:
    brands = pack.conventions["card_brands"]
    return _cached_masks(
        pack, "card", lambda: [p + "#" * (int(n) - len(p) - 1) + "*" for p, n in brands]
    )


@vector("credit_card", fit="strict")
def credit_card(request: FormatRequest, rows: I64) -> pa.Array:
    pack = get_pack(request.locale)
    masks = _card_masks(pack)
    weights = [3.0] + [1.0] * (len(masks.templates) - 1)
    brand = Choice.of(list(masks.templates), weights).index(request.column_stream("brand"), rows)
    mat = fill_masks(request, rows, masks, brand, "card numbers")
    lengths = masks.lengths[brand]
    for n in np.unique(masks.lengths):  # one pass per card length, not per brand
        sel = np.flatnonzero(lengths == n)
        body = mat[sel, : n - 1] - np.uint8(ord("0"))  # card masks are all digits
        mat[sel, n - 1] = luhn_check(body) + ord("0")
    return masks.to_strings(mat, brand)


def _gs1(request: FormatRequest, rows: I64, prefix: str, what: str) -> pa.Array:
    pack = get_pack(request.locale)
    masks = _cached_masks(pack, "gs1:" + prefix, lambda: [prefix + "#" * (12 - len(prefix)) + "*"])
    which = np.zeros(len(rows), dtype=np.int64)
    mat = fill_masks(request, rows, masks, which, what)
    mat[:, 12] = ean_check(masks.digit_values(mat)[:, :12]) + ord("0")
    return masks.to_strings(mat, which)


@vector("ean13", fit="strict")
def ean13(request: FormatRequest, rows: I64) -> pa.Array:
    return _gs1(request, rows, get_pack(request.locale).conventions["ean"], "EAN-13 codes")


@vector("isbn13", fit="strict")
def isbn13(request: FormatRequest, rows: I64) -> pa.Array:
    return _gs1(request, rows, get_pack(request.locale).conventions["isbn"], "ISBN-13 codes")


_ALNUM = np.zeros(256, dtype=np.uint8)
_ALNUM[ord("0") : ord("9") + 1] = np.arange(10)
_ALNUM[ord("A") : ord("Z") + 1] = np.arange(10, 36)


@vector("iban", fit="strict")
def iban(request: FormatRequest, rows: I64) -> pa.Array:
    pack = get_pack(request.locale)
    country = pack.conventions["iban_country"]
    masks = _cached_masks(pack, "iban", lambda: [country + "**" + BBAN[country]])
    which = np.zeros(len(rows), dtype=np.int64)
    mat = fill_masks(request, rows, masks, which, "IBANs")
    # ISO 13616: the BBAN, then the country letters as 10-35 and "00", mod 97
    country_values = _ALNUM[np.frombuffer(country.encode() + b"00", dtype=np.uint8)]
    rearranged = np.concatenate(
        [_ALNUM[mat[:, 4:]], np.broadcast_to(country_values, (len(rows), 4))], axis=1
    )
    check = 98 - mod97(rearranged)
    mat[:, 2] = check // 10 + ord("0")
    mat[:, 3] = check % 10 + ord("0")
    return masks.to_strings(mat, which)


@vector("bic", fit="strict")
def bic(request: FormatRequest, rows: I64) -> pa.Array:
    pack = get_pack(request.locale)
    cc = pack.conventions["country"][1]
    masks = _cached_masks(pack, "bic", lambda: [f"????{cc}?#", f"????{cc}?#XXX", f"????{cc}?####"])
    which = Choice.of(list(masks.templates), [6.0, 3.0, 1.0]).index(
        request.column_stream("kind"), rows
    )
    return masks.to_strings(masks.fill_random(which, request.column_stream(), rows), which)


@vector("ssn", fit="strict")
def ssn(request: FormatRequest, rows: I64) -> pa.Array:
    """National id in the locale's layout; Spanish DNI letters and Brazilian CPF
    check digits are computed, other locales follow the layout only."""
    pack = get_pack(request.locale)
    conv = pack.conventions
    masks = _cached_masks(pack, "ssn", lambda: [conv["ssn"]])
    which = np.zeros(len(rows), dtype=np.int64)
    mat = fill_masks(request, rows, masks, which, "national ids")
    body = masks.digit_values(mat)[:, (masks.radix[0] > 1) & ~masks.check[0]]
    check_columns = np.flatnonzero(masks.check[0])
    if conv["ssn_check"] == "dni":
        mat[:, check_columns[0]] = dni_letters(body)
    elif conv["ssn_check"] == "cpf":
        first, second = cpf_checks(body)
        mat[:, check_columns[0]] = first + ord("0")
        mat[:, check_columns[1]] = second + ord("0")
    return masks.to_strings(mat, which)
