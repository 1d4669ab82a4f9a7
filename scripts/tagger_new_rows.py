"""The name tagger's rows for new word types on text outside ANT: Baly 2018's pages (folds 1-4;
the kept fold 5 is not in ``../shared``), as the pipeline meets them, 16 pages a batch.

    python scripts/tagger_new_rows.py [--claims 60] [--instructions]

Prints the word types met and how many the model file's tables hold (summed weights, attribute
rows, neither), and a digest of the rows made (the same for two versions whose tags are meant to
be the same).  ``--instructions``: the rows' instructions counted by callgrind (the helper of
``benchmarks/instructions_extract.py``), the file kept for a profile.  A development figure for
issue 19: ``benchmarks/bench_tagger.py`` draws its articles from ANT, whose every word the model's
tables were built from, so it understates what words out of both tables cost on other news.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BALY = ROOT.parent / "shared" / "corpora" / "baly2018" / "dataset"
BATCH = 16


def run_once(claims: int, helper: str | None) -> None:
    from khabar.extract.tagger.crf import Tagger, get_tagger
    from khabar.text.ar.tokenize import tokenize

    pages = []
    for path in sorted(BALY.glob("*.json"))[:claims]:
        for text in json.loads(path.read_text(encoding="utf-8")).get("article", [])[:3]:
            text = text if isinstance(text, str) else " ".join(text)
            pages.append([t.norm for t in tokenize(text, punctuation=True)])
    model = get_tagger().model
    tagger = Tagger(model)
    from khabar.extract.tagger.features import word_lists

    word_lists()  # khabar's word lists loaded (~85 M instructions), as a process's first article loads them
    tagger._add_rows(["قال"])
    toggle = None
    if helper:
        import ctypes

        toggle = ctypes.CDLL(helper).khabar_toggle
        toggle()
    for k in range(0, len(pages), BATCH):
        new = [w for w in dict.fromkeys(w for page in pages[k : k + BATCH] for w in page) if w not in tagger._index]
        if new:
            tagger._add_rows(new)
    if toggle:
        toggle()
    words = list(tagger._index)
    known = model.known_rows(words)
    from khabar.extract.tagger.hashing import plain_hash_array

    filed = model.word_rows.find(plain_hash_array(words)) if model.word_rows is not None else [-1] * len(words)
    in_sums = int((known >= 0).sum())
    in_rows = sum(1 for k, f in zip(known.tolist(), filed) if k < 0 and f >= 0)
    digest = hashlib.sha256(tagger._table[: tagger._size].tobytes() + tagger._opens[: tagger._size].tobytes()).hexdigest()[:16]
    print(f"{len(pages)} pages, {len(words)} word types: {in_sums} summed, {in_rows} rows, {len(words) - in_sums - in_rows} neither; rows digest {digest}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=60, help="Baly claims read (up to 3 pages each)")
    parser.add_argument("--instructions", action="store_true", help="count instructions (callgrind)")
    parser.add_argument("--helper", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.helper or not args.instructions:
        run_once(args.claims, args.helper)
        return
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import instructions_extract as ie

    work = Path(tempfile.gettempdir()) / "khabar-instructions"
    work.mkdir(exist_ok=True)
    out = work / f"callgrind-new-rows-{os.getpid()}.out"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--collect-atstart=no", f"--callgrind-out-file={out}",
         sys.executable, __file__, "--claims", str(args.claims), "--helper", str(ie._helper(work))],
        check=True, capture_output=True, text=True, env=env,
    )
    total = next(int(line.split()[1]) for line in out.read_text(encoding="utf-8").splitlines() if line.startswith(("summary:", "totals:")))
    print(run.stdout.strip().splitlines()[-1])
    print(f"the new rows: {total / 1e6:,.1f} M instructions (callgrind output {out})")


if __name__ == "__main__":
    main()
