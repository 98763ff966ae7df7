"""Lorem text built from tokens: sentence shape, paragraph shape, blocks, locales."""

from __future__ import annotations

import numpy as np
import pytest

from testdatagen.providers.packs import get_pack
from testdatagen.providers.text import PARAGRAPH_SENTENCES, SENTENCE_WORDS

from .helpers import values

LOW, HIGH = SENTENCE_WORDS


def _lorem(locale: str) -> set[str]:
    return {str(w) for w in get_pack(locale).raw("lorem")["values"]}


def _check_sentence(sentence: str, lorem: set[str]) -> None:
    assert sentence.endswith(".")
    words = sentence[:-1].split(" ")
    assert LOW <= len(words) <= HIGH
    assert words[0][:1].isupper() or not words[0][:1].isalpha()
    assert words[0][:1].lower() + words[0][1:] in lorem or words[0] in lorem
    assert all(w in lorem for w in words[1:])


@pytest.mark.parametrize("locale", ["en_US", "de_DE", "pt_BR"])
def test_sentences_are_capitalised_lorem_words_with_a_full_stop(locale: str) -> None:
    lorem = _lorem(locale)
    for sentence in values("sentence", 500, locale=locale):
        _check_sentence(str(sentence), lorem)


def test_paragraphs_hold_three_to_six_sentences() -> None:
    lorem = _lorem("en_US")
    counts = []
    for paragraph in values("paragraph", 400):
        sentences = str(paragraph).split(". ")
        counts.append(len(sentences))
        for s in sentences[:-1]:
            _check_sentence(s + ".", lorem)
        _check_sentence(sentences[-1], lorem)
    low, high = PARAGRAPH_SENTENCES
    assert set(counts) == set(range(low, high + 1))


def test_sentence_lengths_cover_the_whole_range_evenly() -> None:
    lengths = [len(str(s).split(" ")) for s in values("sentence", 9000)]
    counts = np.bincount(lengths, minlength=HIGH + 1)[LOW:]
    expected = 9000 / (HIGH - LOW + 1)
    assert float(((counts - expected) ** 2 / expected).sum()) < 27.9  # 8 dof, p = 0.0005


def test_japanese_text_has_no_spaces_and_ends_sentences_with_a_circle() -> None:
    for paragraph in values("paragraph", 100, locale="ja_JP"):
        assert " " not in str(paragraph)
        assert str(paragraph).endswith("。")
        assert 3 <= str(paragraph).count("。") <= 6


@pytest.mark.parametrize("name", ["sentence", "paragraph", "text", "words", "slug", "url"])
def test_large_batches_built_in_blocks_equal_small_batches(name: str) -> None:
    rows = np.arange(20_000, dtype=np.int64)
    whole = values(name, rows, locale="fr_FR")
    pieces = [
        v
        for start in range(0, 20_000, 2_500)
        for v in values(name, rows[start : start + 2_500], locale="fr_FR")
    ]
    assert whole == pieces


def test_words_and_slugs_have_their_word_counts() -> None:
    assert {len(str(w).split(" ")) for w in values("words", 2000)} == {2, 3, 4, 5}
    assert {len(str(s).split("-")) for s in values("slug", 2000)} == {2, 3, 4}
