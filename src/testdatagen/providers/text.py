"""Lorem text per locale: words, sentences, paragraphs, length-bounded text.

Text is built from tokens (see ``tokens``): each vocabulary word exists in a
few *variants* that carry their own punctuation — ``"word "`` inside a
sentence, ``"Word "`` opening one, ``"word. "`` closing one, ``"word."``
closing the value — so a paragraph is one flat array of token ids and one
``take``. Japanese has no word separator and ends sentences with 。.

Draws (part of the output's definition): the row's sentence lengths are
mixed-radix digits of ``stream.child('shape')``; token ``t`` of the row reads
``token_bits(stream.child('words'))``; ``text`` keeps the leading sentences
that fit ``max_length``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from testdatagen.engine.rng import Stream
from testdatagen.providers.base import FormatRequest
from testdatagen.providers.define import picked, vector
from testdatagen.providers.packs import Choice, Pack, get_pack
from testdatagen.providers.tokens import (
    as_binary,
    concat_tokens,
    in_blocks,
    radix_digits,
    strings,
    token_bits,
)
from testdatagen.providers.translit import ascii_name

__all__ = ["Vocabulary", "ascii_vocabulary", "ascii_words", "joined_words", "lorem"]

I64 = npt.NDArray[np.int64]
#: Words per sentence, sentences per paragraph (inclusive ranges).
SENTENCE_WORDS = (4, 12)
PARAGRAPH_SENTENCES = (3, 6)
# Token variants, in the order they are stacked in the vocabulary.
_INNER, _OPENING, _CLOSING, _FINAL, _PLAIN = range(5)


@dataclass(frozen=True)
class Vocabulary:
    """A word list in its token variants: variant ``v`` of word ``w`` is ``v·size + w``."""

    choice: Choice
    tokens: pa.Array  # binary
    size: int
    #: Characters of each token (for fitting ``max_length``), by token id.
    chars: I64

    @classmethod
    def of(cls, choice: Choice, sep: str, end: str) -> Vocabulary:
        words = [str(w) for w in choice.values.to_pylist()]
        caps = [w[:1].upper() + w[1:] for w in words]
        variants = [
            [w + sep for w in words],
            [c + sep for c in caps],
            [w + end + sep for w in words],
            [w + end for w in words],
            words,
        ]
        flat = [t for variant in variants for t in variant]
        chars = np.array([len(t) for t in flat], dtype=np.int64)
        return cls(choice, as_binary(strings(flat)), len(words), chars)

    def words(self, stream: Stream, rows: I64, counts: I64) -> I64:
        """Frequency-weighted word indices, ``counts[i]`` for row ``i``, flat."""
        return self.choice.table.draw_bits(token_bits(stream, rows, counts))


def lorem(pack: Pack) -> Vocabulary:
    """The pack's lorem words with the locale's separator and sentence end."""
    conv = pack.conventions

    def build() -> Vocabulary:
        return Vocabulary.of(pack.choice("lorem"), conv["word_sep"], conv["sentence_end"])

    built: Vocabulary = pack.cached("lorem_vocabulary", build)
    return built


def ascii_words(pack: Pack) -> Choice:
    """ASCII lorem words for slugs and URLs (en_US words where the locale has too few)."""

    def build() -> Choice:
        words = [ascii_name(w, "") for w in pack.raw("lorem")["values"]]
        kept = list(dict.fromkeys(w for w in words if len(w) > 1))
        if len(kept) < 50:
            return ascii_words(get_pack("en_US"))
        return Choice.of(kept)

    built: Choice = pack.cached("ascii_words", build)
    return built


def ascii_vocabulary(pack: Pack, sep: str) -> Vocabulary:
    """ASCII lorem words joined by ``sep`` (slugs with '-', URL paths with '/')."""

    def build() -> Vocabulary:
        return Vocabulary.of(ascii_words(pack), sep, "")

    built: Vocabulary = pack.cached("ascii_vocabulary" + sep, build)
    return built


def joined_words(vocab: Vocabulary, stream: Stream, rows: I64, low: int, high: int) -> pa.Array:
    """Between ``low`` and ``high`` words per row joined by the vocabulary's separator."""
    counts = stream.child("count").integers(rows, low, high)
    ids = vocab.words(stream.child("words"), rows, counts)
    last = np.cumsum(counts) - 1
    variant = np.full(len(ids), _INNER, dtype=np.int64)
    variant[last[counts > 0]] = _PLAIN
    return concat_tokens(vocab.tokens, variant * vocab.size + ids, counts)


