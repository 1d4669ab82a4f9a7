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

#: The features of the band's e5 reading (:class:`E5Reading`): the band's six and ``e5_mean``,
#: the mean e5 cosine of the article to the event's reports (:func:`e5_mean`).
E5_FEATURES = (*BAND_FEATURES, "e5_mean")

#: Where the e5 reading ships (a band model over :data:`E5_FEATURES` and its margin).
E5_MODEL = SCORER_DIR / "event-band-e5.json"

#: The ``e5_mean`` of a candidate none of whose reports has an e5 vector, where no model says
#: better (:meth:`E5Reading.missing`: the mean of the rows the model was fitted on, which moves
#: it least).  Session 30's 0.3 was no median of e5 cosines (the fitted rows' mean is 0.90,
#: their spread 0.03): a candidate read without vectors was refused outright.  Neither the
#: store's nor the eval's lookup misses an article it holds, so no grouping measured changed.
E5_MISSING = 0.9

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
    #: The features the model reads: :data:`BAND_FEATURES`, or :data:`E5_FEATURES` for the e5 reading.
    features: tuple[str, ...] = BAND_FEATURES

    def __post_init__(self) -> None:
        if self.features not in (BAND_FEATURES, E5_FEATURES):
            raise OptionsError(f"band model features {self.features} are not this version's {BAND_FEATURES} or {E5_FEATURES}")
        if not len(self.mean) == len(self.scale) == len(self.weights) == len(self.features):
            raise OptionsError(f"band model: mean, scale and weights must have one value per feature {self.features}")
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
            "features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
            "weights": list(self.weights), "bias": self.bias, "low": self.low, "high": self.high,
            "threshold": self.threshold, "past_linkage": self.past_linkage,
        }
        return json.dumps({"about": about, "model": body}, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str, features: tuple[str, ...] = BAND_FEATURES) -> BandModel:
        """The model in ``text`` (:meth:`to_json`); it must read ``features``."""
        m = json.loads(text)["model"]
        if tuple(m["features"]) != features:
            raise OptionsError(f"band model features {tuple(m['features'])} are not this version's {features}")
        return cls(
            tuple(m["mean"]), tuple(m["scale"]), tuple(m["weights"]), float(m["bias"]),
            float(m["low"]), float(m["high"]), float(m["threshold"]), bool(m["past_linkage"]), features,
        )


@dataclass(frozen=True)
class E5Reading:
    """The band read once more where it is unsure: a candidate whose band probability lies
    within ``margin`` under the band's threshold, or within ``margin_above`` over it (``margin``
    when None), is decided by ``model`` (a band model over :data:`E5_FEATURES`: the band's six
    and the mean e5 cosine to the event's reports).

    Session 30 found e5 beside the band's six the one feature that left the band's curve
    (leave-one-split-out over spent dev..fresh28: ~45 more same-event pairs at its false joins),
    at ~130 ms of CPU a text (title and first 40 words); asked only within the margin, e5 reads
    a fraction of the texts (docs/stories.md, session 32)."""

    model: BandModel
    margin: float
    #: The margin over the threshold, where the reading can only refuse a join the band made
    #: (None: ``margin``).  Session 33 (docs/stories.md): e5 read within 0.25 under and 0.15
    #: over found as many pairs for as many false joins as 0.3 both ways (leave-one-split-out)
    #: with a quarter fewer texts to encode.
    margin_above: float | None = None

    def __post_init__(self) -> None:
        if self.model.features != E5_FEATURES:
            raise OptionsError(f"the e5 reading needs a band model over {E5_FEATURES}")
        for margin in (self.margin, self.above):
            if not 0.0 <= margin <= 1.0:
                raise OptionsError(f"the e5 reading's margins must be in [0, 1], got {margin}")

    @property
    def above(self) -> float:
        """The margin over the threshold."""
        return self.margin if self.margin_above is None else self.margin_above

    def asks(self, probability: float, threshold: float) -> bool:
        """Whether a candidate the band gave ``probability`` (joining at ``threshold``) is read by e5."""
        if self.margin_above is None:
            return abs(probability - threshold) < self.margin
        return threshold - self.margin < probability < threshold + self.margin_above

    @property
    def missing(self) -> float:
        """The ``e5_mean`` of a candidate read without vectors: the fitted rows' mean (no weight)."""
        return self.model.mean[E5_FEATURES.index("e5_mean")]

    def to_json(self, **about: object) -> str:
        body = json.loads(self.model.to_json(**about))
        body["margin"] = self.margin
        if self.margin_above is not None:
            body["margin_above"] = self.margin_above
        return json.dumps(body, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> E5Reading:
        body = json.loads(text)
        above = body.get("margin_above")
        return cls(BandModel.from_json(text, E5_FEATURES), float(body["margin"]), None if above is None else float(above))


def e5_mean(mine: np.ndarray | None, reports: Sequence[np.ndarray], missing: float = E5_MISSING) -> float:
    """The mean e5 cosine of an article's unit vector ``mine`` to its candidate's reports';
    ``missing`` when either side has none."""
    if mine is None or not reports:
        return missing
    return float(np.mean([float(mine @ r) for r in reports]))


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


def _read_shipped(path, parse, what: str):
    """``parse`` of the file at ``path``; a file that is missing or is not ``what``: OptionsError."""
    try:
        return parse(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise OptionsError(f"{path}: not {what}: {e}") from e


@lru_cache(maxsize=1)
def load_e5_reading() -> E5Reading:
    """The shipped e5 reading, read once."""
    return _read_shipped(E5_MODEL, E5Reading.from_json, "an e5 reading")


@lru_cache(maxsize=1)
def load_band_model() -> BandModel:
    """The shipped band model, read once."""
    return _read_shipped(BAND_MODEL, BandModel.from_json, "a band model")
