"""Company and commerce formats: company names, legal forms, departments, products."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from testdatagen.providers.address import deferred, render_template
from testdatagen.providers.base import FormatRequest
from testdatagen.providers.define import picked, vector
from testdatagen.providers.packs import get_pack
from testdatagen.providers.tokens import bools, text
from testdatagen.providers.vec import by_variant

__all__: list[str] = []

I64 = npt.NDArray[np.int64]
_COMPANY_FIELDS = {
    "last": "last_names",
    "last2": "last_names",
    "last3": "last_names",
    "suffix": "company_suffixes",
    "word": "company_words",
}


@vector("company")
def company(request: FormatRequest, rows: I64) -> pa.Array:
    pack = get_pack(request.locale)
    stream = request.column_stream()
    templates = pack.choice("company_templates")
    which = templates.index(stream.child("template"), rows)

    def variant(template: str) -> Callable[[I64], pa.Array]:
        def render(sub: I64) -> pa.Array:
            fields = {
                name: deferred(pack.choice(key).pick, stream.child(name), sub)
                for name, key in _COMPANY_FIELDS.items()
                if "{" + name + "}" in template
            }
            return render_template(template, fields)

        return render

    return by_variant(which, [variant(str(t)) for t in templates.values.to_pylist()], rows)


picked("company_suffix", "company_suffixes")
picked("department", "departments")
picked("product_category", "categories")
picked("color", "colors")


@vector("product_name")
def product_name(request: FormatRequest, rows: I64) -> pa.Array:
    pack = get_pack(request.locale)
    stream = request.column_stream()
    fields = {
        key: deferred(pack.choice(key + "s").pick, stream.child(key), rows)
        for key in ("adjective", "material", "noun")
    }
    return render_template(pack.conventions["product"], fields)


@vector("currency_code")
def currency_code(request: FormatRequest, rows: I64) -> pa.Array:
    """The locale's currency for 70% of rows, major world currencies for the rest."""
    stream = request.column_stream()
    home = pa.repeat(text(get_pack(request.locale).conventions["currency"]), len(rows))
    world = get_pack("common").choice("currencies").pick(stream.child("world"), rows)
    mask = bools(stream.child("home").uniform(rows) < 0.7)
    return pc.if_else(mask, home, world)
