"""The name tagger alone (``Tagger.chunks_many``) over ``bench_extract.py``'s articles, as the
pipeline runs it: 16 articles a batch, their sentences tokenized beforehand (not counted).

    python benchmarks/bench_tagger.py [--n 300] [--repeat 3] [--against OTHER/src] [--instructions]

CPU seconds, best of ``--repeat`` new processes (``--against``: the khabar in another
checkout too, in turn, so a drift of the machine's speed hits both).  ``--instructions``:
instructions instead (valgrind's callgrind, counting switched on around the tagger's calls
only, with ``instructions_extract.py``'s copy of one warm stem cache and ``PYTHONHASHSEED=0``),
the figure to compare by on a loaded machine.  Each run prints a digest of the chunks found,
which must be the same for two versions whose tags are meant to be the same.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BATCH = 16


def run_once(n: int, seed: int, helper: str | None) -> dict:
    import khabar
    from khabar.extract.tagger.crf import get_tagger
    from khabar.model import Document
    from khabar.pipeline import add_sentences
    from khabar.text.ar.tokenize import tokenize

    files = sorted((SHARED / "corpora" / "ant").glob("*/*/*.txt"))
    random.Random(seed).shuffle(files)
    articles = khabar.read(files[:n], errors="skip") + khabar.read([SHARED / "seeds", ROOT / "examples"])
    docs = []
    for a in articles:
        tokens = [tokenize(s.text, punctuation=True) for s in add_sentences.run(Document(article=a))["sentences"]]
        docs.append(([[t.norm for t in ts] for ts in tokens], [[t.text for t in ts] for ts in tokens]))
    tagger = get_tagger()
    tagger.chunks_many([docs[-1]])  # loading, as a process's first article pays it
    import gc

    gc.collect()
    gc.freeze()
    toggle = None
    if helper:
        import ctypes

        toggle = ctypes.CDLL(helper).khabar_toggle
    found = []
    start = time.process_time()
    if toggle:
        toggle()
    for k in range(0, len(docs), BATCH):
        found += tagger.chunks_many(docs[k : k + BATCH])
    if toggle:
        toggle()
    cpu = time.process_time() - start
    return {"articles": len(docs), "cpu": cpu, "digest": hashlib.sha256(repr(found).encode()).hexdigest()[:16]}


def _env(src: str | None) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def measure(args: argparse.Namespace, src: str | None) -> dict:
    once = [sys.executable, __file__, "--once", "--n", str(args.n), "--seed", str(args.seed)]
    if not args.instructions:
        return json.loads(subprocess.run(once, check=True, capture_output=True, text=True, env=_env(src)).stdout)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import instructions_extract as ie

    work = Path(tempfile.gettempdir()) / "khabar-instructions"
    work.mkdir(exist_ok=True)
    helper = ie._helper(work)
    label = f"tagger-{os.getpid()}-{len(os.listdir(work))}"
    cache = work / f"cache-{label}"
    shutil.copytree(ie._warm_cache(args, work), cache)
    out = work / f"callgrind-{label}.out"
    env = {**_env(src), "KHABAR_CACHE_DIR": str(cache)}
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--collect-atstart=no", f"--callgrind-out-file={out}", *once, "--helper", str(helper)],
        check=True, capture_output=True, text=True, env=env,
    )
    result = json.loads(run.stdout.strip().splitlines()[-1])
    result["instructions"] = int(re.search(r"^(?:summary|totals): (\d+)", out.read_text(encoding="utf-8"), re.M).group(1))
    shutil.rmtree(cache, ignore_errors=True)
    out.unlink()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="ANT articles to sample")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", metavar="OTHER/src")
    parser.add_argument("--instructions", action="store_true", help="count instructions (callgrind) instead of CPU time")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--helper", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        print(json.dumps(run_once(args.n, args.seed, args.helper)))
        return
    versions = [("this", None)] + ([("other", str(Path(args.against).resolve()))] if args.against else [])
    rounds = 1 if args.instructions else max(1, args.repeat)
    runs: dict[str, list[dict]] = {name: [] for name, _ in versions}
    for k in range(rounds):
        for name, src in versions if k % 2 == 0 else versions[::-1]:
            runs[name].append(measure(args, src))
    for name, _ in versions[::-1]:
        r = runs[name]
        figure = f"{r[0]['instructions'] / 1e6:,.1f} M instructions" if args.instructions else f"CPU {min(x['cpu'] for x in r):.3f} s (best of {len(r)})"
        print(f"{name}: {r[0]['articles']} articles, the tagger {figure}, chunks digest {r[0]['digest']}")


if __name__ == "__main__":
    main()
