"""Story features: what an article is grouped by, as a MinHash signature and a TF-IDF term vector.

An article becomes a *signature*: the MinHash (datasketch, fixed seed) of a set of features
made of the light stems of its content words (stop words and bare digits dropped, see
:func:`khabar.relate.similarity.content_terms`): the stems of its first
:attr:`StoryOptions.body_terms` body words, and the stems of its title marked as title
words, so that a headline word counts once as a body word and once more as a title word.
Why stems of words and not character shingles: measured on the labelled set
(``benchmarks/storyset.py``, docs/stories.md), rewrites of one event share 0.24 of their
stem sets at the 5th percentile while two different events of the same day share at most
0.20; character 5-grams give 0.19 against 0.18, word-stem bigrams 0.14 against 0.18.

The term vector holds the same stems plus the names found in the article's lead (its
people, places and organisations, found by :mod:`khabar.extract` and handed in as keys:
this module reads no names itself).  Everything here is a pure function of the article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from khabar.config import StoryOptions
from khabar.errors import InputError
from khabar.relate.fingerprint import minhash_module  # datasketch's MinHash without its package import
from khabar.model import Article
from khabar.relate.similarity import content_terms
from khabar.text.ar.tokenize import words

#: Prefix of title features: a title word is a feature of its own beside the same body word.
TITLE_MARK = "t:"
#: Prefix of name features in the term vector (a name beside the stems of its words).
NAME_MARK = "n:"

#: datasketch's hashing scheme, named explicitly so that stored signatures stay valid
#: across datasketch versions (its values fit in 32 bits; they are kept as uint64).
HASH_SCHEME = "affine32"

#: Fewer distinct features than this and an article is not signed: two near-empty texts
#: would look identical and fuse unrelated stories.
MIN_FEATURES = 5


@dataclass(frozen=True, slots=True)
class ArticleTerms:
    """The words an article is grouped by, worked out once and shared by its signature
    and its term vector (stemming is most of the cost of signing)."""

    #: Stems of the first ``body_terms`` content words of the body.
    body: tuple[str, ...]
    #: Stems of the title's content words.
    title: tuple[str, ...]
    #: Keys of the names in the article's lead (:func:`khabar.extract.entities.lead_names`;
    #: empty when names are not wanted).
    names: tuple[str, ...] = ()

    @classmethod
    def of(cls, article: Article, *, body_terms: int = 150, names: Sequence[str] = ()) -> ArticleTerms:
        return cls(
            body=tuple(content_terms(words(article.body), limit=body_terms)),
            title=tuple(content_terms(words(article.title))),
            names=tuple(names),
        )

    def features(self) -> frozenset[str]:
        """The MinHash feature set: body stems, and title stems marked as title words."""
        return frozenset(self.body) | frozenset(TITLE_MARK + t for t in self.title)


def article_features(article: Article, *, body_terms: int = 150) -> frozenset[str]:
    """The feature set of an article: stems of its first body words and of its title."""
    return ArticleTerms.of(article, body_terms=body_terms).features()


def article_signature(article: Article, *, options: StoryOptions, terms: ArticleTerms | None = None) -> np.ndarray:
    """The uint64 MinHash hash values of :func:`article_features`; pure and picklable.

    Raises :class:`InputError` (naming the article) when it has too few content words to
    tell its event.  ``terms``: the article's :class:`ArticleTerms`, when already known.
    """
    if terms is None:
        terms = ArticleTerms.of(article, body_terms=options.body_terms)
    feats = terms.features()
    if len(feats) < MIN_FEATURES:
        raise InputError(
            article.source or article.id,
            f"too few content words to group into a story ({len(feats)} distinct, need {MIN_FEATURES})",
        )
    # CRC-32 instead of the default SHA-1, as in khabar.relate.fingerprint: the affine32
    # scheme mixes each input hash before permuting it, so a checksum is enough.
    m = minhash_module().MinHash(
        num_perm=options.num_perm,
        seed=options.seed,
        hashfunc=zlib.crc32,
        scheme=HASH_SCHEME,
        permutations=_permutations(options.num_perm, options.seed),
    )
    m.update_batch([f.encode("utf-8") for f in sorted(feats)])
    return m.hashvalues.astype(np.uint64)


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The MinHash permutations of ``(num_perm, seed)``, drawn once: drawing them is a
    fifth of the cost of signing an article."""
    return minhash_module().MinHash(num_perm=num_perm, seed=seed, hashfunc=zlib.crc32, scheme=HASH_SCHEME).permutations


