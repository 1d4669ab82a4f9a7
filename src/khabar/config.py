"""Options, built once and passed down.  Every default lives here, with the reason for it."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from khabar.errors import OptionsError

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


def default_db_path() -> Path:
    """``$KHABAR_DB`` if set, else ``khabar.sqlite3`` in the per-user data directory."""
    env = os.environ.get(DB_ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("khabar", appauthor=False)) / "khabar.sqlite3"


#: Summary algorithms offered behind one interface (see khabar.summarize).
SUMMARY_ALGORITHMS = ("centroid", "lead", "lexrank", "ilp")


@dataclass(frozen=True, slots=True)
class BriefOptions:
    """How a brief is built.  Recorded in the brief so a reader can reproduce it."""

    #: Summary length budget in words.  ~120 words is a paragraph a reader takes in at once.
    length_words: int = 120
    algorithm: str = "centroid"
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

    def __post_init__(self) -> None:
        if self.length_words <= 0:
            raise OptionsError(f"length must be a positive number of words, got {self.length_words}")
        if self.algorithm not in SUMMARY_ALGORITHMS:
            raise OptionsError(
                f"unknown summary algorithm {self.algorithm!r}; choose one of {', '.join(SUMMARY_ALGORITHMS)}"
            )
        if self.encoder is not None:
            from khabar.relate.embeddings import ENCODERS, LEXICAL_NAMES

            if self.encoder.strip().casefold() not in {*ENCODERS, *LEXICAL_NAMES}:
                raise OptionsError(
                    f"unknown sentence encoder {self.encoder!r}; choose one of lexical, {', '.join(sorted(ENCODERS))}"
                )
        for name in ("support_threshold", "redundancy_threshold", "passage_threshold"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise OptionsError(f"{name} must be in (0, 1], got {value}")
