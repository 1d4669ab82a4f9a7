"""Sentence-encoder similarity, put on the lexical scale so one set of thresholds serves both.

Raw cosines of the encoders live on their own scales: unrelated Arabic news sentences score
~0.30 with USE and ~0.87 with e5 (whose scale is compressed near 1), while TF-IDF gives them
~0.08.  Each encoder's cosine is therefore mapped piecewise-linearly through three anchors
measured on data (``docs/semantic.md``):

* ``floor`` -> 0: the median cosine of unrelated headline pairs (ANS dev, ``other``);
* ``support`` -> the lexical support threshold (0.42): the encoder cosine at which links
  between sentences of different articles about one event are as precise as lexical links
  at 0.42 (hand-labelled pairs of the seeds and the examples,
  ``tests/fixtures/paraphrase_pairs.json``);
* 1 -> 1.

So ``support_threshold`` and ``redundancy_threshold`` of :class:`~khabar.config.BriefOptions`
apply unchanged to :func:`combined_similarity`, the element-wise maximum of lexical and
calibrated semantic similarity: a pair counts as the same statement when either measure says
so with lexical-grade precision.  (A weighted mean was measured too: it cannot add links
the lexical measure misses without also raising the bar for the ones it finds.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from khabar.config import BriefOptions
from khabar.relate.embeddings import Encoder

#: The lexical value the ``support`` anchor maps to: the default support threshold.
LEXICAL_SUPPORT = BriefOptions().support_threshold


@dataclass(frozen=True, slots=True)
class Calibration:
    """Anchors of the piecewise-linear map from an encoder's cosine to the lexical scale."""

    floor: float
    support: float

    def __post_init__(self) -> None:
        if not -1.0 <= self.floor < self.support < 1.0:
            raise ValueError(f"calibration anchors must satisfy -1 <= floor < support < 1, got {self}")

    def apply(self, cosine: np.ndarray) -> np.ndarray:
        return np.interp(cosine, [self.floor, self.support, 1.0], [0.0, LEXICAL_SUPPORT, 1.0])

    def raw(self, lexical_value: float) -> float:
        """The encoder cosine that maps to ``lexical_value`` (e.g. the redundancy threshold)."""
        return float(np.interp(lexical_value, [0.0, LEXICAL_SUPPORT, 1.0], [self.floor, self.support, 1.0]))


#: Measured anchors per encoder (``benchmarks/bench_embeddings.py``).  For ``use`` the
#: support anchor is where its links alone reach lexical precision (0.95) on the labelled
#: pairs; below it USE links topic-sharing sentences ("the army advances" / "the army says
#: the battle is in its last stage"), so it adds almost no correct link there.  For ``e5`` the
#: useful band is narrow (0.93-0.96): 0.95 keeps a margin over the closest wrong pair (0.945,
#: two different displacement figures from one agency) at the cost of one correct pair (0.9497).
CALIBRATIONS: dict[str, Calibration] = {
    "use": Calibration(floor=0.30, support=0.80),
    "e5": Calibration(floor=0.87, support=0.95),
}


def calibration_for(encoder: Encoder) -> Calibration:
    try:
        return CALIBRATIONS[encoder.name]
    except KeyError:
        raise KeyError(f"no calibration measured for encoder {encoder.name!r}; add one to CALIBRATIONS") from None


def raw_similarity(sentences: Sequence[str], encoder: Encoder) -> np.ndarray:
    """n x n cosine of the encoder's sentence vectors (its own scale)."""
    if not sentences:
        return np.zeros((0, 0))
    vectors = encoder.encode(sentences).astype(np.float64)
    return vectors @ vectors.T


def semantic_similarity(pool_sentences: Sequence[str], encoder: Encoder) -> np.ndarray:
    """n x n similarity of ``pool_sentences`` on the lexical scale (see the module docstring)."""
    return calibration_for(encoder).apply(raw_similarity(pool_sentences, encoder))


def combined_similarity(lexical: np.ndarray, semantic: np.ndarray) -> np.ndarray:
    """Either measure may establish that two sentences say the same thing."""
    if lexical.shape != semantic.shape:
        raise ValueError(f"similarity matrices differ in shape: {lexical.shape} vs {semantic.shape}")
    return np.maximum(lexical, semantic)
