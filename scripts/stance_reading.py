"""How the sentence head reads the sentence a person would cite (issue 16, session 10).

    python scripts/stance_reading.py [--cache DIR] [--out FILE.tsv]

For baly2018 folds 1-4, cross-validated by claim as the shipped model is built (each fold
trained on the three others and on ANS train + dev; the readings of
``scripts/stance_experiments.py``'s cache), every agree and disagree pair whose gold evidence
sentence (baly2018's own ``rationale``) is among the sentences the model reads: the sentence
head's probabilities on that sentence (the gold sentence it leans most to the gold side on),
the article head's label, and the surface readings of the sentence that the heads see
(negation on one side only, a denial, opposite words, figures, bare numbers, names swapped,
roles reversed, another agent, modality, hedges, cosine and shared words).  Prints how often
the sentence head sides with the gold label per surface reading, and writes one row per pair
(claim, gold sentence, readings, outputs) to ``--out`` for reading by hand.  Development
figures only: fold 5 is never read.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

import stance_experiments as ex  # noqa: E402  (same folder)
from khabar.check import meaning_model as mm
from khabar.check.meaning import SENTENCE_FEATURES, SENTENCE_LABELS
from khabar.check.pairs import claim_folds, load_data

CUES = ("negation_mismatch", "denial_sentence", "denial_claim", "antonym", "figure_agree", "figure_disagree",
        "number_mismatch", "swapped_names", "role_swap", "agent_change", "modality_sentence", "hedge")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=ex.ROOT.parent / "shared" / "corpora")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/khabar-stance-readings"))
    ap.add_argument("--out", type=Path, default=Path("/tmp/stance-reading.tsv"))
    args = ap.parse_args()
    baly = load_data(args.corpora / "baly2018", role="train").pairs
    ans_train = load_data(args.corpora / "ans" / "stance" / "train.csv", role="train").pairs
    ans_dev = load_data(args.corpora / "ans" / "stance" / "dev.csv", role="train").pairs
    rb = ex.readings(args.cache, "baly", baly)
    rt, rd = ex.readings(args.cache, "ans-train", ans_train), ex.readings(args.cache, "ans-dev", ans_dev)
    ex.remember([*rb, *rt, *rd])
    names = SENTENCE_FEATURES
    rows = []
    for test in claim_folds(baly, 4):
        held = set(test)
        train = [i for i in range(len(baly)) if i not in held]
        model = mm.fit_meaning_model([replace(baly[i], fold=None) for i in train] + ans_train + ans_dev,
                                     [rb[i] for i in train] + rt + rd)
        for i in test:
            p, r = baly[i], rb[i]
            if p.stance not in ("agree", "disagree"):
                continue
            cand = r.candidates
            gold = [j for j, s in enumerate(cand.indices) if s in set(p.rationale)]
            label = model.judge(r).label
            if not gold:
                rows.append({"pair": i, "stance": p.stance, "read": 0, "article": label})
                continue
            probs = model.sentence_probabilities(r.claim, cand)
            side = SENTENCE_LABELS.index(p.stance)
            j = max(gold, key=lambda g: probs[g, side])
            s = cand.scalars[j]
            row = {"pair": i, "stance": p.stance, "read": 1, "article": label,
                   "sentence": SENTENCE_LABELS[int(np.argmax(probs[j]))],
                   **{f"p_{lb}": round(float(probs[j, k]), 3) for k, lb in enumerate(SENTENCE_LABELS)},
                   "semantic": round(float(s[names.index("semantic")]), 3),
                   "covered": round(float(s[names.index("claim_covered")]), 3),
                   **{c: round(float(s[names.index(c)]), 2) for c in CUES},
                   "claim": p.claim, "evidence": r.analysis.doc.sentences[cand.indices[j]].text[:300]}
            rows.append(row)
    read = [r for r in rows if r["read"]]
    for stance in ("agree", "disagree"):
        some = [r for r in read if r["stance"] == stance]
        print(f"{stance}: {len([r for r in rows if r['stance'] == stance])} pairs, gold evidence read in {len(some)}")
        print("  sentence head on it:", dict(Counter(r["sentence"] for r in some)))
        print("  article head:", dict(Counter(r["article"] for r in some)))
        for c in CUES:
            on = [r for r in some if r[c] > 0]
            if on:
                print(f"  {c:18s} fires on {len(on):3d}; sentence head says {dict(Counter(r['sentence'] for r in on))}")
        none = [r for r in some if not any(r[c] > 0 for c in CUES)]
        print(f"  {'no cue':18s} on {len(none):3d}; sentence head says {dict(Counter(r['sentence'] for r in none))}")
    keys = list(read[0].keys()) if read else []
    with args.out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, keys, delimiter="\t")
        w.writeheader()
        w.writerows(read)
    print(f"rows: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
