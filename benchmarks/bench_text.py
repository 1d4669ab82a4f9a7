"""Time the Arabic text core on real news: normalize, normalize_with_offsets, find_numbers,
find_dates, all on the same articles.

    python benchmarks/bench_text.py --n 2000 --repeat 5

The sample is ``--n`` random ANT articles (the <TEXT> part) plus the five seeds; without the
ANT corpus, the seeds repeated.  Prints characters and articles per second on one core, best
of ``--repeat`` runs (the machine being shared, the best run is the least disturbed one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from khabar.extract.dates import find_dates
from khabar.text.ar.normalize import normalize, normalize_with_offsets
from khabar.text.ar.numbers import find_numbers

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_REFERENCE = dt.date(2018, 6, 1)


def load(n: int, seed: int) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    files = sorted((SHARED / "corpora" / "ant").glob("*/*/*.txt"))
    if not files:
        return [seeds[i % len(seeds)] for i in range(n)] if seeds else []
    rng = random.Random(seed)
    texts = []
    for path in rng.sample(files, min(n, len(files))):
        raw = path.read_text(encoding="utf-8", errors="replace")
        m = _TEXT.search(raw)
        texts.append(m.group(1) if m else raw)
    return texts + seeds


def best(fn: Callable[[str], object], texts: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for x in texts:
            fn(x)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="ANT articles")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    texts = load(args.n, args.seed)
    if not texts:
        raise SystemExit("no text found: neither ../shared/corpora/ant nor ../shared/seeds")
    chars = sum(map(len, texts))
    print(f"{len(texts)} articles, {chars / len(texts):.0f} characters each on average")
    steps: list[tuple[str, Callable[[str], object]]] = [
        ("normalize", normalize),
        ("normalize_with_offsets", normalize_with_offsets),
        ("find_numbers", find_numbers),
        ("find_dates", lambda x: find_dates(x, reference=_REFERENCE)),
    ]
    for _, fn in steps:  # warm the caches
        for x in texts[:50]:
            fn(x)
    for name, fn in steps:
        seconds = best(fn, texts, args.repeat)
        print(f"{name:24s} {chars / seconds / 1e6:8.2f} M chars/s {len(texts) / seconds:10.0f} articles/s")


if __name__ == "__main__":
    main()
