"""Light stemming of Arabic words, for similarity and term matching.

khabar uses NLTK's ARLSTem (Abainia et al. 2017; Apache-2.0): prefixes (و ال بال لل ...),
suffixes, sound plurals and the feminine ending come off, so "المدنيين" and "مدنيون",
"والمعارضة" and "المعارضين", "قالت" and "وقال" meet.  On UD Arabic-PUD word forms it
merged the most pairs of forms sharing a lemma for the fewest false merges of the
stemmers measured (docs/text-core.md, benchmarks/compare_stemmers.py):

    ARLSTem     conflation recall 0.51, merge precision 0.72 (0.48 / 0.73 as used here)
    ARLSTem2    0.53 / 0.53     Snowball/PyStemmer  0.38 / 0.64
    ISRI        0.67 / 0.24     tashaphyne (GPL)    0.57 / 0.56

The stemmer sees the word normalized with :func:`khabar.text.ar.normalize.normalize` (and
its output is normalized again), so ``stem(w) == stem(normalize(w))`` for every word:
callers may pass words as written or the normalized forms of
:func:`khabar.text.ar.tokenize.words`, and "مسؤولين" and "مسئولين" give the same stem.
Normalization turns ة into ه, which ARLSTem reads as the pronoun "his" and then strips
further through its verb rules ("مدينه" -> "مدي" but "المدينه" -> "مدين"); a final ه is
therefore given back as ة before stemming.  For a real pronoun that costs little ("بلاده"
-> "بلاد" either way).  Measured (docs/text-core.md): letters as written 0.51 / 0.72,
normalized 0.50 / 0.71, normalized with ة restored 0.48 / 0.73, and on the seeds
"X" / "الX" pairs get one stem 91 % of the time with ة restored against 89 % without.

NLTK's import takes about a second (it loads scipy.stats), so the stemmer is loaded on the
first call.  Without NLTK, Snowball's Arabic stemmer (a dependency already) is used and a
warning says so: stems then differ, and similarity thresholds were tuned on ARLSTem.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from functools import lru_cache

from khabar.text.ar.normalize import normalize

#: Which stemmer :func:`stem` uses; set on first use ("arlstem" or "snowball").
STEMMER_NAME: str | None = None

_stemmer: Callable[[str], str] | None = None


def _load() -> Callable[[str], str]:
    global _stemmer, STEMMER_NAME
    if _stemmer is None:
        try:
            from nltk.stem.arlstem import ARLSTem

            _stemmer, STEMMER_NAME = ARLSTem().stem, "arlstem"
        except ImportError:
            import snowballstemmer

            warnings.warn(
                "nltk is not installed: khabar stems Arabic with Snowball instead of ARLSTem; "
                "install nltk for the stems the similarity thresholds were tuned on",
                RuntimeWarning,
                stacklevel=3,
            )
            _stemmer, STEMMER_NAME = snowballstemmer.stemmer("arabic").stemWord, "snowball"
    return _stemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The normalized light stem of ``word`` (which may carry diacritics or any spelling).

    Words that are not Arabic (numbers, Latin names) come back normalized but unstemmed.
    """
    norm = normalize(word.strip())
    if not any("\u0621" <= c <= "\u064a" for c in norm):
        return norm
    if len(norm) > 3 and norm[-1] == "ه":
        norm = norm[:-1] + "ة"  # see the module docstring: ARLSTem needs the ta marbuta
    return normalize(_load()(norm) or norm) or normalize(norm)


def stems(words: Iterable[str]) -> list[str]:
    """:func:`stem` of each word, in order."""
    return [stem(w) for w in words]
