"""The learned sentence value of the event summary (issue 18, round 19).

A linear ranker over what the summary already measures of a candidate sentence, trained
(``scripts/build_sentence_value.py``) to order the candidates of one event by the gain a reader's
summary would get from each: the share of the event's must-contain facts it states plus the
share of the reference summary's bigrams it holds (pairwise logistic loss over the pairs of one
event, weighted by their gain difference; ``tests/gold/summaries/ant_events.json``, splits dev
to fresh10).  The summary takes candidates greedily by ``exp(score) x (uncovered concept weight
/ its concept weight) ** share / words ** power`` (:func:`khabar.summarize.event_first.choose_sentences`).

Why a ranker and not round 18's classifier of "states a fact": ordered by both goals the
greedy choice raised must-contain and ROUGE-2 together, leave-one-event-out over the 75 events
(``docs/summaries.md``, round 19); the classifier raised one and lowered the other.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent / "data" / "sentence-value.json"

FEATURES = (
    "bias", "first", "1/(1+position)", "log words", "lexrank", "concept value", "opening",
    "speech", "figure", "near-duplicate outlets", "supporting outlets", "agrees with openings", "event sentence",
    "log default value",
)


def features(
    *,
    position: int,
    words: int,
    lexrank: float,
    concept_value: float,
    opening: bool,
    speech: bool,
    figure: bool,
    copies: float,
    support: float,
    agreement: float,
    event: bool,
    default_value: float,
) -> list[float]:
    """One candidate's row, in the order of :data:`FEATURES`.  ``lexrank`` is its centrality
    times the pool's size, ``copies``, ``support`` and ``agreement`` are per other article,
    ``default_value`` is the default's coverage value before anything is chosen."""
    return [
        1.0, float(position == 0), 1.0 / (1.0 + position), math.log(max(1, words)), lexrank, concept_value,
        float(opening), float(speech), float(figure), copies, support, agreement, float(event),
        math.log(default_value + 1e-3),
    ]


@dataclass(frozen=True)
class SentenceValue:
    """A trained ranker: standardization, weights, and the greedy's two exponents."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    power: float
    share: float

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """``exp`` of the linear score of each row of features (positive: a value to compare)."""
        z = ((rows - self.mean) / self.scale) @ self.weights
        return np.exp(np.clip(z, -50.0, 50.0))

    def to_json(self, **meta: object) -> str:
        return json.dumps(
            {"features": list(FEATURES), "mean": self.mean.round(10).tolist(), "scale": self.scale.round(10).tolist(),
             "weights": self.weights.round(10).tolist(), "power": self.power, "share": self.share, **meta},
            indent=1, ensure_ascii=False,
        ) + "\n"


def from_json(text: str) -> SentenceValue:
    data = json.loads(text)
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"sentence value model features {data['features']} are not {FEATURES}")
    return SentenceValue(
        np.array(data["mean"], float), np.array(data["scale"], float), np.array(data["weights"], float),
        float(data["power"]), float(data["share"]),
    )


@lru_cache(maxsize=1)
def shipped() -> SentenceValue | None:
    """The model shipped with the package (None when the file is absent)."""
    if not MODEL_PATH.exists():
        return None
    return from_json(MODEL_PATH.read_text(encoding="utf-8"))
