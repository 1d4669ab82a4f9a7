"""The incremental story index: articles join stories one at a time, old stories retire.

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

With meanings (:attr:`StoryOptions.semantic`, the default), the second stage is the *event
score*: the cosine of the article's meaning vector to an event's meaning centroid, plus the
TF-IDF cosine to its term centroid (weighted), plus a bonus when the article's event day
(:func:`~khabar.relate.stories.features.event_day`) is one of the event's days; candidate
events are found by meaning among the active ones (one matrix product), and only events
whose days are within :attr:`StoryOptions.event_days` of the article's event day compete.
An article that starts an event also places it in a *storyline*: the active storyline
(an article within :attr:`StoryOptions.storyline_days`) whose centroids score best, if
that reaches :attr:`StoryOptions.storyline_threshold`, else a storyline of its own.
Storylines outlive their events in the index (their own centroids, retired after
``storyline_days``), so a follow-up a week later still finds its storyline.

Everything is deterministic: :func:`assign_stories` processes articles in
``(published, article_id)`` order (undated last) whatever the input order, ties between
stories go to the smaller id, and a story's id is ``"s" + the id of its first article``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import repeat
from operator import mul
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from khabar.config import StoryOptions
from khabar.errors import OptionsError
from khabar.relate.stories.features import (
    FIGURE_ANCHOR,
    HASH_SCHEME,
    HEADLINE_ANCHOR,
    OPENING_ANCHOR,
    QUOTE_ANCHOR,
    REACTION_OPENING,
    REPORT_OPENING,
    NO_TERMS,
    SignedArticle,
    estimated_jaccard,
    order_key,
)
from khabar.relate.stories.scorer import evidence_values, quote_anchors, shared_quotes, split_anchors
from khabar.relate.stories.state import Story, StoryIndexState, Storyline

if TYPE_CHECKING:
    from datasketch import LeanMinHash

    from khabar.relate.stories.band import BandModel, E5Reading
    from khabar.relate.stories.scorer import EventScorer

#: What :attr:`StoryOptions.event_band` reads sentences through: given article ids, the
#: unit USE vectors of each one's first sentences, one row each (as
#: :func:`khabar.scale.cluster.band_texts` chooses them); an id it cannot read is left out
#: (its candidates keep the scorer's decision).  The caller at the edge makes it
#: (:mod:`khabar.scale.cluster` from a store, whose kept vectors it reads first, or a list
#: of articles).
SentenceLookup = Callable[[Sequence[str]], Mapping[str, np.ndarray]]

#: What :attr:`StoryOptions.event_e5` reads through: given article ids, the unit e5 vector
#: of each one's title and first 40 words (:func:`khabar.scale.cluster.e5_texts`); an id it
#: cannot read is left out (``e5_mean`` then reads the others, or the missing value).
E5Lookup = Callable[[Sequence[str]], Mapping[str, np.ndarray]]

#: From this many articles on, a story is joined through a single close member only if the
#: article is close to the story's centroid too (see :meth:`StoryIndex._best`).
CHAIN_GUARD_SIZE = 3


#: Whether a statement quoted word for word by an event's report of the same day joins the
#: event when its score falls short (:meth:`StoryIndex._best_event`), and how many runs of
#: words the two must share when a headline names no kind of happening (one more when both
#: name the same kind): on the dev pairs the one such join through a single run (four
#: words) was of another event, and joins through two runs between headlines of the same
#: kind added a false join (through three: 3 more same-event pairs, no false join).
QUOTED_STATEMENTS_JOIN = True
QUOTED_STATEMENT_RUNS = 2

#: Complete linkage in meaning, per meaning encoder: an event is a candidate only if the
#: article is within this cosine of *every* report it holds, not only of their centroid
#: (unless the two share a quoted run, :func:`~khabar.relate.stories.scorer.shared_quotes`:
#: a statement another report quotes; such a report then does not count for the next ones).  Reports of one happening are close to each other;
#: the events of a topic are close to its centroid, and an event that took one neighbour's
#: report would otherwise take the next (a chain through the centroid).  Cross-validated on
#: the dev, fresh and fresh2 splits (docs/stories.md): pooled event pairs P 0.902 R 0.606
#: without it (at the threshold its precision needs, 0.60), P 0.903 R 0.679 with 0.5 (0.40).
#: The static vectors (their cosines run higher), same protocol: without linkage the
#: precision floor is not reached up to the threshold 0.60 (P 0.880 R 0.572); 0.55 gives
#: P 0.914 R 0.620 at 0.30 (0.60: 0.918 / 0.599; 0.70: 0.900 / 0.416).
LINKAGE_FLOORS = {"use": 0.5, "static": 0.55}
#: ... compared with the core reports of the article's own event day and the day either
#: side of it: an event of several days (a summit's preview, opening and closing statement;
#: the days of an evacuation) moves on from its first reports, while different happenings
#: of one topic meet within a day.
LINKAGE_DAYS = 1


#: Kinds of happening that last several days as one operation (``happening_kinds.txt``):
#: between an article and an event whose headlines both name one, the day evidence is moot
#: (scored as the event's own day, nothing into it), since each day's report tells the same
#: operation (the gold's "three days of one cave rescue"; the bundled example's evacuation,
#: its convoys on the agreement's third and fourth days).  Other next-day reports of a topic
#: are mostly other happenings: in the oracle stream of the dev..fresh4 splits, an article the
#: day after an event of two days or more was its own event 2 times in 22 (the cave rescue), and
#: comparisons a day apart above meaning cosine 0.75 that the scorer left under 0.45 were all
#: other events (a walk-back, a court order, the next day's front); those sharing a rescue kind
#: a day or more apart were all the same operation (2 of 2).  Cross-validated: the same figures
#: as without it within a pair (docs/stories.md, session 9).
LASTING_KINDS = frozenset({"rescue"})

#: A report told as a reaction to a happening ("لجنة حماية الصحفيين تدين أحكاما ...",
#: :func:`khabar.extract.happenings.opens_as_reaction`) published :data:`REACTION_DAYS` or more
#: after an event's first report, when all the event's reports open as reports of the happening,
#: is no candidate for it unless the two texts are rewrites (an estimated Jaccard at the join
#: threshold).  The scorer took a later statement about an event for a report of it: 26 of the 80
#: false joins of the spent pool dev..fresh16 (docs/stories.md, session 18).  Measured on that pool
#: (session 19, with the related-story cut): on any day P 0.904 R 0.661 (a statement that is itself
#: the event, "نتنياهو: ..." beside "نتنياهو يعلق على ...", was refused with it); a day or more
#: later P 0.900 R 0.692 against main's 0.895 / 0.691; a report refused from an event of
#: reactions too: R 0.688.
REACTION_REFUSAL = True
REACTION_DAYS = 1

#: Meaning cosine below which an event or storyline is not scored at all: unrelated news
#: pairs score 0.14 at the median (dev pairs, docs/stories.md), and no same-event pair of
#: the dev set falls under 0.35.
MEANING_FLOOR = 0.3

#: At most this many events, the closest in meaning among those of the article's days, are
#: scored for an article (besides those sharing its wording).  A dense stream (1,700
#: articles a day of generated news, benchmarks/bench_scale.py --n 100000) otherwise scores
#: hundreds of events an article, and its grouping grows with the square of the stream's
#: rate.  In the gold streams (dev, fresh, fresh2, fresh3; 285 joins) the event an article
#: joined was the closest candidate by centroid 274 times, never below the third.
MOST_EVENT_CANDIDATES = 16
#: ... and of storylines a new event is compared with (within ``storyline_days``): the
#: storyline joined was the closest by centroid 177 of 180 times in the same streams, never
#: below the second.
MOST_STORYLINE_CANDIDATES = 16


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """An active event an article may join, and what is known of the two
    (:func:`khabar.relate.stories.scorer.evidence_values`)."""

    story_id: str
    meaning: float
    terms: float
    jaccard: float
    gap: int | None
    days_in: int | None
    kinds_agree: bool
    kinds_unknown: bool
    names: int
    shared_names: int
    figures: int
    event_figures: int
    shared_figures: int
    size: int
    shared_quotes: int = 0

    def evidence(self) -> np.ndarray:
        return np.array(self.values(), dtype=np.float64)

    def values(self) -> tuple[float, ...]:
        return evidence_values(
            meaning=self.meaning, terms=self.terms, jaccard=self.jaccard, gap=self.gap, days_in=self.days_in,
            kinds_agree=self.kinds_agree, kinds_unknown=self.kinds_unknown, names=self.names,
            shared_names=self.shared_names, figures=self.figures, event_figures=self.event_figures,
            shared_figures=self.shared_figures, size=self.size, shared_quotes=self.shared_quotes,
        )


class _Centroids:
    """Unit meaning centroids of keyed groups in one matrix, so all are compared with an
    article in one product; rows are reused when a group retires."""

    def __init__(self) -> None:
        self.sums: dict[str, np.ndarray] = {}
        self._row: dict[str, int] = {}
        self._key: list[str | None] = []
        self._free: list[int] = []
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        #: Per row, the group's first and last day as ordinals (0: undated), so that
        #: :meth:`closest` leaves out the groups of other days in the same product.
        self._days = np.zeros((0, 2), dtype=np.int64)
        self.days: dict[str, tuple[int, int]] = {}

    def set_days(self, key: str, first: dt.date | None, last: dt.date | None) -> None:
        span = (first.toordinal() if first else 0, last.toordinal() if last else 0)
        self.days[key] = span
        row = self._row.get(key)
        if row is not None:
            self._days[row] = span

    def add(self, key: str, vector: np.ndarray) -> None:
        total = self.sums.get(key)
        total = vector.astype(np.float32).copy() if total is None else total + vector
        self.set(key, total)

    def set(self, key: str, total: np.ndarray) -> None:
        self.sums[key] = total
        row = self._row.get(key)
        if row is None:
            if self._matrix.shape[1] != total.size:
                self._matrix = np.zeros((max(64, len(self._key)), total.size), dtype=np.float32)
                self._days = np.zeros((self._matrix.shape[0], 2), dtype=np.int64)
                self._key = [None] * self._matrix.shape[0]
                self._free = list(range(self._matrix.shape[0] - 1, -1, -1))
                self._row = {}
                for k, v in list(self.sums.items()):
                    if k != key:
                        self._place(k, v)
            row = self._place(key, total)
            return
        norm = float(np.linalg.norm(total))
        self._matrix[row] = total / norm if norm > 0 else 0.0

    def _place(self, key: str, total: np.ndarray) -> int:
        if not self._free:
            old = self._matrix.shape[0]
            self._matrix = np.vstack([self._matrix, np.zeros_like(self._matrix)])
            self._days = np.vstack([self._days, np.zeros_like(self._days)])
            self._key.extend([None] * old)
            self._free = list(range(2 * old - 1, old - 1, -1))
        row = self._free.pop()
        self._row[key], self._key[row] = row, key
        self._days[row] = self.days.get(key, (0, 0))
        norm = float(np.linalg.norm(total))
        self._matrix[row] = total / norm if norm > 0 else 0.0
        return row

    def remove(self, key: str) -> None:
        self.sums.pop(key, None)
        self.days.pop(key, None)
        row = self._row.pop(key, None)
        if row is not None:
            self._matrix[row] = 0.0
            self._days[row] = 0
            self._key[row] = None
            self._free.append(row)

    def cosine(self, key: str, vector: np.ndarray) -> float | None:
        """Cosine of ``vector`` to the centroid of ``key`` (None: no centroid)."""
        row = self._row.get(key)
        if row is None or vector.size != self._matrix.shape[1]:
            return None
        return float(self._matrix[row] @ vector)

    def closest(
        self, vector: np.ndarray, floor: float, *, day: dt.date | None = None, gap: int = 0,
        span: int | None = None, most: int | None = None,
    ) -> dict[str, float]:
        """Keys whose centroid's cosine to ``vector`` is at least ``floor``; with ``day``,
        only the groups whose days (:meth:`set_days`) are within ``gap`` days of it and
        whose first day is at most ``span`` days before it (undated groups always); with
        ``most``, only that many, the closest (ties to the lower row)."""
        if not self._row or vector.size != self._matrix.shape[1]:
            return {}
        cosines = self._matrix @ vector
        keep = cosines >= floor
        if day is not None:
            d = day.toordinal()
            first, last = self._days[:, 0], self._days[:, 1]
            near = np.maximum(np.maximum(first - d, d - last), 0) <= gap
            if span is not None:
                near &= d - first <= span
            keep &= (first == 0) | (last == 0) | near
        rows = np.flatnonzero(keep)
        if most is not None and rows.size > most:
            rows = rows[np.argsort(-cosines[rows], kind="stable")[:most]]
        return {self._key[r]: float(cosines[r]) for r in rows.tolist() if self._key[r] is not None}


@dataclass
class _TermCentroid:
    """A running sum of unit TF-IDF vectors (term id -> weight) and its squared norm."""

    weights: dict[int, float] = field(default_factory=dict)
    norm2: float = 0.0

    def add(self, vector: tuple[np.ndarray, np.ndarray]) -> None:
        weights = self.weights
        for t, w in zip(vector[0].tolist(), vector[1].tolist(), strict=True):
            old = weights.get(t, 0.0)
            weights[t] = old + w
            self.norm2 += 2.0 * old * w + w * w

    def cosine(self, vector: tuple[np.ndarray, np.ndarray]) -> float:
        if self.norm2 <= 0.0:
            return 0.0
        # map over plain lists: iterating numpy scalars was most of the cost of grouping
        dot = sum(map(mul, vector[1].tolist(), map(self.weights.get, vector[0].tolist(), repeat(0.0))))
        return float(dot / math.sqrt(self.norm2))


@dataclass
class _Active:
    story: Story
    members: list[str] = field(default_factory=list)
    #: The story's term centroid: what the second stage compares a new article with.
    terms: _TermCentroid = field(default_factory=_TermCentroid)
    #: The first and last event days of its articles (the day of the happening).
    days: tuple[dt.date | None, dt.date | None] = (None, None)
    #: The kinds of happening its articles' titles name (see :meth:`StoryIndex._best_event`).
    kinds: frozenset[str] = frozenset()
    #: The names and the figures of its articles' leads (:func:`~khabar.relate.stories.features.anchor_set`).
    names: set[str] = field(default_factory=set)
    figures: set[str] = field(default_factory=set)
    #: The quote and headline runs of its articles (:func:`~khabar.relate.stories.features.quote_keys`).
    quotes: set[str] = field(default_factory=set)
    headlines: set[str] = field(default_factory=set)
    #: How its articles open (:data:`~khabar.relate.stories.features.REACTION_OPENING`, ...).
    openings: set[str] = field(default_factory=set)
    #: The meaning vectors of its core reports, one row each, and their event days
    #: (ordinals, 0 when undated) (:data:`LINKAGE_FLOORS`): all but those that joined
    #: through a shared quote from farther in meaning.
    meanings: np.ndarray | None = None
    meaning_days: np.ndarray | None = None

    def add_meaning(self, meaning: np.ndarray, day: dt.date | None) -> None:
        row = np.asarray(meaning, dtype=np.float32)[None, :]
        ordinal = np.array([day.toordinal() if day else 0], dtype=np.int64)
        if self.meanings is None or self.meaning_days is None:
            self.meanings, self.meaning_days = row, ordinal
        else:
            self.meanings = np.vstack([self.meanings, row])
            self.meaning_days = np.concatenate([self.meaning_days, ordinal])

    def farthest(self, meaning: np.ndarray, day: dt.date | None) -> float | None:
        """The lowest cosine of ``meaning`` to a core report of the event within
        :data:`LINKAGE_DAYS` of ``day`` (all of them when a side is undated); None when
        there is none."""
        if self.meanings is None or self.meaning_days is None or self.meanings.shape[1] != meaning.size:
            return None
        rows, days = self.meanings, self.meaning_days
        if day is not None:
            ordinal = day.toordinal()
            if not (days.max() - LINKAGE_DAYS <= ordinal <= days.min() + LINKAGE_DAYS and days.min() > 0):
                # (most events span a day or two: every core report is near, no mask needed)
                rows = rows[(days == 0) | (np.abs(days - ordinal) <= LINKAGE_DAYS)]
        return float((rows @ meaning).min()) if len(rows) else None

    def add_anchor(self, anchor: str) -> None:
        if anchor.startswith(FIGURE_ANCHOR):
            self.figures.add(anchor)
        elif anchor.startswith(QUOTE_ANCHOR):
            self.quotes.add(anchor[len(QUOTE_ANCHOR):])
        elif anchor.startswith(HEADLINE_ANCHOR):
            self.headlines.add(anchor[len(HEADLINE_ANCHOR):])
        elif anchor.startswith(OPENING_ANCHOR):
            self.openings.add(anchor)
        else:
            self.names.add(anchor)

    def anchors(self) -> frozenset[str]:
        return frozenset(
            self.names
            | self.figures
            | self.openings
            | {QUOTE_ANCHOR + q for q in self.quotes}
            | {HEADLINE_ANCHOR + h for h in self.headlines}
        )


@dataclass
class _Line:
    line: Storyline
    terms: _TermCentroid = field(default_factory=_TermCentroid)


class StoryIndex:
    """Active stories (events) and storylines, and the LSH index of their articles' signatures.

    ``add`` is incremental: an article joins an existing story or starts one, nothing is
    recomputed.  ``retire`` drops stories that can take no more articles.

    Second stage (``options.cosine_threshold``): the index keeps the document frequency of
    each term over the articles it holds (the active window), so a name or a rare word of
    this week's news weighs more than the vocabulary every story shares.  Each member's
    vector is weighted with the IDF of the moment it joined and kept (``_vector``), so a
    story's centroid is a running sum and a saved state rebuilds the same index.
    """

    def __init__(
        self, options: StoryOptions, *, scorer: EventScorer | None = None, sentences: SentenceLookup | None = None,
        band: BandModel | None = None, e5: E5Lookup | None = None, e5_reading: E5Reading | None = None,
    ) -> None:
        """``scorer``: the learned event scorer to use instead of the shipped one (training
        and cross-validation try their own; it is not part of a saved state).  ``sentences``:
        the lookup of sentence vectors :attr:`StoryOptions.event_band` needs
        (:data:`SentenceLookup`); ``band``: a band model instead of the shipped one (the
        fitting script cross-validates its own).  ``e5``: the lookup of e5 vectors
        :attr:`StoryOptions.event_e5` needs (:data:`E5Lookup`); without it the band decides
        alone; ``e5_reading``: one instead of the shipped one."""
        from datasketch import MinHashLSH  # here, not at import: ingest without --stories never pays for it (scipy)

        self.options = options
        self._scorer = scorer
        self._band: BandModel | None = None
        # The band needs the articles' sentences: asked for (True) without them it is refused;
        # by default (None) a caller that keeps no articles (assign_stories over signatures
        # alone, cluster_paths) groups without it rather than failing.
        if options.reads_band and (sentences is not None or options.event_band):
            if sentences is None:
                raise OptionsError("event_band needs the sentence vectors of the articles: give the index a lookup by article id")
            from khabar.relate.stories.band import load_band_model

            self._band = band or load_band_model()
        self._sentence_lookup = sentences
        self._e5_reading: E5Reading | None = None
        if self._band is not None and options.reads_e5 and e5 is not None:
            from khabar.relate.stories.band import load_e5_reading

            self._e5_reading = e5_reading or load_e5_reading()
        self._e5_lookup = e5
        #: The e5 vectors asked so far, by article id (kept and dropped as ``_sentences``).
        self._e5: dict[str, np.ndarray] = {}
        #: The sentence vectors asked so far, by article id: each article is asked once while
        #: its event is active (they go with it when it retires; a resumed index asks again).
        self._sentences: dict[str, np.ndarray] = {}
        self._lsh = MinHashLSH(threshold=options.candidate_threshold, num_perm=options.num_perm)
        self._active: dict[str, _Active] = {}
        self._story_of: dict[str, str] = {}  # active article id -> story id
        self._signature: dict[str, np.ndarray] = {}
        self._vector: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # article -> (ids, unit tf-idf)
        self._df: dict[int, int] = {}
        self._changed: dict[str, Story] = {}
        self._event_meanings = _Centroids()
        self._lines: dict[str, _Line] = {}
        self._line_meanings = _Centroids()
        self._changed_lines: dict[str, Storyline] = {}
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

    @property
    def active_storylines(self) -> int:
        return len(self._lines)

    def story(self, story_id: str) -> Story | None:
        active = self._active.get(story_id)
        return active.story if active else None

    def storyline(self, storyline_id: str) -> Storyline | None:
        line = self._lines.get(storyline_id)
        return line.line if line else None

    # --- assigning --------------------------------------------------------------------------

    def add(self, item: SignedArticle) -> str:
        """Put ``item`` in a story; the id of the story it joined or started.

        Stage 1: the best story by its closest candidate's estimated Jaccard, if that reaches
        ``threshold`` (copies and light rewrites).  Stage 2, when stage 1 finds none: with
        meanings, the best event score (see the module docstring); without, the candidate
        story whose centroid is closest in TF-IDF cosine, if that reaches
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
        meaning = np.asarray(item.meaning, dtype=np.float32)
        learned = self.options.semantic and self.options.event_scorer == "learned" and meaning.size > 0
        # The learned scorer weighs the shared wording itself (``jaccard`` is one of its
        # features): no join by wording alone before it.
        story_id = None if learned else self._best(jaccard, close, vector, item.published)
        if story_id is None and self.options.semantic and meaning.size:
            story_id = self._best_event(item, vector, meaning, jaccard)
        if story_id is not None:
            self._grow(story_id, item)
        else:
            story_id = "s" + item.article_id
            line_id = self._place_in_storyline(item, vector, meaning) if self.options.semantic else ""
            story = Story(story_id, item.title, item.published, item.published, 1, line_id)
            self._active[story_id] = _Active(story)
            self._changed[story_id] = story
        active = self._active[story_id]
        day = item.day
        if day is not None:
            first, last = active.days
            active.days = (min(first, day) if first else day, max(last, day) if last else day)
            self._event_meanings.set_days(story_id, *active.days)
        if self.options.semantic and meaning.size:
            self._event_meanings.add(story_id, meaning)
            linkage = LINKAGE_FLOORS.get(self.options.meaning_encoder) if learned else None
            farthest = active.farthest(meaning, day) if linkage is not None else None
            if linkage is not None and (farthest is None or farthest >= linkage):
                # The event's core: a report that joined through a shared quote however far
                # in meaning (a governor's figure, a council's statement) does not bar the
                # event's later reports that are close to all the others.
                active.add_meaning(meaning, day)
        if item.kinds and self.options.event_kinds:
            active.kinds = active.kinds | item.kinds
        if item.anchors:
            for anchor in item.anchors:
                active.add_anchor(anchor)
        if active.story.storyline:
            self._grow_storyline(active.story.storyline, item, vector, meaning, new_event=active.story.size == 1)
        self._insert(story_id, item.article_id, signature, vector)
        last = active.story.last_day
        if self._retired_before is not None and (last is None or last < self._retired_before):
            self._stale = True
        return story_id

    def _best(
        self, jaccard: dict[str, float], close: dict[str, int], vector: tuple[np.ndarray, np.ndarray], day: dt.date | None
    ) -> str | None:
        """The story to join by words (ties to the smaller id), or None.

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
                and active.terms.cosine(vector) < self.options.cosine_threshold
            ):
                continue
            first.append((-j, sid))
        if first:
            return min(first)[1]
        if not second_stage or self.options.semantic:
            return None
        days = min(self.options.cosine_days, self.options.window_days)
        second = []
        for sid in jaccard:
            active = self._active[sid]
            if not self._accepts(active.story, day, days):
                continue
            cos = active.terms.cosine(vector)
            if cos >= self.options.cosine_threshold:
                second.append((-cos, sid))
        return min(second)[1] if second else None

    def _best_event(
        self, item: SignedArticle, vector: tuple[np.ndarray, np.ndarray], meaning: np.ndarray, jaccard: dict[str, float]
    ) -> str | None:
        """The event to join by the event score (ties to the smaller id), or None.

        Candidates: the active events whose meaning centroid is within
        :data:`MEANING_FLOOR`, whose days are within ``event_days`` of the article's event
        day and whose first day is at most ``event_span_days`` before it.  With
        :attr:`StoryOptions.event_kinds` and the hand score, an event whose titles name kinds of happening and
        none of the article's own (a match and a tax settlement, a crash and the finding of
        its wreckage) is not a candidate, however close in meaning: reports of one topic on
        one day are close in meaning, the kind of happening tells them apart.  Each
        candidate is scored (:meth:`_score_events`) and the best joined if it reaches
        :attr:`StoryOptions.join_threshold`.

        Failing that, with the learned scorer, a *quoted statement* joins: an event of the
        article's own event day that shares :data:`QUOTED_STATEMENT_RUNS` runs of four
        quoted words with it (:func:`~khabar.relate.stories.scorer.shared_quotes`: quoted
        on one side, quoted or a headline on the other) when the article's headline or the
        event's names no kind of happening (a statement, a figure: "محافظ العاصية: عدد
        المدنيين لا يتجاوز 15 ألفا"), one run more when both name the same kind.  Another outlet quoting the same words on the same day
        reports the same statement, however far its headline is in meaning.  In the dev
        oracle stream, the same-day comparisons sharing a quoted run where one headline
        names no kind were all of the same event (11), while those whose headlines name the
        same kind were not (19 same, 6 other: a later event quoting an earlier statement),
        so the learned weight of ``quotes_shared`` alone stays small (docs/stories.md).
        The event sharing the most runs wins, then the score."""
        below: list[EventCandidate] | None = [] if self._band is not None and self._band.past_linkage else None
        candidates = self._event_candidates(item, vector, meaning, jaccard, below_linkage=below)
        if not candidates and not below:
            return None
        scores = self._score_events(candidates) if candidates else np.zeros(0)
        threshold = self.options.join_threshold if self._scorer is None or self.options.event_threshold else self._scorer.threshold
        if self._band is None:
            scored = [(-score, c.story_id) for c, score in zip(candidates, scores, strict=True) if score >= threshold]
        else:
            scored = [
                (-score, sid) for sid, score, needed in self._band_scores(self._band, item, candidates, scores, below or [], threshold)
                if score >= needed
            ]
        if scored:
            return min(scored)[1]
        if self.options.event_scorer != "learned" or not QUOTED_STATEMENTS_JOIN:
            return None
        quoted = [
            (-c.shared_quotes, -score, c.story_id)
            for c, score in zip(candidates, scores, strict=True)
            if c.gap == 0 and c.shared_quotes >= QUOTED_STATEMENT_RUNS + (0 if c.kinds_unknown else 1)
        ]
        return min(quoted)[2] if quoted else None

    def _band_scores(
        self, band: BandModel, item: SignedArticle, candidates: list[EventCandidate], scores: np.ndarray,
        below: list[EventCandidate], threshold: float,
    ) -> list[tuple[str, float, float]]:
        """(event, score, the score it needs to join) of each candidate: the band model's
        probability and threshold for those the scorer puts in the band
        (:mod:`~khabar.relate.stories.band`), the scorer's own for the rest and for those whose
        sentence vectors cannot be read.  ``below``: the candidates the meaning linkage floor
        kept out; those the scorer puts in the band are asked too (the others stay out)."""
        below_scores = self._score_events(below).tolist() if below else []
        rows = [(c, float(p), False) for c, p in zip(candidates, scores.tolist(), strict=True)]
        rows += [(c, p, True) for c, p in zip(below, below_scores, strict=True) if band.asks(p)]
        out = [(c.story_id, p, threshold if not fails else math.inf) for c, p, fails in rows]
        unsure = [i for i, (_, p, _) in enumerate(rows) if band.asks(p)]
        if not unsure:
            return out
        wanted = [item.article_id, *(m for i in unsure for m in self._active[rows[i][0].story_id].members)]
        missing = list(dict.fromkeys(k for k in wanted if k not in self._sentences))
        if missing and self._sentence_lookup is not None:
            self._sentences.update(self._sentence_lookup(missing))
        mine = self._sentences.get(item.article_id)
        if mine is None:
            return out
        from khabar.relate.stories.band import band_values, sentence_cosine

        opening = next((a for a in item.anchors or () if a.startswith(OPENING_ANCHOR)), None)
        closer: list[tuple[int, tuple[float, ...]]] = []  # those the e5 reading asks
        for i in unsure:
            c, p, fails = rows[i]
            active = self._active[c.story_id]
            reports = [self._sentences[m] for m in active.members if m in self._sentences]
            if not reports:
                continue
            values = band_values(
                probability=p, cosines=np.array([sentence_cosine(mine, r) for r in reports]), same_day=c.gap == 0,
                opening=opening, event_openings=active.openings, linkage_fails=fails,
            )
            out[i] = (c.story_id, band.probability(values), band.threshold)
            if self._e5_reading is not None and self._e5_reading.asks(out[i][1], band.threshold):
                closer.append((i, values))
        if closer:
            self._e5_scores(item, closer, rows, out)
        return out

    def _e5_scores(
        self, item: SignedArticle, closer: list[tuple[int, tuple[float, ...]]], rows: list, out: list[tuple[str, float, float]],
    ) -> None:
        """Decide the candidates the band left within the e5 reading's margin
        (:class:`~khabar.relate.stories.band.E5Reading`) by its model, reading the e5 vectors of
        the article and of those candidates' reports (each once while its event is active)."""
        from khabar.relate.stories.band import e5_mean

        reading = self._e5_reading
        assert reading is not None and self._e5_lookup is not None
        wanted = [item.article_id, *(m for i, _ in closer for m in self._active[rows[i][0].story_id].members)]
        missing = list(dict.fromkeys(k for k in wanted if k not in self._e5))
        if missing:
            self._e5.update(self._e5_lookup(missing))
        mine = self._e5.get(item.article_id)
        for i, values in closer:
            members = self._active[rows[i][0].story_id].members
            e5 = e5_mean(mine, [self._e5[m] for m in members if m in self._e5], reading.missing)
            out[i] = (rows[i][0].story_id, reading.model.probability((*values, e5)), reading.model.threshold)

    def _event_candidates(
        self, item: SignedArticle, vector: tuple[np.ndarray, np.ndarray], meaning: np.ndarray, jaccard: dict[str, float],
        *, below_linkage: list[EventCandidate] | None = None,
    ) -> list[EventCandidate]:
        """The candidate events of ``item`` (see :meth:`_best_event`); those the meaning
        linkage floor keeps out go to ``below_linkage`` when it is given."""
        o = self.options
        day, kinds = item.day, item.kinds or frozenset()
        # The events of other days are left out in the same product (the loop below would
        # drop them one by one: at 1,700 articles a day that loop was most of the grouping),
        # and of the rest only the closest MOST_EVENT_CANDIDATES are scored.
        close = self._event_meanings.closest(
            meaning, MEANING_FLOOR, day=day, gap=o.event_days, span=o.event_span_days, most=MOST_EVENT_CANDIDATES
        )
        if o.event_scorer == "learned":
            # Events that share the article's wording are candidates however far in meaning.
            for sid in jaccard.keys() - close.keys():
                cos = self._event_meanings.cosine(sid, meaning)
                if cos is not None:
                    close[sid] = cos
        names, figures = split_anchors(item.anchors or frozenset())
        quotes, headline = quote_anchors(item.anchors or frozenset())
        linkage = LINKAGE_FLOORS.get(o.meaning_encoder) if o.event_scorer == "learned" else None
        opening = next((a for a in item.anchors or () if a.startswith(OPENING_ANCHOR)), None) if REACTION_REFUSAL else None
        # The learned scorer weighs the kinds itself (``kinds_agree``, ``kinds_unknown``);
        # only the hand score keeps an event of other kinds out.
        veto_kinds = o.event_scorer != "learned"
        out = []
        for sid, cos in sorted(close.items()):
            active = self._active[sid]
            gap = _gap(day, active.days)
            if gap is not None and gap > o.event_days:
                continue
            first = active.days[0]
            days_in = (day - first).days if day and first else None
            if o.event_span_days is not None and days_in is not None and days_in > o.event_span_days:
                continue  # a topic reported daily would otherwise grow one event for months
            if kinds and active.kinds and o.event_kinds and veto_kinds and kinds.isdisjoint(active.kinds):
                continue
            if (
                opening == REACTION_OPENING
                and active.openings == {REPORT_OPENING}
                and _days_after(item.published, active.story.first_day) >= REACTION_DAYS
                and jaccard.get(sid, 0.0) < o.threshold
            ):
                continue  # a later reaction to the happening its reports tell, not a rewrite of them
            if kinds & active.kinds & LASTING_KINDS:
                gap, days_in = 0, 0  # one operation over days: any of its days is its own
            quoted = shared_quotes(quotes, headline, active.quotes, active.headlines) if quotes or headline else 0
            kept = out
            if linkage is not None and not quoted:
                farthest = active.farthest(meaning, day)
                if farthest is not None and farthest < linkage:
                    if below_linkage is None:
                        continue
                    kept = below_linkage
            kept.append(
                EventCandidate(
                    story_id=sid,
                    meaning=cos,
                    terms=active.terms.cosine(vector),
                    jaccard=jaccard.get(sid, 0.0),
                    gap=gap,
                    days_in=days_in,
                    kinds_agree=bool(kinds & active.kinds),
                    kinds_unknown=not kinds or not active.kinds,
                    names=len(names),
                    shared_names=len(names & active.names),
                    figures=len(figures),
                    event_figures=len(active.figures),
                    shared_figures=len(figures & active.figures),
                    size=active.story.size,
                    shared_quotes=quoted,
                )
            )
        return out

    def _score_events(self, candidates: list[EventCandidate]) -> np.ndarray:
        """The event score of each candidate: with the learned scorer the probability of
        the same happening; by hand, meaning cosine + ``event_terms_weight`` x term cosine
        + ``same_day_bonus`` on a shared day."""
        o = self.options
        if o.event_scorer == "learned":
            from khabar.relate.stories.scorer import load_scorer

            scorer = self._scorer or load_scorer(o.meaning_encoder)
            return scorer.probabilities(np.array([c.values() for c in candidates], dtype=np.float64))
        return np.array(
            [c.meaning + o.event_terms_weight * c.terms + (o.same_day_bonus if c.gap == 0 else 0.0) for c in candidates]
        )

    def _place_in_storyline(self, item: SignedArticle, vector: tuple[np.ndarray, np.ndarray], meaning: np.ndarray) -> str:
        """The storyline a new event joins (the best scoring active one), or a new one's id."""
        o = self.options
        scored = []
        close = self._line_meanings.closest(
            meaning, MEANING_FLOOR, day=item.day, gap=o.storyline_days, most=MOST_STORYLINE_CANDIDATES
        )
        for lid, cos in close.items():
            line = self._lines[lid]
            if _gap(item.day, (line.line.first_day, line.line.last_day)) not in (None, *range(o.storyline_days + 1)):
                continue
            score = cos + o.storyline_terms_weight * line.terms.cosine(vector)
            if score >= o.storyline_threshold:
                scored.append((-score, lid))
        if scored:
            return min(scored)[1]
        lid = "l" + item.article_id
        self._lines[lid] = _Line(Storyline(lid, item.title, item.day, item.day, 0, 0))
        return lid

    def _grow_storyline(
        self, lid: str, item: SignedArticle, vector: tuple[np.ndarray, np.ndarray], meaning: np.ndarray, *, new_event: bool
    ) -> None:
        line = self._lines[lid]
        old = line.line
        day = item.day
        first = old.first_day if day is None or (old.first_day and old.first_day <= day) else day
        last = old.last_day if day is None or (old.last_day and old.last_day >= day) else day
        title = item.title if old.size == 0 or (day is not None and (old.first_day is None or day < old.first_day)) else old.title
        line.line = replace(old, title=title, first_day=first, last_day=last, size=old.size + 1, events=old.events + int(new_event))
        line.terms.add(vector)
        self._line_meanings.set_days(lid, first, last)
        if meaning.size:
            self._line_meanings.add(lid, meaning)
        self._changed_lines[lid] = line.line

    def _weigh(self, item: SignedArticle) -> tuple[np.ndarray, np.ndarray]:
        """The item's unit TF-IDF vector under the index's current document frequencies."""
        ids = np.asarray(item.term_ids, dtype=np.uint32)
        if not ids.size:
            return NO_TERMS, np.zeros(0, dtype=np.float64)
        n = len(self._signature)
        df = np.fromiter((self._df.get(int(t), 0) for t in ids), dtype=np.float64, count=ids.size)
        w = np.asarray(item.term_weights, dtype=np.float64) * (np.log((1.0 + n) / (1.0 + df)) + 1.0)
        return ids, w / np.linalg.norm(w)

    def _insert(self, story_id: str, key: str, signature: np.ndarray, vector: tuple[np.ndarray, np.ndarray]) -> None:
        active = self._active[story_id]
        active.members.append(key)
        active.terms.add(vector)
        for t in vector[0].tolist():
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
        return story.last_day >= _plus_days(day, -days) and story.first_day <= _plus_days(day, days)

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
        from datasketch import LeanMinHash

        return LeanMinHash(seed=self.options.seed, hashvalues=signature, scheme=HASH_SCHEME)

    # --- retiring ---------------------------------------------------------------------------

    def retire(self, before: dt.date) -> int:
        """Drop the stories whose newest article is older than ``before`` (and the undated
        ones, which dated articles no longer reach once the stream has moved on), and the
        storylines idle for ``storyline_days`` before ``before`` + ``window_days``; how many
        stories."""
        done = self._retired_before
        if done is not None and before <= done and not self._stale:
            return 0  # every story older than this cut is gone already
        if done is None or before >= done:
            self._retired_before, self._stale = before, False
        gone = [
            sid for sid, a in self._active.items() if a.story.last_day is None or a.story.last_day < before
        ]
        for sid in gone:
            self._event_meanings.remove(sid)
            for key in self._active.pop(sid).members:
                self._sentences.pop(key, None)
                self._e5.pop(key, None)
                self._lsh.remove(key)
                del self._story_of[key]
                del self._signature[key]
                for t in self._vector.pop(key)[0].tolist():
                    left = self._df[t] - 1
                    if left:
                        self._df[t] = left
                    else:
                        del self._df[t]
        line_cut = _plus_days(before, self.options.window_days - self.options.storyline_days)
        held = {a.story.storyline for a in self._active.values()}
        for lid in [
            lid for lid, ln in self._lines.items()
            if lid not in held and (ln.line.last_day is None or ln.line.last_day < line_cut)
        ]:
            del self._lines[lid]
            self._line_meanings.remove(lid)
        return len(gone)

    def retire_for(self, day: dt.date | None) -> int:
        """Retire what an article of ``day`` can no longer join (``retire`` at the window's
        start); how many stories."""
        if day is None:
            return 0
        return self.retire(_plus_days(day, -self.options.window_days))

    def take_changed(self) -> list[Story]:
        """Stories created or changed since the last call, by id (what a store must write)."""
        changed = [self._changed[k] for k in sorted(self._changed)]
        self._changed = {}
        return changed

    def take_changed_storylines(self) -> list[Storyline]:
        """Storylines created or changed since the last call, by id."""
        changed = [self._changed_lines[k] for k in sorted(self._changed_lines)]
        self._changed_lines = {}
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
        lines = tuple(self._lines[k].line for k in sorted(self._lines))
        return StoryIndexState(
            options=self.options,
            stories=stories,
            members=members,
            signatures=matrix,
            vectors=vectors,
            event_days=tuple(self._active[s.id].days for s in stories),
            event_kinds=tuple(self._active[s.id].kinds for s in stories),
            event_anchors=tuple(self._active[s.id].anchors() for s in stories),
            event_meanings=tuple(self._event_meanings.sums.get(s.id, _NO_SUM) for s in stories),
            member_meanings=tuple(self._active[s.id].meanings for s in stories),
            member_days=tuple(self._active[s.id].meaning_days for s in stories),
            storylines=lines,
            storyline_terms=tuple(
                (np.array(list(t.weights), dtype=np.uint32), np.array(list(t.weights.values()), dtype=np.float64), t.norm2)
                for t in (self._lines[ln.id].terms for ln in lines)
            ),
            storyline_meanings=tuple(self._line_meanings.sums.get(ln.id, _NO_SUM) for ln in lines),
        )

    @classmethod
    def from_state(
        cls, state: StoryIndexState, *, sentences: SentenceLookup | None = None, e5: E5Lookup | None = None
    ) -> StoryIndex:
        """The index ``state`` stands for; ``sentences`` and ``e5`` as for a new one (the vectors are not
        part of a state: they are asked again when needed)."""
        index = cls(state.options, sentences=sentences, e5=e5)
        for i, story in enumerate(state.stories):
            index._active[story.id] = _Active(story)
            if state.event_days:
                index._active[story.id].days = state.event_days[i]
            if state.event_kinds:
                index._active[story.id].kinds = state.event_kinds[i]
            if state.event_anchors:
                active = index._active[story.id]
                for anchor in state.event_anchors[i]:
                    active.add_anchor(anchor)
            index._event_meanings.set_days(story.id, *index._active[story.id].days)
            if state.event_meanings and state.event_meanings[i].size:
                index._event_meanings.set(story.id, state.event_meanings[i].astype(np.float32))
            if state.member_meanings and state.member_meanings[i] is not None and state.member_days:
                index._active[story.id].meanings = state.member_meanings[i].astype(np.float32)
                index._active[story.id].meaning_days = state.member_days[i]
        vectors = state.vectors or tuple((NO_TERMS, np.zeros(0)) for _ in state.members)
        for (key, sid), signature, vector in zip(state.members, state.signatures, vectors, strict=True):
            index._insert(sid, key, signature, vector)
        for i, line in enumerate(state.storylines):
            ids, weights, norm2 = state.storyline_terms[i]
            index._lines[line.id] = _Line(line, _TermCentroid(dict(zip(ids.tolist(), weights.tolist(), strict=True)), norm2))
            index._line_meanings.set_days(line.id, line.first_day, line.last_day)
            if state.storyline_meanings[i].size:
                index._line_meanings.set(line.id, state.storyline_meanings[i].astype(np.float32))
        return index


