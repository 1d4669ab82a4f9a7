"""Stories: a stream of articles grouped into events, incrementally.

An article becomes a *signature*: the MinHash (datasketch, fixed seed) of a set of features
made of the light stems of its content words (stop words and bare digits dropped, see
:func:`khabar.relate.similarity.content_terms`): the stems of its first
:attr:`StoryOptions.body_terms` body words, and the stems of its title marked as title
words, so that a headline word counts once as a body word and once more as a title word.
Why stems of words and not character shingles: measured on the labelled set
(``benchmarks/storyset.py``, docs/stories.md), rewrites of one event share 0.24 of their
stem sets at the 5th percentile while two different events of the same day share at most
0.20; character 5-grams give 0.19 against 0.18, word-stem bigrams 0.14 against 0.18.

:class:`StoryIndex` assigns articles one at a time.  Candidates are the articles of active
stories found by a MinHash LSH index at a threshold below the join threshold (never all
pairs); each candidate is scored by the estimated Jaccard of the two signatures (the share
of equal hash values), a story by its best candidate, and the article joins the best story
that scores at least :attr:`StoryOptions.threshold` and is active on the article's day
(its days within :attr:`StoryOptions.window_days`); otherwise it starts a story of its own.
Stories whose newest article is older than the window are retired from the index, so memory
follows the number of articles in a window, not in the stream.

Independent rewrites of one event share the names and rare words of the event but little
else, so their stem sets overlap too little for the Jaccard threshold.  A second stage
(:attr:`StoryOptions.cosine_threshold`) takes the LSH candidates at a lower threshold and
compares the article's TF-IDF vector (stems plus the names found in its lead, IDF from the
articles in the index) with each candidate story's centroid; a story of several articles is
also protected from chaining through one member (:meth:`StoryIndex._best`).

Everything is deterministic: :func:`assign_stories` processes articles in
``(published, article_id)`` order (undated last) whatever the input order, ties between
stories go to the smaller id, and a story's id is ``"s" + the id of its first article``.
:func:`cluster_store` runs the same code over a store, committing signatures, assignments
and the index state in batches, so an interrupted run continues where it stopped.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from khabar.errors import InputError, OptionsError
from khabar.model import Article
from khabar.relate.similarity import content_terms
from khabar.text.ar.tokenize import words

if TYPE_CHECKING:
    from khabar.scale.engines import Engine
    from khabar.store.sqlite import SignatureRow, Store, StoryRow

#: Prefix of title features: a title word is a feature of its own beside the same body word.
_TITLE_MARK = "t:"
#: Prefix of name features in the term vector (a name beside the stems of its words).
_NAME_MARK = "n:"

#: datasketch's hashing scheme, named explicitly so that stored signatures stay valid
#: across datasketch versions (its values fit in 32 bits; they are kept as uint64).
_SCHEME = "affine32"

#: From this many articles on, a story is joined through a single close member only if the
#: article is close to the story's centroid too (see :meth:`StoryIndex._best`).
CHAIN_GUARD_SIZE = 3

#: Fewer distinct features than this and an article is not signed: two near-empty texts
#: would look identical and fuse unrelated stories.
MIN_FEATURES = 5


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """How articles are grouped into stories.  Every default is measured in docs/stories.md."""

    #: Estimated Jaccard of the feature sets needed to join a story (through its closest
    #: article).  On the labelled set: 0.24 is the 5th percentile of same-event pairs, 0.20
    #: the largest value between different events of the same day.
    threshold: float = 0.22
    #: A story takes articles dated up to this many days after its newest one (and before
    #: its oldest); older stories retire from the index.
    window_days: int = 3
    num_perm: int = 128
    seed: int = 20161213
    #: Threshold of the LSH candidate search; below ``threshold`` so that few true matches
    #: are missed (LSH is probabilistic around its threshold).  None: 0.7 x ``threshold``.
    lsh_threshold: float | None = None
    #: How many content words of the body make the signature: the lead tells the event,
    #: background paragraphs further down are shared by every story on the same topic.
    body_terms: int = 150
    #: Second stage: TF-IDF cosine of the article to a candidate story's *centroid* needed
    #: to join it when the estimated Jaccard falls short (independent rewrites share the
    #: names and rare words of an event but little else).  None: MinHash only.
    cosine_threshold: float | None = 0.3
    #: The second stage only joins a story whose days are within this many days of the
    #: article's (a looser measure gets a tighter window).
    cosine_days: int = 1
    #: Whether the term vector holds the names found in the lead (people, places,
    #: organisations) as features of their own.
    names: bool = True

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise OptionsError(f"threshold must be in (0, 1], got {self.threshold}")
        if self.window_days < 0:
            raise OptionsError(f"window_days must be 0 or more, got {self.window_days}")
        if self.num_perm < 16:
            raise OptionsError(f"num_perm must be at least 16, got {self.num_perm}")
        if self.lsh_threshold is not None and not 0.0 < self.lsh_threshold <= self.threshold:
            raise OptionsError(f"lsh_threshold must be in (0, threshold], got {self.lsh_threshold}")
        if self.body_terms < 1:
            raise OptionsError(f"body_terms must be at least 1, got {self.body_terms}")
        if self.cosine_threshold is not None and not 0.0 < self.cosine_threshold <= 1.0:
            raise OptionsError(f"cosine_threshold must be in (0, 1] or None, got {self.cosine_threshold}")
        if self.cosine_days < 0:
            raise OptionsError(f"cosine_days must be 0 or more, got {self.cosine_days}")

    @property
    def candidate_threshold(self) -> float:
        """LSH threshold: 0.7 x ``threshold`` for MinHash alone; 0.1 with the second stage,
        whose same-event pairs (seeds, example corpus) share 0.07-0.25 of their stem sets."""
        if self.lsh_threshold is not None:
            return self.lsh_threshold
        if self.cosine_threshold is not None:
            return min(0.1, self.threshold)
        return round(0.7 * self.threshold, 4)

    def signature_key(self) -> tuple[int, int, int, bool]:
        """The options a signature depends on: change one and every signature is stale."""
        return (self.num_perm, self.seed, self.body_terms, self.names)


# --- signatures ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleTerms:
    """The words an article is grouped by, worked out once and shared by its signature
    and its term vector (stemming is most of the cost of signing)."""

    #: Stems of the first ``body_terms`` content words of the body.
    body: tuple[str, ...]
    #: Stems of the title's content words.
    title: tuple[str, ...]
    #: :func:`lead_names` keys (empty when names are not wanted).
    names: tuple[str, ...] = ()

    @classmethod
    def of(cls, article: Article, *, body_terms: int = 150, names: bool = True) -> ArticleTerms:
        return cls(
            body=tuple(content_terms(words(article.body), limit=body_terms)),
            title=tuple(content_terms(words(article.title))),
            names=tuple(lead_names(article, body_terms=body_terms)) if names else (),
        )

    def features(self) -> frozenset[str]:
        """The MinHash feature set: body stems, and title stems marked as title words."""
        return frozenset(self.body) | frozenset(_TITLE_MARK + t for t in self.title)


def article_features(article: Article, *, body_terms: int = 150) -> frozenset[str]:
    """The feature set of an article: stems of its first body words and of its title."""
    return ArticleTerms.of(article, body_terms=body_terms, names=False).features()


def article_signature(article: Article, *, options: StoryOptions, terms: ArticleTerms | None = None) -> np.ndarray:
    """The uint64 MinHash hash values of :func:`article_features`; pure and picklable.

    Raises :class:`InputError` (naming the article) when it has too few content words to
    tell its event.  ``terms``: the article's :class:`ArticleTerms`, when already known.
    """
    if terms is None:
        terms = ArticleTerms.of(article, body_terms=options.body_terms, names=False)
    feats = terms.features()
    if len(feats) < MIN_FEATURES:
        raise InputError(
            article.source or article.id,
            f"too few content words to group into a story ({len(feats)} distinct, need {MIN_FEATURES})",
        )
    # CRC-32 instead of the default SHA-1, as in khabar.relate.fingerprint: the affine32
    # scheme mixes each input hash before permuting it, so a checksum is enough.
    m = MinHash(
        num_perm=options.num_perm,
        seed=options.seed,
        hashfunc=zlib.crc32,
        scheme=_SCHEME,
        permutations=_permutations(options.num_perm, options.seed),
    )
    m.update_batch([f.encode("utf-8") for f in sorted(feats)])
    return m.hashvalues.astype(np.uint64)


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The MinHash permutations of ``(num_perm, seed)``, drawn once: drawing them is a
    fifth of the cost of signing an article."""
    return MinHash(num_perm=num_perm, seed=seed, hashfunc=zlib.crc32, scheme=_SCHEME).permutations


