"""The statement reader's gate, measured leave-one-split-out as the judge counts, and fitted
(issue 20, sessions 30-31).

:mod:`khabar.extract.statement_reader` reads, at the verbs of saying the attribution rules read
nothing at, up to three candidate speakers; a logistic regression decides. Here each candidate
of the spent speaker gold is labelled (``--label any``: a gold statement whose key the
candidate's content holds, spoken by a gold form of its speaker, ``khabar eval extract``'s
matching; ``--label new``: only such a statement the rules' quotes do not find anywhere in the
article), the gate is fitted with L2 (scipy's L-BFGS) and scored end to end beside the rules'
quotes, as ``khabar eval extract`` scores the brief: the quotes as the brief shows them (a
hashtag's mark read out of the speaker, ``event_brief.link_speakers``), a gold statement found
when any quote of its article matches it, a repeat adding nothing to what is found:

    python scripts/statement_reader_experiment.py [--splits dev,test,fresh2,...] [--l2 1]
        [--thresholds 0.5 0.6 0.7] [--label any|new] [--old] [--drop-repeats]
        [--pools 0.6 --pool-size 2] [--show 0.6] [--write PATH --threshold 0.6]
        [--reach 600 --seed 2626 --threshold 0.6] [--refit-from dev,test,fresh2,... --pool-size 2]

Each split's candidates are scored by a gate fitted on every other split (leave-one-split-out;
``--folds K``: K folds by article instead). ``--old`` reads the sites as session 30's reader did
(no frame test, no hearer test, its features); ``--drop-repeats`` leaves out what repeats a rules'
quote of the same speaker (:func:`statement_reader.repeats`). ``--pools T``
draws 300 pools of ``--pool-size`` 12-article splits (fresh5..fresh42) and prints the
distribution of the quotes F1 and precision change at threshold T (what a judge of that size
can show). ``--write PATH`` fits on all the given splits and writes the weights there (JSON:
threshold, bias, weights). ``--reach N`` fits on all the given splits and counts the unlabelled ANT
articles (``N`` drawn by ``random.Random(--seed)`` from the paths no test file names, as
``speaker_ranker_experiment.py --reach``) the gate adds a quote to at ``--threshold``, with each
quote added and the reader's CPU time an article. ``--dump PATH`` writes the rules' quotes plus the gate's
leave-one-split-out additions at ``--threshold`` as ``scripts/speaker_rules_forecast.py --new``
reads a tree (session 33: the scanner's rules and the gate forecast as one change). The rules'
quotes (:func:`khabar.extract.quotes.rule_quotes`, the gate left out) are read once and kept in
``--cache`` (delete the file when the rules change). ``--refit-from SPLITS`` forecasts a refit
(session 34): each split of ``--splits`` scored by a gate fitted on every other split against a gate
fitted only on ``SPLITS`` less that split (the shipped gate's training splits), then 1,000 pools of
``--pool-size`` ANT splits.

Figures: docs/measurements.md, issue 20, sessions 30, 31, 33 and 34. An unspent split is refused.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import random
import re
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix

from khabar.evaluate.extraction import _score_quotes, load_gold, norm, speaker_matches
from khabar.extract import statement_reader as reader
from khabar.extract.quotes import _names_by_sentence, rule_quotes
from khabar.text.ar.tokenize import hashtag_words

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from speaker_errors import refuse_unspent  # noqa: E402

#: every spent split (fresh39..fresh42 since session 33's judge); the shipped gate was fitted on dev..fresh38
# fresh43..fresh46 spent by session 36's judge (issue 20)
SPENT = ",".join(["dev", "test"] + [f"fresh{i}" for i in range(2, 47)])
POOL_SPLITS = [f"fresh{i}" for i in range(5, 47)]


class _Brief:
    def __init__(self, quotes):
        self.quotes = quotes


def shown(quote):
    """The quote as the brief shows it (``event_brief.link_speakers``): a hashtag's mark read out."""
    speaker = hashtag_words(quote.speaker)
    return quote if speaker == quote.speaker else dataclasses.replace(quote, speaker=speaker)


