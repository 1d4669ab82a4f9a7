"""A small classifier in numpy: standardized inputs, an optional hidden layer, softmax.

Used twice by the meaning model (:mod:`khabar.check.meaning`): a *sentence head* that reads
a claim against one sentence, and an *article head* that reads what the sentence head said
about an article's best sentences.  Training is numpy with scipy's L-BFGS (imported only to
train), so no torch or scikit-learn is needed to rebuild or run it.

Two details matter for the scores that count (macro-F1 over imbalanced labels):

* class weights are the inverse label frequency raised to ``balance`` (0 = none, 1 = fully
  balanced): full balancing makes a rare label ("disagree": 62 of 2,429 Baly pairs) be
  predicted far too often, none makes it never predicted;
* :func:`tune_offsets` then shifts each label's logit by a constant chosen to maximize
  macro-F1 on held-out predictions (cross-validated by claim, never on training rows).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from khabar.errors import OptionsError


_F = TypeVar("_F", bound=Callable[..., object])


def one_blas_thread(fn: _F) -> _F:
    """Run ``fn`` with numpy's BLAS held to one thread (threadpoolctl).  Training multiplies
    many small matrices (L-BFGS steps, the SVD of the pair vectors), and with two BLAS threads
    on a busy machine their hand-offs cost more than the products: fitting the meaning model
    on baly2018 folds 1-4 and ANS (5,836 pairs, readings cached) took 158 s and 22 s of wall
    time (159 s and 41 s of CPU) against 10 s and 10 s with one thread, in alternation at load
    3-9; the training of the four folds of `khabar eval stance ../shared/corpora/baly2018
    --also-train ../shared/corpora/ans` took 1,752 s against 74 s, under load."""

    @functools.wraps(fn)
    def limited(*args: object, **kwargs: object) -> object:
        from threadpoolctl import threadpool_limits  # a core dependency; imported to train only

        with threadpool_limits(limits=1, user_api="blas"):
            return fn(*args, **kwargs)

    return limited  # type: ignore[return-value]


@dataclass(frozen=True)
class Network:
    """``softmax(layers(standardize(x)) + offsets)``; one ReLU hidden layer or none."""

    labels: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: tuple[np.ndarray, ...]  # (hidden, inputs) [, (labels, hidden)]
    biases: tuple[np.ndarray, ...]
    offsets: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @property
    def inputs(self) -> int:
        return int(self.mean.shape[0])

    def logits(self, x: np.ndarray) -> np.ndarray:
        h = (np.atleast_2d(np.asarray(x, dtype=np.float64)) - self.mean) / self.scale
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            h = h @ w.T + b
            if i < last:
                h = np.maximum(h, 0.0)
        return h + (self.offsets if self.offsets.size else 0.0)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = self.logits(x)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, x: np.ndarray) -> list[str]:
        return [self.labels[j] for j in self.logits(x).argmax(axis=1)]

    def with_offsets(self, offsets: np.ndarray) -> Network:
        return Network(self.labels, self.mean, self.scale, self.weights, self.biases, np.asarray(offsets, float))

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The network as named arrays (for one ``.npz`` holding several networks)."""
        out = {f"{prefix}.mean": self.mean, f"{prefix}.scale": self.scale, f"{prefix}.offsets": self.offsets}
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            out[f"{prefix}.w{i}"] = w.astype(np.float32)
            out[f"{prefix}.b{i}"] = b.astype(np.float32)
        return out

    @classmethod
    def from_arrays(cls, labels: Sequence[str], arrays: dict[str, np.ndarray], prefix: str) -> Network:
        weights, biases = [], []
        i = 0
        while f"{prefix}.w{i}" in arrays:
            weights.append(np.asarray(arrays[f"{prefix}.w{i}"], dtype=np.float64))
            biases.append(np.asarray(arrays[f"{prefix}.b{i}"], dtype=np.float64))
            i += 1
        net = cls(
            tuple(labels),
            np.asarray(arrays[f"{prefix}.mean"], dtype=np.float64),
            np.asarray(arrays[f"{prefix}.scale"], dtype=np.float64),
            tuple(weights),
            tuple(biases),
            np.asarray(arrays[f"{prefix}.offsets"], dtype=np.float64),
        )
        net.check()
        return net

    def check(self) -> None:
        d = self.inputs
        if not self.weights or self.scale.shape != (d,):
            raise ValueError("a network needs at least one layer and one scale per input")
        for w, b in zip(self.weights, self.biases):
            if w.ndim != 2 or w.shape[1] != d or b.shape != (w.shape[0],):
                raise ValueError(f"layer of shape {w.shape} does not follow {d} inputs")
            d = w.shape[0]
        if d != len(self.labels) or (self.offsets.size and self.offsets.shape != (d,)):
            raise ValueError(f"last layer gives {d} outputs for {len(self.labels)} labels")


