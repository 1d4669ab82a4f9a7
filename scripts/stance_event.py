"""Same event before stance (issue 16, session 12): how a check that a page reports the
claim's own event, applied before the heads' label, moves the held-out figures.

    python scripts/stance_event.py fit            # judgements of the models, kept in --cache
    python scripts/stance_event.py score          # every gate over the kept judgements

``fit`` trains two meaning models as the shipped one is built (session 10's procedure and
session 11's pair reader, ``side_dims=64, split_reader=True``) and keeps their judgements of
(1) baly2018 folds 1-4 cross-validated by claim, each fold trained on the three others and
ANS train + dev; (2) ANS dev, trained on ANS train; (3) each ``--fresh`` file, trained on
everything.  ``score`` applies each gate of :data:`GATES` to those judgements (a gate turns a
label into *unrelated*; it never reads a one-sentence pair) and prints macro-F1 and F1 per
label.  Development figures only; the readings come from ``scripts/stance_experiments.py``'s
cache (``--cache``).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stance_experiments import ROOT, readings, refuse_unspent  # noqa: E402

from khabar.check import event as ev  # noqa: E402
from khabar.check import meaning_model as mm  # noqa: E402
from khabar.check.pairs import claim_folds, load_data  # noqa: E402
from khabar.evaluate.stance import ANS_LABELS, LABELS, f1_scores  # noqa: E402

CONFIGS = {"session10": {}, "reader": {"side_dims": 64, "split_reader": True},
           # the reader trained only on pages of the claim's event, as it reads them once the gate is in
           # front of it: a page the gate calls another event is left out of its training
           "reader-in-event": {"side_dims": 64, "split_reader": True, "in_event": True}}
FRESH = [ROOT / "tests" / "gold" / "stance" / f"fresh{n}.jsonl" for n in range(3, 8)]


def data(corpora: Path, cache: Path, fresh: list[Path]):
    baly = load_data(corpora / "baly2018", role="train").pairs
    ans_train = load_data(corpora / "ans" / "stance" / "train.csv", role="train").pairs
    ans_dev = load_data(corpora / "ans" / "stance" / "dev.csv", role="train").pairs
    rb = readings(cache, "baly", baly)
    rt, rd = readings(cache, "ans-train", ans_train), readings(cache, "ans-dev", ans_dev)
    sets = {"baly2018 folds 1-4": (baly, rb), "ANS dev": (ans_dev, rd)}
    for path in fresh:
        test = load_data(path, role="test").pairs
        sets[path.stem] = (test, readings(cache, path.stem, test))
    return sets, (baly, rb), (ans_train, rt), (ans_dev, rd)


def fit(args) -> None:
    sets, (baly, rb), (at, rt), (ad, rd) = data(args.corpora, args.cache, args.fresh)
    kept = args.cache / "event-judgements.pkl"
    out = pickle.loads(kept.read_bytes()) if kept.exists() else {}
    for name, kw in CONFIGS.items():
        if args.only and name not in args.only:
            continue
        kw = dict(kw)
        if kw.pop("in_event", False):
            plain = mm.fit_meaning_model

            def fit_in_event(pairs, rs, _plain=plain, **k):
                keep = [i for i, (p, r) in enumerate(zip(pairs, rs))
                        if r.single_sentence or not ev.other_event(p.claim, p.doc.article)]
                return _plain([pairs[i] for i in keep], [rs[i] for i in keep], **k)

            fitter = fit_in_event
        else:
            fitter = mm.fit_meaning_model
        j: dict[str, list] = {}
        pred = [None] * len(baly)
        for test in claim_folds(baly, 4):
            held = set(test)
            train = [i for i in range(len(baly)) if i not in held]
            model = fitter([replace(baly[i], fold=None) for i in train] + at + ad,
                                         [rb[i] for i in train] + rt + rd, **kw)
            for i in test:
                pred[i] = model.judge(rb[i])
        j["baly2018 folds 1-4"] = pred
        model = fitter(at, rt, **kw)
        j["ANS dev"] = [model.judge(r) for r in rd]
        model = fitter(baly + at + ad, rb + rt + rd, **kw)
        for path in args.fresh:
            test, rs = sets[path.stem]
            j[path.stem] = [model.judge(r) for r in rs]
        out[name] = j
        print(name, "fitted", flush=True)
        kept.write_bytes(pickle.dumps(out))


def _ans(label: str) -> str:
    return label if label in ("agree", "disagree") else "other"


def score(args) -> None:
    sets, *_ = data(args.corpora, args.cache, args.fresh)
    judged = pickle.loads((args.cache / "event-judgements.pkl").read_bytes())
    for gate_name, gate in GATES.items():
        for model, js in judged.items():
            for set_name, (pairs, rs) in sets.items():
                if set_name not in js:
                    continue
                labels = []
                for p, r, jd in zip(pairs, rs, js[set_name]):
                    lb = jd.label
                    if not r.single_sentence and gate is not None:
                        best = jd.similarity[0] if jd.similarity else 0.0
                        lb = gate(p.claim, p.doc.article, lb, best)
                    labels.append(lb)
                gold = [p.stance for p in pairs]
                if set_name == "ANS dev":
                    acc, macro, per = f1_scores([_ans(g) for g in gold], [_ans(x) for x in labels], ANS_LABELS)
                else:
                    acc, macro, per = f1_scores(gold, labels, LABELS)
                print(f"{gate_name:14s} {model:10s} {set_name:20s} macro-F1 {macro:.3f} "
                      + " ".join(f"{k} {v:.3f}" for k, v in per.items()), flush=True)


def _session11_place(claim: str, article, label: str, best: float) -> str:
    """Session 11's rule, for comparison: the claim's places by their keys (proclitics
    stripped from both sides), an article naming none of them unrelated."""
    from khabar.extract.entities import PLACE, find_mentions
    from khabar.model import Article, Sentence
    from khabar.text.ar.clitics import bare_word
    from khabar.text.ar.normalize import normalize

    a = Article(id="claim", title="", body=claim)
    keys = {tuple(bare_word(w) for w in m.name_key.split())
            for m in find_mentions(a, [Sentence("claim", 0, 0, len(claim), claim)]) if m.kind == PLACE}
    if label == "unrelated" or not keys:
        return label
    bare = " " + " ".join(bare_word(w) for w in normalize(article.text).split()) + " "
    if any(f" {' '.join(k)} " in bare for k in keys):
        return label
    return label if label == "disagree" and best >= ev.SAME_REPORT_AT else "unrelated"


def _keep_close(claim: str, article, label: str, best: float) -> str:
    """The event gate, a close restatement keeping agree as well as disagree."""
    if label in ("agree", "disagree") and best >= ev.SAME_REPORT_AT:
        return label
    return ev.within_event(claim, article, label, best)


def _no_year(claim: str, article, label: str, best: float) -> str:
    if label == "unrelated" or not ev.claim_anchors(claim).places:
        return label
    anchors = ev.claim_anchors(claim)
    page = ev.page_of(article)
    where = anchors.local or anchors.places
    if any(page.names(p) for p in where) or any(page.names(a) for a in anchors.actors):
        return label
    return label if label == "disagree" and best >= ev.SAME_REPORT_AT else "unrelated"


GATES = {"none": None, "session11": _session11_place, "event": ev.within_event, "event-close": _keep_close,
         "event-noyear": _no_year}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["fit", "score"])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/khabar-stance-readings"))
    parser.add_argument("--fresh", type=Path, nargs="*", default=FRESH)
    parser.add_argument("--only", nargs="*", default=[], help="fit these configurations only (kept beside the others)")
    args = parser.parse_args()
    refuse_unspent(args.fresh)
    {"fit": fit, "score": score}[args.step](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
