"""Rebuild the relatedness gate that ships with khabar (``src/khabar/check/data/relatedness-gate.npz``).

    python scripts/build_relatedness_gate.py [--cache /tmp/stance-readings] [--output FILE]
    python scripts/build_relatedness_gate.py --folds      # each set's pages read by a gate
                                                          # fitted without that set (development
                                                          # figures, the gate's sweep)

The gate (:mod:`khabar.check.relatedness`) reads a page's pair reading and the article head's
margin for *unrelated*, and says whether the page is of the claim's matter.  It is fitted on
spent labelled pages only: baly2018 folds 1-4 (fold 5 is held out and absent; each page's head
margin from a meaning model trained, as the shipped one, without that page's fold -- so the
margin is what the head says of an unseen claim), the fresh sets fresh3..fresh23 and drawn1-2
(read by the shipped model, which never trained on them).  The three kinds weigh alike: baly2018's
2,429 pages (a third unrelated, of the claim's topic), the fresh sets' 2,007 (8 % unrelated,
written on one story) and the drawn sets' 129 (45 %, as the check's search finds pages).
Readings are cached under ``--cache`` (:func:`stance_experiments.readings`), as are the fold
models (``fold-models.pkl``, trained with ANS train and dev as the shipped model is; ~15 min on
two cores when absent).  The unspent splits are refused (``stance_experiments.refuse_unspent``).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from khabar.check import meaning_model as mm
from khabar.check.model_io import write_npz
from khabar.check.network import fit_network
from khabar.check.pairs import claim_folds, load_data
from khabar.check.relatedness import BUNDLED, GATE_FEATURES, RELATED_AT, gate_arrays, gate_row
from khabar.evaluate.stance import LABELS, f1_scores

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stance_experiments import ROOT, readings, refuse_unspent  # noqa: E402

DEV_SETS = tuple(f"fresh{n}" for n in range(3, 24)) + ("drawn1", "drawn2")
L2 = 1.0


def fold_models(cache: Path, baly, rb) -> list:
    path = cache / "fold-models.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    corp = ROOT.parent / "shared" / "corpora"
    at = load_data(corp / "ans" / "stance" / "train.csv", role="train").pairs
    ad = load_data(corp / "ans" / "stance" / "dev.csv", role="train").pairs
    rt, rd = readings(cache, "ans-train", at), readings(cache, "ans-dev", ad)
    models = []
    for test in claim_folds(baly, 4):
        held = set(test)
        train = [i for i in range(len(baly)) if i not in held]
        models.append((list(test), mm.fit_meaning_model([replace(baly[i], fold=None) for i in train] + at + ad,
                                                        [rb[i] for i in train] + rt + rd,
                                                        side_dims=mm.SIDE_DIMS, split_reader=True)))
    path.write_bytes(pickle.dumps(models))
    return models


def rows_of(model, pairs, rs, group: str) -> list[dict]:
    """Each page's gate row (None for a page the article head does not read), gold and the
    label the check gives it without the gate."""
    was = mm.READ_RELATED_GATE
    mm.READ_RELATED_GATE = False
    try:
        labels = [j.label for j in model.judge_many(rs)]
    finally:
        mm.READ_RELATED_GATE = was
    out = []
    for p, r, label in zip(pairs, rs, labels):
        _, margin, _ = model._judge_heads(r)
        row = None if margin is None else gate_row(r.analysis.features, r.candidates, margin, mm.same_event_score(r))
        out.append({"group": group, "kind": group.rstrip("0123456789"), "gold": p.stance, "label": label, "row": row,
                    "claim": p.claim, "analysis": r.analysis})
    return out


def collect(cache: Path, sets: tuple[str, ...] = DEV_SETS, rows=None) -> list[dict]:
    """``rows`` (default :func:`rows_of`) of each page of ``sets`` read by the shipped model and
    of baly2018 folds 1-4 each read by the fold model that did not train on it."""
    rows = rows or rows_of
    refuse_unspent(sets)
    out: list[dict] = []
    bundled = mm.bundled_model()
    for name in sets:
        pairs = load_data(ROOT / "tests" / "gold" / "stance" / f"{name}.jsonl", role="test").pairs
        out += rows(bundled, pairs, readings(cache, name, pairs), name)
    baly = load_data(ROOT.parent / "shared" / "corpora" / "baly2018", role="train").pairs
    rb = readings(cache, "baly", baly)
    for k, (test, model) in enumerate(fold_models(cache, baly, rb)):
        out += rows(model, [baly[i] for i in test], [rb[i] for i in test], f"baly{k}")
    return out


def kind_weights(rows: list[dict]) -> None:
    """Each page's weight (``r["weight"]``): the three kinds of set weigh alike."""
    gated = [r for r in rows if r["row"] is not None]
    kinds = [r["kind"] for r in gated]
    for r in gated:
        r["weight"] = len(gated) / len(set(kinds)) / kinds.count(r["kind"])


