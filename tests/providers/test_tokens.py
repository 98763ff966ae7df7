"""The token builder behind long text, joins and fast string takes."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testdatagen.engine.rng import Stream
from testdatagen.providers.alias import AliasTable
from testdatagen.providers.tokens import (
    as_binary,
    concat_tokens,
    in_blocks,
    radix_digits,
    take_strings,
    token_bits,
)
from testdatagen.providers.vec import join

words = st.lists(st.text(min_size=0, max_size=6), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)
@given(vocab=words, data=st.data())
def test_concat_tokens_concatenates_each_rows_tokens(vocab: list[str], data: st.DataObject) -> None:
    counts = data.draw(st.lists(st.integers(0, 5), min_size=1, max_size=20))
    ids = data.draw(
        st.lists(st.integers(0, len(vocab) - 1), min_size=sum(counts), max_size=sum(counts))
    )
    out = concat_tokens(
        as_binary(pa.array(vocab, pa.string())),
        np.array(ids, dtype=np.int64),
        np.array(counts, dtype=np.int64),
    )
    out.validate(full=True)
    expected, at = [], 0
    for c in counts:
        expected.append("".join(vocab[i] for i in ids[at : at + c]))
        at += c
    assert out.to_pylist() == expected


@settings(max_examples=30, deadline=None)
@given(parts=st.lists(st.one_of(st.text(max_size=3), st.just(None)), min_size=1, max_size=5))
def test_join_matches_arrow_element_wise_join(parts: list[str | None]) -> None:
    rows = ["ab", "", "çé", "日本"]
    args: list[pa.Array | str] = [
        p if p is not None else pa.array([r * (k + 1) for r in rows]) for k, p in enumerate(parts)
    ]
    if all(isinstance(a, str) for a in args):
        args.append(pa.array(rows))
    scalars = [pa.scalar(a) if isinstance(a, str) else a for a in args]
    assert join(*args).equals(pc.binary_join_element_wise(*scalars, ""))


def test_join_keeps_nulls_null() -> None:
    out = join(pa.array(["a", None]), "-", pa.array(["b", "c"]))
    assert out.to_pylist() == ["a-b", None]


def test_take_strings_equals_take() -> None:
    values = pa.array(["x", "yy", "", "zzz"]).slice(1)
    index = np.array([2, 0, 0, 1], dtype=np.int64)
    assert take_strings(values, index).equals(values.take(pa.array(index)))
    numbers = pa.array([5, 6, 7])
    assert take_strings(numbers, np.array([2, 1])).to_pylist() == [7, 6]


def test_token_bits_of_a_row_do_not_depend_on_the_other_rows_or_on_how_many_follow() -> None:
    stream = Stream.root(3, "t", "c")
    rows = np.array([5, 9, 2], dtype=np.int64)
    together = token_bits(stream, rows, np.array([4, 0, 3], dtype=np.int64))
    alone = token_bits(stream, rows[2:], np.array([5], dtype=np.int64))
    first = token_bits(stream, rows[:1], np.array([2], dtype=np.int64))
    assert np.array_equal(together[4:], alone[:3])
    assert np.array_equal(together[:2], first)
    assert len(np.unique(together)) == len(together)


def test_token_bits_are_uniform() -> None:
    bits = token_bits(Stream.root(1, "u"), np.arange(20_000), np.full(20_000, 10))
    top = (bits >> np.uint64(60)).astype(np.int64)  # 16 buckets, 12,500 expected each
    counts = np.bincount(top, minlength=16)
    chi2 = float(((counts - 12_500) ** 2 / 12_500).sum())
    assert chi2 < 40  # 15 degrees of freedom: p < 0.001 beyond 37.7


def test_radix_digits_cover_their_ranges_independently() -> None:
    digits = radix_digits(Stream.root(2, "d"), np.arange(30_000), [4, 9, 9, 9, 9, 9, 9, 9, 9])
    assert digits.min() == 0
    assert digits[:, 0].max() == 3 and digits[:, 1:].max() == 8
    # a pair of digits drawn from the same hash is uniform over all 81 combinations
    pairs = np.bincount(digits[:, 1] * 9 + digits[:, 2], minlength=81)
    chi2 = float(((pairs - 30_000 / 81) ** 2 / (30_000 / 81)).sum())
    assert chi2 < 125  # 80 degrees of freedom: p < 0.001 beyond 124.8


def test_radix_digits_refuse_a_radix_too_large_to_share_a_hash() -> None:
    with pytest.raises(ValueError, match="radices"):
        radix_digits(Stream.root(2, "d"), np.arange(3), [2**41])


def test_in_blocks_equals_one_pass() -> None:
    rows = np.arange(5_000, dtype=np.int64)

    def render(block: np.ndarray) -> pa.Array:
        return pa.array([str(r) for r in block])

    assert in_blocks(render, rows, tokens_per_row=2**12).equals(render(rows))


@settings(max_examples=40, deadline=None)
@given(
    weights=st.lists(st.floats(0.0, 50.0), min_size=1, max_size=40).filter(lambda w: sum(w) > 1e-3)
)
def test_integer_alias_draws_follow_the_weights(weights: list[float]) -> None:
    table = AliasTable.of(weights)
    bits = token_bits(Stream.root(4, "a"), np.arange(4000), np.full(4000, 5))
    picks = table.draw_bits(bits)
    assert picks.min() >= 0 and picks.max() < len(weights)
    expected = np.asarray(weights) / sum(weights)
    observed = np.bincount(picks, minlength=len(weights)) / len(picks)
    assert (observed[expected == 0] == 0).all()
    assert np.abs(observed - expected).max() < 0.02  # 20,000 draws: 5 standard errors
