"""An experiment: a learned reader of the sentences after a statement that the rules leave
without one (issue 20, session 26).

Not part of the package: measured in session 26, it does not beat the rules by
leave-one-split-out on the spent speaker splits (docs/measurements.md, issue 20, session 26),
so no model ships.  Kept to be rerun when the gold grows.

What it tries: of the statements the rules miss, some stand in a sentence of their own right
after a statement of the same speaker ("ومضى قائلا ..."، a quotation running on, a verb no list
holds).  Every sentence in which the rules find no quote, one or two sentences after one they
do, is a candidate; it is positive when it holds a gold statement of the speaker of the
rules' last quote before it.  A logistic model (numpy, L2, Newton steps) reads general
features from the package's lists -- a reporting verb (``reporting_verbs.txt`` through
``verb_info``) first, in the first five words or anywhere; an أن/إن complement early or
anywhere (``complement_at``); an attribution cue (``cue_at``: وفق، بحسب); quotation marks at
the start, an odd number of them (a quotation running on) or any; a colon; the distance in
sentences; the length; a headline; a digit -- and a sentence it scores at or above a
threshold becomes a quote of that speaker, its content the sentence.  Scored with ``khabar
eval extract``'s own matching (:func:`khabar.evaluate.extraction._score_quotes`), each split's
proposals from a model trained on the other splits.

    python scripts/continuation_model_experiment.py [--splits dev,fresh2,...,fresh28] [--thresholds 0.3 0.4 0.5]

An unspent split (``UNSPENT_SPEAKERS`` of scripts/speaker_errors.py) is refused.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from khabar.evaluate.extraction import _score_quotes, build_briefs, load_gold, norm, read_gold_json, speaker_matches
from khabar.extract.attribution.lists import complement_at, cue_at, verb_info
from khabar.text.ar.normalize import normalize
from khabar.text.ar.segment import split_sentences
from khabar.text.ar.tokenize import words

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speaker_errors import refuse_unspent  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SPENT = "dev," + ",".join(f"fresh{n}" for n in range(2, 29))
#: Quotation marks of news text (straight and angled).
QUOTE_MARKS = frozenset('"«»“”')
#: How many sentences after the rules' last quote a candidate may stand.
REACH = 2


def features(text: str, distance: int, is_title: bool) -> list[float]:
    w = [normalize(x) for x in words(text)]
    marks = sum(text.count(c) for c in QUOTE_MARKS)
    return [float(x) for x in (
        1.0,
        bool(w) and verb_info(w[0]) is not None,
        any(verb_info(x) for x in w[:5]),
        any(verb_info(x) for x in w),
        bool(text) and text[0] in QUOTE_MARKS,
        marks % 2 == 1,
        marks > 0,
        ":" in text[:80],
        any(complement_at(x) for x in w[:6]),
        any(complement_at(x) for x in w),
        distance == 1,
        math.log(1 + len(w)) / 4,
        is_title,
        any(cue_at(tuple(w[k : k + 4])) for k in range(len(w))),
        len(w) < 6,
        any(ch.isdigit() for ch in text),
    )]


def train(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 30) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) / len(y) + l2 * w / len(y)
        hess = (x.T * (p * (1 - p))) @ x / len(y) + l2 * np.eye(len(w)) / len(y)
        w -= np.linalg.solve(hess, grad)
    return w


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--splits", default=SPENT)
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "speakers.json")
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.3, 0.4, 0.5, 0.6])
    args = ap.parse_args()
    refuse_unspent(args.splits)
    split_of = {a["path"]: a["split"] for a in read_gold_json(args.gold)["articles"]}
    gold = load_gold(args.gold, root=ROOT, shared=ROOT.parent / "shared", split=args.splits)
    briefs = build_briefs(gold)
    ids = {g.article.id for g in gold}
    rules = [q for b in briefs for q in b.quotes if q.article_id in ids]
    by_article = defaultdict(list)
    for q in rules:
        by_article[q.article_id].append(q)

    rows, x, y, fold = [], [], [], []
    for g in gold:
        in_sentence = defaultdict(list)
        for q in by_article[g.article.id]:
            in_sentence[q.sentence_index].append(q)
        last, last_index = None, -REACH - 1
        for s in split_sentences(g.article):
            if in_sentence[s.index]:
                last, last_index = in_sentence[s.index][-1], s.index
                continue
            if last is None or s.index - last_index > REACH:
                continue
            holds = any(
                any(norm(k) in norm(s.text) for k in gq.keys) and speaker_matches(gq.speakers, last.speaker) for gq in g.quotes
            )
            rows.append(dataclasses.replace(
                last, sentence_index=s.index, content=s.text, start=s.start, end=s.end, verb=None, direct=False,
            ))
            x.append(features(s.text, s.index - last_index, s.is_title))
            y.append(1.0 if holds else 0.0)
            fold.append(split_of[g.path])
    x_, y_, fold_ = np.array(x), np.array(y), np.array(fold)
    scores = np.zeros(len(y_))
    for split in sorted(set(fold)):
        held = fold_ == split
        w = train(x_[~held], y_[~held])
        scores[held] = 1 / (1 + np.exp(-x_[held] @ w))

    def scored(extra: list) -> str:
        quotes, _, _ = _score_quotes(gold, [SimpleNamespace(quotes=rules + extra)])
        return f"P/R/F1 {quotes.precision:.4f} / {quotes.recall:.4f} / {quotes.f1:.4f} (pred {quotes.predicted}, found {quotes.matched})"

    print(f"{len(gold)} articles, {len(rows)} candidate sentences, {int(y_.sum())} hold a statement of the speaker before")
    print(f"rules alone: {scored([])}")
    for t in args.thresholds:
        chosen = [r for r, s in zip(rows, scores) if s >= t]
        right = int(sum(y_[scores >= t]))
        print(f"threshold {t}: {len(chosen)} proposed ({right} right): {scored(chosen)}")
    print(f"every candidate that holds one (the ceiling): {scored([r for r, v in zip(rows, y) if v])}")


if __name__ == "__main__":
    main()
