"""The stance heads retrained (issue 16, session 34): on the fuller frame reader, or with the spent
ANT splits beside baly2018 and ANS -- development figures on the spent splits, counted as
``khabar eval stance --test`` counts them.

    python scripts/stance_retrain.py [--old-frames FILE] [--sets drawn1 fresh3 ...]
    python scripts/stance_retrain.py --spent-training [--groups 5] [--drawn-weight 5] [--baly-weight 3] [--baly-first]

The frame reader (``khabar.check.frames``) feeds the heads five sentence features (shared names,
swapped names, role swap, agent change, same predicate).  From the cached readings of every pair
(``/tmp/stance-readings``, ``stance_experiments.readings``: encoder vectors and features), those
five columns are read again -- once by ``--old-frames`` (main's reader, e.g. ``git show
e77275d:src/khabar/check/frames.py > /tmp/frames_old.py``) and once by this checkout's -- so the two
arms differ by the reader alone.  In each arm the heads are fitted as the shipped model is
(baly2018 folds 1-4 + ANS train + dev, ``build_stance_model``'s arguments) and every spent set is
judged as the check judges it (``judge_many``, then ``within_event_judgement``); baly2018 folds 1-4
are judged by fold models (each trained on the three other folds and ANS).  The heads are not
trained on drawn/fresh pages, so each of those sets is held out in both arms.  The unspent splits
are refused.  Session 34 ran the first form with session 30's reader checked out
(``git checkout ad9121d -- src/khabar/check/frames.py src/khabar/text/ar/data/frame_verbs.txt``).

``--spent-training``: the heads (main's reader) fitted with the spent drawn/fresh pages beside
baly2018 folds 1-4 and ANS, forecast by leaving groups of sets out: the sets are dealt round-robin
into ``--groups`` groups, each group judged by a model fitted on the others (and baly + ANS);
baly2018 folds 1-4 by fold models fitted on three folds + ANS + every spent set.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from khabar.check import frames as new_frames
from khabar.check import meaning as me
from khabar.check import meaning_model as mm
from khabar.check import within_event_judgement
from khabar.check.pairs import claim_folds, load_data
from khabar.evaluate.stance import LABELS, f1_scores

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stance_experiments import readings, refuse_unspent  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path("/tmp/stance-readings")
SETS = tuple(f"fresh{n}" for n in range(3, 29)) + tuple(f"drawn{n}" for n in range(1, 10))
#: Every spent stance split (session 36: drawn10, drawn11 and fresh29 spent by session 35's judge).
ALL_SPENT = tuple(f"fresh{n}" for n in range(3, 30)) + tuple(f"drawn{n}" for n in range(1, 12))
#: --news-decides: the arms, each the shipped heads with the group's heads as their news heads
#: choosing among these labels (``meaning_model.NEWS_DECIDES``) on the pages the shipped heads call one.
DECIDES = {"side3": ("agree", "disagree", "discuss"), "side2": ("agree", "disagree")}
FRAME_COLUMNS = [me.SENTENCE_FEATURE_COLUMN[n] for n in
                 ("shared_names", "swapped_names", "role_swap", "agent_change", "same_predicate")]


def module_from(path: Path):
    spec = importlib.util.spec_from_file_location("frames_arm", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["frames_arm"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def refreshed(frames, pairs, rs):
    """``rs`` with the claim's frame and every candidate's frame columns read by ``frames``."""
    claims: dict[str, object] = {}
    sentence: dict[str, object] = {}

    def frame_of(text):
        if text not in sentence:
            sentence[text] = frames.read_frame(text)
        return sentence[text]

    def cands(claim_frame, an, c):
        if c is None or not len(c.indices):
            return c
        s = c.scalars.copy()
        for k, i in enumerate(c.indices):
            if s[k, 0] >= me.FRAME_MIN_SEMANTIC:
                m = frames.compare_frames(claim_frame, frame_of(an.doc.sentences[i].text))
                s[k, FRAME_COLUMNS] = (m.shared_names, m.swapped_names, m.role_swap, m.agent_change, m.same_predicate)
            else:
                s[k, FRAME_COLUMNS] = 0.0
        return replace(c, scalars=s)

    out = []
    for p, r in zip(pairs, rs):
        if p.claim not in claims:
            claims[p.claim] = replace(r.claim, frame=frames.read_frame(p.claim))
        cr = claims[p.claim]
        out.append(replace(r, claim=cr, candidates=cands(cr.frame, r.analysis, r.candidates),
                           rationale=cands(cr.frame, r.analysis, r.rationale)))
    return out


def judged(model, pairs, rs) -> list[str]:
    return [within_event_judgement(p.claim, r.analysis, j).label for p, r, j in zip(pairs, rs, model.judge_many(rs))]


def line(name, gold, pred):
    acc, macro, per = f1_scores(gold, pred, LABELS)
    calls = sum(p == "disagree" for p in pred)
    right = sum(p == g == "disagree" for g, p in zip(gold, pred))
    return acc, macro, per.get("disagree", 0.0), calls, right, sum(g == p for g, p in zip(gold, pred))


def corpora(names):
    """baly2018 folds 1-4, ANS train and dev, and the named spent sets' pairs."""
    refuse_unspent(names)
    corp = ROOT.parent / "shared" / "corpora"
    baly = load_data(corp / "baly2018", role="train").pairs
    at = load_data(corp / "ans" / "stance" / "train.csv", role="train").pairs
    ad = load_data(corp / "ans" / "stance" / "dev.csv", role="train").pairs
    sets = {n: load_data(ROOT / "tests" / "gold" / "stance" / f"{n}.jsonl", role="test").pairs for n in names}
    return baly, at, ad, sets


