"""(Moved out of ``src/khabar/extract/tagger/`` in session 15: trained and decoded by khabar
at commit 116068a only; see README.md here.)

Name parts learned from the labelled training sentences: how often each word (its
form without proclitics) is part of a person, place or organisation name there, and
for persons whether it opens or closes the name.

The CRF sees each word as itself too, but its elastic net prunes the weights of rare
words; these attributes let every word that is a name part somewhere in the training
text share one weight per type and strength ("a word that is a person's first name
three times in four").  Built by the training script from the training sentences only
(:func:`build_name_parts`) and shipped in the model file as hashed words and small codes,
never the words.

A word's own sentence must not vouch for it, or the model learns to trust the table
blindly: at training time each sentence sees the table built from the *other* blocks
of the training text (:func:`jackknifed`), as a new article sees the table built from
all of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from letter_grams import LetterGrams  # (same folder)

#: Name types with a strength code, in the column order of :attr:`NameParts.codes`.
TYPES = ("PERS", "LOC", "ORG")
#: Strength codes: the share of a word's occurrences inside names of a type.
STRENGTHS = ((0.75, "a"), (0.4, "b"), (0.0, "c"))
#: Position codes of a person-name part (column ``len(TYPES)``).
POSITIONS = ("", "first", "last", "both")
#: A word needs this many occurrences in the training text to get a code.
MIN_COUNT = 1
#: Blocks of the training text for :func:`jackknifed`.
BLOCKS = 5


class NameParts:
    """Codes of name-part words, filed under the hashes of the words (sorted); with
    ``grams``, the letter n-gram levels of words the training text never wrote
    (:mod:`~khabar.extract.tagger.letter_grams`) follow a word's codes."""

    def __init__(self, keys: np.ndarray, codes: np.ndarray, grams: LetterGrams | None = None) -> None:
        self.keys, self.codes, self.grams = keys, codes, grams

    def arrays(self) -> dict[str, np.ndarray]:
        out = {"name_keys": self.keys, "name_codes": self.codes}
        if self.grams is not None:
            out.update(self.grams.arrays())
        return out

    @classmethod
    def from_arrays(cls, arrays) -> "NameParts | None":
        grams = LetterGrams.from_arrays(arrays)
        if "name_keys" not in arrays and grams is None:
            return None
        empty = (np.zeros(0, dtype=np.uint64), np.zeros((0, len(TYPES) + 1), dtype=np.uint8))
        keys, codes = (arrays["name_keys"], arrays["name_codes"]) if "name_keys" in arrays else empty
        return cls(keys, codes, grams)

    def attributes(self, word: str, hash_word: Callable[[str], int]) -> tuple[tuple[str, str], ...]:
        """("n", code) attributes of a word without proclitics (none when not a name part)."""
        return self.attributes_many([word], hash_word)[0]

    def attributes_many(self, words: Sequence[str], hash_word: Callable[[str], int]) -> list[tuple[tuple[str, str], ...]]:
        """:meth:`attributes` of each word, the table searched once for all of them."""
        if not len(self.keys) or not words:
            out = [()] * len(words)
        else:
            hashes = np.array([hash_word(w) if w else 0 for w in words], dtype=np.uint64)
            at = np.minimum(self.keys.searchsorted(hashes), len(self.keys) - 1)
            hit = (self.keys[at] == hashes).tolist()
            codes = self.codes[at].tolist()
            out = [_attributes(c) if h and w else () for w, h, c in zip(words, hit, codes)]
        if self.grams is not None:
            out = [a + g for a, g in zip(out, self.grams.attributes_many(words, hash_word))]
        return out


def _attributes(codes: list[int]) -> tuple[tuple[str, str], ...]:
    out = [("n", kind + STRENGTHS[c - 1][1]) for kind, c in zip(TYPES, codes) if c]
    if codes[len(TYPES)]:
        out.append(("n", "PERS-" + POSITIONS[codes[len(TYPES)]]))
    return tuple(out)


def _strength(share: float) -> int:
    for k, (floor, _) in enumerate(STRENGTHS):
        if share >= floor:
            return k + 1
    return len(STRENGTHS)


def build_name_parts(
    sentences: Sequence[Sequence[tuple[str, str]]],
    *,
    name_word: Callable[[str], str],
    hash_word: Callable[[str], int],
    min_count: int = MIN_COUNT,
) -> NameParts:
    """The name-part table of (token, BIO tag) sentences; ``name_word`` gives the form a
    token is filed under (normalized, proclitics off)."""
    seen: Counter[str] = Counter()
    inside: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    first: Counter[str] = Counter()
    last: Counter[str] = Counter()
    for s in sentences:
        words = [name_word(t) for t, _ in s]
        tags = [g for _, g in s]
        seen.update(w for w in words if w)
        for i, (w, g) in enumerate(zip(words, tags)):
            if not w or g == "O":
                continue
            kind = g[2:]
            if kind in inside:
                inside[kind][w] += 1
            if kind == "PERS":
                if g.startswith("B-"):
                    first[w] += 1
                if i + 1 == len(tags) or tags[i + 1] != "I-PERS":
                    last[w] += 1
    rows: dict[int, list[int]] = {}
    for w, n in seen.items():
        if n < min_count:
            continue
        codes = [(_strength(inside[t][w] / n) if inside[t][w] else 0) for t in TYPES]
        if not any(codes):
            continue
        position = 0
        if codes[0]:
            opens, closes = first[w] / inside["PERS"][w] >= 0.5, last[w] / inside["PERS"][w] >= 0.5
            position = 3 if opens and closes else 1 if opens else 2 if closes else 0
        rows.setdefault(hash_word(w), [*codes, position])
    keys = np.array(sorted(rows), dtype=np.uint64)
    codes = np.array([rows[int(k)] for k in keys], dtype=np.uint8).reshape(len(keys), len(TYPES) + 1)
    return NameParts(keys, codes)


def jackknifed(
    sentences: Sequence[Sequence[tuple[str, str]]], build: Callable[[Sequence], NameParts], blocks: int = BLOCKS
) -> list[NameParts]:
    """For each sentence, the table built from the other ``blocks`` - 1 contiguous blocks
    of ``sentences`` (an article stays within a block but at its edges)."""
    n = len(sentences)
    if n < blocks:
        return [build([])] * n
    edges = [round(k * n / blocks) for k in range(blocks + 1)]
    tables = [build([*sentences[: edges[k]], *sentences[edges[k + 1] :]]) for k in range(blocks)]
    return [tables[k] for k in range(blocks) for _ in range(edges[k], edges[k + 1])]