def fit(rows: list[dict]):
    gated = [r for r in rows if r["row"] is not None]
    x = np.vstack([r["row"] for r in gated])
    y = ["unrelated" if r["gold"] == "unrelated" else "related" for r in gated]
    weight = np.array([r["weight"] for r in gated])
    return fit_network(x, y, labels=("related", "unrelated"), l2=L2, balance=0.0, sample_weight=weight)


def folds(rows: list[dict]) -> None:
    """Each group's pages read by a gate fitted without that group (the pages' weights as in
    the shipped fit: a held-out set does not raise its kind's other sets); figures per kind."""
    from khabar.check import within_event_judgement

    groups = sorted({r["group"] for r in rows})
    new = {}
    for g in groups:
        gate = fit([r for r in rows if r["group"] != g])
        for r in rows:
            if r["group"] == g:
                label = r["label"]
                if label == "unrelated" and r["row"] is not None and \
                        gate.probabilities(r["row"])[0, gate.labels.index("related")] >= RELATED_AT:
                    label = "discuss"
                new[id(r)] = label
    for kind in ("fresh", "drawn", "baly"):
        before, after, means = [], [], []
        for g in [g for g in groups if g.rstrip("0123456789") == kind]:
            rr = [r for r in rows if r["group"] == g]
            judged = [within_event_judgement(r["claim"], r["analysis"], mm.Judgement(x, 1.0, ())).label
                      for r, x in ((r, new[id(r)]) for r in rr)]
            plain = [within_event_judgement(r["claim"], r["analysis"], mm.Judgement(r["label"], 1.0, ())).label for r in rr]
            gold = [r["gold"] for r in rr]
            means.append((f1_scores(gold, plain, LABELS)[1], f1_scores(gold, judged, LABELS)[1]))
            before += list(zip(gold, plain))
            after += list(zip(gold, judged))
        a0, m0, _ = f1_scores([g for g, _ in before], [p for _, p in before], LABELS)
        a1, m1, _ = f1_scores([g for g, _ in after], [p for _, p in after], LABELS)
        turned = sum(p != q for (_, p), (_, q) in zip(before, after))
        print(f"{kind}: mean macro-F1 {np.mean([m for m, _ in means]):.4f} -> {np.mean([m for _, m in means]):.4f}; "
              f"pooled macro-F1 {m0:.4f} -> {m1:.4f}, accuracy {a0:.3f} -> {a1:.3f}; {turned} of {len(before)} pages turned")


def gate_parser(doc: str, bundled: str) -> argparse.ArgumentParser:
    """The arguments every gate build script takes: ``--cache`` (the readings), ``--output``
    (default the shipped file ``bundled`` under ``check/``) and ``--folds`` (figures with each
    set held out instead of writing)."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/stance-readings"))
    ap.add_argument("--output", type=Path, default=ROOT / "src" / "khabar" / "check" / bundled)
    ap.add_argument("--folds", action="store_true")
    return ap


def main() -> int:
    args = gate_parser(__doc__, BUNDLED).parse_args()
    rows = collect(args.cache)
    kind_weights(rows)
    if args.folds:
        folds(rows)
        return 0
    write_gate(args.output, fit(rows), rows, gate_arrays, GATE_FEATURES, DEV_SETS, L2)
    return 0


def write_gate(output: Path, gate, rows: list[dict], arrays_of, features: tuple[str, ...], sets: tuple[str, ...],
               l2: float) -> None:
    """Write a fitted gate with its description (pages read by kind, inputs, L2, the sets it
    learnt from besides baly2018): the relatedness gate's and the event gate's
    (``build_event_gate.py``), each by its own ``arrays_of``."""
    counts = {k: sum(1 for r in rows if r["kind"] == k and r["row"] is not None) for k in ("baly", "fresh", "drawn")}
    write_npz(output, arrays_of(gate, {"pages": counts, "features": list(features), "l2": l2,
                                       "sets": ["baly2018 folds 1-4", *sets]}))
    print(f"wrote {output}: {counts}")


if __name__ == "__main__":
    raise SystemExit(main())
