"""Train the event summary's learned sentence value (khabar.summarize.sentence_value; issue 18, round 19).

1. Every event of ``tests/gold/summaries/ant_events.json`` in the training splits (dev to fresh10:
   75 events; ``test`` and ``fresh11`` never read) is pooled as ``khabar eval summarize`` pools it,
   and each candidate sentence (``readable.candidates``, its kept part) gets the features
   :func:`khabar.summarize.event_first.learned_features` computes at run time, and its gain:
   the share of the event's must-contain facts it states (the eval's own matcher,
   ``evaluate.coverage.fact_found``) plus ``BETA`` x the share of the reference's bigrams it holds
   (light-stemmed tokens, as ROUGE-2 counts them).
2. A linear ranker: logistic loss on the feature differences of every pair of one event's
   candidates ordered by gain, each pair weighted by its gain difference (RankNet, linear), L2
   ``L2`` on standardized features, Newton's method in numpy: deterministic, no new dependency.
3. Written to ``src/khabar/summarize/data/sentence-value.json`` with the greedy's exponents
   (``POWER``, ``SHARE``: chosen leave-one-event-out, docs/summaries.md round 19).

``--loeo`` judges it as shipped (the ``learned`` algorithm), leave-one-event-out: each event
summarized by ``event_first.choose_sentences`` with a model trained on the other 74, against the
default ``event`` and LexRank on the same events; scored as ``khabar eval summarize`` scores
(ROUGE-2 F on light stems, the summary cut to the budget; must-contain).

    python scripts/build_sentence_value.py            # train on the 75 events, write the model
    python scripts/build_sentence_value.py --check    # rebuild in memory, compare with the shipped file
    python scripts/build_sentence_value.py --loeo     # the leave-one-event-out figures
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import summary_sentence_labels as labels  # noqa: E402

from khabar.config import BriefOptions  # noqa: E402
from khabar.evaluate.coverage import coverage  # noqa: E402
from khabar.evaluate.rouge import ngrams, tokens  # noqa: E402
from khabar.evaluate.summaries import budget_of, read_events, score_summary, truncate  # noqa: E402
from khabar.pipeline import analyze  # noqa: E402
from khabar.relate.corroborate import SentencePool  # noqa: E402
from khabar.summarize import event_first, pool_quantities, summarize  # noqa: E402
from khabar.summarize.sentence_value import MODEL_PATH, SentenceValue  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "summaries" / "ant_events.json"
#: The reference-bigram share's weight beside the facts' share (0 and 1 tried: docs round 19).
BETA = 1.0
L2 = 1.0
#: value x (uncovered concept weight share) ** SHARE / words ** POWER.
POWER = 1.0
SHARE = 1.0


def bigram_shares(cluster, data: dict) -> dict[int, float]:
    """The share of the reference's bigrams (clipped counts, mean over references) each candidate holds."""
    refs = [ngrams(tokens(r, stem=True), 2) for r in cluster.references]
    out = {}
    for r in data["rows"]:
        mine = ngrams(tokens(data["texts"][r], stem=True), 2)
        out[r] = statistics.fmean(sum((mine & b).values()) / max(1, sum(b.values())) for b in refs)
    return out


def gains(cluster, data: dict, beta: float) -> np.ndarray:
    n = max(1, len(cluster.facts))
    return np.array([len(data["labels"][r]) / n + beta * data["bigrams"][r] for r in data["rows"]])


