"""Rebuild the event gate that ships with khabar (``src/khabar/check/data/event-gate.npz``).

    python scripts/build_event_gate.py [--cache /tmp/stance-readings] [--output FILE]
    python scripts/build_event_gate.py --folds      # each set's pages read by a gate fitted
                                                    # without that set (development figures)

The gate (:mod:`khabar.check.event_gate`) reads the event signature of a page the article head
calls *disagree* and says whether that call is right.  It is fitted on spent labelled pages
only, those whose head call is *disagree* and which no later reading changed: baly2018 folds 1-4
(fold 5 is held out and absent; each page read by a meaning model trained without its fold,
``build_relatedness_gate.fold_models``), fresh3..fresh27 and drawn1..drawn8 (read by the shipped
model, which never trained on them); each page weighs alike.  Readings are cached under
``--cache`` (:func:`stance_experiments.readings`).  The unspent splits are refused
(``stance_experiments.refuse_unspent``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from khabar.check import meaning_model as mm
from khabar.check import within_event_judgement
from khabar.check.event import claim_terms_cosine
from khabar.check.event_gate import BUNDLED, DISAGREE_AT, GATE_FEATURES, event_gate_row, gate_arrays
from khabar.check.network import fit_network
from khabar.evaluate.stance import LABELS, f1_scores

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_relatedness_gate import collect, gate_parser, write_gate  # noqa: E402

DEV_SETS = tuple(f"fresh{n}" for n in range(3, 28)) + tuple(f"drawn{n}" for n in range(1, 9))
L2 = 1.0


def rows_of(model, pairs, rs, group: str) -> list[dict]:
    """Each page's gold, the check's label without the gate and, for a head *disagree* that
    is still the label, the gate's row."""
    was = mm.READ_EVENT_GATE
    mm.READ_EVENT_GATE = False
    try:
        judged = model.judge_many(rs)
    finally:
        mm.READ_EVENT_GATE = was
    out = []
    for p, r, j in zip(pairs, rs, judged):
        head = model._judge_heads(r)[2]
        row = None
        if j.label == "disagree" and head == "disagree":
            row = event_gate_row(r.analysis.features, r.candidates, mm.same_event_score(r),
                                 claim_terms_cosine(r.claim.view.text, r.analysis.doc.article))
        out.append({"group": group, "kind": group.rstrip("0123456789"), "gold": p.stance, "judgement": j,
                    "row": row, "claim": p.claim, "analysis": r.analysis})
    return out


def fit(rows: list[dict]):
    gated = [r for r in rows if r["row"] is not None]
    x = np.vstack([r["row"] for r in gated])
    y = ["disagree" if r["gold"] == "disagree" else "other" for r in gated]
    return fit_network(x, y, labels=("disagree", "other"), l2=L2, balance=0.0)


def final(r: dict, label: str) -> str:
    j = r["judgement"]
    return within_event_judgement(r["claim"], r["analysis"], mm.Judgement(label, j.score, j.evidence, j.similarity)).label


def folds(rows: list[dict], at: float) -> None:
    """Each group's pages read by a gate fitted without that group (baly's folds without the
    held-out fold); figures per set and per kind, and where the turned pages went."""
    groups = sorted({r["group"] for r in rows}, key=lambda g: (g.rstrip("0123456789"), int(g.lstrip("abcdefghijklmnopqrstuvwxyz"))))
    new = {}
    for g in groups:
        gate = fit([r for r in rows if r["group"] != g])
        for r in rows:
            if r["group"] == g:
                refused = r["row"] is not None and gate.probabilities(r["row"])[0, gate.labels.index("disagree")] < at
                new[id(r)] = "discuss" if refused else r["judgement"].label
    moves: dict[tuple, int] = {}
    for kind in ("fresh", "drawn", "baly"):
        per, pooled = [], []
        for g in [g for g in groups if g.rstrip("0123456789") == kind]:
            rr = [r for r in rows if r["group"] == g]
            gold = [r["gold"] for r in rr]
            before = [final(r, r["judgement"].label) for r in rr]
            after = [final(r, new[id(r)]) for r in rr]
            for r, a, b in zip(rr, before, after):
                if a != b:
                    moves[(kind, r["gold"], a, b)] = moves.get((kind, r["gold"], a, b), 0) + 1
            (a0, m0, f0), (a1, m1, f1) = f1_scores(gold, before, LABELS), f1_scores(gold, after, LABELS)
            calls = [(sum(p == "disagree" for p in ps), sum(p == q == "disagree" for p, q in zip(ps, gold))) for ps in (before, after)]
            print(f"  {g:8s} macro {m0:.3f} -> {m1:.3f} disagree F1 {f0.get('disagree', 0.0):.3f} -> {f1.get('disagree', 0.0):.3f} "
                  f"accuracy {a0:.3f} -> {a1:.3f} calls {calls[0][0]}({calls[0][1]} right) -> {calls[1][0]}({calls[1][1]})")
            per.append((m0, m1, f0.get("disagree", 0.0), f1.get("disagree", 0.0), a0, a1, calls))
            pooled += list(zip(gold, before, after))
        a = np.array([p[:6] for p in per])
        c0 = sum(p[6][0][0] for p in per), sum(p[6][0][1] for p in per)
        c1 = sum(p[6][1][0] for p in per), sum(p[6][1][1] for p in per)
        _, pm0, pf0 = f1_scores([g for g, _, _ in pooled], [p for _, p, _ in pooled], LABELS)
        _, pm1, pf1 = f1_scores([g for g, _, _ in pooled], [p for _, _, p in pooled], LABELS)
        print(f"{kind}: mean macro-F1 {a[:, 0].mean():.4f} -> {a[:, 1].mean():.4f}, mean disagree F1 {a[:, 2].mean():.4f} -> "
              f"{a[:, 3].mean():.4f}, mean accuracy {a[:, 4].mean():.3f} -> {a[:, 5].mean():.3f}; pooled macro-F1 {pm0:.4f} -> "
              f"{pm1:.4f}, disagree F1 {pf0.get('disagree', 0.0):.3f} -> {pf1.get('disagree', 0.0):.3f}; disagree calls {c0[0]} ({c0[1]} right) -> "
              f"{c1[0]} ({c1[1]} right)")
    for k in sorted(moves):
        print("  turned", k, moves[k])


def main() -> int:
    ap = gate_parser(__doc__, BUNDLED)
    ap.add_argument("--at", type=float, default=DISAGREE_AT, help="the threshold --folds reads at")
    args = ap.parse_args()
    rows = collect(args.cache, DEV_SETS, rows_of)
    if args.folds:
        folds(rows, args.at)
        return 0
    write_gate(args.output, fit(rows), rows, gate_arrays, GATE_FEATURES, DEV_SETS, L2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
