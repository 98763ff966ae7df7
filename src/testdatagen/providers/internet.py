"""Internet formats: emails, domains, URLs, addresses on the wire, passwords.

``email`` derives from the row's own person (see ``person.handles``); in
unique mode the local part ends with a keyed permutation of the row index.
Network addresses are bit patterns built and printed as byte matrices.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from testdatagen.providers.base import FormatRequest
from testdatagen.providers.define import picked, vector
from testdatagen.providers.identity import ascii_names
from testdatagen.providers.packs import Choice, Pack, get_pack
from testdatagen.providers.person import handles, shrink, unique_suffix
from testdatagen.providers.text import ascii_vocabulary, joined_words
from testdatagen.providers.tokens import bools, max_bytes, strings, take_strings, text
from testdatagen.providers.unique import codes
from testdatagen.providers.vec import (
    hex_digits,
    join,
    matrix_to_strings,
    small_ints,
    uniform_chunks,
)

__all__: list[str] = []

I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]


def _emails(request: FormatRequest, rows: I64, domains: Choice) -> pa.Array:
    """Shorter handles first, then the shortest domain, when ``max_length`` is tight."""
    picked = domains.pick(request.column_stream("domain"), rows)
    if request.max_length is not None:
        # shrink keeps the first candidate wherever it fits (bytes >= characters):
        # when it fits everywhere, the fallbacks need not be built at all
        first = join(handles(request, rows, "email", fallbacks=False)[0], "@", picked)
        if max_bytes(first) <= request.max_length:
            return first
    names = handles(request, rows, "email")
    candidates = [join(h, "@", picked) for h in names]
    if request.max_length is not None:
        shortest = min(domains.values.to_pylist(), key=len)
        candidates.append(join(names[-1], "@" + shortest))
    return shrink(candidates, request.max_length)


@vector("email", fit="strict")
def email(request: FormatRequest, rows: I64) -> pa.Array:
    return _emails(request, rows, get_pack(request.locale).choice("free_email_domains"))


@vector("safe_email", fit="strict")
def safe_email(request: FormatRequest, rows: I64) -> pa.Array:
    return _emails(request, rows, get_pack("common").choice("safe_domains"))


def _domains(pack: Pack, request: FormatRequest, rows: I64) -> pa.Array:
    stream = request.column_stream("domain")
    names = ascii_names(pack, "last_names")
    last = pack.choice("last_names")
    first = take_strings(names, last.index(stream.child("a"), rows))
    second = take_strings(names, last.index(stream.child("b"), rows))
    two = bools(stream.child("two").uniform(rows) < 0.3)
    tld = pack.choice("tlds").pick(stream.child("tld"), rows)
    return join(pc.if_else(two, join(first, "-", second), first), ".", tld)


@vector("domain", fit="strict")
def domain(request: FormatRequest, rows: I64) -> pa.Array:
    return _domains(get_pack(request.locale), request, rows)


@vector("url", fit="strict")
def url(request: FormatRequest, rows: I64) -> pa.Array:
    pack = get_pack(request.locale)
    stream = request.column_stream("path")
    www = take_strings(strings(["", "www."]), stream.child("www").integers(rows, 0, 1))
    host = join(www, _domains(pack, request, rows))
    path = joined_words(ascii_vocabulary(pack, "/"), stream.child("words"), rows, 1, 3)
    if request.unique:
        return join("https://", host, "/", path, "-", unique_suffix(request, rows, "urls"))
    # a quarter of URLs are bare hosts; the others end in "", "/", ".html" or ".php"
    ending = stream.child("kind").integers(rows, 0, 3)
    bare = stream.child("bare").uniform(rows) < 0.25
    path = pc.if_else(bools(bare), text(""), path)
    tail = take_strings(strings(["", "/", ".html", ".php"]), np.where(bare, 0, ending))
    return join("https://", host, "/", path, tail)


@vector("slug", fit="strict")
def slug(request: FormatRequest, rows: I64) -> pa.Array:
    vocab = ascii_vocabulary(get_pack(request.locale), "-")
    base = joined_words(vocab, request.column_stream("words"), rows, 2, 4)
    if request.unique:
        return join(base, "-", unique_suffix(request, rows, "slugs"))
    return base


_IPV4_DOMAIN = 222 << 24  # first octet 1-223 without 127: public-looking unicast


@vector("ipv4", fit="strict")
def ipv4(request: FormatRequest, rows: I64) -> pa.Array:
    v = codes(request, rows, _IPV4_DOMAIN, "ipv4 addresses")
    first = (v >> np.uint64(24)) + np.uint64(1)
    first += first >= np.uint64(127)
    octets = [first] + [(v >> np.uint64(s)) & np.uint64(255) for s in (16, 8, 0)]
    table = small_ints(256)
    parts = [take_strings(table, o.astype(np.int64)) for o in octets]
    return join(parts[0], ".", parts[1], ".", parts[2], ".", parts[3])


def _grouped_hex(words: list[U64], group: int, sep: int) -> pa.Array:
    """Hex of 64-bit words, ``group`` digits between separators."""
    digits = np.concatenate([hex_digits(w, 16) for w in words], axis=1)
    n, total = digits.shape
    groups = total // group
    out = np.full((n, groups * (group + 1) - 1), sep, dtype=np.uint8)
    for g in range(groups):
        out[:, g * (group + 1) : g * (group + 1) + group] = digits[:, g * group : (g + 1) * group]
    return matrix_to_strings(out, np.full(n, out.shape[1], dtype=np.int64))


@vector("ipv6", fit="strict")
def ipv6(request: FormatRequest, rows: I64) -> pa.Array:
    stream = request.column_stream()
    high = stream.child("high").bits(rows)
    high = (high & np.uint64((1 << 61) - 1)) | np.uint64(1 << 61)  # 2000::/3 global unicast
    low = codes(request, rows, 1 << 62, "IPv6 addresses")
    low |= stream.child("low").bits(rows) & np.uint64(3 << 62)  # a unique code fills 62 bits
    return _grouped_hex([high, low], 4, ord(":"))


_MAC_DOMAIN = 1 << 46


@vector("mac_address", fit="strict")
def mac_address(request: FormatRequest, rows: I64) -> pa.Array:
    v = codes(request, rows, _MAC_DOMAIN, "MAC addresses")
    # locally administered, unicast: the two low bits of the first octet are 1, 0
    first = ((v >> np.uint64(40)) << np.uint64(2)) | np.uint64(2)
    mac = (first << np.uint64(40)) | (v & np.uint64((1 << 40) - 1))
    digits = hex_digits(mac, 12)
    n = len(rows)
    out = np.full((n, 17), ord(":"), dtype=np.uint8)
    for g in range(6):
        out[:, 3 * g : 3 * g + 2] = digits[:, 2 * g : 2 * g + 2]
    return matrix_to_strings(out, np.full(n, 17, dtype=np.int64))


picked("user_agent", "user_agents", shared=True)


_CLASSES = (
    b"abcdefghijklmnopqrstuvwxyz",
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    b"0123456789",
    b"!@#$%&*?-_+=",
)
_CLASS_BYTES = [np.frombuffer(c, dtype=np.uint8) for c in _CLASSES]
_ALPHABET = np.concatenate(_CLASS_BYTES)


@vector("password", fit="strict")
def password(request: FormatRequest, rows: I64) -> pa.Array:
    """At least one character of each class, at random distinct positions."""
    length = int(request.params.get("length", 12) or 12)
    length = max(len(_CLASSES), min(length, request.max_length or length))
    n = len(rows)
    draws = uniform_chunks(request.column_stream(), rows, length + 2 * len(_CLASSES))
    mat = _ALPHABET[(np.stack(draws[:length], axis=1) * len(_ALPHABET)).astype(np.intp)]
    at = np.arange(n)
    spots = _distinct_positions(draws[length : length + len(_CLASSES)], length)
    for k, chars in enumerate(_CLASS_BYTES):
        which = (draws[length + len(_CLASSES) + k] * len(chars)).astype(np.intp)
        mat[at, spots[k]] = chars[which]
    return matrix_to_strings(mat, np.full(n, length, dtype=np.int64))


def _distinct_positions(draws: list[npt.NDArray[np.float64]], length: int) -> list[I64]:
    """``len(draws)`` distinct positions in ``[0, length)``, uniformly: the first steps
    of a Fisher-Yates shuffle of the positions, run on all rows at once."""
    n = len(draws[0])
    perm = np.tile(np.arange(length, dtype=np.int64), (n, 1))
    at = np.arange(n)
    out = []
    for k, u in enumerate(draws):
        j = k + (u * (length - k)).astype(np.int64)
        picked = perm[at, j]
        perm[at, j] = perm[:, k]
        out.append(picked)
    return out
