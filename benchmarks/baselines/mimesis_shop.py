"""The shop workload with Mimesis, one row at a time."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from mimesis import Address, Datetime, Person
from mimesis.locales import Locale

from .common import BIRTH, COUNTRIES, SEED, SIGNUP, money, random_datetime, run_workload


def run(n: int, out: Path) -> int:
    person = Person(Locale.EN, seed=SEED)
    address = Address(Locale.EN, seed=SEED)
    when = Datetime(Locale.EN, seed=SEED)
    rng = random.Random(SEED)

    def customer(i: int) -> dict[str, Any]:
        return {
            "id": i,
            "first_name": person.first_name(),
            "last_name": person.last_name(),
            # Mimesis refuses unique=True on a seeded provider: make it unique by the row.
            "email": person.email().replace("@", f".{i}@", 1),
            "phone": person.phone_number(),
            "city": address.city(),
            "country": rng.choices(*COUNTRIES)[0],
            "signup_at": random_datetime(rng, SIGNUP),
            "birth_date": when.date(start=BIRTH[0].year, end=BIRTH[1].year),
            "balance": money(rng.gauss(500, 150), 0, 10_000),
        }

    return run_workload(n, out, customer, rng)
