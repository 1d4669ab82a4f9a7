"""Train the event summary's learned sentence value and judge it by leave-one-event-out.

Round 14 of issue 18: instead of the hand-set position and centrality priors of the coverage
value (:mod:`khabar.summarize.event_first`), a logistic model over the candidates' measured
features (:data:`~khabar.summarize.event_first.SENTENCE_FEATURES`) predicts that a sentence
states a must-contain fact the event sentence does not state.  Over every event of the summary
gold outside ``test`` and the newest fresh set (``fresh9``):

1. every event is summarized with the default (the priors), which gives its score and each
   candidate's features (the same for the learned value: the event sentence, the development
   and the key figure are chosen before it); a candidate's label is whether its kept part
   states a must-contain fact that the event sentence does not;
2. for each event left out, the model is fitted on the other events' candidates (numpy,
   Newton steps, L2 ``--l2`` on standardized features) and the event is summarized with it,
   at each ``--weight`` (``LEARNED_WEIGHT``); its score is that event's cross-validated score;
3. with ``--write``, the model fitted on all of them is written to ``--out`` (small JSON).

    python scripts/train_sentence_value.py [--weight 5,20,100] [--l2 1] [--write]
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

import numpy as np

from khabar.config import BriefOptions
from khabar.evaluate.coverage import coverage, fact_found
from khabar.evaluate.summaries import budget_of, read_events, score_summary, truncate
from khabar.pipeline import analyze
from khabar.relate.corroborate import SentencePool
from khabar.summarize import event_first, pool_quantities, summarize

ROOT = Path(__file__).resolve().parent.parent
HELD_OUT = ("test", "fresh9")


def fit(x: np.ndarray, y: np.ndarray, l2: float, iterations: int = 30) -> dict:
    """Logistic regression on standardized features by Newton steps with an L2 penalty."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {
        "features": list(event_first.SENTENCE_FEATURES),
        "weights": [round(float(v), 6) for v in w[:-1]],
        "bias": round(float(w[-1]), 6),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
    }


def floats(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "summaries" / "ant_events.json")
    parser.add_argument("--weight", type=floats, default=floats("5,20,100"))
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--times-priors", action="store_true", help="the learned factor multiplies the priors")
    parser.add_argument(
        "--label-chosen", action="store_true",
        help="a fact counts as new when no sentence chosen before the coverage choice states it (not only the event)",
    )
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--dump", type=Path, help="save every event's features and labels (npz)")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "khabar" / "summarize" / "data" / "sentence_value.json")
    parser.add_argument("--lexrank", action="store_true", help="also score LexRank (the R-2 guard)")
    args = parser.parse_args()

    events = []
    for cluster in read_events(args.gold):
        if cluster.split in HELD_OUT:
            continue  # test is measured once, elsewhere; fresh9 is judged on its own
        pool = SentencePool.build([analyze(a) for a in cluster.articles])
        options = BriefOptions(length_words=budget_of(cluster, None))
        events.append((cluster, pool, options, pool_quantities(pool, options=options)))

    def score(cluster, pool, options, quantities) -> tuple[float, float]:
        summary = [s.text for s in summarize(pool, options=options, quantities=quantities)]
        rouge = score_summary(summary, cluster.references, length_words=options.length_words)
        return rouge.rouge2.f, coverage(cluster.facts, truncate(summary, options.length_words))

    # 1. the default's scores, and every candidate's features and label
    base, data = {}, {}
    event_first.FEATURE_SINK = sink = []
    try:
        for cluster, pool, options, quantities in events:
            sink.clear()
            base[cluster.name] = score(cluster, pool, options, quantities)
            rows, feats, cands, event_row, before = sink[-1]
            if args.label_chosen:
                event_text = "\n".join(
                    pool.docs[pool.doc_of(r)].article.text[c.start : c.end] for r, c in before.items()
                )
            else:
                event_text = pool.sentence(event_row).text if event_row is not None else ""
            new_facts = [f for f in cluster.facts if not fact_found(f, event_text)]
            labels = []
            for r in rows:
                c = cands[r]
                text = pool.docs[pool.doc_of(r)].article.text[c.start : c.end]
                labels.append(float(any(fact_found(f, text) for f in new_facts)))
            data[cluster.name] = (feats, np.array(labels))
    finally:
        event_first.FEATURE_SINK = None
    names = [c.name for c, *_ in events]
    if args.dump:
        np.savez(args.dump, **{f"x_{i}": data[n][0] for i, n in enumerate(names)}, **{f"y_{i}": data[n][1] for i, n in enumerate(names)})
    print(
        f"{len(names)} events ({', '.join(HELD_OUT)} left out), default: R-2 "
        f"{100 * statistics.fmean(v[0] for v in base.values()):.2f}, must-contain "
        f"{statistics.fmean(v[1] for v in base.values()):.3f}; candidates "
        f"{sum(len(d[1]) for d in data.values())}, stating a new fact "
        f"{int(sum(d[1].sum() for d in data.values()))}",
        flush=True,
    )
    if args.lexrank:
        lex = []
        for cluster, pool, options, _ in events:
            plain = BriefOptions(length_words=options.length_words, algorithm="lexrank")
            summary = [s.text for s in summarize(pool, options=plain)]
            lex.append(score_summary(summary, cluster.references, length_words=options.length_words).rouge2.f)
        print(f"LexRank R-2 {100 * statistics.fmean(lex):.2f}", flush=True)

    # 2. leave one event out
    saved = (event_first.SENTENCE_MODEL, event_first.LEARNED_WEIGHT, event_first.LEARNED_TIMES_PRIORS)
    event_first.LEARNED_TIMES_PRIORS = args.times_priors
    try:
        models = {}
        for left_out in names:
            x = np.vstack([data[n][0] for n in names if n != left_out])
            y = np.concatenate([data[n][1] for n in names if n != left_out])
            models[left_out] = fit(x, y, args.l2)
        for weight in args.weight:
            event_first.LEARNED_WEIGHT = weight
            held = {}
            for cluster, pool, options, quantities in events:
                event_first.SENTENCE_MODEL = models[cluster.name]
                held[cluster.name] = score(cluster, pool, options, quantities)
            changed = sum(1 for n in names if held[n] != base[n])
            print(
                f"weight {weight:g}: leave-one-event-out R-2 {100 * statistics.fmean(v[0] for v in held.values()):.2f}, "
                f"must-contain {statistics.fmean(v[1] for v in held.values()):.3f} ({changed} of {len(names)} summaries differ)",
                flush=True,
            )
    finally:
        event_first.SENTENCE_MODEL, event_first.LEARNED_WEIGHT, event_first.LEARNED_TIMES_PRIORS = saved

    model = fit(np.vstack([data[n][0] for n in names]), np.concatenate([data[n][1] for n in names]), args.l2)
    print("all events:", json.dumps(dict(zip(model["features"], model["weights"]))), "bias", model["bias"])
    if args.write:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print("written", args.out)


if __name__ == "__main__":
    main()
