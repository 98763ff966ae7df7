"""Address formats: one *place* per row keeps city, region, postcode and phone coherent.

The place is the row's city (``identity.city_index``, weighted by
population); the postcode starts with the city's prefix and the phone number
uses its area code, each filled from masks compiled per city. A phone's
subscriber digits come from the column's own stream, so several phone
columns of one row share the area code (and format) but not the number. Street, house
number and coordinates are further draws of the same place stream.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.providers.base import FormatRequest
from testdatagen.providers.define import vector
from testdatagen.providers.identity import city_index
from testdatagen.providers.masks import MaskSet
from testdatagen.providers.packs import Choice, Pack, get_pack
from testdatagen.providers.tokens import floats, strings, take_strings, text
from testdatagen.providers.vec import join

__all__ = ["PlaceMasks", "deferred", "place_masks", "render_template"]

I64 = npt.NDArray[np.int64]
_FIELD = re.compile(r"\{(\w+)\}")


def _with_prefix(mask: str, prefix: str) -> str:
    """Replace the first ``len(prefix)`` '#' of ``mask`` by the prefix digits."""
    out, rest = [], list(prefix)
    for ch in mask:
        out.append(rest.pop(0) if ch == "#" and rest else ch)
    return "".join(out)


def _phone_template(fmt: str, area: str, digits: int) -> str:
    width = max(0, digits - len(area.replace(" ", "")))
    sub = ("%" + "#" * (width - 1)) if width else ""  # subscriber numbers never start with 0
    return fmt.replace("{area}", area).replace("{sub}", sub)


@dataclass(frozen=True)
class PlaceMasks:
    postcode: MaskSet  # one template per city
    phone: MaskSet  # city * len(formats) + format
    phone_formats: Choice
    building: MaskSet
    building_choice: Choice

    @classmethod
    def of(cls, pack: Pack) -> PlaceMasks:
        conv, cities = pack.conventions, pack.cities
        postcode = [_with_prefix(conv["postcode"], p) for p in cities["postcode_prefix"]]
        formats = list(conv["phone_formats"])
        phones = [
            _phone_template(f, area, int(conv["phone_digits"]))
            for area in cities["area_code"]
            for f in formats
        ]
        building = list(conv["building_formats"])
        return cls(
            MaskSet.compile(postcode),
            MaskSet.compile(phones),
            Choice.of(formats, [float(w) for w in conv["phone_weights"]]),
            MaskSet.compile(building),
            Choice.of(building, [float(w) for w in conv["building_weights"]]),
        )


def place_masks(pack: Pack) -> PlaceMasks:
    built: PlaceMasks = pack.cached("place_masks", lambda: PlaceMasks.of(pack))
    return built


def _city_field(key: str) -> Callable[[FormatRequest, I64], pa.Array]:
    def field(request: FormatRequest, rows: I64) -> pa.Array:
        pack = get_pack(request.locale)
        values = pack.cached("city:" + key, lambda: strings([str(v) for v in pack.cities[key]]))
        return take_strings(values, city_index(request, rows))

    return field


city = vector("city")(_city_field("name"))
region = vector("region")(_city_field("region"))
region_abbr = _city_field("region_abbr")


@vector("postcode", fit="strict")
def postcode(request: FormatRequest, rows: I64) -> pa.Array:
    masks = place_masks(get_pack(request.locale)).postcode
    which = city_index(request, rows)
    stream = request.identity_stream("place").child("postcode")
    return masks.to_strings(masks.fill_random(which, stream, rows), which)


@vector("phone", fit="strict")
def phone(request: FormatRequest, rows: I64) -> pa.Array:
    """Area code and format come from the row's place (shared by every phone
    column of the row); the subscriber digits come from the column's own
    stream, so ``phone``, ``fax`` and ``mobile`` of one row are different numbers."""
    masks = place_masks(get_pack(request.locale))
    place = request.identity_stream("place").child("phone")
    fmt = masks.phone_formats.index(place.child("format"), rows)
    which = city_index(request, rows) * len(masks.phone_formats) + fmt
    digits = masks.phone.fill_random(which, request.column_stream("phone"), rows)
    return masks.phone.to_strings(digits, which)


@vector("building_number")
def building_number(request: FormatRequest, rows: I64) -> pa.Array:
    masks = place_masks(get_pack(request.locale))
    stream = request.identity_stream("place").child("building")
    which = masks.building_choice.index(stream.child("format"), rows)
    return masks.building.to_strings(masks.building.fill_random(which, stream, rows), which)


@vector("street_name")
def street_name(request: FormatRequest, rows: I64) -> pa.Array:
    pack = get_pack(request.locale)
    stream = request.identity_stream("place").child("street")
    root = pack.choice("street_roots").pick(stream.child("root"), rows)
    suffix = pack.choice("street_suffixes").pick(stream.child("suffix"), rows)
    conv = pack.conventions
    if conv["street_order"] == "suffix_root":
        return join(suffix, conv["street_sep"], root)
    return join(root, conv["street_sep"], suffix)


def deferred(fn: Callable[..., pa.Array], *args: object) -> Callable[[], pa.Array]:
    """A column computed only if a template uses it."""
    return lambda: fn(*args)


def render_template(template: str, fields: dict[str, Callable[[], pa.Array]]) -> pa.Array:
    """Fill ``{field}`` placeholders with whole columns."""
    parts: list[pa.Array | str] = []
    for k, piece in enumerate(_FIELD.split(template)):
        if k % 2:
            parts.append(fields[piece]())
        elif piece:
            parts.append(piece)
    return join(*parts)


@vector("street_address")
def street_address(request: FormatRequest, rows: I64) -> pa.Array:
    return render_template(
        get_pack(request.locale).conventions["street_address"], _address_fields(request, rows)
    )


@vector("address")
def address(request: FormatRequest, rows: I64) -> pa.Array:
    conv = get_pack(request.locale).conventions
    # one join for the whole address: the street part's template is spliced in
    template = conv["address"].replace("{street_address}", conv["street_address"])
    return render_template(template, _address_fields(request, rows))


def _address_fields(request: FormatRequest, rows: I64) -> dict[str, Callable[[], pa.Array]]:
    fns = {
        "building_number": building_number,
        "street_name": street_name,
        "city": city,
        "region": region,
        "region_abbr": region_abbr,
        "postcode": postcode,
    }
    return {name: deferred(fn, request, rows) for name, fn in fns.items()}


@vector("country")
def country(request: FormatRequest, rows: I64) -> pa.Array:
    """The locale's own country: the row's city lies in it."""
    return pa.repeat(text(get_pack(request.locale).conventions["country"][0]), len(rows))


@vector("country_code")
def country_code(request: FormatRequest, rows: I64) -> pa.Array:
    return pa.repeat(text(get_pack(request.locale).conventions["country"][1]), len(rows))


def _coordinate(key: str, spread: float) -> Callable[[FormatRequest, I64], pa.Array]:
    def coordinate(request: FormatRequest, rows: I64) -> pa.Array:
        pack = get_pack(request.locale)
        centres = np.asarray(pack.cities[key], dtype=np.float64)
        jitter = request.identity_stream("place").child("geo", key).uniform(rows) * 2 - 1
        return floats(np.round(centres[city_index(request, rows)] + jitter * spread, 6))

    return coordinate


latitude = vector("latitude")(_coordinate("lat", 0.06))
longitude = vector("longitude")(_coordinate("lon", 0.08))
