"""The shop workload with Faker, one row at a time (Faker's intended use)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from faker import Faker

from .common import BIRTH, COUNTRIES, SEED, SIGNUP, money, run_workload


def run(n: int, out: Path) -> int:
    fake = Faker("en_US")
    Faker.seed(SEED)
    rng = random.Random(SEED)

    def customer(i: int) -> dict[str, Any]:
        return {
            "id": i,
            "first_name": fake.first_name(),
            "last_name": fake.last_name(),
            "email": fake.unique.email(),
            "phone": fake.phone_number(),
            "city": fake.city(),
            "country": rng.choices(*COUNTRIES)[0],
            "signup_at": fake.date_time_between(SIGNUP[0], SIGNUP[1]),
            "birth_date": fake.date_between(BIRTH[0], BIRTH[1]),
            "balance": money(rng.gauss(500, 150), 0, 10_000),
        }

    return run_workload(n, out, customer, rng)