#: --offsets-on-baly: how many of the article head's rows (baly's, first) its offsets are tuned on.
_OFFSET_ROWS = [0]
_OFFSET_ON = [False]


_OFFSET_AFTER = [False]


def _offsets_on_first_rows(tune):
    def tuned(logits, y, labels):
        n = _OFFSET_ROWS[0]
        if n and "discuss" in labels:  # the article head (the sentence head's labels hold no discuss)
            if _OFFSET_AFTER[0]:  # --offsets-on-pages: the rows after baly's
                return tune(logits[n:], list(y)[n:], labels)
            return tune(logits[:n], list(y)[:n], labels)
        return tune(logits, y, labels)
    return tuned


def _articles(readings) -> int:
    return sum(not r.single_sentence for r in readings)


def baly_folds(baly, rb, extra, rextra, weight: int = 1) -> tuple:
    """baly2018 folds 1-4, each judged by heads fitted on the three others (``weight`` times) and
    ``extra``; the :func:`line` of the pooled labels."""
    pred = [""] * len(baly)
    for test in claim_folds(baly, 4):
        held = set(test)
        train = [i for i in range(len(baly)) if i not in held]
        _OFFSET_ROWS[0] = _articles([rb[i] for i in train]) * weight if _OFFSET_ON[0] else 0
        fm = mm.fit_meaning_model([replace(baly[i], fold=None) for i in train] * weight + extra,
                                  [rb[i] for i in train] * weight + rextra, side_dims=mm.SIDE_DIMS, split_reader=True)
        for i, lab in zip(test, judged(fm, [baly[i] for i in test], [rb[i] for i in test])):
            pred[i] = lab
    return line("baly", [p.stance for p in baly], pred)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old-frames", type=Path, default=Path("/tmp/frames_old.py"))
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--no-baly", action="store_true")
    parser.add_argument("--spent-training", action="store_true")
    parser.add_argument("--groups", type=int, default=5)
    parser.add_argument("--drawn-weight", type=int, default=1,
                        help="--spent-training: each drawn page so many times (the kinds weighing nearer alike)")
    parser.add_argument("--baly-weight", type=int, default=1, help="--spent-training: each baly2018 pair so many times")
    parser.add_argument("--baly-first", action="store_true", help="--spent-training: the baly folds before the groups")
    parser.add_argument("--offsets-on-baly", action="store_true",
                        help="--spent-training: the article head's per-label offsets tuned on baly's out-of-fold "
                             "outputs alone (its rows come first), not on the spent pages'")
    parser.add_argument("--news-decides", action="store_true",
                        help="--spent-training: also judge each group by the shipped heads with the group's heads "
                             "choosing only the side of the pages the shipped heads call related (session 36)")
    parser.add_argument("--dump", type=Path, help="--spent-training: every arm's labels per set (JSON), for "
                        "stance_claim_bootstrap.py")
    parser.add_argument("--offsets-on-pages", action="store_true",
                        help="--spent-training: the article head's per-label offsets tuned on the spent pages' "
                             "out-of-fold outputs alone (the news head of session 35), not on baly's too")
    args = parser.parse_args()
    if args.spent_training:
        return spent_training(args)
    baly, at, ad, sets = corpora(args.sets)
    raw = {"baly": readings(CACHE, "baly", baly), "ans-train": readings(CACHE, "ans-train", at),
           "ans-dev": readings(CACHE, "ans-dev", ad)}
    raw.update({n: readings(CACHE, n, sets[n]) for n in args.sets})
    pairs_of = {"baly": baly, "ans-train": at, "ans-dev": ad, **sets}
    arms = {"old": module_from(args.old_frames), "new": new_frames}
    results: dict[str, dict[str, tuple]] = {"shipped": {}}
    shipped = mm.bundled_model()
    for n in args.sets:
        results["shipped"][n] = line(n, [p.stance for p in sets[n]], judged(shipped, sets[n], raw[n]))
    labels_of: dict[str, dict[str, list[str]]] = {}
    for arm, frames in arms.items():
        rs = {k: refreshed(frames, pairs_of[k], v) for k, v in raw.items()}
        model = mm.fit_meaning_model(baly + at + ad, rs["baly"] + rs["ans-train"] + rs["ans-dev"],
                                     side_dims=mm.SIDE_DIMS, split_reader=True)
        results[arm] = {}
        labels_of[arm] = {}
        for n in args.sets:
            labels_of[arm][n] = judged(model, sets[n], rs[n])
            results[arm][n] = line(n, [p.stance for p in sets[n]], labels_of[arm][n])
        if not args.no_baly:
            results[arm]["baly"] = baly_folds(baly, rs["baly"], at + ad, rs["ans-train"] + rs["ans-dev"])
        print(f"arm {arm} done", flush=True)
    report(results, args.sets, labels_of["old"], labels_of["new"], sets)
    return 0


