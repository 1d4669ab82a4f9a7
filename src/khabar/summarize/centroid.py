"""Centroid + corroboration scoring with maximal marginal relevance (MMR) selection.

A sentence is worth including when it is

* central: close to the centroid of all sentences (it is about the event, not background);
* corroborated: other articles report the same thing (the strongest signal in a pile of
  reports of one event: what many outlets say is what happened);
* informative: it carries figures (numbers are what readers look for in casualty news);
* early: journalists put the essentials first.

Selection is greedy MMR: the best remaining sentence, penalized by its similarity to what
is already chosen, skipped outright above the redundancy threshold, until the word budget
is spent.
"""

from __future__ import annotations

import numpy as np

from khabar.config import BriefOptions
from khabar.relate.corroborate import SentencePool

# Weights of the score's parts; they sum to 1 so scores stay in [0, 1].
W_CENTRAL = 0.35
W_SUPPORT = 0.35
W_INFO = 0.15
W_POSITION = 0.15
#: MMR trade-off: how much similarity to the chosen sentences costs.
MMR_LAMBDA = 0.6
#: Once the best sentences are in, a candidate scoring below this share of the best score
#: only fills space ("وفيما يلي أبرز ما نعرفه"): better a shorter summary than filler.
MIN_SHARE_OF_BEST = 0.5

_SENTENCE_END = ".!?؟…"


def is_candidate(pool: SentencePool, row: int, n_words: int, *, options: BriefOptions) -> bool:
    """Long enough to stand alone, short enough to read; a title only when it is a real
    sentence (plain-text inputs often carry the lead paragraph on their first line)."""
    if not options.min_sentence_words <= n_words <= options.max_sentence_words:
        return False
    sentence = pool.sentence(row)
    return not sentence.is_title or sentence.text.rstrip("»”\"' ").endswith(tuple(_SENTENCE_END))


def sentence_scores(pool: SentencePool, *, options: BriefOptions) -> np.ndarray:
    n = len(pool)
    central = pool.vectors.centroid_similarity()
    central = central / central.max() if n and central.max() > 0 else central
    n_docs = len(pool.docs)
    support = pool.support_counts(threshold=options.support_threshold) / max(1, n_docs - 1)
    info = np.zeros(n)
    position = np.zeros(n)
    number_starts = [[m.start for m in doc.numbers] for doc in pool.docs]
    for row, (d, s) in enumerate(pool.refs):
        sentence = pool.docs[d].sentences[s]
        info[row] = float(any(sentence.start <= p < sentence.end for p in number_starts[d]))
        position[row] = 1.0 / (1.0 + s)
    return W_CENTRAL * central + W_SUPPORT * support + W_INFO * info + W_POSITION * position


class CentroidSummarizer:
    name = "centroid"

    def select(self, pool: SentencePool, *, options: BriefOptions) -> list[int]:
        scores = sentence_scores(pool, options=options)
        lengths = np.array([len(pool.docs[d].sentence_words[s]) for d, s in pool.refs])
        eligible = [r for r in range(len(pool)) if is_candidate(pool, r, int(lengths[r]), options=options)]
        chosen: list[int] = []
        words = 0
        open_rows = np.zeros(len(pool), dtype=bool)
        open_rows[eligible] = True
        overlap = np.zeros(len(pool))  # max similarity to any chosen sentence
        while open_rows.any() and words < options.length_words:
            value = np.where(open_rows, MMR_LAMBDA * scores - (1 - MMR_LAMBDA) * overlap, -np.inf)
            best = int(np.argmax(value))  # ties go to the lowest row: deterministic
            open_rows[best] = False
            if overlap[best] >= options.redundancy_threshold:
                continue  # says again what is already chosen
            if chosen and words + lengths[best] > options.length_words:
                continue  # a shorter sentence may still fit
            if chosen and scores[best] < MIN_SHARE_OF_BEST * scores[chosen[0]]:
                break  # everything left scores lower still: filler
            chosen.append(best)
            words += int(lengths[best])
            overlap = np.maximum(overlap, pool.similarity_row(best))
        return chosen
