"""Columns of one row agree: a person's names, gender and email; a place's city,
region, postcode and phone area code."""

from __future__ import annotations

import re

import numpy as np
import pytest

from testdatagen.model.catalog import LOCALES
from testdatagen.providers.address import place_masks
from testdatagen.providers.base import FormatRequest
from testdatagen.providers.packs import get_pack
from testdatagen.providers.registry import get_provider
from testdatagen.providers.translit import ascii_name

from .helpers import values

N = 2000


def _ascii_lookup(locale: str, key: str) -> dict[str, str]:
    entry = get_pack(locale).raw(key)
    source = entry.get("romanized") or entry["values"]
    return {v: ascii_name(r) for v, r in zip(entry["values"], source, strict=True)}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("fmt", ["email", "username", "safe_email"])
def test_handles_contain_the_rows_name(locale: str, fmt: str) -> None:
    firsts = _ascii_lookup(locale, "first_names")
    lasts = _ascii_lookup(locale, "last_names")
    rows = zip(
        values("first_name", N, locale=locale),
        values("last_name", N, locale=locale),
        values(fmt, N, locale=locale),
        strict=True,
    )
    for first, last, handle in rows:
        local = str(handle).split("@")[0]
        assert lasts[str(last)] in local or firsts[str(first)] in local, (first, last, handle)
        assert re.fullmatch(r"[a-z._]+[0-9]*", local), handle


@pytest.mark.parametrize("locale", LOCALES)
def test_name_is_made_of_the_rows_first_and_last_name(locale: str) -> None:
    names = values("name", N, locale=locale)
    firsts = values("first_name", N, locale=locale)
    lasts = values("last_name", N, locale=locale)
    for full, first, last in zip(names, firsts, lasts, strict=True):
        assert str(full).split(" ") == ([last, first] if locale == "ja_JP" else [first, last]) or (
            str(first) in str(full) and str(last) in str(full)
        )


@pytest.mark.parametrize("locale", LOCALES)
def test_gender_matches_first_name_and_prefix(locale: str) -> None:
    pack = get_pack(locale)
    entry = pack.raw("first_names")
    female_names = {v for v, g in zip(entry["values"], entry["gender"], strict=True) if g == "F"}
    male_names = {v for v, g in zip(entry["values"], entry["gender"], strict=True) if g == "M"}
    female_prefixes = set(pack.raw("prefixes_female")["values"])
    male_prefixes = set(pack.raw("prefixes_male")["values"])
    rows = zip(
        values("gender", N, locale=locale),
        values("first_name", N, locale=locale),
        values("prefix", N, locale=locale),
        strict=True,
    )
    for gender, first, prefix in rows:
        assert first in (female_names if gender == "female" else male_names)
        assert prefix in (female_prefixes if gender == "female" else male_prefixes)


@pytest.mark.parametrize("locale", LOCALES)
def test_city_region_postcode_phone_agree(locale: str) -> None:
    cities = get_pack(locale).cities
    table = {
        name: (region, prefix, area.replace(" ", ""), lat, lon)
        for name, region, prefix, area, lat, lon in zip(
            cities["name"],
            cities["region"],
            cities["postcode_prefix"],
            cities["area_code"],
            cities["lat"],
            cities["lon"],
            strict=True,
        )
    }
    columns = ["city", "region", "postcode", "phone", "latitude", "longitude", "address"]
    data = {c: values(c, N, locale=locale) for c in columns}
    with_area = 0
    for i in range(N):
        region, prefix, area, lat, lon = table[str(data["city"][i])]
        assert data["region"][i] == region
        assert str(data["postcode"][i]).replace("-", "").startswith(prefix)
        digits = re.sub(r"\D", "", str(data["phone"][i]))
        with_area += area in digits
        assert abs(float(data["latitude"][i]) - lat) < 0.1  # type: ignore[arg-type]
        assert abs(float(data["longitude"][i]) - lon) < 0.1  # type: ignore[arg-type]
        address = str(data["address"][i])
        assert str(data["city"][i]) in address and str(data["postcode"][i]) in address
    # landlines carry the city's area code; mobile formats (no area code) are a minority
    assert with_area / N > 0.5


