"""How often the tagger itself finds each word of unlabeled news inside a name: a first
tagger reads a sample of the ANT corpus, and every word seen there often enough gets the
share of its occurrences inside a person, an organisation and a place, binned into levels.

A name far from any cue in the sentence at hand ("X" alone) is often written elsewhere in
the news beside a given name, a title or a verb of saying, where the first tagger finds
it.  The decoder reads the levels for one rule (``Tagger.rare_kinds``: a one-word
organisation the news rarely names is dropped); as CRF attributes of a second training
they were tried and dropped (scripts/ner_tried/README.md).  Built at training time by the
shipped model itself; shipped as hashed words and small numbers, no word of the corpus in
readable form.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from khabar.extract.tagger.cue_rates import binned_shares

KINDS: tuple[str, ...] = ("PERS", "ORG", "LOC")
#: Upper edges of the levels of a share (level 0, below the first, gives no attribute).
LEVELS = (0.02, 0.1, 0.3, 0.6)


def build_tag_rates(
    tagged: Iterable[tuple[Sequence[str], Sequence[str]]],
    *,
    hash_word: Callable[[str], int],
    bare: Callable[[str], str],
    min_count: int = 5,
) -> tuple[np.ndarray, np.ndarray]:
    """(sorted word hashes, levels (words x kinds, uint8)) of the words of ``tagged``
    ((tokens, BIO tags) sentences) seen ``min_count`` times or more (by ``bare``, a word's
    form without proclitics; tokens with none, punctuation, are skipped)."""
    counts: Counter[str] = Counter()
    inside = [Counter() for _ in KINDS]
    bare_of: dict[str, str] = {}
    column = {k: i for i, k in enumerate(KINDS)}
    for tokens, tags in tagged:
        for token, tag in zip(tokens, tags, strict=True):
            b = bare_of.get(token)
            if b is None:
                b = bare_of[token] = bare(token)
            if not b:
                continue
            counts[b] += 1
            k = column.get(tag[2:])
            if k is not None:
                inside[k][b] += 1
    return binned_shares(counts, inside, LEVELS, hash_word=hash_word, min_count=min_count)