def lead_names(article: Article, *, body_terms: int = 150) -> list[str]:
    """Name keys (:func:`khabar.extract.entities.find_mentions`: people, places,
    organisations) of the title and of the body sentences that hold its first ``body_terms``
    words, one per mention.  A rewrite words an event its own way but names the same people
    and places; a multi-word name is one feature, so it weighs as the rare thing it is.
    Only the lead is split into sentences."""
    from khabar.extract.entities import find_mentions
    from khabar.text.ar.segment import iter_sentences

    lead, seen = [], 0
    for sentence in iter_sentences(article):
        if seen >= body_terms:
            break
        lead.append(sentence)
        if not sentence.is_title:
            seen += len(words(sentence.text))
    return [m.name_key for m in find_mentions(article, lead)]


def term_vector(
    article: Article, *, body_terms: int = 150, names: bool = True, terms: ArticleTerms | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``(term ids, weights)``: the article's stems (and names) as a sparse vector.

    The same words as :func:`article_features` (the first ``body_terms`` content words of
    the body, the title's counted once more), plus, when ``names``, each :func:`lead_names`
    key as a feature of its own; each hashed to a uint32 id (CRC-32: the vector stays small
    and picklable, and no vocabulary has to be shared between workers), weighted
    ``1 + log(count)``; ids ascending.  The IDF is applied by the index, from the articles it
    holds, so this stays a pure function of the article.  ``terms``: the article's
    :class:`ArticleTerms` (with names when ``names``), when already known.
    """
    if terms is None:
        terms = ArticleTerms.of(article, body_terms=body_terms, names=names)
    counts: dict[int, int] = {}
    for t in (*terms.body, *terms.title, *(_NAME_MARK + k for k in terms.names)):
        key = zlib.crc32(t.encode("utf-8"))
        counts[key] = counts.get(key, 0) + 1
    ids = np.array(sorted(counts), dtype=np.uint32)
    weights = np.array([1.0 + np.log(counts[int(k)]) for k in ids], dtype=np.float32)
    return ids, weights


_NO_TERMS = np.zeros(0, dtype=np.uint32)
_NO_WEIGHTS = np.zeros(0, dtype=np.float32)


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
    term_ids: np.ndarray = field(default_factory=lambda: _NO_TERMS, compare=False)
    term_weights: np.ndarray = field(default_factory=lambda: _NO_WEIGHTS, compare=False)

    @classmethod
    def of(cls, article: Article, *, options: StoryOptions) -> SignedArticle:
        terms = ArticleTerms.of(article, body_terms=options.body_terms, names=options.names)
        signature = article_signature(article, options=options, terms=terms)
        ids, weights = term_vector(article, names=options.names, terms=terms)
        return cls(
            article_id=article.id,
            published=article.published,
            title=article.title,
            outlet=article.outlet,
            signature=signature,
            term_ids=ids,
            term_weights=weights,
        )

    def to_bytes(self) -> bytes:
        """What a store keeps per article (:func:`signature_blob`)."""
        return signature_blob(self.signature, self.term_ids, self.term_weights)


def signature_blob(signature: np.ndarray, term_ids: np.ndarray = _NO_TERMS, term_weights: np.ndarray = _NO_WEIGHTS) -> bytes:
    """The stored form of a signed article: the uint64 hash values, then the term ids
    (uint32) and weights (float32).  A blob of hash values only (stores signed before the
    second stage) still reads, with no terms."""
    return (
        np.ascontiguousarray(signature, dtype=np.uint64).tobytes()
        + np.ascontiguousarray(term_ids, dtype=np.uint32).tobytes()
        + np.ascontiguousarray(term_weights, dtype=np.float32).tobytes()
    )


def read_signature_blob(blob: bytes, *, num_perm: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(signature, term ids, term weights)`` of :func:`signature_blob`; ValueError when
    the blob does not hold ``num_perm`` hash values and whole terms."""
    head = num_perm * 8
    if len(blob) < head or (len(blob) - head) % 8:
        raise ValueError(f"a signature blob of {len(blob)} bytes does not hold {num_perm} hash values and terms")
    k = (len(blob) - head) // 8
    signature = np.frombuffer(blob, dtype=np.uint64, count=num_perm).copy()
    ids = np.frombuffer(blob, dtype=np.uint32, count=k, offset=head).copy()
    weights = np.frombuffer(blob, dtype=np.float32, count=k, offset=head + 4 * k).copy()
    return signature, ids, weights


def order_key(item: SignedArticle) -> tuple[bool, str, str]:
    """``(published, article_id)``, undated last: the one order articles are assigned in."""
    day = item.published
    return (day is None, day.isoformat() if day else "", item.article_id)


# --- the incremental index -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Story:
    """A story as the index knows it."""

    id: str
    title: str
    first_day: dt.date | None
    last_day: dt.date | None
    size: int


@dataclass
class _Active:
    story: Story
    members: list[str] = field(default_factory=list)
    #: Sum of the members' unit TF-IDF vectors (term id -> weight) and its squared norm:
    #: the story's centroid, what the second stage compares a new article with.
    centroid: dict[int, float] = field(default_factory=dict)
    norm2: float = 0.0


class StoryIndex:
    """Active stories and the LSH index of their articles' signatures.

    ``add`` is incremental: an article joins an existing story or starts one, nothing is
    recomputed.  ``retire`` drops stories that can take no more articles.

    Second stage (``options.cosine_threshold``): the index keeps the document frequency of
    each term over the articles it holds (the active window), so a name or a rare word of
    this week's news weighs more than the vocabulary every story shares.  Each member's
    vector is weighted with the IDF of the moment it joined and kept (``_vector``), so a
    story's centroid is a running sum and a saved state rebuilds the same index.
    """

    def __init__(self, options: StoryOptions) -> None:
        self.options = options
        self._lsh = MinHashLSH(threshold=options.candidate_threshold, num_perm=options.num_perm)
        self._active: dict[str, _Active] = {}
        self._story_of: dict[str, str] = {}  # active article id -> story id
        self._signature: dict[str, np.ndarray] = {}
        self._vector: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # article -> (ids, unit tf-idf)
        self._df: dict[int, int] = {}
        self._changed: dict[str, Story] = {}
        # The last ``retire`` cut, and whether a story older than it may have appeared since
        # (an undated article, or one dated before the cut): the stream calls ``retire`` for
        # every article, and scanning every active story each time cost more than the rest.
        self._retired_before: dt.date | None = None
        self._stale = False

    # --- size -----------------------------------------------------------------------------

    def __len__(self) -> int:
        """Number of articles in the index (those of active stories)."""
        return len(self._signature)

    @property
    def active_stories(self) -> int:
        return len(self._active)

    def story(self, story_id: str) -> Story | None:
        active = self._active.get(story_id)
        return active.story if active else None

    # --- assigning --------------------------------------------------------------------------

    def add(self, item: SignedArticle) -> str:
        """Put ``item`` in a story; the id of the story it joined or started.

        Stage 1: the best story by its closest candidate's estimated Jaccard, if that reaches
        ``threshold`` (copies and light rewrites).  Stage 2, when stage 1 finds none: the
        candidate story whose centroid is closest in TF-IDF cosine, if that reaches
        ``cosine_threshold`` and the story's days are within ``cosine_days``.  The centroid,
        not the closest member, so that a large story does not chain: an article must look
        like the story as a whole, not like one of its edges.
        """
        if item.article_id in self._story_of:
            return self._story_of[item.article_id]
        signature = np.asarray(item.signature, dtype=np.uint64)
        if signature.shape != (self.options.num_perm,):
            raise OptionsError(
                f"article {item.article_id}: signature has {signature.size} values, the index uses "
                f"{self.options.num_perm} (signed with other options?)"
            )
        jaccard: dict[str, float] = {}
        close: dict[str, int] = {}  # members at or above the join threshold, per story
        for key in self._lsh.query(self._minhash(signature)):
            story_id = self._story_of[key]
            if not self._accepts(self._active[story_id].story, item.published, self.options.window_days):
                continue
            score = estimated_jaccard(signature, self._signature[key])
            if score > jaccard.get(story_id, -1.0):
                jaccard[story_id] = score
            if score >= self.options.threshold:
                close[story_id] = close.get(story_id, 0) + 1
        vector = self._weigh(item)
        story_id = self._best(jaccard, close, vector, item.published)
        if story_id is not None:
            self._grow(story_id, item)
        else:
            story_id = "s" + item.article_id
            story = Story(story_id, item.title, item.published, item.published, 1)
            self._active[story_id] = _Active(story)
            self._changed[story_id] = story
        self._insert(story_id, item.article_id, signature, vector)
        last = self._active[story_id].story.last_day
        if self._retired_before is not None and (last is None or last < self._retired_before):
            self._stale = True
        return story_id

    def _best(
        self, jaccard: dict[str, float], close: dict[str, int], vector: tuple[np.ndarray, np.ndarray], day: dt.date | None
    ) -> str | None:
        """The story to join (ties to the smaller id), or None.

        With the second stage on, a story of :data:`CHAIN_GUARD_SIZE` articles or more is
        joined through one close member only if the article is also close to its centroid
        (or to two members): single link would let a story drift article by article.
        """
        second_stage = self.options.cosine_threshold is not None and vector[0].size > 0
        first = []
        for sid, j in jaccard.items():
            if j < self.options.threshold:
                continue
            active = self._active[sid]
            if (
                second_stage
                and active.story.size >= CHAIN_GUARD_SIZE
                and close.get(sid, 0) < 2
                and self._cosine(vector, active) < self.options.cosine_threshold
            ):
                continue
            first.append((-j, sid))
        if first:
            return min(first)[1]
        if not second_stage:
            return None
        days = min(self.options.cosine_days, self.options.window_days)
        second = []
        for sid in jaccard:
            active = self._active[sid]
            if not self._accepts(active.story, day, days):
                continue
            cos = self._cosine(vector, active)
            if cos >= self.options.cosine_threshold:
                second.append((-cos, sid))
        return min(second)[1] if second else None

    def _weigh(self, item: SignedArticle) -> tuple[np.ndarray, np.ndarray]:
        """The item's unit TF-IDF vector under the index's current document frequencies."""
        ids = np.asarray(item.term_ids, dtype=np.uint32)
        if not ids.size:
            return _NO_TERMS, np.zeros(0, dtype=np.float64)
        n = len(self._signature)
        df = np.fromiter((self._df.get(int(t), 0) for t in ids), dtype=np.float64, count=ids.size)
        w = np.asarray(item.term_weights, dtype=np.float64) * (np.log((1.0 + n) / (1.0 + df)) + 1.0)
        return ids, w / np.linalg.norm(w)

    @staticmethod
    def _cosine(vector: tuple[np.ndarray, np.ndarray], active: _Active) -> float:
        if active.norm2 <= 0.0:
            return 0.0
        get = active.centroid.get
        dot = sum(w * get(int(t), 0.0) for t, w in zip(vector[0], vector[1], strict=True))
        return float(dot / np.sqrt(active.norm2))

    def _insert(self, story_id: str, key: str, signature: np.ndarray, vector: tuple[np.ndarray, np.ndarray]) -> None:
        active = self._active[story_id]
        active.members.append(key)
        centroid = active.centroid
        for t, w in zip(vector[0].tolist(), vector[1].tolist(), strict=True):
            old = centroid.get(t, 0.0)
            centroid[t] = old + w
            active.norm2 += 2.0 * old * w + w * w
            self._df[t] = self._df.get(t, 0) + 1
        self._story_of[key] = story_id
        self._signature[key] = signature
        self._vector[key] = vector
        self._lsh.insert(key, self._minhash(signature), check_duplication=False)

    @staticmethod
    def _accepts(story: Story, day: dt.date | None, days: int) -> bool:
        """Whether a story is open to an article of ``day`` (undated: any active story)."""
        if day is None or story.last_day is None:
            return True
        window = dt.timedelta(days=days)
        return story.last_day >= day - window and story.first_day <= day + window

    def _grow(self, story_id: str, item: SignedArticle) -> None:
        old = self._active[story_id].story
        day = item.published
        first = old.first_day if day is None or (old.first_day and old.first_day <= day) else day
        last = old.last_day if day is None or (old.last_day and old.last_day >= day) else day
        # The title is the earliest article's: a later article dated before the first one
        # (out of order) takes the title over.
        title = item.title if day is not None and (old.first_day is None or day < old.first_day) else old.title
        story = replace(old, title=title, first_day=first, last_day=last, size=old.size + 1)
        self._active[story_id].story = story
        self._changed[story_id] = story

    def _minhash(self, signature: np.ndarray) -> LeanMinHash:
        return LeanMinHash(seed=self.options.seed, hashvalues=signature, scheme=_SCHEME)

    # --- retiring ---------------------------------------------------------------------------

    def retire(self, before: dt.date) -> int:
        """Drop the stories whose newest article is older than ``before`` (and the undated
        ones, which dated articles no longer reach once the stream has moved on); how many."""
        done = self._retired_before
        if done is not None and before <= done and not self._stale:
            return 0  # every story older than this cut is gone already
        if done is None or before >= done:
            self._retired_before, self._stale = before, False
        gone = [
            sid for sid, a in self._active.items() if a.story.last_day is None or a.story.last_day < before
        ]
        for sid in gone:
            for key in self._active.pop(sid).members:
                self._lsh.remove(key)
                del self._story_of[key]
                del self._signature[key]
                for t in self._vector.pop(key)[0].tolist():
                    left = self._df[t] - 1
                    if left:
                        self._df[t] = left
                    else:
                        del self._df[t]
        return len(gone)

    def take_changed(self) -> list[Story]:
        """Stories created or changed since the last call, by id (what a store must write)."""
        changed = [self._changed[k] for k in sorted(self._changed)]
        self._changed = {}
        return changed

    # --- persisting -------------------------------------------------------------------------

    def state(self) -> StoryIndexState:
        """Everything needed to rebuild this index exactly."""
        stories = tuple(self._active[k].story for k in sorted(self._active))
        members = tuple(
            (key, sid) for sid in sorted(self._active) for key in self._active[sid].members
        )
        matrix = (
            np.vstack([self._signature[k] for k, _ in members])
            if members
            else np.zeros((0, self.options.num_perm), dtype=np.uint64)
        )
        vectors = tuple(self._vector[k] for k, _ in members)
        return StoryIndexState(options=self.options, stories=stories, members=members, signatures=matrix, vectors=vectors)

    @classmethod
    def from_state(cls, state: StoryIndexState) -> StoryIndex:
        index = cls(state.options)
        for story in state.stories:
            index._active[story.id] = _Active(story)
        vectors = state.vectors or tuple((_NO_TERMS, np.zeros(0)) for _ in state.members)
        for (key, sid), signature, vector in zip(state.members, state.signatures, vectors, strict=True):
            index._insert(sid, key, signature, vector)
        return index


@dataclass(frozen=True)
class StoryIndexState:
    """A :class:`StoryIndex` as data: its options, active stories, their signatures and
    their members' TF-IDF vectors (as weighted when they joined)."""

    options: StoryOptions
    stories: tuple[Story, ...]
    members: tuple[tuple[str, str], ...]  # (article id, story id), in joining order per story
    signatures: np.ndarray  # one row per member
    vectors: tuple[tuple[np.ndarray, np.ndarray], ...] = ()  # (term ids, weights) per member

    def to_bytes(self) -> bytes:
        """A JSON header line, then .npy arrays (no pickle): the signatures, and the members'
        vectors as offsets, term ids and weights."""
        header = {
            "version": 2,
            "options": asdict(self.options),
            "stories": [
                [s.id, s.title, _iso(s.first_day), _iso(s.last_day), s.size] for s in self.stories
            ],
            "members": [list(m) for m in self.members],
        }
        vectors = self.vectors or tuple((_NO_TERMS, np.zeros(0)) for _ in self.members)
        offsets = np.cumsum([0] + [len(ids) for ids, _ in vectors], dtype=np.int64)
        ids = np.concatenate([v[0] for v in vectors]).astype(np.uint32) if vectors else _NO_TERMS
        weights = np.concatenate([v[1] for v in vectors]).astype(np.float64) if vectors else np.zeros(0)
        buf = io.BytesIO()
        buf.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
        for array, dtype in ((self.signatures, np.uint64), (offsets, np.int64), (ids, np.uint32), (weights, np.float64)):
            np.save(buf, np.ascontiguousarray(array, dtype=dtype), allow_pickle=False)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> StoryIndexState:
        line, _, rest = data.partition(b"\n")
        header = json.loads(line)
        if header.get("version") != 2:
            raise OptionsError(
                f"story index state version {header.get('version')!r} is not this version's (2); "
                "regroup with restart=True (khabar stories --restart)"
            )
        buf = io.BytesIO(rest)
        signatures, offsets, ids, weights = (np.load(buf, allow_pickle=False) for _ in range(4))
        vectors = tuple(
            (ids[a:b], weights[a:b]) for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)
        )
        return cls(
            options=StoryOptions(**header["options"]),
            stories=tuple(
                Story(sid, title, _day(first), _day(last), size) for sid, title, first, last, size in header["stories"]
            ),
            members=tuple((k, s) for k, s in header["members"]),
            signatures=signatures,
            vectors=vectors,
        )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def assign_stories(
    items: Iterable[SignedArticle],
    *,
    options: StoryOptions,
    index: StoryIndex | None = None,
) -> dict[str, str]:
    """``article_id -> story_id`` for ``items``, in ``(published, article_id)`` order.

    The result does not depend on the order or partitioning of ``items``.  Pass an
    ``index`` to continue an earlier run (it is updated in place); stories are retired as
    the days advance, so the index holds only the stories still open.
    """
    if index is None:
        index = StoryIndex(options)
    elif index.options != options:
        raise OptionsError("the index was built with other options than those given")
    out: dict[str, str] = {}
    for item in sorted(items, key=order_key):
        _retire_for(index, item.published)
        out[item.article_id] = index.add(item)
    return out


def _retire_for(index: StoryIndex, day: dt.date | None) -> int:
    if day is None:
        return 0
    return index.retire(day - dt.timedelta(days=index.options.window_days))


# --- over a store ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClusterReport:
    """What :func:`cluster_store` did (cumulative when passed to ``progress``)."""

    stage: str  # "signing", "assigning" or "done"
    signed: int = 0
    skipped: tuple[InputError, ...] = ()
    assigned: int = 0
    new_stories: int = 0
    retired: int = 0
    active_stories: int = 0
    seconds: float = 0.0


def _signed_from_row(row: SignatureRow, options: StoryOptions, store: Store) -> SignedArticle:
    try:
        signature, ids, weights = read_signature_blob(row.signature, num_perm=options.num_perm)
    except ValueError as e:
        raise InputError(row.article_id, f"stored signature unreadable: {e}") from e
    if not ids.size and options.cosine_threshold is not None:
        # Signed by hash values alone (an older store, or a writer that stored only
        # ``signature.tobytes()``): the terms come from the stored article, so the
        # grouping is the same as for an article signed here.
        article = store.get(row.article_id)
        if article is not None:
            ids, weights = term_vector(article, body_terms=options.body_terms, names=options.names)
    return SignedArticle(row.article_id, row.published, row.title, row.outlet, signature, ids, weights)


def _load_index(store: Store, options: StoryOptions) -> StoryIndex:
    data = store.load_story_index_state()
    if data is None:
        return StoryIndex(options)
    state = StoryIndexState.from_bytes(data)
    if state.options != options:
        raise OptionsError(
            f"{store.path}: stories were grouped with other options ({state.options}); "
            "regroup from scratch with restart=True (khabar stories --restart) or use the same options"
        )
    return StoryIndex.from_state(state)


def cluster_store(
    store: Store,
    *,
    options: StoryOptions = StoryOptions(),
    progress: Callable[[ClusterReport], None] | None = None,
    batch_size: int = 500,
    limit: int | None = None,
    restart: bool = False,
    engine: Engine | None = None,
) -> ClusterReport:
    """Sign the store's unsigned articles, put every unassigned one in a story, persist.

    Articles are assigned in ``(published, id)`` order, ``batch_size`` at a time (or as many
    as the index holds, when that is more); each batch's
    assignments, changed stories and the index state are committed together, so a run that
    is interrupted (or stopped after ``limit`` assignments) continues where it stopped and
    ends with the same assignments as one uninterrupted run.  An article that cannot be
    signed is recorded with its reason, reported in ``skipped`` and never stops the run.
    ``restart`` forgets the stored stories first (and the signatures when the signature
    options changed).  ``engine`` (:class:`khabar.scale.ProcessEngine` and the like) signs
    a batch per worker at a time; the signatures, so the stories, are the same.
    """
    if batch_size < 1:
        raise OptionsError(f"batch_size must be at least 1, got {batch_size}")
    started = time.perf_counter()
    if restart:
        old = store.load_story_index_state()
        try:
            stale = old is not None and StoryIndexState.from_bytes(old).options.signature_key() != options.signature_key()
        except (OptionsError, ValueError, TypeError):
            stale = True  # a state this version cannot read: sign again too
        store.reset_stories(signatures=stale)
    index = _load_index(store, options)
    report = ClusterReport(stage="signing", active_stories=index.active_stories)

    def tick(**changes: object) -> None:
        nonlocal report
        report = replace(report, seconds=time.perf_counter() - started, **changes)
        if progress is not None:
            progress(report)

    # 1. signatures, committed per batch.  Batches are read from the store as they are
    #    signed (each page starts where the last one ended), on the engine when there is
    #    one, and saved as they come back, in any order: a signature depends on its article
    #    alone.
    def batches() -> Iterator[list[Article]]:
        cursor = None
        while batch := store.unsigned_articles(limit=batch_size, after=cursor):
            cursor = (batch[-1].published, batch[-1].id)
            yield batch

    if engine is None:
        signed = ((i, sign_articles(b, options=options)) for i, b in enumerate(batches()))
    else:
        signed = engine.run(sign_articles, batches(), options=options)
    for _i, (rows, problems) in signed:
        skipped = [InputError(source, problem) for source, problem in problems]
        store.save_signatures(rows)
        tick(signed=report.signed + len(rows) - len(skipped), skipped=report.skipped + tuple(skipped))

    # 2. assignments, committed per batch together with the index state
    tick(stage="assigning")
    remaining = limit
    cursor = None
    while remaining is None or remaining > 0:
        # The index state is rewritten with every batch, and it grows with the articles in
        # the window: a batch at least that large keeps its cost per article constant
        # (measured: at 1,700 articles a day, 500-article batches spent most of the
        # assigning time writing 25 MB states).
        page = max(batch_size, len(index))
        if remaining is not None:
            page = min(page, remaining)
        rows = store.load_signatures(unassigned=True, limit=page, after=cursor)
        if not rows:
            break
        cursor = (rows[-1].published, rows[-1].article_id)
        assignments, skipped, retired = [], [], 0
        for row in rows:
            try:
                item = _signed_from_row(row, options, store)
            except InputError as e:
                skipped.append(e)
                continue
            retired += _retire_for(index, item.published)
            assignments.append((item.article_id, index.add(item)))
        changed = index.take_changed()
        new = sum(1 for s in changed if s.size == 1)
        store.commit_stories(
            assignments=assignments,
            stories=[_story_row(s) for s in changed],
            state=index.state().to_bytes(),
        )
        if remaining is not None:
            remaining -= len(rows)
        tick(
            assigned=report.assigned + len(assignments),
            new_stories=report.new_stories + new,
            retired=report.retired + retired,
            active_stories=index.active_stories,
            skipped=report.skipped + tuple(skipped),
        )
    tick(stage="done", active_stories=index.active_stories)
    return report


def sign_articles(
    articles: Iterable[Article], *, options: StoryOptions
) -> tuple[list[tuple[str, bytes | None, str | None]], list[tuple[str, str]]]:
    """``(rows, problems)`` for a store: ``(article id, signature blob, None)`` per signed
    article, ``(article id, None, problem)`` per article that cannot be signed, and the
    ``(source, problem)`` of the latter.  One odd article never stops a batch.  Plain
    tuples, so that an engine's worker can send them back (``InputError`` does not pickle)."""
    rows: list[tuple[str, bytes | None, str | None]] = []
    problems: list[tuple[str, str]] = []
    for article in articles:
        try:
            rows.append((article.id, SignedArticle.of(article, options=options).to_bytes(), None))
        except InputError as e:
            problems.append((e.source, e.problem))
            rows.append((article.id, None, e.problem))
        except Exception as e:  # noqa: BLE001 - one odd article must never stop a long batch
            problem = f"cannot sign for story grouping: {e}"
            problems.append((article.source or article.id, problem))
            rows.append((article.id, None, problem))
    return rows, problems


def _story_row(story: Story) -> StoryRow:
    from khabar.store.sqlite import StoryRow

    return StoryRow(story.id, story.title, story.first_day, story.last_day, story.size)


def list_stories(
    store: Store,
    *,
    limit: int = 20,
    offset: int = 0,
    min_size: int = 2,
    min_outlets: int = 1,
) -> list[StoryRow]:
    """Stored stories, newest first, with at least ``min_size`` articles and ``min_outlets``
    outlets (``StoryRow.outlets``); the articles of one are ``store.story_articles(id)``."""
    return store.stories(limit=limit, offset=offset, min_size=min_size, min_outlets=min_outlets)


def iter_story_articles(store: Store, story_id: str) -> Iterator[Article]:
    """The articles of a story, by date: what ``khabar brief --story ID`` briefs."""
    yield from store.story_articles(story_id)
