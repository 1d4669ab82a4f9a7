"""Time shared-passage detection (wire copy) on a generated corpus.

    python benchmarks/bench_passages.py --n 100 1000

For each size: generates perturbed copies of the examples and seeds (benchmarks/corpus.py),
reads and splits them (not timed), then times ``find_shared_passages`` on one core and
prints the time, the number of eligible sentences, passages and occurrences.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

import khabar  # noqa: E402
from khabar.relate.passages import find_shared_passages, is_candidate  # noqa: E402
from khabar.text.ar.segment import split_sentences  # noqa: E402


def run(n: int, *, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus_dir = Path(tmp) / "corpus"
        generate(n, corpus_dir)
        articles = khabar.read([corpus_dir])
    sentences = {a.id: split_sentences(a) for a in articles}
    eligible = sum(is_candidate(s) for ss in sentences.values() for s in ss)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        passages = find_shared_passages(articles, sentences)
        best = min(best, time.perf_counter() - t0)
    occurrences = sum(len(p.occurrences) for p in passages)
    print(
        f"n={len(articles):>5} articles  {eligible:>6} eligible sentences  "
        f"{len(passages):>5} passages  {occurrences:>6} occurrences  "
        f"{best:7.2f} s  ({len(articles) / best:,.0f} articles/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000], help="corpus sizes")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (best is shown)")
    args = parser.parse_args()
    for n in args.n:
        run(n, repeat=args.repeat)


if __name__ == "__main__":
    main()