def spent_training(args) -> int:
    baly, at, ad, sets = corpora(args.sets)
    rb, rt, rd = readings(CACHE, "baly", baly), readings(CACHE, "ans-train", at), readings(CACHE, "ans-dev", ad)
    rs = {n: readings(CACHE, n, sets[n]) for n in args.sets}
    groups = [args.sets[k::args.groups] for k in range(args.groups)]
    shipped = mm.bundled_model()
    arms = ["shipped", "spent"] + (list(DECIDES) if args.news_decides else [])
    results: dict[str, dict[str, tuple]] = {a: {} for a in arms}
    labels: dict[str, dict[str, list[str]]] = {a: {} for a in arms}

    def times(n):
        return args.drawn_weight if n.startswith("drawn") else 1

    def spent_pairs(names):
        ps = [replace(p, fold=None) for n in names for _ in range(times(n)) for p in sets[n]]
        return ps, [r for n in names for _ in range(times(n)) for r in rs[n]]

    bw = args.baly_weight
    if args.offsets_on_baly or args.offsets_on_pages:
        mm.tune_offsets = _offsets_on_first_rows(mm.tune_offsets)
        _OFFSET_ON[0] = True
        _OFFSET_AFTER[0] = args.offsets_on_pages

    def baly_part():
        ps, prs = spent_pairs(args.sets)
        results["spent"]["baly"] = baly_folds(baly, rb, at + ad + ps, rt + rd + prs, bw)
        print("baly " + " ".join(f"{x:.3f}" for x in results["spent"]["baly"]), flush=True)

    if args.baly_first and not args.no_baly:
        baly_part()
    for n in args.sets:
        labels["shipped"][n] = judged(shipped, sets[n], rs[n])
    for held in groups:
        ps, prs = spent_pairs([n for n in args.sets if n not in held])
        _OFFSET_ROWS[0] = _articles(rb) * bw if _OFFSET_ON[0] else 0
        model = mm.fit_meaning_model(baly * bw + at + ad + ps, rb * bw + rt + rd + prs, side_dims=mm.SIDE_DIMS, split_reader=True)
        for n in held:
            labels["spent"][n] = judged(model, sets[n], rs[n])
        if args.news_decides:
            keep = mm.NEWS_DECIDES
            for arm, decides in DECIDES.items():
                mm.NEWS_DECIDES = decides
                hybrid = replace(shipped, news=model)
                for n in held:
                    labels[arm][n] = judged(hybrid, sets[n], rs[n])
            mm.NEWS_DECIDES = keep
        print(f"group {held} done", flush=True)
    for arm in results:
        for n in args.sets:
            results[arm][n] = line(n, [p.stance for p in sets[n]], labels[arm][n])
    if args.dump:
        import json
        args.dump.write_text(json.dumps({"gold": {n: [p.stance for p in sets[n]] for n in args.sets},
                                         "claims": {n: [p.claim for p in sets[n]] for n in args.sets},
                                         "labels": labels}, ensure_ascii=False))
    for arm in arms[2:]:
        print(f"--- arm {arm} against shipped")
        report({"shipped": results["shipped"], arm: results[arm]}, args.sets, labels["shipped"], labels[arm], sets)
    if not args.no_baly and not args.baly_first:
        report(results, args.sets, labels["shipped"], labels["spent"], sets)  # before the slow part
        baly_part()
    report(results, args.sets, labels["shipped"], labels["spent"], sets)
    return 0