def _matches(gq, quote) -> bool:
    content = norm(quote.content)
    return any(norm(k) in content for k in gq.keys) and speaker_matches(gq.speakers, quote.speaker)


def _right(gold_article, quote, found_by_rules: set[int], label: str) -> bool:
    q = shown(quote)
    return any(_matches(gq, q) and (label == "any" or k not in found_by_rules) for k, gq in enumerate(gold_article.quotes))


def prepared(splits: str, cache: Path):
    """Gold, each article's split, and (by article) its sentences, names and the rules' quotes,
    read once into ``cache``."""
    gold, split_of = [], {}
    for split in splits.split(","):
        for g in load_gold(ROOT / "tests" / "gold" / "speakers.json", root=ROOT, shared=ROOT.parent / "shared", split=split):
            gold.append(g)
            split_of[g.article.id] = split
    read = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    missing = [g for g in gold if g.article.id not in read]
    if missing:
        from khabar.pipeline import analyze

        for g in missing:
            doc = analyze(g.article)
            # the rules' quotes alone: the gate is fitted on what they leave
            rules = rule_quotes(doc.article, doc.sentences, doc.mentions)
            read[g.article.id] = (doc.sentences, _names_by_sentence(doc.sentences, doc.mentions), rules)
        cache.write_bytes(pickle.dumps(read))
    return gold, split_of, {g.article.id: read[g.article.id] for g in gold}


def candidate_rows(gold, docs, label: str, old: bool):
    """Every candidate: (article id, site, side, features, quote, right)."""
    rows = []
    for g in gold:
        sentences, names, rules = docs[g.article.id]
        shown_rules = [shown(q) for q in rules]
        found = {k for k, gq in enumerate(g.quotes) if any(_matches(gq, q) for q in shown_rules)}
        for site, side, features, quote in reader.sites(g.article.id, sentences, names, rules, session30=old):
            rows.append((g.article.id, site, side, features, quote, _right(g, quote, found, label)))
    return rows


