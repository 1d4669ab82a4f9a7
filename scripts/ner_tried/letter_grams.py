"""Letter n-gram name evidence for words the training text never wrote.

A transliterated foreign name no list holds ("فرويد", "يلتسين", "بيليغريني") is read by
the CRF from its suffixes, clusters and neighbours only; its letters inside say more
("...يتش", "...وف", "...ني"). Learned from the labelled training sentences alone, no
name list: for each letter 3- and 4-gram of the words' forms without proclitics (the two
ends marked), the mean person (place, organisation) share of the word types holding it,
smoothed toward the prior share; a word the training text never wrote gets a level per
type, the mean log-ratio of its n-grams' rates to the prior, binned (:data:`EDGES`). A
word of the training text gets none: its own weights speak for it.

(Moved out of ``src/khabar/extract/tagger/`` in session 15; see README.md here.)  As CRF
attributes the levels lowered the five CV folds (docs/ner.md, sixteenth round), and read
after decoding by the gate of ``ner_letter_gate.py`` they did not help either (seventeenth
round).  Stored as hashed n-grams with their log-ratios and the hashed forms of the
training words, never the words.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np

#: Name types scored, each with its own rates: letters that look foreign say "a person"
#: or "a place" (session 14: as a CRF attribute a person score alone found more persons
#: at lower precision, five folds PERS 76.23 -> 75.3).
TYPES = ("PERS", "LOC", "ORG")
#: n-gram lengths, and the weight of the prior share in each n-gram's rate.
SIZES = (3, 4)
SMOOTH = 3.0
#: Bin edges of the mean log-ratio: on fold 0's held-out block of ANERcorp's train split
#: (the table from the other four folds), the unseen words of levels 0-4 are persons 1.6,
#: 3.4, 12.5, 42.4 and 45.3 % of the time (``scripts/ner_letter_grams.py look``).
EDGES = (-1.0, -0.3, 0.3, 1.0)
#: The shortest word scored (letters).
MIN_LETTERS = 3


def grams(form: str) -> list[str]:
    """The letter n-grams of a word's form, its ends marked ("^" and "$")."""
    marked = "^" + form + "$"
    return [marked[i : i + n] for n in SIZES for i in range(len(marked) - n + 1)]


def scored(form: str) -> bool:
    """Whether a form is an Arabic word long enough to be scored."""
    return len(form) >= MIN_LETTERS and all("\u0621" <= ch <= "\u064a" for ch in form)


class LetterGrams:
    """Log-ratios of letter n-grams (under their hashes, sorted) and the hashed forms of
    the training words (sorted), which get no attribute."""

    def __init__(self, keys: np.ndarray, scores: np.ndarray, seen: np.ndarray) -> None:
        self.keys, self.scores, self.seen = keys, scores, seen

    def arrays(self) -> dict[str, np.ndarray]:
        return {"gram_keys": self.keys, "gram_scores": self.scores, "gram_seen": self.seen}

    @classmethod
    def from_arrays(cls, arrays) -> "LetterGrams | None":
        if "gram_keys" not in arrays:
            return None
        return cls(arrays["gram_keys"], arrays["gram_scores"], arrays["gram_seen"])

    def levels(self, words: Sequence[str], hash_word: Callable[[str], int]) -> list[tuple[int, ...] | None]:
        """The levels of each form, one per type (None: a training word, too short, not
        Arabic, or no n-gram of it known), all n-grams searched at once."""
        todo = [k for k, w in enumerate(words) if w and scored(w)]
        out: list[tuple[int, ...] | None] = [None] * len(words)
        if not todo or not len(self.keys):
            return out
        forms = [words[k] for k in todo]
        hashed = np.array([hash_word(w) for w in forms], dtype=np.uint64)
        if len(self.seen):
            at = np.minimum(self.seen.searchsorted(hashed), len(self.seen) - 1)
            new = (self.seen[at] != hashed).tolist()
        else:
            new = [True] * len(forms)
        per = [grams(w) if fresh else [] for w, fresh in zip(forms, new)]
        flat = np.array([hash_word(g) for gs in per for g in gs], dtype=np.uint64)
        if not len(flat):
            return out
        at = np.minimum(self.keys.searchsorted(flat), len(self.keys) - 1)
        hit = (self.keys[at] == flat).tolist()
        values = self.scores[at].tolist()
        i = 0
        for k, gs in zip(todo, per):
            found = [v for v, h in zip(values[i : i + len(gs)], hit[i : i + len(gs)]) if h]
            i += len(gs)
            if found:
                means = [sum(col) / len(found) for col in zip(*found)]
                out[k] = tuple(sum(m >= e for e in EDGES) for m in means)
        return out


def build_letter_grams(
    sentences: Sequence[Sequence[tuple[str, str]]], *, name_word: Callable[[str], str], hash_word: Callable[[str], int]
) -> LetterGrams:
    """The table of (token, BIO tag) sentences; ``name_word`` gives a token's form
    (normalized, proclitics off). Each word type counts once, with its person share."""
    count: dict[str, int] = defaultdict(int)
    named: dict[str, list[int]] = defaultdict(lambda: [0] * len(TYPES))
    for s in sentences:
        for token, tag in s:
            form = name_word(token)
            if scored(form):
                count[form] += 1
                if tag[2:] in TYPES:
                    named[form][TYPES.index(tag[2:])] += 1
    n: dict[str, float] = defaultdict(float)
    p: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(TYPES))
    prior = [0.0] * len(TYPES)
    for form, c in count.items():
        shares = [x / c for x in named[form]]
        prior = [a + b / len(count) for a, b in zip(prior, shares)]
        for g in set(grams(form)):
            n[g] += 1
            p[g] = [a + b for a, b in zip(p[g], shares)]
    rows: dict[int, list[float]] = {}
    if any(prior):  # (a type the sentences never name scores 0)
        for g in n:
            rows.setdefault(hash_word(g), [math.log((x + SMOOTH * q) / (n[g] + SMOOTH) / q) if q else 0.0 for x, q in zip(p[g], prior)])
    keys = np.array(sorted(rows), dtype=np.uint64)
    scores = np.array([rows[int(k)] for k in keys], dtype=np.float32).reshape(len(keys), len(TYPES))
    seen = np.unique(np.array([hash_word(f) for f in count], dtype=np.uint64))
    return LetterGrams(keys, scores, seen)