def report(results, names_, before, after, sets) -> None:
    """Per set and arm: accuracy, macro-F1, disagree F1, disagree calls (right), pages right; the
    means per kind; the pages ``after`` labels otherwise than ``before``, by gold."""
    print("set        " + "  ".join(f"{a:>34s}" for a in results))
    print("           " + "  ".join(f"{'acc  macro  dis  calls(right) ok':>34s}" for _ in results))
    for n in [*names_, "baly"]:
        cells = []
        for a in results:
            if n in results[a]:
                acc, macro, dis, calls, right, ok = results[a][n]
                cells.append(f"{acc:.3f} {macro:.3f} {dis:.3f} {calls:4d}({right:3d}) {ok:4d}")
            else:
                cells.append(" " * 34)
        print(f"{n:10s} " + "  ".join(f"{c:>34s}" for c in cells))
    for kind in ("fresh", "drawn"):
        names = [n for n in names_ if n.startswith(kind)]
        if not names:
            continue
        for a in results:
            v = np.array([results[a][n] for n in names], dtype=float)
            print(f"{kind} {a:8s} mean acc {v[:, 0].mean():.4f} mean macro {v[:, 1].mean():.4f} "
                  f"mean disagree {v[:, 2].mean():.4f} calls {int(v[:, 3].sum())} right {int(v[:, 4].sum())} "
                  f"pages right {int(v[:, 5].sum())}")
    from collections import Counter
    for kind in ("fresh", "drawn"):
        moves = Counter((g.stance, a, b) for n in names_ if n.startswith(kind)
                        for g, a, b in zip(sets[n], before[n], after[n]) if a != b)
        total = sum(len(sets[n]) for n in names_ if n.startswith(kind))
        print(f"{kind}: {sum(moves.values())} of {total} pages changed; (gold, before, after): "
              + ", ".join(f"{k}: {v}" for k, v in moves.most_common()))


if __name__ == "__main__":
    sys.exit(main())