def standardize(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and scale of each feature (the bias column left as it is)."""
    mean, scale = x.mean(0), x.std(0)
    mean[0], scale[0] = 0.0, 1.0
    scale[scale == 0] = 1.0
    return mean, scale


def fit_pairs(groups: list[tuple[np.ndarray, np.ndarray]], l2: float) -> np.ndarray:
    """Linear RankNet on standardized rows: logistic loss on the differences of the pairs of
    one group ordered by gain, pairs weighted by the gain difference; no bias (it cancels)."""
    diffs, wts = [], []
    for x, g in groups:
        i, j = np.nonzero(g[:, None] > g[None, :] + 1e-6)
        diffs.append(x[i] - x[j])
        wts.append(g[i] - g[j])
    d = np.vstack(diffs)[:, 1:]
    pair_w = np.concatenate(wts)
    pair_w = pair_w / pair_w.mean()
    w = np.zeros(d.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(d @ w)))
        grad = d.T @ (pair_w * (p - 1)) + l2 * w
        hess = (d * (pair_w * p * (1 - p))[:, None]).T @ d + l2 * np.eye(d.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return np.concatenate([[0.0], w])


def train(events: list[tuple], *, beta: float = BETA, l2: float = L2) -> SentenceValue:
    """The model of ``events`` ((cluster, pool, options, data) each)."""
    xs = [np.array([d["feats"][r] for r in d["rows"]]) for *_, d in events]
    mean, scale = standardize(np.vstack(xs))
    groups = [((x - mean) / scale, gains(c, d, beta)) for x, (c, _, _, d) in zip(xs, events, strict=True)]
    return SentenceValue(mean, scale, fit_pairs(groups, l2), POWER, SHARE)


def read(gold: Path) -> list[tuple]:
    events = []
    for cluster in read_events(gold):
        if cluster.split in labels.HELD_OUT:
            continue
        pool = SentencePool.build([analyze(a) for a in cluster.articles])
        options = BriefOptions(length_words=budget_of(cluster, None))
        data = labels.event_rows(cluster, pool, options)
        data["bigrams"] = bigram_shares(cluster, data)
        events.append((cluster, pool, options, data))
    return events


def model_json(events: list[tuple]) -> str:
    return train(events).to_json(
        beta=BETA, l2=L2, trained_on="tests/gold/summaries/ant_events.json dev..fresh10",
        events=len(events), candidates=sum(len(d["rows"]) for *_, d in events),
    )


def loeo(events: list[tuple]) -> None:
    rows = {"event (the default)": [], "learned": [], "LexRank": []}
    for k, (cluster, pool, options, _) in enumerate(events):
        quantities = pool_quantities(pool, options=options)
        model = train([e for i, e in enumerate(events) if i != k])
        runs = [
            [s.text for s in summarize(pool, options=options, quantities=quantities)],
            [labels.text_of(pool, c) for c in event_first.choose_sentences(
                pool, options=options, quantities=quantities, value_model=model)],
            [s.text for s in summarize(pool, options=BriefOptions(length_words=options.length_words, algorithm="lexrank"))],
        ]
        for name, texts in zip(rows, runs, strict=True):
            rows[name].append((
                score_summary(texts, cluster.references, length_words=options.length_words).rouge2.f,
                coverage(cluster.facts, truncate(texts, options.length_words)),
            ))
    base = rows["event (the default)"]
    for name, values in rows.items():
        up = sum(v[1] > b[1] + 1e-9 for v, b in zip(values, base, strict=True))
        down = sum(v[1] < b[1] - 1e-9 for v, b in zip(values, base, strict=True))
        r2_up = sum(v[0] > b[0] + 1e-9 for v, b in zip(values, base, strict=True))
        r2_down = sum(v[0] < b[0] - 1e-9 for v, b in zip(values, base, strict=True))
        print(f"{name}: R-2 {100 * statistics.fmean(v[0] for v in values):.2f}, "
              f"must-contain {statistics.fmean(v[1] for v in values):.3f} "
              f"(against the default: R-2 up {r2_up} / down {r2_down}, must-contain up {up} / down {down})")


def older(events: list[tuple], split: str) -> None:
    """Trained on the splits older than ``split`` only, judged on ``split``: the learned value
    against the default on the same events (the default's weights were chosen on pooled splits
    that include ``split``, which flatters it; docs/summaries.md gives its figure before)."""
    order = ["dev", "fresh", *(f"fresh{n}" for n in range(2, 12))]
    train_on = [e for e in events if order.index(e[0].split) < order.index(split)]
    judged = [e for e in events if e[0].split == split]
    model = train(train_on)
    r2 = {"event": [], "learned": []}
    mc = {"event": [], "learned": []}
    for cluster, pool, options, _ in judged:
        quantities = pool_quantities(pool, options=options)
        for name, texts in (
            ("event", [s.text for s in summarize(pool, options=options, quantities=quantities)]),
            ("learned", [labels.text_of(pool, c) for c in event_first.choose_sentences(
                pool, options=options, quantities=quantities, value_model=model)]),
        ):
            r2[name].append(score_summary(texts, cluster.references, length_words=options.length_words).rouge2.f)
            mc[name].append(coverage(cluster.facts, truncate(texts, options.length_words)))
    print(f"{split} ({len(judged)} events; trained on {len(train_on)} older): " + "; ".join(
        f"{n} R-2 {100 * statistics.fmean(r2[n]):.2f} must-contain {statistics.fmean(mc[n]):.3f}" for n in r2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--check", action="store_true", help="rebuild and compare with the shipped file")
    parser.add_argument("--loeo", action="store_true", help="leave-one-event-out figures of the package")
    parser.add_argument("--older", default="", help="splits to judge trained on the older splits only (comma-separated)")
    args = parser.parse_args()
    events = read(args.gold)
    if args.older:
        for split in args.older.split(","):
            older(events, split)
        return
    print(f"{len(events)} events, {sum(len(d['rows']) for *_, d in events)} candidates")
    if args.loeo:
        loeo(events)
        return
    text = model_json(events)
    if args.check:
        same = MODEL_PATH.exists() and MODEL_PATH.read_text(encoding="utf-8") == text
        print(f"{MODEL_PATH.relative_to(ROOT)}: {'the same as a rebuild' if same else 'DIFFERS from a rebuild'}")
        raise SystemExit(0 if same else 1)
    MODEL_PATH.parent.mkdir(exist_ok=True)
    MODEL_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