def class_weights(y: np.ndarray, k: int, balance: float) -> np.ndarray:
    counts = np.bincount(y, minlength=k).astype(float)
    w = np.where(counts > 0, (len(y) / (k * np.maximum(counts, 1))) ** balance, 0.0)
    return w[y]


@one_blas_thread
def fit_network(
    x: np.ndarray,
    y: Sequence[str],
    *,
    labels: Sequence[str],
    hidden: int = 0,
    l2: float = 1.0,
    balance: float = 0.5,
    sample_weight: np.ndarray | None = None,
    seed: int = 0,
    max_iter: int = 400,
) -> Network:
    """Fit by L-BFGS on the weighted cross-entropy plus ``l2`` times the squared weights
    (biases free).  ``hidden=0`` is multinomial logistic regression."""
    from scipy.optimize import minimize  # training only: a check never pays scipy's import

    x = np.asarray(x, dtype=np.float64)
    labels = tuple(labels)
    index = {lb: i for i, lb in enumerate(labels)}
    unknown = sorted(set(y) - set(index))
    if unknown:
        raise OptionsError(f"labels {unknown} are not among {list(labels)}")
    if x.ndim != 2 or len(x) != len(y) or not len(y):
        raise OptionsError(f"need one feature row per label, got {x.shape} rows for {len(y)} labels")
    yi = np.array([index[lb] for lb in y])
    n, d = x.shape
    k = len(labels)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    xs = (x - mean) / scale
    onehot = np.zeros((n, k))
    onehot[np.arange(n), yi] = 1.0
    sw = class_weights(yi, k, balance) * (1.0 if sample_weight is None else np.asarray(sample_weight, float))
    sw = sw / sw.sum()
    rng = np.random.default_rng(seed)
    shapes = [(hidden, d), (k, hidden)] if hidden else [(k, d)]
    sizes = [a * b + a for a, b in shapes]

    def unpack(theta: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        out, pos = [], 0
        for (a, b), size in zip(shapes, sizes):
            out.append((theta[pos : pos + a * b].reshape(a, b), theta[pos + a * b : pos + size]))
            pos += size
        return out

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        layers = unpack(theta)
        acts = [xs]
        h = xs
        for i, (w, b) in enumerate(layers):
            h = h @ w.T + b
            if i < len(layers) - 1:
                h = np.maximum(h, 0.0)
            acts.append(h)
        z = h - h.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        value = -(sw * (logp * onehot).sum(axis=1)).sum()
        grads: list[np.ndarray] = []
        g = (np.exp(logp) - onehot) * sw[:, None]
        for i in range(len(layers) - 1, -1, -1):
            w, _b = layers[i]
            value += 0.5 * l2 * (w * w).sum() / n
            gw = g.T @ acts[i] + l2 * w / n
            gb = g.sum(axis=0)
            grads = [gw.ravel(), gb, *grads]
            if i:
                g = (g @ w) * (acts[i] > 0)
        return float(value), np.concatenate(grads)

    theta0 = []
    for a, b in shapes:
        theta0.append(rng.normal(0.0, np.sqrt(2.0 / b), size=a * b) if hidden else np.zeros(a * b))
        theta0.append(np.zeros(a))
    res = minimize(loss, np.concatenate(theta0), jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    layers = unpack(res.x)
    return Network(labels, mean, scale, tuple(w for w, _ in layers), tuple(b for _, b in layers), np.zeros(k))


def macro_f1(gold: Sequence[int], pred: Sequence[int], k: int) -> float:
    gold_a, pred_a = np.asarray(gold), np.asarray(pred)
    scores = []
    for c in range(k):
        tp = np.sum((gold_a == c) & (pred_a == c))
        fp = np.sum((gold_a != c) & (pred_a == c))
        fn = np.sum((gold_a == c) & (pred_a != c))
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores)) if scores else 0.0


def tune_offsets(
    logits: np.ndarray, y: Sequence[str], labels: Sequence[str], *, grid: Sequence[float] = tuple(np.arange(-3, 3.01, 0.25)),
    rounds: int = 3,
) -> np.ndarray:
    """Per-label logit offsets that maximize macro-F1 of ``argmax(logits + offsets)`` on
    these (held-out) rows, by coordinate ascent; the first label's offset stays 0."""
    index = {lb: i for i, lb in enumerate(labels)}
    gold = np.array([index[lb] for lb in y])
    k = len(labels)
    off = np.zeros(k)
    best = macro_f1(gold, (logits + off).argmax(1), k)
    for _ in range(rounds):
        improved = False
        for c in range(1, k):
            for v in grid:
                trial = off.copy()
                trial[c] = v
                score = macro_f1(gold, (logits + trial).argmax(1), k)
                if score > best + 1e-9:
                    best, off, improved = score, trial, True
        if not improved:
            break
    return off
