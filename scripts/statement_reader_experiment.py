"""The statement reader's gate, measured leave-one-split-out and fitted (issue 20, session 30).

:mod:`statement_reader` (beside this script) reads, at the verbs of saying the attribution rules
read nothing at, up to three candidate speakers; a logistic regression decides. Here each
candidate of the spent speaker gold is labelled (a gold statement whose key the candidate's
content holds, spoken by a gold form of its speaker: ``khabar eval extract``'s matching), the
gate is fitted with L2 (scipy's L-BFGS) and scored end to end beside the rules' quotes:

    python scripts/statement_reader_experiment.py [--splits dev,test,fresh2,...] [--l2 1]
        [--thresholds 0.5 0.6 0.7] [--pools 0.6] [--show 0.6] [--write PATH --threshold 0.6]

Each split's candidates are scored by a gate fitted on every other split (leave-one-split-out;
``--folds K``: K folds by article instead). ``--pools T`` draws 300 pools of five 12-article
splits (fresh5..fresh33) and prints the distribution of the quotes F1 and precision change at
threshold T (what a judge on a pool of five splits can show). ``--write PATH`` fits on all the
given splits and writes the weights there (JSON: threshold, bias, weights).

Session 30 (main d972072's rules, spent dev, test, fresh2..fresh33: 487 articles, 4,406
statements): 3,407 candidates at 1,746 sites, 290 right; leave-one-split-out at L2 1.0,
threshold 0.6: quotes P / R / F1 0.8328 / 0.7217 / 0.7733 -> 0.8295 / 0.7345 / 0.7791 (86
quotes added, 59 right, 56 statements found more; the rules' quotes raw, a hashtag's mark kept).
Judged once on the pool fresh34..fresh38 wired into ``extract_quotes``: quotes F1 0.712 -> 0.711,
precision 0.788 -> 0.783 (8 quotes added, 1 statement found more): WITHDRAWN. An unspent split
is refused.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix

from khabar.evaluate.extraction import _score_quotes, load_gold, norm, speaker_matches
from khabar.extract.quotes import _names_by_sentence
from khabar.pipeline import analyze

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from speaker_errors import refuse_unspent  # noqa: E402
from statement_reader import sites  # noqa: E402

SPENT = ",".join(["dev", "test"] + [f"fresh{i}" for i in range(2, 34)])


class _Brief:
    def __init__(self, quotes):
        self.quotes = quotes


def _right(gold_article, quote) -> bool:
    content = norm(quote.content)
    return any(any(norm(k) in content for k in gq.keys) and speaker_matches(gq.speakers, quote.speaker) for gq in gold_article.quotes)


def prepared(splits: str):
    """Gold, the rules' quotes by article, each article's split and every candidate row
    (article id, site, side, features, quote, right)."""
    gold, split_of = [], {}
    for split in splits.split(","):
        for g in load_gold(ROOT / "tests" / "gold" / "speakers.json", root=ROOT, shared=ROOT.parent / "shared", split=split):
            gold.append(g)
            split_of[g.article.id] = split
    rules, rows = {}, []
    for g in gold:
        doc = analyze(g.article)
        rules[g.article.id] = list(doc.quotes)  # the rules' (extract_quotes without the gate)
        names = _names_by_sentence(doc.sentences, doc.mentions)
        for site, side, features, quote in sites(g.article.id, doc.sentences, names, rules[g.article.id]):
            rows.append((g.article.id, site, side, features, quote, _right(g, quote)))
    return gold, rules, split_of, rows


def fit(X, y, l2: float) -> np.ndarray:
    d = X.shape[1]

    def loss_grad(w):
        p = 1 / (1 + np.exp(-(X @ w[:d] + w[d])))
        loss = -(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9)).sum() + 0.5 * l2 * (w[:d] ** 2).sum()
        return loss, np.concatenate([X.T @ (p - y) + l2 * w[:d], [(p - y).sum()]])

    return minimize(loss_grad, np.zeros(d + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--splits", default=SPENT)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.5, 0.6, 0.7])
    ap.add_argument("--folds", type=int, default=0, help="K folds by article (0: leave one split out)")
    ap.add_argument("--pools", type=float, default=0.0)
    ap.add_argument("--show", type=float, default=None)
    ap.add_argument("--write", type=Path, default=None, help="fit on all the splits and write the weights here")
    ap.add_argument("--threshold", type=float, default=0.6, help="the threshold written with --write")
    args = ap.parse_args()
    refuse_unspent(args.splits)
    gold, rules, split_of, rows = prepared(args.splits)
    vocab: dict[str, int] = {}
    for r in rows:
        for k in r[3]:
            vocab.setdefault(k, len(vocab))
    ind, ptr = [], [0]
    for r in rows:
        ind += [vocab[k] for k in r[3]]
        ptr.append(len(ind))
    X = csr_matrix((np.ones(len(ind)), ind, ptr), shape=(len(rows), len(vocab)))
    y = np.array([float(r[5]) for r in rows])
    print(f"{len(gold)} articles, {len(rows)} candidates at {len({(r[0], r[1]) for r in rows})} sites, {int(y.sum())} right")
    if args.write:
        w = fit(X, y, args.l2)
        inv = {v: k for k, v in vocab.items()}
        weights = {inv[j]: round(float(w[j]), 4) for j in range(len(vocab)) if abs(w[j]) >= 1e-4}
        args.write.write_text(json.dumps({
            "about": "scripts/statement_reader.py's gate: logistic-regression weights fitted by "
                     f"scripts/statement_reader_experiment.py --write PATH --l2 {args.l2} --threshold {args.threshold} "
                     f"on the spent speaker splits {args.splits} (tests/gold/speakers.json).",
            "threshold": args.threshold, "bias": round(float(w[-1]), 4), "weights": dict(sorted(weights.items())),
        }, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {args.write} ({len(weights)} weights)")
        return
    if args.folds:
        ids = sorted(rules)
        random.Random(12).shuffle(ids)
        group_of = {a: str(i % args.folds) for i, a in enumerate(ids)}
    else:
        group_of = split_of
    groups = np.array([group_of[r[0]] for r in rows])
    z = np.zeros(len(rows))
    for name in sorted(set(groups)):
        held = groups == name
        w = fit(X[~held], y[~held], args.l2)
        z[held] = X[held] @ w[:-1] + w[-1]
    prob = 1 / (1 + np.exp(-z))
    best: dict[tuple, int] = {}
    for k, r in enumerate(rows):
        if (r[0], r[1]) not in best or prob[k] > prob[best[(r[0], r[1])]]:
            best[(r[0], r[1])] = k
    base = [q for qs in rules.values() for q in qs]

    def line(quotes, part=gold) -> str:
        q, sp, c = _score_quotes(part, [_Brief(quotes)])
        return f"quotes P/R/F1 {q.precision:.4f}/{q.recall:.4f}/{q.f1:.4f} found {q.matched} predicted {len(quotes)} | speakers P/R {sp.precision:.4f}/{sp.recall:.4f} | content as said {c.accurate}/{c.found}"

    print("rules           ", line(base))
    for t in args.thresholds:
        chosen = [k for k in best.values() if prob[k] >= t]
        print(f"rules + gate {t:.2f}", line(base + [rows[k][4] for k in chosen]), f"| added {len(chosen)}, right {sum(rows[k][5] for k in chosen)}")
        if args.show is not None and abs(args.show - t) < 1e-9:
            for k in sorted(chosen, key=lambda k: (rows[k][0], rows[k][4].start)):
                r = rows[k]
                print("   ", "right" if r[5] else "wrong", r[2], r[0][:12], "|", r[4].speaker, "|", r[4].verb, "|", re.sub(r"\s+", " ", r[4].content)[:90])
    if args.pools:
        extra = [rows[k][4] for k in best.values() if prob[k] >= args.pools]
        pool_splits = [f"fresh{i}" for i in range(5, 34)]
        rng = random.Random(5)
        changes = []
        for _ in range(300):
            part = set(rng.sample(pool_splits, 5))
            g = [a for a in gold if split_of[a.article.id] in part]
            ids = {a.article.id for a in g}
            q0 = _score_quotes(g, [_Brief([q for q in base if q.article_id in ids])])[0]
            q1 = _score_quotes(g, [_Brief([q for q in base + extra if q.article_id in ids])])[0]
            changes.append((q1.f1 - q0.f1, q1.precision - q0.precision))
        f1 = sorted(c[0] for c in changes)
        p = sorted(c[1] for c in changes)
        print(f"pools of five splits at {args.pools}: quotes F1 change mean {np.mean(f1):+.4f}, 10th/25th/50th/75th percentile "
              f"{f1[30]:+.4f}/{f1[75]:+.4f}/{f1[150]:+.4f}/{f1[225]:+.4f}; share >= +0.004 {np.mean([x >= 0.004 for x in f1]):.2f}, > 0 {np.mean([x > 0 for x in f1]):.2f}; "
              f"precision change mean {np.mean(p):+.4f}, share down > 0.01 {np.mean([x < -0.01 for x in p]):.2f}")


if __name__ == "__main__":
    main()
