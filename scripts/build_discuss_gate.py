"""Rebuild the discuss gate that ships with khabar (``src/khabar/check/data/discuss-gate.npz``).

    python scripts/build_discuss_gate.py [--cache /tmp/stance-readings] [--output FILE]
    python scripts/build_discuss_gate.py --folds    # each set's pages read by a gate fitted
                                                    # without that set (development figures)

The gate (:mod:`khabar.check.discuss_gate`) reads a page the check calls *discuss* and says
whether it states the claim (*agree*), tells another happening (*unrelated*) or discusses it.
It is fitted on spent labelled pages only, those the check (every reading, the within-event
rule included) calls *discuss*: baly2018 folds 1-4 (fold 5 is held out and absent; each page
read by a meaning model trained without its fold, ``build_relatedness_gate.fold_models``),
fresh3..fresh28 and drawn1..drawn9 (read by the shipped model, which never trained on them);
the three kinds weigh alike.  Readings are cached under ``--cache``
(:func:`stance_experiments.readings`).  The unspent splits are refused
(``stance_experiments.refuse_unspent``).
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

import numpy as np

from khabar.check import meaning_model as mm
from khabar.check import within_event_judgement
from khabar.check.discuss_gate import AGREE_AT, BUNDLED, GATE_FEATURES, LABELS, UNRELATED_AT, DiscussGate, gate_arrays
from khabar.check.network import fit_network
from khabar.evaluate.stance import LABELS as STANCES
from khabar.evaluate.stance import f1_scores

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_relatedness_gate import collect, gate_parser, write_gate  # noqa: E402

DEV_SETS = tuple(f"fresh{n}" for n in range(3, 29)) + tuple(f"drawn{n}" for n in range(1, 10))
L2 = 1.0


def rows_of(model, pairs, rs, group: str) -> list[dict]:
    """Each page's gold, the check's final label without the gate and, for a page it calls
    *discuss* that the article head reads, the gate's row."""
    was = mm.READ_DISCUSS_GATE
    mm.READ_DISCUSS_GATE = False
    try:
        judged = model.judge_many(rs)
    finally:
        mm.READ_DISCUSS_GATE = was
    out = []
    for p, r, j in zip(pairs, rs, judged):
        label = within_event_judgement(p.claim, r.analysis, j).label
        row = None
        if label == "discuss" and not r.single_sentence and model.article is not None and len(r.candidates.indices):
            row = model.discuss_gate_row(r)
        out.append({"group": group, "kind": group.rstrip("0123456789"), "gold": p.stance, "label": label, "row": row})
    return out


def fit(rows: list[dict]):
    gated = [r for r in rows if r["row"] is not None]
    x = np.vstack([r["row"] for r in gated])
    y = [r["gold"] if r["gold"] in ("agree", "unrelated") else "discuss" for r in gated]
    kinds = [r["kind"] for r in gated]
    weight = np.array([len(gated) / len(set(kinds)) / kinds.count(k) for k in kinds])
    return fit_network(x, y, labels=LABELS, l2=L2, balance=0.0, sample_weight=weight)


def folds(rows: list[dict], agree_at: float, unrelated_at: float) -> None:
    """Each group's pages read by a gate fitted without that group (baly's folds without the
    held-out fold); figures per set and per kind, and where the turned pages went."""
    groups = sorted({r["group"] for r in rows}, key=lambda g: (g.rstrip("0123456789"), int(g.lstrip("abcdefghijklmnopqrstuvwxyz"))))
    new = {}
    for g in groups:
        gate = DiscussGate(fit([r for r in rows if r["group"] != g]), agree_at, unrelated_at)
        for r in rows:
            if r["group"] == g:
                new[id(r)] = gate.reads(r["row"]) if r["row"] is not None else r["label"]
    moves: collections.Counter = collections.Counter()
    for kind in ("fresh", "drawn", "baly"):
        per, pooled = [], []
        for g in [g for g in groups if g.rstrip("0123456789") == kind]:
            rr = [r for r in rows if r["group"] == g]
            gold = [r["gold"] for r in rr]
            before = [r["label"] for r in rr]
            after = [new[id(r)] for r in rr]
            for r, a, b in zip(rr, before, after):
                if a != b:
                    moves[(kind, r["gold"], a, b)] += 1
            (a0, m0, f0), (a1, m1, f1) = f1_scores(gold, before, STANCES), f1_scores(gold, after, STANCES)
            right = sum(x == y for x, y in zip(gold, before)), sum(x == y for x, y in zip(gold, after))
            print(f"  {g:8s} macro {m0:.3f} -> {m1:.3f} disagree F1 {f0.get('disagree', 0.0):.3f} -> {f1.get('disagree', 0.0):.3f} "
                  f"accuracy {a0:.3f} -> {a1:.3f} right {right[0]} -> {right[1]} of {len(rr)}")
            per.append((m0, m1, a0, a1))
            pooled += list(zip(gold, before, after))
        a = np.array(per)
        (pa0, pm0, _), (pa1, pm1, _) = (f1_scores([g for g, _, _ in pooled], [p for _, p, _ in pooled], STANCES),
                                        f1_scores([g for g, _, _ in pooled], [p for _, _, p in pooled], STANCES))
        turned = sum(b != c for _, b, c in pooled)
        print(f"{kind}: mean macro-F1 {a[:, 0].mean():.4f} -> {a[:, 1].mean():.4f}, mean accuracy {a[:, 2].mean():.4f} -> "
              f"{a[:, 3].mean():.4f} (sets down {sum(x[3] < x[2] for x in per)}, macro down {sum(x[1] < x[0] for x in per)}); "
              f"pooled macro-F1 {pm0:.4f} -> {pm1:.4f}, accuracy {pa0:.4f} -> {pa1:.4f}; {turned} of {len(pooled)} pages turned")
    for k in sorted(moves):
        print("  turned", k, moves[k])


def main() -> int:
    ap = gate_parser(__doc__, BUNDLED)
    ap.add_argument("--agree-at", type=float, default=AGREE_AT, help="the agree threshold --folds reads at")
    ap.add_argument("--unrelated-at", type=float, default=UNRELATED_AT, help="the unrelated threshold --folds reads at")
    args = ap.parse_args()
    rows = collect(args.cache, DEV_SETS, rows_of)
    if args.folds:
        folds(rows, args.agree_at, args.unrelated_at)
        return 0
    write_gate(args.output, fit(rows), rows, gate_arrays, GATE_FEATURES, DEV_SETS, L2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
