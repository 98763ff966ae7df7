"""Person formats: names, prefix, gender, username, job title, national id.

All name-related formats read the row's person (``identity.person``), so a
row's first_name, last_name, name, gender, prefix, username and email agree.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from testdatagen.providers.base import FormatRequest
from testdatagen.providers.define import picked, vector
from testdatagen.providers.identity import ascii_names, person
from testdatagen.providers.packs import Pack, get_pack
from testdatagen.providers.tokens import bools, max_bytes, numpy_ints, strings, take_strings
from testdatagen.providers.unique import unique_code_domain, unique_codes
from testdatagen.providers.vec import decimal, join, small_ints

__all__ = ["handles", "shrink"]

I64 = npt.NDArray[np.int64]
_NUMBERS = pa.concat_arrays([small_ints(100, 2), strings([""])])


@vector("first_name")
def first_name(request: FormatRequest, rows: I64) -> pa.Array:
    pack = get_pack(request.locale)
    return pack.choice("first_names").take(person(request, rows).first)


@vector("last_name")
def last_name(request: FormatRequest, rows: I64) -> pa.Array:
    pack = get_pack(request.locale)
    return pack.choice("last_names").take(person(request, rows).last)


@vector("name")
def full_name(request: FormatRequest, rows: I64) -> pa.Array:
    pack = get_pack(request.locale)
    p = person(request, rows)
    first = pack.choice("first_names").take(p.first)
    last = pack.choice("last_names").take(p.last)
    if pack.conventions["name_order"] == "last_first":
        return join(last, " ", first)
    return join(first, " ", last)


@vector("gender")
def gender(request: FormatRequest, rows: I64) -> pa.Array:
    return take_strings(strings(["male", "female"]), person(request, rows).female.astype(np.int64))


@vector("prefix")
def prefix(request: FormatRequest, rows: I64) -> pa.Array:
    pack = get_pack(request.locale)
    p = person(request, rows)
    stream = request.identity_stream("person").child("prefix")
    female = pack.choice("prefixes_female").pick(stream, rows)
    male = pack.choice("prefixes_male").pick(stream, rows)
    return pc.if_else(bools(p.female), female, male)


picked("job_title", "jobs")


def _initials(pack: Pack, key: str) -> pa.Array:
    built: pa.Array = pack.cached(
        "initials:" + key, lambda: pc.utf8_slice_codeunits(ascii_names(pack, key), 0, 1)
    )
    return built


def unique_suffix(request: FormatRequest, rows: I64, what: str) -> pa.Array:
    """Digits that encode the row index through a keyed permutation (no leading zeros
    ambiguity: decimal of a bijection is itself a bijection)."""
    domain = unique_code_domain(request.total_rows)
    return decimal(unique_codes(rows, domain, request.column_stream("unique").key, what))


def handles(
    request: FormatRequest, rows: I64, purpose: str, *, fallbacks: bool = True
) -> list[pa.Array]:
    """Name-derived ASCII handles, longest first: ``anna.schmidt42``, ``aschmidt``, ``a``.

    Each later entry is a shorter fallback for columns with a small
    ``max_length``. In unique mode every entry ends with the row's code and
    never with random digits, so the trailing digit run identifies the row.
    ``fallbacks=False`` builds only the first entry (the same values).
    """
    pack = get_pack(request.locale)
    p = person(request, rows)
    stream = request.identity_stream("person").child(purpose)
    first = take_strings(ascii_names(pack, "first_names"), p.first)
    initial = take_strings(_initials(pack, "first_names"), p.first)
    last = take_strings(ascii_names(pack, "last_names"), p.last)
    use_initial = bools(stream.child("initial").uniform(rows) < 0.2)
    swap = bools(stream.child("swap").uniform(rows) < 0.1)
    given = pc.if_else(use_initial, initial, first)
    sep = take_strings(strings([".", "_", "", "."]), stream.child("sep").integers(rows, 0, 3))
    head = join(pc.if_else(swap, last, given), sep, pc.if_else(swap, given, last))
    short = fallbacks and request.max_length is not None  # built only when needed
    if request.unique:
        code = unique_suffix(request, rows, f"{purpose}s")
        if not short:
            return [join(head, code)]
        return [join(head, code), join(initial, last, code), join(initial, code)]
    # 35% of rows get a two-digit number: entry 0-99 of the table, else "" (index 100)
    numbered = stream.child("has-num").uniform(rows) < 0.35
    num_index = np.where(numbered, stream.child("num").integers(rows, 0, 99), 100)
    nums = take_strings(_NUMBERS, num_index)
    if not short:
        return [join(head, nums)]
    return [join(head, nums), head, join(initial, last), initial]


def shrink(candidates: list[pa.Array], limit: int | None) -> pa.Array:
    """Per row, the first candidate that fits ``limit`` characters (else the last)."""
    result = candidates[0]
    if limit is None:
        return result
    result = candidates[-1]
    for candidate in reversed(candidates[:-1]):
        fits = bools(numpy_ints(pc.utf8_length(candidate)) <= limit)
        result = pc.if_else(fits, candidate, result)
    return result


@vector("username", fit="strict")
def username(request: FormatRequest, rows: I64) -> pa.Array:
    if request.max_length is not None:
        # shrink keeps the first handle wherever it fits: skip the fallbacks if it fits everywhere
        first = handles(request, rows, "username", fallbacks=False)[0]
        if max_bytes(first) <= request.max_length:
            return first
    return shrink(handles(request, rows, "username"), request.max_length)
