"""A second reading of the event scorer's unsure comparisons, with multilingual-e5 (issue 14).

The learned event scorer (:mod:`~khabar.relate.stories.scorer`) reads USE meanings, words,
days, kinds, names, figures and quotes.  Independent rewrites of one happening share few
words and USE places them little closer than two happenings of one topic, so many land in
the scorer's middle: neither clearly the same event nor clearly another.  multilingual-e5-small
separates them better (AUC 0.739 against USE's 0.645 on the spent pool's misses,
docs/stories.md, session 22) but costs ~15x USE a text, so it is read only there.

With :attr:`StoryOptions.event_e5 <khabar.config.StoryOptions.event_e5>`, every candidate
event the scorer puts in ``[low, high)`` is re-scored by a small logistic *band model* over
:data:`BAND_FEATURES`: the scorer's logit, the mean and the lowest e5 cosine of the article to
the event's reports, whether the two share an event day, and whether the article opens
otherwise than the event's reports (a reaction beside reports of the happening, or the
reverse).  The candidate joins when the band model's probability reaches ``threshold``;
candidates outside the band keep the scorer's probability and threshold.  So e5 is weighed
against the day gap and the openings instead of overriding them: sessions 22 and 23 let e5
overrule the scorer and it joined a party's next-day statement as readily as a rewrite
(both withdrawn on their judges).

The model ships as ``khabar/relate/data/event-e5-band.json`` (its ``about`` block says what
it was fitted on; ``event-e5-band.md`` its data and licence), built by
``python scripts/event_e5_band.py fit``.  Measured (session 24): on the spent pool by
leave-one-split-out event pairs P 0.898 R 0.685 -> 0.912 R 0.728; confirmed once on fresh24,
P 1.000 R 0.588 -> 1.000 / 0.676.

Pure: the e5 vectors come from the caller (:meth:`StoryIndex` asks a lookup by article id);
nothing here reads a store or runs the encoder.
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

BAND_FEATURES = ("logit", "e5_mean", "e5_min", "same_day", "opening_differs")

#: Where the fitted band model ships.
BAND_MODEL = SCORER_DIR / "event-e5-band.json"

#: The scorer's probabilities are clipped this far from 0 and 1 before their logit.
_EDGE = 1e-6


@dataclass(frozen=True)
class BandModel:
    """A logistic model over :data:`BAND_FEATURES` (standardized by ``mean`` and ``scale``),
    asked for the candidates the scorer puts in ``[low, high)``; ``threshold`` joins."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    low: float
    high: float
    threshold: float

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
            "threshold": self.threshold,
        }
        return json.dumps({"about": about, "model": body}, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> BandModel:
        m = json.loads(text)["model"]
        if tuple(m["features"]) != BAND_FEATURES:
            raise OptionsError(f"band model features {tuple(m['features'])} are not this version's {BAND_FEATURES}")
        return cls(
            tuple(m["mean"]), tuple(m["scale"]), tuple(m["weights"]), float(m["bias"]),
            float(m["low"]), float(m["high"]), float(m["threshold"]),
        )


def band_values(
    *, probability: float, cosines: np.ndarray, same_day: bool, opening: str | None, event_openings: set[str] | frozenset[str]
) -> tuple[float, ...]:
    """The :data:`BAND_FEATURES` of one candidate: the scorer's ``probability``, the e5
    ``cosines`` of the article to each of the event's reports, whether they share an event
    day, the article's opening anchor and those of the event's reports (it *differs* when
    both are known and the event has none like it)."""
    p = min(max(probability, _EDGE), 1.0 - _EDGE)
    differs = opening is not None and bool(event_openings) and opening not in event_openings
    return (
        math.log(p / (1.0 - p)),
        float(cosines.mean()),
        float(cosines.min()),
        1.0 if same_day else 0.0,
        1.0 if differs else 0.0,
    )


@lru_cache(maxsize=1)
def load_band_model() -> BandModel:
    """The shipped band model, read once."""
    try:
        return BandModel.from_json(BAND_MODEL.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise OptionsError(f"{BAND_MODEL}: not a band model: {e}") from e