def term_vector(
    article: Article, *, body_terms: int = 150, names: Sequence[str] = (), terms: ArticleTerms | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``(term ids, weights)``: the article's stems (and names) as a sparse vector.

    The same words as :func:`article_features` (the first ``body_terms`` content words of
    the body, the title's counted once more), plus each of ``names`` (the keys of the names
    in the article's lead) as a feature of its own; each hashed to a uint32 id (CRC-32: the vector stays small
    and picklable, and no vocabulary has to be shared between workers), weighted
    ``1 + log(count)``; ids ascending.  The IDF is applied by the index, from the articles it
    holds, so this stays a pure function of the article.  ``terms``: the article's
    :class:`ArticleTerms`, when already known (``names`` is then ignored).
    """
    if terms is None:
        terms = ArticleTerms.of(article, body_terms=body_terms, names=names)
    counts: dict[int, int] = {}
    for t in (*terms.body, *terms.title, *(NAME_MARK + k for k in terms.names)):
        key = zlib.crc32(t.encode("utf-8"))
        counts[key] = counts.get(key, 0) + 1
    ids = np.array(sorted(counts), dtype=np.uint32)
    weights = np.array([1.0 + np.log(counts[int(k)]) for k in ids], dtype=np.float32)
    return ids, weights


NO_TERMS = np.zeros(0, dtype=np.uint32)
NO_WEIGHTS = np.zeros(0, dtype=np.float32)
NO_MEANING = np.zeros(0, dtype=np.float32)

#: How many days before its publication an article may date its happening: today, "yesterday"
#: or yesterday's weekday.  A day named further back in the lead is more often another
#: happening's (the background: "the agreement announced two days ago", "the sentence passed
#: on Tuesday") or a coming day read as a past one (a bare "Monday" of a meeting set for
#: tomorrow resolves six days back) than the reported happening's: with the reach 7 of before,
#: 20 same-event pairs of the pooled gold published within a day of each other had event days
#: 2-6 days apart and were never compared.  Pooled cross-validation (dev..fresh9, storyline
#: folds, the scorer retrained): USE P 0.902 R 0.702 -> 0.902 R 0.731 at 0.45, static 0.906 /
#: 0.689 -> 0.902 / 0.714 (reach 3: 0.904 / 0.728 and 0.905 / 0.714; reach 1, today only, loses
#: precision: USE 0.892 / 0.727) (docs/stories.md, session 13).
EVENT_DAY_REACH = 2


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Share of equal hash values: an unbiased estimate of the Jaccard of the two sets."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True)
class SignedArticle:
    """What the clusterer needs of an article: no body, just its signature and metadata."""

    article_id: str
    published: dt.date | None
    title: str
    outlet: str | None
    signature: np.ndarray
    #: :func:`term_vector` (ids, weights) for the second stage; empty when unknown (the
    #: article is then grouped by its signature alone).
    term_ids: np.ndarray = field(default_factory=lambda: NO_TERMS, compare=False)
    term_weights: np.ndarray = field(default_factory=lambda: NO_WEIGHTS, compare=False)
    #: The unit meaning vector of the article's title and lead
    #: (:func:`khabar.relate.meaning.article_meanings`); empty when unknown (the article is
    #: then grouped by its words alone).
    meaning: np.ndarray = field(default_factory=lambda: NO_MEANING, compare=False)
    #: The day of the happening the article reports (:func:`event_day`); its publication
    #: day when the lead names none.
    event_day: dt.date | None = None
    #: The kinds of happening its title names (:func:`khabar.extract.happenings.headline_kinds`:
    #: "attack", "match", "statement" ...); None when unknown (signed before kinds).
    kinds: frozenset[str] | None = field(default=None, compare=False)
    #: Who and how many of its title and lead (:func:`anchor_set`): its names' keys and its
    #: figures, what the event scorer counts as shared or differing; None when unknown
    #: (signed before anchors).
    anchors: frozenset[str] | None = field(default=None, compare=False)

    @classmethod
    def of(
        cls,
        article: Article,
        *,
        options: StoryOptions,
        names: Sequence[str],
        meaning: np.ndarray | None = None,
        event_day: dt.date | None = None,
        kinds: frozenset[str] | None = None,
        anchors: frozenset[str] | None = None,
    ) -> SignedArticle:
        """Sign ``article``.  ``names``: the keys of the names in its lead
        (:func:`khabar.extract.entities.lead_names`), used when ``options.names``;
        ``meaning``: its meaning vector (encoded by the caller, a batch at a time);
        ``kinds``: the kinds of happening its title names; ``anchors``: :func:`anchor_set`."""
        terms = ArticleTerms.of(article, body_terms=options.body_terms, names=names if options.names else ())
        signature = article_signature(article, options=options, terms=terms)
        ids, weights = term_vector(article, terms=terms)
        return cls(
            article_id=article.id,
            published=article.published,
            title=article.title,
            outlet=article.outlet,
            signature=signature,
            term_ids=ids,
            term_weights=weights,
            meaning=NO_MEANING if meaning is None else np.asarray(meaning, dtype=np.float32),
            event_day=event_day,
            kinds=kinds,
            anchors=anchors,
        )

    @property
    def day(self) -> dt.date | None:
        """The day the article is grouped by: its event's day, else its publication day."""
        return self.event_day or self.published

    def to_bytes(self) -> bytes:
        """What a store keeps per article (:func:`signature_blob`)."""
        return signature_blob(
            self.signature, self.term_ids, self.term_weights, self.meaning, self.event_day, self.kinds, self.anchors
        )


#: First bytes of a signature blob that carries a meaning vector, an event day, the kinds
#: of happening and the anchors (see :func:`signature_blob`); ``KSG4`` blobs carry no
#: anchors, ``KSG3`` blobs no kinds either, older blobs (hash values, then terms) start
#: with a hash value.
BLOB_MARK = b"KSG6"
#: The same layout, written before quote and headline anchors: read with anchors unknown,
#: so that they are taken again from the stored article.
BLOB_MARK_5 = b"KSG5"
BLOB_MARK_4 = b"KSG4"
BLOB_MARK_3 = b"KSG3"
#: Separates anchors in a blob (a name key may hold a comma, never a control character).
ANCHOR_SEPARATOR = "\x1f"
#: Prefixes of the kinds of anchor.
NAME_ANCHOR = "n:"
FIGURE_ANCHOR = "f:"
QUOTE_ANCHOR = "q:"
#: Runs of the headline, matched against the quotes of other articles: an outlet's own
#: headline ("المجلس المحلي: أكثر من 75 ألف مدني ...") is what others quote of it.
HEADLINE_ANCHOR = "h:"
#: How the report opens (:func:`khabar.extract.happenings.opens_as_reaction`): as a reaction
#: to a happening, or as a report of one.  An article signed before has neither.
OPENING_ANCHOR = "o:"
REACTION_OPENING = OPENING_ANCHOR + "reaction"
REPORT_OPENING = OPENING_ANCHOR + "report"
#: Words in a row of a quotation that make one quote anchor: two outlets that quote the
#: same four words of a statement report the statement (the governor's «لا يتجاوز ١٥ ألفا»
#: in the example event); three-word runs are mostly quoted names («الأفق العربي» is two).
QUOTE_WORDS = 4
#: Quote anchors kept per article (the first ones): a long speech quoted whole would
#: otherwise add a hundred anchors to every event it joins.
MAX_QUOTE_ANCHORS = 64


def anchor_set(
    name_keys: Sequence[str],
    figures: Sequence[float],
    quotes: Sequence[str] = (),
    headline: str = "",
    reaction: bool | None = None,
) -> frozenset[str]:
    """An article's anchors: ``n:`` + the key of each name of its lead, ``f:`` + each figure
    of its title and lead (an integer written without ".0"), control characters dropped;
    ``q:`` + a hash of each run of :data:`QUOTE_WORDS` normalized words of the quotations
    ``quotes`` and ``h:`` + one of each such run of its ``headline`` (:func:`quote_keys`);
    :data:`REACTION_OPENING` or :data:`REPORT_OPENING` by ``reaction`` (neither when None)."""
    out = {NAME_ANCHOR + "".join(ch for ch in k if ch >= " ") for k in name_keys if k}
    for value in figures:
        out.add(FIGURE_ANCHOR + (str(int(value)) if float(value).is_integer() else f"{value:g}"))
    out.update(QUOTE_ANCHOR + key for key in quote_keys(quotes))
    if headline:
        out.update(HEADLINE_ANCHOR + key for key in quote_keys([headline]))
    if reaction is not None:
        out.add(REACTION_OPENING if reaction else REPORT_OPENING)
    return frozenset(out)


def quote_keys(quotes: Sequence[str]) -> list[str]:
    """Short keys of the runs of :data:`QUOTE_WORDS` normalized words of each quotation
    (digits of any script alike), the first :data:`MAX_QUOTE_ANCHORS` distinct ones: a hash,
    so that a store's signatures hold no quoted text."""
    out: dict[str, None] = {}
    for quote in quotes:
        ws = words(quote)
        for i in range(len(ws) - QUOTE_WORDS + 1):
            run = " ".join(ws[i : i + QUOTE_WORDS]).encode("utf-8")
            out[hashlib.blake2b(run, digest_size=5).hexdigest()] = None
            if len(out) >= MAX_QUOTE_ANCHORS:
                return list(out)
    return list(out)


@dataclass(frozen=True, slots=True)
class StoredSignature:
    """A signed article as a store keeps it (:func:`read_signature_blob`)."""

    signature: np.ndarray
    term_ids: np.ndarray
    term_weights: np.ndarray
    meaning: np.ndarray
    event_day: dt.date | None
    #: None when the blob was written before kinds (``KSG3`` and older).
    kinds: frozenset[str] | None = None
    #: None when the blob was written before anchors (``KSG4`` and older).
    anchors: frozenset[str] | None = None


def signature_blob(
    signature: np.ndarray,
    term_ids: np.ndarray = NO_TERMS,
    term_weights: np.ndarray = NO_WEIGHTS,
    meaning: np.ndarray = NO_MEANING,
    event_day: dt.date | None = None,
    kinds: frozenset[str] | None = None,
    anchors: frozenset[str] | None = None,
) -> bytes:
    """The stored form of a signed article: :data:`BLOB_MARK`, the number of terms, the
    meaning's length, the event day's ordinal (0: none), the length of the kinds and of the
    anchors as five uint32, then the uint64 hash values, the term ids (uint32) and weights
    (float32), the meaning (float16: half the room, and a cosine moves by less than 0.001),
    the kinds (UTF-8, sorted, comma-separated) and the anchors (UTF-8, sorted, separated by
    :data:`ANCHOR_SEPARATOR`).  ``KSG5`` blobs (before quote anchors: read with anchors
    unknown), ``KSG4`` blobs (before anchors), ``KSG3`` blobs (before
    kinds), blobs of hash values and terms only (before meanings) and of hash values only
    (before terms) still read."""
    kind_bytes = ",".join(sorted(kinds or ())).encode("utf-8")
    anchor_bytes = ANCHOR_SEPARATOR.join(sorted(anchors or ())).encode("utf-8")
    header = np.array(
        [len(term_ids), len(meaning), event_day.toordinal() if event_day else 0, len(kind_bytes), len(anchor_bytes)],
        dtype=np.uint32,
    )
    return (
        BLOB_MARK
        + header.tobytes()
        + np.ascontiguousarray(signature, dtype=np.uint64).tobytes()
        + np.ascontiguousarray(term_ids, dtype=np.uint32).tobytes()
        + np.ascontiguousarray(term_weights, dtype=np.float32).tobytes()
        + np.ascontiguousarray(meaning, dtype=np.float16).tobytes()
        + kind_bytes
        + anchor_bytes
    )


def read_signature_blob(blob: bytes, *, num_perm: int) -> StoredSignature:
    """What :func:`signature_blob` wrote (or an older blob); ValueError when the blob does
    not hold ``num_perm`` hash values and whole parts."""
    kinds: frozenset[str] | None = None
    anchors: frozenset[str] | None = None
    mark = blob[: len(BLOB_MARK)]
    if mark in (BLOB_MARK, BLOB_MARK_5, BLOB_MARK_4, BLOB_MARK_3):
        fields = {BLOB_MARK: 5, BLOB_MARK_5: 5, BLOB_MARK_4: 4, BLOB_MARK_3: 3}[mark]
        start = len(BLOB_MARK) + 4 * fields
        if len(blob) < start:
            raise ValueError(f"a signature blob of {len(blob)} bytes is cut short")
        k, dim, ordinal, n_kinds, n_anchors = (
            [int(x) for x in np.frombuffer(blob, dtype=np.uint32, count=fields, offset=len(BLOB_MARK))] + [0, 0]
        )[:5]
        if len(blob) != start + num_perm * 8 + 8 * k + 2 * dim + n_kinds + n_anchors:
            raise ValueError(
                f"a signature blob of {len(blob)} bytes does not hold {num_perm} hash values, {k} terms, "
                f"a meaning of {dim}, {n_kinds} bytes of kinds and {n_anchors} of anchors"
            )
        end = len(blob) - n_anchors
        if mark != BLOB_MARK_3:
            text = blob[end - n_kinds : end].decode("utf-8") if n_kinds else ""
            kinds = frozenset(text.split(",")) if text else frozenset()
        if mark == BLOB_MARK:
            text = blob[end:].decode("utf-8") if n_anchors else ""
            anchors = frozenset(text.split(ANCHOR_SEPARATOR)) if text else frozenset()
        offset = start
    else:
        head = num_perm * 8
        if len(blob) < head or (len(blob) - head) % 8:
            raise ValueError(f"a signature blob of {len(blob)} bytes does not hold {num_perm} hash values and terms")
        k, dim, ordinal, offset = (len(blob) - head) // 8, 0, 0, 0
    signature = np.frombuffer(blob, dtype=np.uint64, count=num_perm, offset=offset).copy()
    offset += 8 * num_perm
    ids = np.frombuffer(blob, dtype=np.uint32, count=k, offset=offset).copy()
    weights = np.frombuffer(blob, dtype=np.float32, count=k, offset=offset + 4 * k).copy()
    meaning = np.frombuffer(blob, dtype=np.float16, count=dim, offset=offset + 8 * k).astype(np.float32)
    day = dt.date.fromordinal(ordinal) if ordinal else None
    return StoredSignature(signature, ids, weights, meaning, day, kinds, anchors)


def order_key(item: SignedArticle) -> tuple[bool, str, str]:
    """``(published, article_id)``, undated last: the one order articles are assigned in."""
    day = item.published
    return (day is None, day.isoformat() if day else "", item.article_id)

