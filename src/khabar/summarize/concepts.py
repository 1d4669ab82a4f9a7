"""Concepts of a sentence: what the coverage summaries (``ilp``, ``event``) count.

A *concept* is a bigram of light stems of adjacent content words (stop words and one-letter
tokens dropped first, numbers kept: figures are what casualty news is about).  Its weight in
a pool is the number of distinct articles that contain it: what several outlets write is
what happened.  A module of its own so the default summary does not import the ILP solver
(``scipy.optimize`` costs a quarter of a second of start-up).
"""

from __future__ import annotations

from khabar.text.ar.stem import stem
from khabar.text.ar.stopwords import STOPWORDS

#: Articles needed before single-article concepts are dropped (one outlet's wording, not
#: the event).
MIN_ARTICLES_FOR_FILTER = 3

Concept = tuple[str, str]


def concepts(words: tuple[str, ...] | list[str]) -> set[Concept]:
    """Bigrams of stems of the adjacent content words of one sentence's normalized words."""
    content = [stem(w) for w in words if len(w) > 1 and w not in STOPWORDS]
    return {(a, b) for a, b in zip(content, content[1:], strict=False)}
