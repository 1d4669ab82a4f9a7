"""How often each word of unlabeled news follows a cue word of khabar's lists: evidence
about a word gathered from the whole ANT corpus, for a name far from any cue in the
sentence at hand ("X" alone, where ANT often writes "الرئيس X" or "وقال X").

For every word seen 5 times or more in ANT (proclitics off, as :func:`name_word` gives
it), the share of its occurrences right after a title word, a given name or name
particle, a reporting verb, a place head word and an organisation head word (each cue
word read with and without its proclitics), binned into a few levels.  Built once, at
training time, from the same documents as the word clusters; shipped as hashed words and
small numbers (no word of the corpus in readable form).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import numpy as np

#: Attribute families, one per kind of cue before the word.
FAMILIES: tuple[str, ...] = ("qt", "qg", "qv", "qp", "qo")
#: Labels of khabar's word lists (:func:`khabar.extract.tagger.features.word_lists`) that
#: make the word before a cue of each family.
CUE_LABELS: tuple[frozenset[str], ...] = (
    frozenset({"title"}),
    frozenset({"given", "fgiven", "cue_particle"}),
    frozenset({"verb"}),
    frozenset({"cue_place", "cue_places", "cue_placeweak", "cue_placeprefix"}),
    frozenset({"cue_org", "cue_orgname"}),
)
#: Upper edges of the levels of a share (level 0, below the first, gives no attribute).
LEVELS = (0.01, 0.05, 0.15, 0.4)


def cue_kinds(labels: Iterable[str]) -> int:
    """A bit per family whose cue labels meet ``labels``."""
    labels = set(labels)
    return sum(1 << k for k, cue in enumerate(CUE_LABELS) if labels & cue)


def build_cue_rates(
    documents: Iterable[Sequence[str]],
    *,
    hash_word: Callable[[str], int],
    bare: Callable[[str], str],
    cue_bits: Callable[[str], int],
    min_count: int = 5,
) -> tuple[np.ndarray, np.ndarray]:
    """(sorted word hashes, levels (words x families, uint8)) of the words of ``documents``
    (normalized words) seen ``min_count`` times or more; ``bare`` gives a word's form
    without proclitics, ``cue_bits`` the families a word is a cue of."""
    counts: Counter[str] = Counter()
    after = [Counter() for _ in FAMILIES]
    bits_of: dict[str, int] = {}
    bare_of: dict[str, str] = {}
    for d in documents:
        before = 0
        for w in d:
            b = bare_of.get(w)
            if b is None:
                b = bare_of[w] = bare(w) or w
            counts[b] += 1
            if before:
                for k in range(len(FAMILIES)):
                    if before >> k & 1:
                        after[k][b] += 1
            before = bits_of.get(w)
            if before is None:
                before = bits_of[w] = cue_bits(w)
    return binned_shares(counts, after, LEVELS, hash_word=hash_word, min_count=min_count)


def binned_shares(
    counts: Counter,
    seen: Sequence[Counter],
    edges: Sequence[float],
    *,
    hash_word: Callable[[str], int],
    min_count: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(sorted word hashes, levels (words x len(seen), uint8)): for every word counted
    ``min_count`` times or more, the share of its count in each of ``seen``, binned by
    ``edges`` (level 0 below the first)."""
    words = [w for w, c in counts.items() if c >= min_count]
    levels = np.zeros((len(words), len(seen)), dtype=np.uint8)
    for k, column in enumerate(seen):
        share = np.array([column.get(w, 0) / counts[w] for w in words])
        levels[:, k] = np.searchsorted(np.array(edges), share, side="right")
    keys = np.array([hash_word(w) for w in words], dtype=np.uint64)
    order = np.argsort(keys)
    keys, levels = keys[order], levels[order]
    unique = np.concatenate([[True], keys[1:] != keys[:-1]]) if len(keys) else np.zeros(0, dtype=bool)
    return keys[unique], levels[unique]
