"""The per-row draws that several formats share.

Every name-related format recomputes the same *person* (gender, first name,
last name) from ``request.identity_stream('person')`` and every place-related
format the same *place* (city, and through it region, postcode prefix and
area code) from ``identity_stream('place')``. Nothing is stored between
columns: agreement comes from purity, so a table may declare ``email``
without ``first_name`` and still get the email of the row's person.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.providers.alias import AliasTable
from testdatagen.providers.base import FormatRequest
from testdatagen.providers.packs import Choice, Pack, get_pack
from testdatagen.providers.tokens import strings
from testdatagen.providers.translit import ascii_name

__all__ = ["GenderedNames", "PersonDraw", "ascii_names", "city_index", "person"]

I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class GenderedNames:
    """First names split by gender, each with its own alias table."""

    female: I64
    female_table: AliasTable
    male: I64
    male_table: AliasTable

    @classmethod
    def of(cls, pack: Pack) -> GenderedNames:
        entry = pack.raw("first_names")
        gender = np.array(entry["gender"])
        weights = np.asarray(entry["weights"], dtype=np.float64)
        f = np.flatnonzero(gender == "F").astype(np.int64)
        m = np.flatnonzero(gender == "M").astype(np.int64)
        return cls(f, AliasTable.of(weights[f]), m, AliasTable.of(weights[m]))


@dataclass(frozen=True)
class PersonDraw:
    female: npt.NDArray[np.bool_]
    first: I64  # index into the pack's first_names
    last: I64  # index into the pack's last_names


def person(request: FormatRequest, rows: I64) -> PersonDraw:
    pack = get_pack(request.locale)
    stream = request.identity_stream("person")
    names = pack.cached("gendered", lambda: GenderedNames.of(pack))
    female = stream.child("gender").uniform(rows) < 0.5
    u = stream.child("first").uniform(rows)
    f = names.female[names.female_table.draw(u)]
    m = names.male[names.male_table.draw(u)]
    last = pack.choice("last_names").index(stream.child("last"), rows)
    return PersonDraw(female, np.where(female, f, m), last)


def ascii_names(pack: Pack, key: str) -> pa.Array:
    """Lower-case ASCII forms of a name list (romanised lists where the pack has them)."""

    def build() -> pa.Array:
        entry = pack.raw(key)
        source = entry.get("romanized") or entry["values"]
        return strings([ascii_name(str(v)) for v in source])

    built: pa.Array = pack.cached("ascii:" + key, build)
    return built


def _cities(pack: Pack) -> Choice:
    cities = pack.cities
    return Choice.of(list(cities["name"]), [float(w) for w in cities["weight"]])


def city_index(request: FormatRequest, rows: I64) -> I64:
    """The row's city, weighted by population."""
    pack = get_pack(request.locale)
    choice = pack.cached("city_choice", lambda: _cities(pack))
    return choice.index(request.identity_stream("place").child("city"), rows)
