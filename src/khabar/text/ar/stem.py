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

ARLSTem is NLTK's, but NLTK's package import costs more than a whole brief of five reports
(1.1-1.5 s: its ``__init__`` loads scipy.stats and most of the toolkit), so
:func:`load_arlstem` runs just the four small modules ARLSTem needs from NLTK's installed
files (:mod:`khabar.lean_import`), never ``nltk/__init__.py``; the stems are the same
(tests compare them), and when that fails (a future NLTK whose ARLSTem needs more) the
ordinary import is used.  Stems already
computed are kept between runs in :class:`StemCache`, an SQLite table opened (not read
whole) and looked up a word at a time, which learns new words within a bound.  Without
NLTK, Snowball's Arabic stemmer (a dependency already) is used and a warning says so: stems
then differ, and similarity thresholds were tuned on ARLSTem.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import sqlite3
import threading
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from khabar.lean_import import package_dir, run_package_modules
from khabar.text.ar.clitics import ARTICLE
from khabar.text.ar.normalize import normalize

#: Which stemmer :func:`stem` uses; set on first use ("arlstem" or "snowball").
STEMMER_NAME: str | None = None

_stemmer: Callable[[str], str] | None = None

#: NLTK's files that ARLSTem's module imports (and that import nothing else of NLTK's).
_ARLSTEM_FILES = {
    "nltk.stem.arlstem": "stem/arlstem.py",
    "nltk.redos": "redos.py",
    "nltk.termsec": "termsec.py",
    "nltk.stem.api": "stem/api.py",
}


def _nltk_dir() -> Path | None:
    return package_dir("nltk")


def load_arlstem() -> Callable[[str], str]:
    """NLTK's ``ARLSTem().stem``, from NLTK's files without NLTK's package import
    (:mod:`khabar.lean_import`)."""
    return run_package_modules("nltk", _ARLSTEM_FILES, "nltk.stem.arlstem").ARLSTem().stem


def _load() -> Callable[[str], str]:
    global _stemmer, STEMMER_NAME
    if _stemmer is None:
        if _nltk_dir() is not None:
            try:
                _stemmer = load_arlstem()
            except Exception:  # noqa: BLE001 - a future ARLSTem that needs more of NLTK
                from nltk.stem.arlstem import ARLSTem

                _stemmer = ARLSTem().stem
            STEMMER_NAME = "arlstem"
        else:
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
    """Stems computed in earlier runs: one SQLite table per version of the stemming rules.

    Stemming is a pure function of the normalized word and the stemmer, so a word stemmed
    once never needs the stemmer again.  The table is opened, not read: a run looks up the
    words it meets (a few microseconds each), so its cost follows the run, not the cache's
    size.  New stems are written in one transaction at exit (and every
    :attr:`FLUSH_EVERY` new words in long runs); beyond :attr:`MAX_WORDS` the words learned
    longest ago are dropped, so the cache keeps learning within a bound.  The file lives
    in ``$KHABAR_CACHE_DIR`` (``off`` turns the cache off), else the per-user cache
    directory; SQLite's journal means a crash or a concurrent run never leaves it
    half-written, and a damaged or unwritable file only costs speed.
    """

    #: Bump when the rules around the stemmer change (normalization, the ة restoration).
    VERSION = 2
    #: Words kept (~60 bytes each on disk: ~60 MB at the bound).
    MAX_WORDS = 1_000_000
    #: New words held in memory before they are written, in a long run.
    FLUSH_EVERY = 50_000

    def __init__(self) -> None:
        self.path = self._path()
        self.pending: dict[str, str] = {}
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        if self.path is not None:
            self._db = self._open(self.path)
            atexit.register(self.save)

    @classmethod
    def _path(cls) -> Path | None:
        where = os.environ.get("KHABAR_CACHE_DIR")
        if where is not None and where.strip().lower() in ("", "0", "off", "no"):
            return None
        root = _nltk_dir()
        if root is None:  # no NLTK: stems come from the fallback, don't cache
            return None
        try:  # the stemmer's own code names the cache: a changed ARLSTem starts a new one
            code = hashlib.sha1((root / "stem" / "arlstem.py").read_bytes()).hexdigest()[:12]
        except OSError:
            return None
        if where is None:
            import platformdirs

            where = platformdirs.user_cache_dir("khabar", appauthor=False)
        return Path(where) / f"stems-v{cls.VERSION}-arlstem-{code}.sqlite3"

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection | None:
        for attempt in range(2):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(path, timeout=2.0, isolation_level=None, check_same_thread=False)
                db.execute(
                    "CREATE TABLE IF NOT EXISTS stems (word TEXT PRIMARY KEY, stem TEXT NOT NULL, added INTEGER NOT NULL)"
                )
                return db
            except sqlite3.DatabaseError:
                if attempt == 0:  # damaged: it is only a cache, start it afresh
                    try:
                        path.unlink()
                    except OSError:
                        return None
            except (OSError, sqlite3.Error):
                return None  # unreadable or read-only: run without it
        return None

    def get(self, word: str) -> str | None:
        found = self.pending.get(word)
        if found is not None or self._db is None:
            return found
        try:
            with self._lock:
                row = self._db.execute("SELECT stem FROM stems WHERE word = ?", (word,)).fetchone()
        except sqlite3.Error:
            self._db = None  # damaged under us: run on without it
            return None
        return row[0] if row else None

    #: Words per query of :meth:`get_many` (SQLite allows 999 parameters in old builds).
    BATCH = 500

    def get_many(self, words: Iterable[str]) -> dict[str, str]:
        """The known stems of ``words`` (normalized), looked up in a few queries: one query
        of 500 words costs about what three single look-ups do (~9 against ~30 us a word,
        a busy machine), so :func:`stems` asks for an article's new words together."""
        found: dict[str, str] = {}
        todo: list[str] = []
        for w in words:
            known = self.pending.get(w)
            if known is not None:
                found[w] = known
            else:
                todo.append(w)
        if self._db is None or not todo:
            return found
        try:
            with self._lock:
                for i in range(0, len(todo), self.BATCH):
                    chunk = todo[i : i + self.BATCH]
                    marks = ",".join("?" * len(chunk))
                    found.update(self._db.execute(f"SELECT word, stem FROM stems WHERE word IN ({marks})", chunk))
        except sqlite3.Error:
            self._db = None  # damaged under us: run on without it
        return found

    def put(self, word: str, stemmed: str) -> None:
        if self._db is not None and STEMMER_NAME == "arlstem":
            self.pending[word] = stemmed
            if len(self.pending) >= self.FLUSH_EVERY:
                self.save()

    def save(self) -> None:
        """Write the new stems; then, over the bound, drop the words learned longest ago."""
        if self._db is None or not self.pending:
            return
        with self._lock:
            db = self._db
            try:
                db.execute("BEGIN IMMEDIATE")
                (stamp,) = db.execute("PRAGMA user_version").fetchone()  # one number per save
                db.execute(f"PRAGMA user_version = {int(stamp) + 1}")
                db.executemany(
                    "INSERT OR IGNORE INTO stems (word, stem, added) VALUES (?, ?, ?)",
                    [(w, s, stamp) for w, s in self.pending.items()],
                )
                (count,) = db.execute("SELECT COUNT(*) FROM stems").fetchone()
                if count > self.MAX_WORDS:
                    db.execute(
                        "DELETE FROM stems WHERE word IN (SELECT word FROM stems ORDER BY added LIMIT ?)",
                        (count - self.MAX_WORDS * 9 // 10,),
                    )
                db.execute("COMMIT")
            except sqlite3.Error:
                try:
                    db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # a busy or read-only cache is no reason to fail a brief
            self.pending.clear()


_cache: StemCache | None = None
#: Caches a forked child inherited from its parent: kept (so their connection is never
#: closed by the child) and never used.  An SQLite connection must not cross a fork: a brief
#: analyses and relates on forked workers, which open their own (issue 19).
_INHERITED: list[StemCache] = []


def _stem_cache() -> StemCache:
    global _cache
    if _cache is None:
        _cache = StemCache()
    return _cache


def _leave_inherited_cache() -> None:
    """In a forked child: leave the parent's cache (its connection and its unsaved words,
    which the parent saves) and open one of its own on first use."""
    global _cache
    if _cache is not None:
        _INHERITED.append(_cache)
        _cache = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_leave_inherited_cache)


