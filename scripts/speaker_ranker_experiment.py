"""An experiment: a learned ranker over candidate speakers against the attribution rules
(issue 20, session 29; candidates and features in ``scripts/speaker_ranker.py``).

Not part of the package: measured in session 29, it forecasts about half a statement on the
unspent pool by leave-one-split-out on the spent speaker splits (docs/measurements.md, issue
20, session 29), so the quote extractor keeps the rules.  Kept to be rerun when the gold grows.

Every quote the rules find in an article of the spent splits whose content holds a gold
statement's key is an example, of one of two kinds: a follow-on (its speaker named before its
own sentence) or a quote whose own sentence names its speaker; its candidates are labelled
right when they match that statement's speaker (``khabar eval extract``'s ``speaker_matches``).
A conditional logit per kind (numpy; a softmax over each example's candidates, L2, Newton
steps) is fitted; a quote goes to the model's best candidate when it beats the rules' choice by
more than a margin.

Leave-one-split-out: each split's quotes are re-ranked by models fitted on the other splits,
and all splits are scored together with ``khabar eval extract``'s own matching
(:func:`khabar.evaluate.extraction._score_quotes`), for each margin.  ``--reach N`` fits on
all the given splits and counts the unlabelled ANT articles (``N`` drawn with ``--seed`` from
the paths no test file names) whose quotes that model changes, printing each change.

    python scripts/speaker_ranker_experiment.py [--splits dev,test,fresh2,...,fresh33] [--kind follow|same|both]
        [--margins 0 0.5 1] [--show] [--cache /tmp/docs.pkl] [--reach 600 --seed 2626 --margin 0]

An unspent split (``UNSPENT_SPEAKERS`` of scripts/speaker_errors.py) is refused.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import random
import sys
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from khabar.evaluate.extraction import _score_quotes, article_loader, load_gold, norm, read_gold_json, speaker_matches
from khabar.pipeline import analyze_many
from khabar.text.ar.tokenize import hashtag_words

sys.path.insert(0, str(Path(__file__).resolve().parent))
from draw_speaker_articles import used_in_tests  # noqa: E402
from speaker_errors import refuse_unspent  # noqa: E402
from speaker_ranker import (  # noqa: E402
    FEATURES,
    SAME_SENTENCE_FEATURES,
    RankerModel,
    follow_on_candidates,
    given_to,
    rerank_follow_ons,
    same_sentence_candidates,
)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SPENT = "dev,test," + ",".join(f"fresh{n}" for n in range(2, 34))
#: The L2 penalty and the most Newton steps of the fit.
L2 = 1.0
STEPS = 50


def fit(groups: list[tuple[np.ndarray, np.ndarray]], l2: float = L2) -> np.ndarray:
    """A conditional logit over ``groups`` (each: candidates x features, 0/1 labels with at
    least one 1): Newton steps on the mean negative log-likelihood with an L2 penalty, the
    groups padded to one array (a padded candidate scores -inf)."""
    width = max(len(y) for _, y in groups)
    x = np.zeros((len(groups), width, groups[0][0].shape[1]))
    mask = np.zeros((len(groups), width), dtype=bool)
    target = np.zeros((len(groups), width))
    for k, (xs, y) in enumerate(groups):
        x[k, : len(y)], mask[k, : len(y)], target[k, : len(y)] = xs, True, y / y.sum()
    n = len(groups)
    w = np.zeros(x.shape[2])
    for _ in range(STEPS):
        s = np.where(mask, x @ w, -np.inf)
        p = np.exp(s - s.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        mean = np.einsum("gc,gcf->gf", p, x)
        grad = np.einsum("gc,gcf->f", p - target, x) / n + l2 * w / n
        centred = x - mean[:, None, :]
        hess = np.einsum("gc,gcf,gch->fh", p, centred, centred) / n + l2 * np.eye(len(w)) / n
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


#: The two kinds of quote re-ranked: their candidates and features.
KINDS = {"follow": (follow_on_candidates, FEATURES), "same": (same_sentence_candidates, SAME_SENTENCE_FEATURES)}


def examples(docs, gold_by_id, kind: str = "follow") -> list[tuple[str, int, list, np.ndarray, np.ndarray]]:
    """(article id, quote index, candidates, features, labels) of every quote of ``kind``."""
    out = []
    candidates_of = KINDS[kind][0]
    for d in docs:
        g = gold_by_id[d.article.id]
        for qi, cands in candidates_of(d.article, d.sentences, d.quotes, d.mentions):
            content = norm(d.quotes[qi].content)
            held = [gq for gq in g.quotes if any(norm(k) in content for k in gq.keys)]
            y = np.array([float(any(speaker_matches(gq.speakers, c.speaker) for gq in held)) for c in cands])
            out.append((d.article.id, qi, cands, np.array([c.features for c in cands]), y if held else np.zeros(len(cands))))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--splits", default=SPENT)
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "speakers.json")
    ap.add_argument("--kind", choices=sorted(KINDS) + ["both"], default="both")
    ap.add_argument("--margins", type=float, nargs="+", default=[0.0, 0.1, 0.2, 0.3, 0.5, 1.0])
    ap.add_argument("--cache", type=Path, help="the analysed articles kept in this file between runs (scratch)")
    ap.add_argument("--show", action="store_true", help="print the quotes the rules give wrong and a candidate right")
    ap.add_argument("--reach", type=int, default=0)
    ap.add_argument("--seed", type=int, default=2626)
    ap.add_argument("--margin", type=float, default=0.0, help="--reach: the margin of both kinds")
    args = ap.parse_args()
    refuse_unspent(args.splits)
    split_of = {a["path"]: a["split"] for a in read_gold_json(args.gold)["articles"]}
    gold = load_gold(args.gold, root=ROOT, shared=SHARED, split=args.splits)
    gold_by_id = {g.article.id: g for g in gold}
    fold_of = {g.article.id: split_of[g.path] for g in gold}
    if args.cache and args.cache.exists():
        docs = pickle.loads(args.cache.read_bytes())
    else:
        docs = analyze_many([g.article for g in gold])
        if args.cache:
            args.cache.write_bytes(pickle.dumps(docs))
    rules = [q for d in docs for q in d.quotes]

    def scored(quotes) -> str:
        # speakers shown as the brief shows them (a hashtag's mark read out: khabar.event_brief)
        shown = [dataclasses.replace(q, speaker=hashtag_words(q.speaker)) for q in quotes]
        q, s, _ = _score_quotes(gold, [SimpleNamespace(quotes=shown)])
        return (f"quotes P/R/F1 {q.precision:.4f} / {q.recall:.4f} / {q.f1:.4f} (pred {q.predicted}, found {q.matched}); "
                f"speakers P/R {s.precision:.4f} / {s.recall:.4f}")

    print(f"{len(gold)} articles, {len(rules)} quotes; rules: {scored(rules)}")
    kinds = ["follow", "same"] if args.kind == "both" or args.reach else [args.kind]
    ex = {k: examples(docs, gold_by_id, k) for k in kinds}
    for k in kinds:
        print(f"{k}: {len(ex[k])} quotes with another candidate; {sum(e[4].any() for e in ex[k])} hold a gold statement "
              f"whose speaker is a candidate, {sum(bool(e[4][0]) for e in ex[k])} of them the rules' choice")
    trainable = {k: [e for e in ex[k] if e[4].sum() > 0] for k in kinds}
    if args.show:
        text_of = {d.article.id: d for d in docs}
        for k in kinds:
            for aid, qi, cands, x, y in ex[k]:
                if y.any() and not y[0]:
                    q = text_of[aid].quotes[qi]
                    print(f"\n{aid[:50]} [{q.verb}] {q.content[:90]}")
                    for c, row, lab in zip(cands, x, y):
                        on = ",".join(f for f, v in zip(KINDS[k][1], row) if v)
                        print(f"  {'+' if lab else ' '} {c.speaker[:40]}: {on}")
        return
    if args.reach:
        w = {k: fit([(x, y) for _, _, _, x, y in trainable[k]]) for k in kinds}
        print("weights:", ", ".join(f"{f} {v:+.2f}" for f, v in zip(FEATURES, w["follow"])))
        print("same-sentence weights:", ", ".join(f"{f} {v:+.2f}" for f, v in zip(SAME_SENTENCE_FEATURES, w["same"])))
        reach(RankerModel(tuple(w["follow"]), args.margin, tuple(w["same"]), args.margin), args.reach, args.seed)
        return
    weights = {k: {split: fit([(x, y) for aid, _, _, x, y in trainable[k] if fold_of[aid] != split])
                   for split in sorted(set(fold_of.values()))} for k in kinds}
    for margin in args.margins:
        changed = defaultdict(dict)
        turned = [0, 0, 0]  # wrong -> right, right -> wrong, other changes
        for k in kinds:
            for aid, qi, cands, x, y in ex[k]:
                s = x @ weights[k][fold_of[aid]]
                best = int(np.argmax(s))
                if best != 0 and s[best] - s[0] > margin:
                    changed[aid][qi] = cands[best]
                    turned[0 if y[best] and not y[0] else 1 if y[0] and not y[best] else 2] += 1
        new = []
        for d in docs:
            for qi, q in enumerate(d.quotes):
                c = changed[d.article.id].get(qi)
                new.append(q if c is None else given_to(q, c))
        print(f"margin {margin}: {sum(map(len, changed.values()))} changed ({turned[0]} mended, {turned[1]} broken, "
              f"{turned[2]} neither): {scored(new)}")


def unlabelled_ant(n: int, seed: int) -> list:
    """``n`` unlabelled ANT articles: drawn by ``random.Random(seed)`` from the paths no test
    file names (an unreadable page is counted out). Also the statement reader's reach sample."""
    ant = SHARED / "corpora" / "ant"
    used, _ = used_in_tests()
    paths = sorted(str(p.relative_to(ant)) for p in ant.rglob("*.txt") if p.name != "README.md")
    sample = random.Random(seed).sample([p for p in paths if p not in used], n)
    load = article_loader(root=ROOT, shared=SHARED)
    articles = []
    for p in sample:
        try:
            articles.append(load("ant/" + p))
        except Exception:  # noqa: BLE001 -- an unreadable page is counted out
            continue
    return articles


def reach(model: RankerModel, n: int, seed: int) -> None:
    """How many of ``n`` unlabelled ANT articles ``model`` changes."""
    articles = unlabelled_ant(n, seed)
    touched = 0
    for d in analyze_many(articles):
        new = rerank_follow_ons(d.article, d.sentences, d.quotes, d.mentions, model)
        diffs = [(a, b) for a, b in zip(d.quotes, new) if a.speaker != b.speaker]
        touched += bool(diffs)
        for a, b in diffs:
            print(f"{d.article.id[:16]}\t{a.speaker} -> {b.speaker}\t{a.verb}\t{a.content[:80]}")
    print(f"reach: {touched} of {len(articles)} ANT articles changed ({touched / max(1, len(articles)):.1%})")


if __name__ == "__main__":
    main()