def fit(X, y, l2: float) -> np.ndarray:
    d = X.shape[1]

    def loss_grad(w):
        p = 1 / (1 + np.exp(-(X @ w[:d] + w[d])))
        loss = -(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9)).sum() + 0.5 * l2 * (w[:d] ** 2).sum()
        return loss, np.concatenate([X.T @ (p - y) + l2 * w[:d], [(p - y).sum()]])

    return minimize(loss_grad, np.zeros(d + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x


def added(rows, prob, threshold: float, docs, drop_repeats: bool) -> list:
    """The quotes the gate adds at ``threshold``: the best candidate of each site, in text order,
    less (``drop_repeats``) those repeating a rules' quote of the same speaker."""
    best: dict[tuple, int] = {}
    for k, r in enumerate(rows):
        if prob[k] >= threshold and ((r[0], r[1]) not in best or prob[k] > prob[best[(r[0], r[1])]]):
            best[(r[0], r[1])] = k
    return [k for k in sorted(best.values()) if not (drop_repeats and reader.repeats(rows[k][4], docs[rows[k][0]][2]))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--splits", default=SPENT)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.5, 0.6, 0.7])
    ap.add_argument("--label", choices=("any", "new"), default="any")
    ap.add_argument("--old", action="store_true", help="session 30's sites and features")
    ap.add_argument("--drop-repeats", action="store_true", help="leave out what repeats a rules' quote of the same speaker")
    ap.add_argument("--folds", type=int, default=0, help="K folds by article (0: leave one split out)")
    ap.add_argument("--pools", type=float, default=0.0)
    ap.add_argument("--pool-size", type=int, default=2)
    ap.add_argument("--show", type=float, default=None)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/speakers-statement-reader.pkl"))
    ap.add_argument("--write", type=Path, default=None, help="fit on all the splits and write the weights here")
    ap.add_argument("--threshold", type=float, default=0.6, help="the threshold written with --write or read by --reach")
    ap.add_argument("--dump", type=Path, default=None,
                    help="write the rules' quotes plus the leave-one-split-out additions at --threshold, as scripts/speaker_rules_forecast.py reads a tree")
    ap.add_argument("--reach", type=int, default=0)
    ap.add_argument("--seed", type=int, default=2626)
    ap.add_argument("--refit-from", default=None,
                    help="forecast a refit: each split scored by a gate fitted on every other split against one fitted only on "
                         "these splits (less that split), as the shipped gate was (session 34)")
    args = ap.parse_args()
    refuse_unspent(args.splits)
    if args.refit_from:
        refuse_unspent(args.refit_from)
    gold, split_of, docs = prepared(args.splits, args.cache)
    rows = candidate_rows(gold, docs, args.label, args.old)
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
    print(f"{len(gold)} articles, {len(rows)} candidates at {len({(r[0], r[1]) for r in rows})} sites, {int(y.sum())} right ({args.label})")
    if args.reach:
        w = fit(X, y, args.l2)
        inv = {v: k for k, v in vocab.items()}
        reach({inv[j]: float(w[j]) for j in range(len(vocab))}, float(w[-1]), args.threshold, args.reach, args.seed, args.drop_repeats, args.old)
        return
    if args.write:
        w = fit(X, y, args.l2)
        inv = {v: k for k, v in vocab.items()}
        weights = {inv[j]: round(float(w[j]), 4) for j in range(len(vocab)) if abs(w[j]) >= 1e-4}
        args.write.write_text(json.dumps({
            "about": "khabar.extract.statement_reader's gate: logistic-regression weights fitted by "
                     f"scripts/statement_reader_experiment.py --write PATH --l2 {args.l2} --label {args.label} --threshold {args.threshold} "
                     f"on the spent speaker splits {args.splits} (tests/gold/speakers.json).",
            "threshold": args.threshold, "bias": round(float(w[-1]), 4), "weights": dict(sorted(weights.items())),
        }, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {args.write} ({len(weights)} weights)")
        return
    if args.refit_from:
        refit(rows, X, y, gold, split_of, docs, set(args.refit_from.split(",")), args)
        return
    if args.folds:
        ids = sorted(docs)
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
    base = [shown(q) for _, _, rules in docs.values() for q in rules]
    any_right = [_right(next(g for g in gold if g.article.id == r[0]), r[4], set(), "any") for r in rows] if args.show is not None else None

    def line(quotes, part=gold) -> str:
        q, sp, c = _score_quotes(part, [_Brief(quotes)])
        return f"quotes P/R/F1 {q.precision:.4f}/{q.recall:.4f}/{q.f1:.4f} found {q.matched} predicted {len(quotes)} | speakers P/R {sp.precision:.4f}/{sp.recall:.4f} | content as said {c.accurate}/{c.found}"

    print("rules           ", line(base))
    if args.dump:
        extra_by: dict[str, list] = {}
        for k in added(rows, prob, args.threshold, docs, args.drop_repeats):
            extra_by.setdefault(rows[k][0], []).append(shown(rows[k][4]))
        out = {a: (docs[a][0], [shown(q) for q in docs[a][2]] + extra_by.get(a, [])) for a in docs}
        args.dump.write_bytes(pickle.dumps({"quotes": out, "cpu": 0.0, "n": len(out)}))
        print(f"wrote {args.dump}: the rules' quotes + {sum(map(len, extra_by.values()))} added at {args.threshold} (leave-one-out)")
    for t in args.thresholds:
        chosen = added(rows, prob, t, docs, args.drop_repeats)
        extra = [shown(rows[k][4]) for k in chosen]
        print(f"rules + gate {t:.2f}", line(base + extra), f"| added {len(chosen)}, right ({args.label}) {sum(rows[k][5] for k in chosen)}")
        if args.show is not None and abs(args.show - t) < 1e-9:
            for k in sorted(chosen, key=lambda k: (rows[k][0], rows[k][4].start)):
                r = rows[k]
                mark = ("new" if args.label == "new" else "right") if r[5] else "right" if any_right[k] else "wrong"
                print("   ", mark, r[2], split_of[r[0]], r[0][:12], "|", r[4].speaker, "|", r[4].verb, "|", re.sub(r"\s+", " ", r[4].content)[:90])
    if args.pools:
        extra_by = [(rows[k][0], shown(rows[k][4])) for k in added(rows, prob, args.pools, docs, args.drop_repeats)]
        rng = random.Random(5)
        changes = []
        for _ in range(300):
            part = set(rng.sample(POOL_SPLITS, args.pool_size))
            g = [a for a in gold if split_of[a.article.id] in part]
            ids = {a.article.id for a in g}
            b = [q for q in base if q.article_id in ids]
            q0 = _score_quotes(g, [_Brief(b)])[0]
            q1 = _score_quotes(g, [_Brief(b + [q for a, q in extra_by if a in ids])])[0]
            changes.append((q1.f1 - q0.f1, q1.precision - q0.precision))
        f1 = sorted(c[0] for c in changes)
        p = sorted(c[1] for c in changes)
        print(f"pools of {args.pool_size} splits at {args.pools}: quotes F1 change mean {np.mean(f1):+.4f}, 10th/25th/50th/75th percentile "
              f"{f1[30]:+.4f}/{f1[75]:+.4f}/{f1[150]:+.4f}/{f1[225]:+.4f}; share >= +0.010 {np.mean([x >= 0.010 for x in f1]):.2f}, "
              f">= +0.005 {np.mean([x >= 0.005 for x in f1]):.2f}, > 0 {np.mean([x > 0 for x in f1]):.2f}; "
              f"precision change mean {np.mean(p):+.4f}, share down > 0.01 {np.mean([x < -0.01 for x in p]):.2f}")


def pool_changes(by_split: dict, pools: int, pool_size: int, before, after) -> tuple[list, list, list]:
    """Pools of ``pool_size`` splits drawn in ``by_split``'s order (``random.Random(5)``): the quotes F1,
    statements found and precision changes from ``before(part)`` to ``after(part)`` (each a PRF)."""
    rng = random.Random(5)
    f1, found, prec = [], [], []
    for _ in range(pools):
        part = [g for s in rng.sample(list(by_split), pool_size) for g in by_split[s]]
        q0, q1 = before(part), after(part)
        f1.append(q1.f1 - q0.f1)
        found.append(q1.matched - q0.matched)
        prec.append(q1.precision - q0.precision)
    return f1, found, prec


def pool_summary(f1: list, found: list, prec: list) -> str:
    """The distribution of :func:`pool_changes`, as one line."""
    f = sorted(f1)
    pct = lambda p: f[int(p * len(f))]  # noqa: E731
    return (f"quotes F1 change mean {np.mean(f):+.4f}, 10/25/50/75/90th percentile "
            f"{pct(.1):+.4f}/{pct(.25):+.4f}/{pct(.5):+.4f}/{pct(.75):+.4f}/{pct(.9):+.4f}; share > 0 {np.mean([x > 0 for x in f]):.2f}, "
            f">= +0.005 {np.mean([x >= 0.005 for x in f]):.2f}, >= +0.010 {np.mean([x >= 0.010 for x in f]):.2f}, < 0 {np.mean([x < 0 for x in f]):.2f}; "
            f"statements found more: mean {np.mean(found):.2f}, none in {np.mean([x <= 0 for x in found]):.2f}; "
            f"precision change mean {np.mean(prec):+.4f}, down > 0.01 {np.mean([x < -0.01 for x in prec]):.2f}")


def refit(rows, X, y, gold, split_of, docs, old_train: set[str], args) -> None:
    """The gate fitted on every other split (a refit on all spent splits) against the gate fitted
    on ``old_train`` alone (the shipped one's training splits), each split scored leave-one-out
    by both, counted as the judge counts; then pools of ``--pool-size`` ANT splits drawn among
    the splits scored (what a judge of that size would show)."""
    groups = np.array([split_of[r[0]] for r in rows])
    in_old = np.array([g in old_train for g in groups])
    z_old, z_new = np.zeros(len(rows)), np.zeros(len(rows))
    for name in sorted(set(groups)):
        held = groups == name
        w = fit(X[~held], y[~held], args.l2)
        z_new[held] = X[held] @ w[:-1] + w[-1]
        w = fit(X[~held & in_old], y[~held & in_old], args.l2)
        z_old[held] = X[held] @ w[:-1] + w[-1]
    quotes = {}
    for tag, z in (("old", z_old), ("new", z_new)):
        by = {a: [shown(q) for q in docs[a][2]] for a in docs}
        for k in added(rows, 1 / (1 + np.exp(-z)), args.threshold, docs, args.drop_repeats):
            by[rows[k][0]].append(shown(rows[k][4]))
        quotes[tag] = by

    def score(part, tag):
        return _score_quotes(part, [_Brief([q for g in part for q in quotes[tag][g.article.id]])])

    ant = [g for g in gold if g.path.startswith("ant/")]
    later = [g for g in gold if split_of[g.article.id] not in old_train]
    for name, part in (("all spent", gold), ("ANT", ant), ("not in the old fit", later)):
        for tag in ("old", "new"):
            q, sp, c = score(part, tag)
            print(f"{name:18s} {tag} quotes P/R/F1 {q.precision:.4f}/{q.recall:.4f}/{q.f1:.4f} found {q.matched} "
                  f"predicted {sum(len(quotes[tag][g.article.id]) for g in part)} | speakers P/R {sp.precision:.4f}/{sp.recall:.4f}")
    names = sorted({split_of[g.article.id] for g in ant if split_of[g.article.id] not in ("dev", "test", "fresh2", "fresh3", "fresh4")})
    by_split = {s: [g for g in ant if split_of[g.article.id] == s] for s in names}
    changes = pool_changes(by_split, 1000, args.pool_size, lambda part: score(part, "old")[0], lambda part: score(part, "new")[0])
    print(f"1000 pools of {args.pool_size} ANT splits of {names[0]}..: {pool_summary(*changes)}")


def reach(weights: dict[str, float], bias: float, threshold: float, n: int, seed: int, drop_repeats: bool, old: bool) -> None:
    """How many of ``n`` unlabelled ANT articles the gate adds a quote to."""
    import time

    from khabar.pipeline import analyze_many
    from speaker_ranker_experiment import unlabelled_ant

    articles = unlabelled_ant(n, seed)
    touched = quotes = 0
    cpu = 0.0
    for d in analyze_many(articles):
        t = time.process_time()
        extra = reader.read_statements(
            d.article, d.sentences, _names_by_sentence(d.sentences, d.mentions), d.quotes, weights, bias, threshold,
            drop_repeats=drop_repeats, session30=old,
        )
        cpu += time.process_time() - t
        touched += bool(extra)
        quotes += len(extra)
        for q in extra:
            print(f"{d.article.id[:16]}\t{q.speaker}\t{q.verb}\t{' '.join(q.content.split())[:80]}")
    print(f"reach: {touched} of {len(articles)} ANT articles given a quote more ({touched / max(1, len(articles)):.1%}), "
          f"{quotes} quotes; the reader {1000 * cpu / max(1, len(articles)):.2f} ms CPU an article")


if __name__ == "__main__":
    main()