#: Stems already given in this process, by the word as given (a plain dict, read for every
#: word: :func:`stems` checks which words are new before asking the disk cache for them
#: together); cleared when it holds :data:`_REMEMBERED` words.
_GIVEN: dict[str, str] = {}
_REMEMBERED = 200_000


def _is_arabic(norm: str) -> bool:
    return any("\u0621" <= c <= "\u064a" for c in norm)


def stem(word: str) -> str:
    """The normalized light stem of ``word`` (which may carry diacritics or any spelling).

    Words that are not Arabic (numbers, Latin names) come back normalized but unstemmed.
    """
    found = _GIVEN.get(word)
    if found is None:
        found = _remember(word, _stem(word))
    return found


def _remember(word: str, stemmed: str) -> str:
    if len(_GIVEN) >= _REMEMBERED:
        _GIVEN.clear()
    _GIVEN[word] = stemmed
    return stemmed


def _stem(word: str) -> str:
    norm = normalize(word.strip())
    if not _is_arabic(norm):
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
    """:func:`stem` of each word, in order; the words not stemmed yet in this process are
    looked up in the disk cache together (:meth:`StemCache.get_many`), not one by one."""
    words = list(words)
    new = [w for w in dict.fromkeys(words) if w not in _GIVEN]
    if len(new) > 1:
        norms = {w: normalize(w.strip()) for w in new}
        wanted = [n for n in dict.fromkeys(norms.values()) if _is_arabic(n)]
        if wanted:
            found = _stem_cache().get_many(wanted)
            for w, n in norms.items():
                if n in found:
                    _remember(w, found[n])
    return [stem(w) for w in words]


#: Letters left out of :func:`root_letters`: the long vowels and the seats of hamza.
_NOT_ROOT = str.maketrans("", "", "اويىءئؤأإآ")


def root_letters(word: str) -> str:
    """The consonants of a normalized word without proclitics (long vowels, hamza and a
    final ة or ه off), when three or more remain, else "": a singular and its broken plural
    often share them where their stems do not ("راكب" / "ركاب"، "طالب" / "طلاب"، "طفل" /
    "اطفال"، "جندي" / "جنود").  Words of one root and different meaning share them too
    ("كاتب" / "كتاب"): compare them only where the sense is already fixed (the actor of
    one outcome, :mod:`khabar.check.predicates`)."""
    w = word[len(ARTICLE) :] if word.startswith(ARTICLE) and len(word) > 3 else word
    if len(w) > 3 and w.endswith("ه"):
        w = w[:-1]
    out = w.translate(_NOT_ROOT)
    return out if len(out) >= 3 else ""
