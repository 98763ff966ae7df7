"""Per-row reference implementations of ../shared/bench/shop.tdg (Faker, Mimesis)."""
