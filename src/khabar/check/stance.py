"""Stance of an article towards a claim: agree, disagree, discuss or unrelated.

Two models read the same :class:`~khabar.check.features.PairFeatures`:

* :class:`RuleModel`, the default, needs no training: an article that shares too little
  with the claim is *unrelated*; a figure that counts the same thing with another value, a
  denial ("نفى"، "غير صحيح"، "شائعات") or an opposite ("ارتفاع" against "انخفاض") in the
  evidence, or a negation in a sentence that repeats the claim, is *disagree*; hedging
  ("يزعم"، "تقارير"، "لم يتسن التحقق") is *discuss*; a close restatement is *agree*; a
  related article that does none of this *discusses* the subject.
* :class:`StanceModel`, trained by :func:`train_stance`: multinomial logistic regression
  (numpy + scipy L-BFGS, L2 penalty, class weights inverse to label frequency so that the
  rare "disagree" is not ignored), over standardized features.  Saved as JSON
  (:mod:`khabar.check.model_io`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from khabar.check.features import PairFeatures
from khabar.errors import OptionsError

LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")


@dataclass(frozen=True, slots=True)
class RuleModel:
    """Thresholds of the default model (tuned on the bundled fixture, checked on baly2018)."""

    #: Below this cosine of the best sentence and this claim coverage, the article is unrelated.
    related_sim: float = 0.2
    related_coverage: float = 0.45
    #: A restatement: cosine of the best sentence at least this, or coverage at least the next.
    agree_sim: float = 0.45
    agree_coverage: float = 0.6
    #: A negation counts against the claim only in a sentence this close to it.
    negated_restatement_sim: float = 0.35

    def predict_one(self, f: PairFeatures) -> tuple[str, float]:
        related = f.max_sim >= self.related_sim or f.coverage_best >= self.related_coverage
        if not related:
            return "unrelated", 1.0 - f.max_sim
        if f.figure_first < 0:
            return "disagree", 0.9
        if f.figure_disagree > 0 and f.figure_first == 0 and f.figure_agree > 0:
            return "discuss", 0.6  # the article sets several figures side by side
        if f.antonym > 0:
            return "disagree", 0.7
        if f.denial > 0 and not f.denial_claim:
            return "disagree", 0.7
        close = f.max_sim >= self.negated_restatement_sim
        if f.denial_claim > 0 and not f.denial and close:
            return "disagree", 0.6  # the claim denies what the article reports
        if (f.negation_evidence > 0) != (f.negation_claim > 0) and close:
            return "disagree", 0.6  # one negates what the other states
        if f.hedge > 0:
            return "discuss", 0.6
        if f.figure_agree > 0 or f.max_sim >= self.agree_sim or f.coverage_best >= self.agree_coverage:
            return "agree", min(1.0, 0.5 + f.max_sim / 2)
        return "discuss", 0.5

    def predict(self, features: Sequence[PairFeatures]) -> list[tuple[str, float]]:
        return [self.predict_one(f) for f in features]


@dataclass(frozen=True)
class StanceModel:
    """Multinomial logistic regression: ``softmax(((x - mean) / scale) @ weights.T + bias)``."""

    labels: tuple[str, ...]
    feature_names: tuple[str, ...]
    mean: np.ndarray  # (features,)
    scale: np.ndarray  # (features,)
    weights: np.ndarray  # (labels, features)
    bias: np.ndarray  # (labels,)
    l2: float = 1.0

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = ((np.atleast_2d(x) - self.mean) / self.scale) @ self.weights.T + self.bias
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, features: Sequence[PairFeatures]) -> list[tuple[str, float]]:
        if not features:
            return []
        if tuple(PairFeatures.names()) != self.feature_names:
            raise OptionsError(
                "the stance model was trained on other features "
                f"({', '.join(self.feature_names)}); retrain it with this khabar"
            )
        p = self.probabilities(np.vstack([f.vector() for f in features]))
        best = p.argmax(axis=1)
        return [(self.labels[j], float(p[i, j])) for i, j in enumerate(best)]


def fit_logistic(
    x: np.ndarray, y: Sequence[str], *, labels: Sequence[str] | None = None, l2: float = 1.0, balanced: bool = True
) -> StanceModel:
    """Fit a multinomial logistic regression on rows ``x`` with labels ``y`` (the same
    fit as the meaning model's heads: :func:`khabar.check.network.fit_network`, no hidden
    layer, class weights fully balanced or none)."""
    from khabar.check.network import fit_network

    labels = tuple(labels) if labels is not None else tuple(lb for lb in LABELS if lb in set(y)) + tuple(
        sorted(set(y) - set(LABELS))
    )
    net = fit_network(x, y, labels=labels, l2=l2, balance=1.0 if balanced else 0.0, max_iter=500)
    return StanceModel(labels, PairFeatures.names(), net.mean, net.scale, net.weights[0], net.biases[0], l2)


def majority_label(y: Sequence[str]) -> str:
    from collections import Counter

    return Counter(y).most_common(1)[0][0]