def _shape(stream: Stream, rows: I64, sentences: int, kept: tuple[int, int]) -> tuple[I64, I64]:
    """(words in each of the row's first ``sentences`` sentences, sentences kept)."""
    low, high = SENTENCE_WORDS
    radices = [kept[1] - kept[0] + 1] + [high - low + 1] * sentences
    digits = radix_digits(stream.child("shape"), rows, radices)
    return digits[:, 1:] + low, digits[:, 0] + kept[0]


def _variants(sentence_words: I64, row_words: I64) -> I64:
    """Token variant per word: sentences open and close, the row's last word ends it."""
    ends = np.cumsum(sentence_words) - 1
    variant = np.full(int(sentence_words.sum()), _INNER, dtype=np.int64)
    variant[ends - sentence_words + 1] = _OPENING
    variant[ends] = _CLOSING
    variant[np.cumsum(row_words)[row_words > 0] - 1] = _FINAL
    return variant


def _sentences(
    request: FormatRequest, rows: I64, lengths: I64, kept: I64, drawn: I64 | None = None
) -> pa.Array:
    """Rows of their first ``kept[i]`` sentences of ``lengths[i, j]`` words each.

    ``drawn``: the words of all ``lengths.shape[1]`` sentences when the caller
    already has them (token ``t`` of a row is the same draw however many follow).
    """
    vocab = lorem(get_pack(request.locale))
    in_use = np.arange(lengths.shape[1])[None, :] < kept[:, None]
    row_words = (lengths * in_use).sum(axis=1)
    if drawn is None:
        ids = vocab.words(request.column_stream().child("words"), rows, row_words)
    else:
        ids = drawn[np.repeat(in_use.reshape(-1), lengths.reshape(-1))]
    variant = _variants(lengths[in_use], row_words)
    return concat_tokens(vocab.tokens, variant * vocab.size + ids, row_words)


picked("word", "lorem")


@vector("words")
def words(request: FormatRequest, rows: I64) -> pa.Array:
    return joined_words(lorem(get_pack(request.locale)), request.column_stream(), rows, 2, 5)


@vector("sentence")
def sentence(request: FormatRequest, rows: I64) -> pa.Array:
    def render(block: I64) -> pa.Array:
        lengths, kept = _shape(request.column_stream(), block, 1, (1, 1))
        return _sentences(request, block, lengths, kept)

    return in_blocks(render, rows, SENTENCE_WORDS[1])


@vector("paragraph")
def paragraph(request: FormatRequest, rows: I64) -> pa.Array:
    high = PARAGRAPH_SENTENCES[1]

    def render(block: I64) -> pa.Array:
        lengths, kept = _shape(request.column_stream(), block, high, PARAGRAPH_SENTENCES)
        return _sentences(request, block, lengths, kept)

    return in_blocks(render, rows, high * SENTENCE_WORDS[1])


@vector("text")
def text(request: FormatRequest, rows: I64) -> pa.Array:
    """Whole sentences while they fit ``max_length`` (default 200); the fit policy
    cuts the rare first sentence that alone is longer."""
    limit = request.max_length or 200
    high = max(1, min(limit // 30 + 1, 40))

    vocab = lorem(get_pack(request.locale))
    sep = int(vocab.chars[_CLOSING * vocab.size] - vocab.chars[_FINAL * vocab.size])

    def render(block: I64) -> pa.Array:
        stream = request.column_stream()
        lengths, _ = _shape(stream, block, high, (high, high))
        ids = vocab.words(stream.child("words"), block, lengths.sum(axis=1))
        sizes = np.cumsum(_characters(vocab, ids, lengths), axis=1) - sep
        fitting = np.maximum(1, (sizes <= limit).sum(axis=1)).astype(np.int64)
        return _sentences(request, block, lengths, fitting, ids)

    return in_blocks(render, rows, high * SENTENCE_WORDS[1])


def _characters(vocab: Vocabulary, ids: I64, lengths: I64) -> I64:
    """Characters each sentence adds to a row's text, the separator after it included."""
    flat = lengths.reshape(-1)
    firsts = np.cumsum(flat) - flat
    chars = vocab.chars[ids]  # every word as it reads inside a sentence
    opening = vocab.chars[_OPENING * vocab.size + ids[firsts]] - chars[firsts]
    end = int(vocab.chars[_CLOSING * vocab.size] - vocab.chars[0])
    totals: I64 = np.add.reduceat(chars, firsts) + opening + end
    return totals.reshape(lengths.shape)
