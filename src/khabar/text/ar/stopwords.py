"""Arabic function words, normalized, loaded once from ``data/stopwords.txt``.

The list is khabar's own: prepositions, conjunctions, pronouns, demonstratives, relatives,
particles, quantifiers and auxiliary verbs (كان، أصبح، ما زال ...), with the clitic forms
that running text uses most ("وفي"، "بأن"، "وهو").  Reporting verbs are not stop words:
"قال" and "أضاف" introduce the quotes khabar extracts.
"""

from __future__ import annotations

from khabar.text.ar.lexicon import wordset
from khabar.text.ar.normalize import normalize

#: Normalized forms of every stop word.
STOPWORDS: frozenset[str] = wordset("stopwords")


def is_stopword(word: str) -> bool:
    """True when ``word`` (as written or normalized) is a function word."""
    return normalize(word.strip()) in STOPWORDS
