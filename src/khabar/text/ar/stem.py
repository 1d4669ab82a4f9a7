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

NLTK's import takes about half a second (it loads scipy.stats), so the stemmer is loaded
on the first word it has to stem, and stems already computed are kept on disk between runs
(:class:`StemCache`): a run whose words were all seen before never imports NLTK.  Without NLTK, Snowball's Arabic stemmer (a dependency already) is used and a
warning says so: stems then differ, and similarity thresholds were tuned on ARLSTem.
"""

from __future__ import annotations

import atexit
import json
import os
import tempfile
import warnings
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

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


class StemCache:
    """Stems computed in earlier runs, in one JSON file per stemmer version.

    Stemming is a pure function of the normalized word and the stemmer, so a word stemmed
    once never needs NLTK again.  The file lives in ``$KHABAR_CACHE_DIR`` (``off`` turns
    the cache off), else the per-user cache directory; it is written at exit, through a
    temporary file and an atomic rename, so a crash or a concurrent run never leaves it
    half-written (concurrent runs may each drop the other's new words: harmless).
    """

    #: Bump when the rules around the stemmer change (normalization, the ة restoration).
    VERSION = 1
    #: Beyond this many words the cache stops growing (a few MB).
    MAX_WORDS = 300_000

    def __init__(self) -> None:
        self.path = self._path()
        self.known: dict[str, str] = {}
        self.added = 0
        if self.path is not None:
            try:
                self.known = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.known = {}  # absent or damaged: start afresh, it is only a cache
            atexit.register(self.save)

    @classmethod
    def _path(cls) -> Path | None:
        where = os.environ.get("KHABAR_CACHE_DIR")
        if where is not None and where.strip().lower() in ("", "0", "off", "no"):
            return None
        if where is None:
            import platformdirs

            where = platformdirs.user_cache_dir("khabar", appauthor=False)
        try:
            from importlib.metadata import version

            nltk_version = version("nltk")
        except Exception:  # noqa: BLE001 - no NLTK: stems come from the fallback, don't cache
            return None
        return Path(where) / f"stems-v{cls.VERSION}-arlstem-nltk{nltk_version}.json"

    def get(self, word: str) -> str | None:
        return self.known.get(word)

    def put(self, word: str, stemmed: str) -> None:
        if self.path is not None and STEMMER_NAME == "arlstem" and len(self.known) < self.MAX_WORDS:
            self.known[word] = stemmed
            self.added += 1

    def save(self) -> None:
        if self.path is None or not self.added:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".stems.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self.known, f, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, self.path)
            self.added = 0
        except OSError:
            pass  # a read-only home is no reason to fail a brief


_cache: StemCache | None = None


def _stem_cache() -> StemCache:
    global _cache
    if _cache is None:
        _cache = StemCache()
    return _cache


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The normalized light stem of ``word`` (which may carry diacritics or any spelling).

    Words that are not Arabic (numbers, Latin names) come back normalized but unstemmed.
    """
    norm = normalize(word.strip())
    if not any("\u0621" <= c <= "\u064a" for c in norm):
        return norm
    cache = _stem_cache()
    known = cache.get(norm)
    if known is not None:
        return known
    key = norm
    if len(norm) > 3 and norm[-1] == "ه":
        norm = norm[:-1] + "ة"  # see the module docstring: ARLSTem needs the ta marbuta
    stemmed = normalize(_load()(norm) or norm) or normalize(norm)
    cache.put(key, stemmed)
    return stemmed


def stems(words: Iterable[str]) -> list[str]:
    """:func:`stem` of each word, in order."""
    return [stem(w) for w in words]