def test_street_address_is_part_of_address() -> None:
    streets = values("street_address", 300, locale="de_DE")
    addresses = values("address", 300, locale="de_DE")
    assert all(str(a).startswith(str(s)) for s, a in zip(streets, addresses, strict=True))


def _fits(template: str, number: str) -> bool:
    """``number`` is a filling of mask ``template`` (literals equal, digits where
    the mask has a digit placeholder)."""
    return len(template) == len(number) and all(
        (t in "#%" and n.isdigit()) or t == n for t, n in zip(template, number, strict=True)
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_phone_columns_in_one_row_differ_but_share_area_code(locale: str) -> None:
    """Regression: ``phone`` and ``fax`` of one row were the identical number."""
    pack = get_pack(locale)
    rows = np.arange(N, dtype=np.int64)
    provider = get_provider("phone")
    phone, fax = (
        provider.generate(
            FormatRequest(seed=7, table="t", column=c, locale=locale), rows
        ).to_pylist()
        for c in ("phone", "fax")
    )
    differ = sum(a != b for a, b in zip(phone, fax, strict=True))
    assert differ / N >= 0.99
    templates = place_masks(pack).phone.templates
    per_city = len(templates) // len(pack.cities["name"])
    by_name: dict[str, list[str]] = {}
    for k, name in enumerate(pack.cities["name"]):
        by_name.setdefault(str(name), []).extend(templates[k * per_city : (k + 1) * per_city])
    with_area = 0
    for city, a, b in zip(values("city", N, locale=locale), phone, fax, strict=True):
        # one template of the row's city (area code literal, same format) fits both
        shared = [t for t in by_name[str(city)] if _fits(t, str(a)) and _fits(t, str(b))]
        assert shared, (city, a, b)
        area = str(pack.cities["area_code"][pack.cities["name"].index(city)])
        with_area += any(area in t for t in shared)
    assert with_area / N > 0.4  # mobile formats (no area code) are a minority


def _emails_with_all_fallbacks(req: FormatRequest, rows: np.ndarray) -> list[object]:
    """``internet._emails`` without its fast path: every fallback built, then shrunk."""
    from testdatagen.providers.person import handles, shrink
    from testdatagen.providers.vec import join

    domains = get_pack(req.locale).choice("free_email_domains")
    picked = domains.pick(req.column_stream("domain"), rows)
    names = handles(req, rows, "email")
    candidates = [join(h, "@", picked) for h in names]
    shortest = min(domains.values.to_pylist(), key=len)
    candidates.append(join(names[-1], "@" + shortest))
    return shrink(candidates, req.max_length).to_pylist()


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("unique", [False, True])
@pytest.mark.parametrize("max_length", [120, 24, 18])
def test_email_fast_path_when_first_handle_fits_changes_no_value(
    locale: str, unique: bool, max_length: int
) -> None:
    """Speed-up regression: skipping the shorter fallbacks when the first candidate
    fits every row must give exactly what ``shrink`` over all candidates gives."""
    rows = np.arange(N, dtype=np.int64)
    req = FormatRequest(
        seed=3,
        table="t",
        column="email",
        locale=locale,
        max_length=max_length,
        unique=unique,
        total_rows=N,
    )
    got = get_provider("email").generate(req, rows).to_pylist()
    assert got == _emails_with_all_fallbacks(req, rows)
    if not unique:  # usernames take the same shortcut
        from testdatagen.providers.person import handles, shrink

        user = FormatRequest(seed=3, table="t", column="u", locale=locale, max_length=max_length)
        expected = shrink(handles(user, rows, "username"), max_length).to_pylist()
        assert get_provider("username").generate(user, rows).to_pylist() == expected
