"""Fit the discuss gate (``scripts/discuss_gate.py``, an experiment off the check's path since
session 33) and write it to a file.

    python scripts/build_discuss_gate.py [--cache /tmp/stance-readings] [--output /tmp/discuss-gate.npz]
    python scripts/build_discuss_gate.py --folds    # each set's pages read by a gate fitted
                                                    # without that set (development figures)

The gate reads a page the check calls *discuss* and says whether it states the claim (*agree*),
tells another happening (*unrelated*) or discusses it.  It is fitted on spent labelled pages
only, those the check (every reading, the within-event rule included) calls *discuss*: baly2018
folds 1-4 (fold 5 is held out and absent; each page read by a meaning model trained without its
fold, ``build_relatedness_gate.fold_models``), fresh3..fresh28 and drawn1..drawn9 (read by the
shipped model, which never trained on them); the three kinds weigh alike.  Readings are cached
under ``--cache`` (:func:`stance_experiments.readings`).  The unspent splits are refused
(``stance_experiments.refuse_unspent``).  ``scripts/discuss_gate_sweep.py`` measures it further.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_relatedness_gate import gate_parser, write_gate  # noqa: E402
from discuss_gate import GATE_FEATURES, LABELS, SENTENCE_LABELS, gate_arrays, gate_row, reads_page  # noqa: E402

DEV_SETS = tuple(f"fresh{n}" for n in range(3, 29)) + tuple(f"drawn{n}" for n in range(1, 10))
L2 = 1.0


def page_row(model, reading) -> dict:
    """What the gate reads of a page: the article head's own label (None when it does not read
    the page), the gate's inputs and four of the lead (the sentence head's agree and disagree on
    it, its encoder and lexical cosine; zeros when the lead is not a candidate); None for a page
    the gate cannot read."""
    _, _, head = model._judge_heads(reading)
    if not reads_page(model, reading):
        return {"head": head, "row": None, "lead": None}
    cand = reading.candidates
    lead = np.zeros(4)
    if 0 in cand.indices:
        k = cand.indices.index(0)
        probs = model.sentence_probabilities(reading.claim, cand)
        lead = np.array([probs[k, SENTENCE_LABELS.index("agree")], probs[k, SENTENCE_LABELS.index("disagree")],
                         cand.scalars[k, 0], cand.scalars[k, 1]])
    return {"head": head, "row": gate_row(model, reading), "lead": lead}


def main() -> int:
    # the sweep imports this script's page_row: imported here, not at the top
    from discuss_gate_sweep import discuss_target, fitted, is_discuss, rows

    ap = gate_parser(__doc__, "discuss-gate.npz")
    ap.set_defaults(output=Path("/tmp/discuss-gate.npz"))
    args = ap.parse_args()
    if args.folds:
        from discuss_gate_sweep import main as sweep

        sys.argv = [sys.argv[0], "folds"]
        return sweep()
    rs = [r for r in rows(args.cache) if is_discuss(r)]
    write_gate(args.output, fitted(rs, discuss_target, LABELS, lead=False), rs, gate_arrays, GATE_FEATURES, DEV_SETS, L2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
