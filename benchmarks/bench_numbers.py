"""Time find_numbers on real news (ANT corpus) or, without it, on the seeds.

    python benchmarks/bench_numbers.py --n 2000 --repeat 5

Prints articles per second and characters per second of find_numbers on one core (best of
``--repeat`` runs, the machine being shared), beside normalize() alone as a yardstick: the
cheapest possible pass over the same text.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from khabar.text.ar.normalize import normalize
from khabar.text.ar.numbers import find_numbers

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


def load(n: int, seed: int) -> list[str]:
    files = sorted((SHARED / "corpora" / "ant").glob("*/*/*.txt"))
    if not files:
        seeds = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
        return [seeds[i % len(seeds)] for i in range(n)]
    random.seed(seed)
    texts = []
    for path in random.sample(files, min(n, len(files))):
        raw = path.read_text(encoding="utf-8", errors="replace")
        m = _TEXT.search(raw)
        texts.append(m.group(1) if m else raw)
    return texts


def best(fn, texts: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for x in texts:
            fn(x)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    texts = load(args.n, args.seed)
    chars = sum(map(len, texts))
    size = sum(len(x.encode("utf-8")) for x in texts)  # "3 KB" articles are UTF-8 bytes
    mentions = sum(len(find_numbers(x)) for x in texts)  # also warms the caches
    for name, fn in (("normalize", normalize), ("find_numbers", find_numbers)):
        d = best(fn, texts, args.repeat)
        print(
            f"{name:13} {len(texts) / d:8.0f} articles/s  {chars / d / 1e6:5.2f} Mchars/s"
            f"  ({size / d / 3000:6.0f} articles/s of 3 KB UTF-8)"
        )
    print(f"{len(texts)} articles, mean {chars / len(texts):.0f} chars = {size / len(texts):.0f} bytes, {mentions} mentions")


if __name__ == "__main__":
    main()
