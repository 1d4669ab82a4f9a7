"""Rebuild the disagree gate that ships with khabar (``src/khabar/check/data/disagree-gate.npz``).

    python scripts/build_disagree_gate.py [--cache /tmp/stance-readings] [--output FILE]
    python scripts/build_disagree_gate.py --folds      # each set's pages read by a gate fitted
                                                       # without that set (development figures)

The gate (:mod:`khabar.check.disagreement`) reads the article head's input on a page the head
calls *disagree* and says whether the call is right.  It is fitted on spent labelled pages
only, those the head calls disagree: baly2018 folds 1-4 (fold 5 is held out and absent; each
page read by a meaning model trained, as the shipped one, without that page's fold), the fresh
sets fresh3..fresh24 and drawn1-5 (read by the shipped model, which never trained on them).
The kinds weigh by the square root of the weight that would make them alike (baly2018 ~40 such
pages, the fresh sets ~360, the drawn sets ~30, none of these right): alike, the drawn sets'
few pages decided the gate and cost the fresh sets' real disagreement most (session 28).
Readings and the fold models are cached under ``--cache`` as for
``scripts/build_relatedness_gate.py``.  The unspent splits are refused
(``stance_experiments.refuse_unspent``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from khabar.check import meaning_model as mm
from khabar.check import within_event_judgement
from khabar.check.disagreement import BUNDLED, DISAGREE_AT, gate_arrays
from khabar.check.model_io import write_npz
from khabar.check.network import fit_network
from khabar.check.pairs import load_data
from khabar.evaluate.stance import LABELS, f1_scores

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_relatedness_gate import fold_models  # noqa: E402
from stance_experiments import ROOT, readings, refuse_unspent  # noqa: E402

DEV_SETS = tuple(f"fresh{n}" for n in range(3, 25)) + tuple(f"drawn{n}" for n in range(1, 6))
L2 = 10.0


class _Refuses:
    """A gate that reads no disagreement: each page's label when its head disagree is refused."""

    def reads_disagree(self, row) -> bool:
        return False


_REFUSES = _Refuses()


def rows_of(model, pairs, rs, group: str) -> list[dict]:
    """Each page's gold, its label without the gate, its label when the head's disagree is
    refused, and the head's input (None unless the article head calls the page disagree)."""
    heads: dict[int, np.ndarray] = {}
    gated = mm._gated_disagree
    refusing = mm.bundled_disagree_gate

    def refuse(j, logits, row, labels):
        heads[len(heads)] = row
        return gated(j, logits, row, labels)

    def labels() -> list[str]:
        return [within_event_judgement(p.claim, r.analysis, j).label for p, r, j in zip(pairs, rs, model.judge_many(rs))]

    was = mm.READ_DISAGREE_GATE
    try:
        mm.READ_DISAGREE_GATE = False
        plain = labels()
        mm.READ_DISAGREE_GATE = True
        out = []
        mm._gated_disagree = refuse
        mm.bundled_disagree_gate = lambda: _REFUSES
        for p, r, label in zip(pairs, rs, plain):  # one page at a time: its head input is the last recorded
            heads.clear()
            refused = within_event_judgement(p.claim, r.analysis, model.judge(r)).label
            out.append({"group": group, "kind": group.rstrip("0123456789"), "gold": p.stance, "plain": label,
                        "refused": refused, "row": heads.get(0)})
    finally:
        mm._gated_disagree = gated
        mm.bundled_disagree_gate = refusing
        mm.READ_DISAGREE_GATE = was
    return out


def collect(cache: Path) -> list[dict]:
    refuse_unspent(DEV_SETS)
    out: list[dict] = []
    bundled = mm.bundled_model()
    for name in DEV_SETS:
        pairs = load_data(ROOT / "tests" / "gold" / "stance" / f"{name}.jsonl", role="test").pairs
        out += rows_of(bundled, pairs, readings(cache, name, pairs), name)
    baly = load_data(ROOT.parent / "shared" / "corpora" / "baly2018", role="train").pairs
    rb = readings(cache, "baly", baly)
    for k, (test, model) in enumerate(fold_models(cache, baly, rb)):
        out += rows_of(model, [baly[i] for i in test], [rb[i] for i in test], f"baly{k}")
    return out