_NO_SUM = np.zeros(0, dtype=np.float32)


def _days_after(day: dt.date | None, first: dt.date | None) -> int:
    """Days from ``first`` to ``day`` (0 when either is unknown)."""
    return (day - first).days if day and first else 0


def _gap(day: dt.date | None, days: tuple[dt.date | None, dt.date | None]) -> int | None:
    """Days between ``day`` and the span ``days`` (0 inside it); None when either is unknown."""
    first, last = days
    if day is None or first is None or last is None:
        return None
    if day < first:
        return (first - day).days
    if day > last:
        return (day - last).days
    return 0


def assign_stories(
    items: Iterable[SignedArticle],
    *,
    options: StoryOptions,
    index: StoryIndex | None = None,
    sentences: SentenceLookup | None = None,
    e5: E5Lookup | None = None,
) -> dict[str, str]:
    """``article_id -> story_id`` for ``items``, in ``(published, article_id)`` order.

    The result does not depend on the order or partitioning of ``items``.  Pass an
    ``index`` to continue an earlier run (it is updated in place); stories are retired as
    the days advance, so the index holds only the stories still open.  ``sentences``: the lookup
    :attr:`StoryOptions.event_band` needs, for a new index; ``e5``: the lookup
    :attr:`StoryOptions.event_e5` needs.
    """
    if index is None:
        index = StoryIndex(options, sentences=sentences, e5=e5)
    elif index.options != options:
        raise OptionsError("the index was built with other options than those given")
    out: dict[str, str] = {}
    for item in sorted(items, key=order_key):
        index.retire_for(item.published)
        out[item.article_id] = index.add(item)
    return out


def _plus_days(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, stopping at the ends of the calendar: a window around an
    article dated 9999-12-31 ends there (the sum once raised OverflowError, and grouping
    failed on every run until the article was removed)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min
