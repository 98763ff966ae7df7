"""Providers must not pull pandas into the process: ``pa.array``, ``pa.scalar`` and
``Array.to_numpy`` import it on first use in pyarrow >= 26 (~0.35 CPU-s and 30-50 MB
per process, paid again by every worker)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

_SCRIPT = textwrap.dedent(
    """
    import sys

    import numpy as np

    from testdatagen.providers.base import FormatRequest
    from testdatagen.providers.registry import get_provider

    rows = np.arange(3000, dtype=np.int64)
    columns = [
        ("first_name", "first_name", False, 40),
        ("last_name", "last_name", False, 40),
        ("email", "email", True, 120),
        ("phone", "phone", False, 30),
        ("city", "city", False, 60),
    ]
    for locale in ("en_US", "de_DE", "fr_FR", "ja_JP"):
        for column, fmt, unique, length in columns:
            request = FormatRequest(
                seed=42, table="customers", column=column, locale=locale,
                unique=unique, max_length=length, total_rows=len(rows),
            )
            assert len(get_provider(fmt).generate(request, rows)) == len(rows)
    print("pandas" in sys.modules)
    """
)


def test_small_ints_and_bench_customer_formats_do_not_import_pandas() -> None:
    """Regression: ``vec.small_ints`` built its table with ``pa.array`` on a list,
    importing pandas as soon as the providers were loaded."""
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False", done.stdout + done.stderr


_EVERY_FORMAT = textwrap.dedent(
    """
    import sys

    import numpy as np

    from testdatagen.providers.base import FormatRequest
    from testdatagen.providers.fallback import PerValueProvider
    from testdatagen.providers.registry import provider_names, sample

    for locale in ("en_US", "de_DE", "ja_JP"):
        for name in provider_names():
            assert len(sample(name, locale=locale, n=500, seed=3)) == 500
    text = PerValueProvider("odd", lambda rng, request: None if rng.random() < 0.3 else "x")
    request = FormatRequest(seed=1, table="t", column="c", locale="en_US")
    values = text.generate(request, np.arange(200, dtype=np.int64))
    assert 0 < values.null_count < 200 and str(values.type) == "string"
    print("pandas" in sys.modules)
    """
)


def test_no_builtin_format_nor_the_per_value_fallback_imports_pandas() -> None:
    """Regression: country, country_code, latitude/longitude, currency_code, domain,
    url, the text vocabulary and the per-value fallback still built arrays with
    ``pa.array``/``pa.repeat`` of Python values (0.27 s of a small ``tdg generate``)."""
    done = subprocess.run(
        [sys.executable, "-c", _EVERY_FORMAT], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False", done.stdout + done.stderr