def fit(rows: list[dict]):
    gated = [r for r in rows if r["row"] is not None]
    kinds = [r["kind"] for r in gated]
    weight = np.sqrt([len(gated) / len(set(kinds)) / kinds.count(k) for k in kinds])
    x = np.vstack([r["row"] for r in gated])
    y = ["disagree" if r["gold"] == "disagree" else "other" for r in gated]
    return fit_network(x, y, labels=("disagree", "other"), l2=L2, balance=0.0, sample_weight=weight / weight.mean())


def folds(rows: list[dict]) -> None:
    """Each group's pages read by a gate fitted without that group; figures per kind and per set."""
    label = {}
    for g in sorted({r["group"] for r in rows}):
        gate = fit([r for r in rows if r["group"] != g])
        for r in rows:
            if r["group"] == g:
                keep = r["row"] is None or gate.probabilities(r["row"])[0, gate.labels.index("disagree")] >= DISAGREE_AT
                label[id(r)] = r["plain"] if keep else r["refused"]
    for kind in ("fresh", "drawn", "baly"):
        rr = [r for r in rows if r["kind"] == kind]
        means = []
        for g in sorted({r["group"] for r in rr}, key=lambda g: int(g.lstrip("abcdefghijklmnopqrstuvwxyz"))):
            q = [r for r in rr if r["group"] == g]
            before, after = figures(q, [r["plain"] for r in q]), figures(q, [label[id(r)] for r in q])
            means.append((before, after))
            print(f"  {g:8s} {before[4]}({before[5]}) -> {after[4]}({after[5]}) disagree calls (right), "
                  f"accuracy {before[0]:.3f} -> {after[0]:.3f}, macro-F1 {before[1]:.3f} -> {after[1]:.3f}, "
                  f"disagree F1 {before[2]:.3f} -> {after[2]:.3f}")
        b, a = figures(rr, [r["plain"] for r in rr]), figures(rr, [label[id(r)] for r in rr])
        print(f"{kind}: mean macro-F1 {np.mean([x[1] for x, _ in means]):.4f} -> {np.mean([y[1] for _, y in means]):.4f}, "
              f"mean disagree F1 {np.mean([x[2] for x, _ in means]):.4f} -> {np.mean([y[2] for _, y in means]):.4f}; "
              f"pooled accuracy {b[0]:.3f} -> {a[0]:.3f}, macro-F1 {b[1]:.4f} -> {a[1]:.4f}, disagree F1 {b[2]:.3f} -> "
              f"{a[2]:.3f}, disagree calls {b[4]}({b[5]}) -> {a[4]}({a[5]}) of {b[3]} gold")


def figures(rows: list[dict], pred: list[str]) -> tuple[float, float, float, int, int, int]:
    """Accuracy, macro-F1, disagree F1, gold disagree, disagree calls and right ones."""
    gold = [r["gold"] for r in rows]
    acc, macro, per = f1_scores(gold, pred, LABELS)
    right = sum(g == p == "disagree" for g, p in zip(gold, pred))
    return acc, macro, per.get("disagree", 0.0), gold.count("disagree"), pred.count("disagree"), right


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/stance-readings"))
    ap.add_argument("--output", type=Path, default=ROOT / "src" / "khabar" / "check" / BUNDLED)
    ap.add_argument("--folds", action="store_true")
    args = ap.parse_args()
    rows = collect(args.cache)
    if args.folds:
        folds(rows)
        return 0
    gate = fit(rows)
    pages = {k: sum(1 for r in rows if r["kind"] == k and r["row"] is not None) for k in ("baly", "fresh", "drawn")}
    right = {k: sum(1 for r in rows if r["kind"] == k and r["row"] is not None and r["gold"] == "disagree")
             for k in ("baly", "fresh", "drawn")}
    write_npz(args.output, gate_arrays(gate, {"pages": pages, "gold_disagree": right, "l2": L2,
                                              "weights": "sqrt of kinds alike", "sets": ["baly2018 folds 1-4", *DEV_SETS]}))
    print(f"wrote {args.output}: {pages} head disagree calls, {right} right")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
