"""A second reading of the event scorer's unsure comparisons, sentence by sentence (issue 14).

The learned event scorer (:mod:`~khabar.relate.stories.scorer`) reads one USE meaning of
each article's title and lead, and words, days, kinds, names, figures and quotes.
Independent rewrites of one happening share few words and one meaning vector of a whole
lead places them little closer than two happenings of one topic, so many land in the
scorer's middle: neither clearly the same event nor clearly another.

With :attr:`StoryOptions.event_band <khabar.config.StoryOptions.event_band>`, every
candidate event the scorer puts in ``[low, high)`` -- and, when the model says so, every one
the meaning linkage floor kept out that the scorer still puts there -- is re-scored by a
small logistic *band model* over :data:`BAND_FEATURES`: the scorer's logit, the mean and
the lowest *sentence* cosine of the article to the event's reports (:func:`sentence_cosine`:
each of the article's first sentences against its best match in the report, averaged: two
outlets' sentences of one happening meet one by one where their whole leads do not),
whether the two share an event day, whether the article opens otherwise than the event's
reports (a reaction beside reports of the happening, or the reverse), and whether the
candidate fails the linkage floor.  The candidate joins when the band model's probability
reaches ``threshold``; candidates outside the band keep the scorer's probability and
threshold.  The sentence vectors are the USE vectors the check reads
(:func:`khabar.scale.cluster.band_texts`), so a store encoded ahead (``khabar ingest --encode``) already holds them.

The model ships as ``khabar/relate/data/event-band.json`` (its ``about`` block says what it
was fitted on; ``event-band.md`` its data and licence), built by ``python
scripts/event_e5_band.py fit``.  Measured in docs/stories.md (session 27).

Pure: the sentence vectors come from the caller (:class:`StoryIndex` asks a lookup by
article id); nothing here reads a store or runs the encoder.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from khabar.errors import OptionsError
from khabar.relate.stories.scorer import SCORER_DIR

BAND_FEATURES = ("logit", "sentences_mean", "sentences_min", "same_day", "opening_differs", "linkage_fails")

#: Where the fitted band model ships.
BAND_MODEL = SCORER_DIR / "event-band.json"

#: The sentences of an article the band reads: its first this many of
#: :data:`BAND_SENTENCE_WORDS` words or more (the title one of them when it reads as a
#: headline).  Session 26 (docs/stories.md): nine sentences did better than the lead's one
#: vector (``use-doc``) or its first body sentence alone (``use-first``).
BAND_SENTENCES = 9
BAND_SENTENCE_WORDS = 3

#: The scorer's probabilities are clipped this far from 0 and 1 before their logit.
_EDGE = 1e-6


@dataclass(frozen=True)
class BandModel:
    """A logistic model over :data:`BAND_FEATURES` (standardized by ``mean`` and ``scale``),
    asked for the candidates the scorer puts in ``[low, high)``; ``threshold`` joins.
    ``past_linkage``: the candidates the linkage floor keeps out are asked too."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    low: float
    high: float
    threshold: float
    past_linkage: bool

    def __post_init__(self) -> None:
        if not len(self.mean) == len(self.scale) == len(self.weights) == len(BAND_FEATURES):
            raise OptionsError(f"band model: mean, scale and weights must have one value per feature {BAND_FEATURES}")
        if not 0.0 <= self.low < self.high <= 1.0:
            raise OptionsError(f"band model: the band must be 0 <= low < high <= 1, got [{self.low}, {self.high})")
        if not 0.0 < self.threshold < 1.0:
            raise OptionsError(f"band model threshold must be in (0, 1), got {self.threshold}")

    def asks(self, probability: float) -> bool:
        """Whether a candidate the scorer gave ``probability`` is re-read."""
        return self.low <= probability < self.high

    def probability(self, values: Sequence[float]) -> float:
        """P(same event) of one candidate's :func:`band_values`."""
        row = (np.asarray(values, dtype=np.float64) - np.asarray(self.mean)) / np.asarray(self.scale)
        return 1.0 / (1.0 + math.exp(-float(row @ np.asarray(self.weights) + self.bias)))

    def to_json(self, **about: object) -> str:
        body = {
            "features": list(BAND_FEATURES), "mean": list(self.mean), "scale": list(self.scale),
            "weights": list(self.weights), "bias": self.bias, "low": self.low, "high": self.high,
            "threshold": self.threshold, "past_linkage": self.past_linkage,
        }
        return json.dumps({"about": about, "model": body}, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> BandModel:
        m = json.loads(text)["model"]
        if tuple(m["features"]) != BAND_FEATURES:
            raise OptionsError(f"band model features {tuple(m['features'])} are not this version's {BAND_FEATURES}")
        return cls(
            tuple(m["mean"]), tuple(m["scale"]), tuple(m["weights"]), float(m["bias"]),
            float(m["low"]), float(m["high"]), float(m["threshold"]), bool(m["past_linkage"]),
        )


def sentence_cosine(mine: np.ndarray, report: np.ndarray) -> float:
    """How close an article's sentences (unit rows of ``mine``) are to a report's
    (``report``): the mean over the article's sentences of each one's best cosine there."""
    return float((mine @ report.T).max(axis=1).mean())


def band_values(
    *, probability: float, cosines: np.ndarray, same_day: bool, opening: str | None,
    event_openings: set[str] | frozenset[str], linkage_fails: bool,
) -> tuple[float, ...]:
    """The :data:`BAND_FEATURES` of one candidate: the scorer's ``probability``, the
    :func:`sentence_cosine` of the article to each of the event's reports, whether they share
    an event day, the article's opening anchor and those of the event's reports (it
    *differs* when both are known and the event has none like it), whether the candidate
    fails the meaning linkage floor."""
    p = min(max(probability, _EDGE), 1.0 - _EDGE)
    differs = opening is not None and bool(event_openings) and opening not in event_openings
    return (
        math.log(p / (1.0 - p)),
        float(cosines.mean()),
        float(cosines.min()),
        1.0 if same_day else 0.0,
        1.0 if differs else 0.0,
        1.0 if linkage_fails else 0.0,
    )


@lru_cache(maxsize=1)
def load_band_model() -> BandModel:
    """The shipped band model, read once."""
    try:
        return BandModel.from_json(BAND_MODEL.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise OptionsError(f"{BAND_MODEL}: not a band model: {e}") from e
