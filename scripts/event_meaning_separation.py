"""How well each meaning of an article's title and lead tells same-event pairs from others (issue 14, session 30).

Sessions 24-29 found that e5 separates one happening's rewrites from its topic's other happenings
better than USE, and that every USE feature of the band sits on the shipped trade-off curve.  This
asks, before any grouping, whether a cheap *component* could give USE vectors e5's separation:

* ``use``: the shipped meaning (USE on title and lead, :func:`khabar.relate.meaning.article_meanings`
  as signed), ``static`` (the word vectors distilled from USE), ``e5`` (title and first 40 words,
  ``event_second_opinion.e5_vectors``, its cache);
* ``use->e5``: a ridge map of the USE vector onto the e5 vector, fitted on the texts of the *other*
  splits (label-free; each split's texts held out in turn);
* ``diagonal``: a learned metric, a logistic model over the element-wise products of the two USE
  vectors and their cosine, fitted on the *other* splits' labelled pairs (leave one split out).

Figure: the area under the ROC curve of each pair score over the labelled pairs (same event against
any other, and the hard part: ``rewrite`` against ``near``).  Spent splits only (refused otherwise).

    python scripts/event_meaning_separation.py dev,fresh,fresh2,...,fresh24 [--l2 100] [--ridge 1]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_event_scorer as build  # noqa: E402  (the logistic fit)
import event_e5_band as band_script  # noqa: E402  (the signed splits, cached)
import event_second_opinion as second  # noqa: E402  (e5 vectors and their cache)


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """P(a positive scores above a negative), ties counted half."""
    if not len(pos) or not len(neg):
        return float("nan")
    both = np.concatenate([pos, neg])
    order = both.argsort(kind="mergesort")
    ranks = np.empty(len(both))
    ranks[order] = np.arange(1, len(both) + 1)
    for v in np.unique(both):  # mid-ranks for ties
        tie = both == v
        ranks[tie] = ranks[tie].mean()
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def ridge_map(x: np.ndarray, y: np.ndarray, lam: float):
    """(x mean, y mean, W) of the ridge regression of ``y`` on ``x``."""
    mx, my = x.mean(axis=0), y.mean(axis=0)
    a = x - mx
    return mx, my, np.linalg.solve(a.T @ a + lam * np.eye(a.shape[1]), a.T @ (y - my))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits")
    parser.add_argument("--ridge", type=float, default=1.0, help="use->e5: the ridge penalty")
    parser.add_argument("--l2", type=float, default=100.0, help="diagonal: the logistic model's L2 penalty")
    parser.add_argument("--cache", type=Path, default=band_script.CACHE, help="the e5 vectors' cache")
    parser.add_argument("--student", type=Path, action="append", default=[],
                        help="an e5-taught static model (build_meaning_vectors.py --teacher e5); repeatable")
    args = parser.parse_args()
    splits, data = band_script.spent_split_data(args.splits)
    from khabar.relate.meaning import meaning_text, static_meanings
    articles = {a.id: a for s in splits for a in data[s][3]}
    split_of = {a.id: s for s in splits for a in data[s][3]}
    use = {it.article_id: it.meaning for s in splits for it in data[s][0] if it.meaning.size}
    e5 = second.e5_vectors(list(articles.values()), args.cache)
    ids = sorted(set(use) & set(e5))
    static = dict(zip(ids, static_meanings([meaning_text(articles[i]) for i in ids]), strict=True))
    pairs = [(s, a, b, g, k) for s in splits for a, b, g, k in data[s][2] if a in static and b in static]

    x = np.array([use[i] for i in ids])
    y = np.array([e5[i] for i in ids])
    held = np.array([split_of[i] for i in ids])
    mapped: dict[str, np.ndarray] = {}
    for s in splits:
        test = held == s
        if not test.any():
            continue
        mx, my, w = ridge_map(x[~test], y[~test], args.ridge)
        p = (x[test] - mx) @ w + my
        mapped.update(zip(np.array(ids)[test], p / np.linalg.norm(p, axis=1, keepdims=True), strict=True))

    feats = np.array([np.concatenate([use[a] * use[b], [use[a] @ use[b]]]) for _, a, b, _, _ in pairs])
    gold = np.array([g for *_, g, _ in pairs], dtype=bool)
    split = np.array([p[0] for p in pairs])
    diagonal = np.zeros(len(pairs))
    for s in splits:
        test = split == s
        if test.any():
            mean, scale, w, bias = build.fit(feats[~test], gold[~test].astype(np.float64), l2=args.l2)
            diagonal[test] = ((feats[test] - mean) / scale) @ w + bias

    scores = {
        "use": np.array([use[a] @ use[b] for _, a, b, _, _ in pairs]),
        "static": np.array([static[a] @ static[b] for _, a, b, _, _ in pairs]),
        "e5": np.array([e5[a] @ e5[b] for _, a, b, _, _ in pairs]),
        "use->e5": np.array([mapped[a] @ mapped[b] for _, a, b, _, _ in pairs]),
        "diagonal": diagonal,
    }
    for model in args.student:
        taught = second.student_vectors([articles[i] for i in ids], model)
        scores[model.stem] = np.array([taught[a] @ taught[b] if a in taught and b in taught else 0.0 for _, a, b, _, _ in pairs])
    hard = np.array([k in ("rewrite", "near") for *_, k in pairs])
    print(f"{len(pairs)} labelled pairs of {len(splits)} splits ({int(gold.sum())} same event; "
          f"rewrite/near {int((hard & gold).sum())}/{int((hard & ~gold).sum())}); {len(ids)} articles with USE and e5")
    print(f"{'pair score':10} {'AUC all':>8} {'AUC rewrite/near':>17}")
    for name, v in scores.items():
        print(f"{name[:10]:10} {auc(v[gold], v[~gold]):8.3f} {auc(v[hard & gold], v[hard & ~gold]):17.3f}")


if __name__ == "__main__":
    main()
