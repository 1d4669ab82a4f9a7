"""Summary selection against the rest of a brief: is choosing the sentences a small part?

    python benchmarks/bench_summary.py [--repeat 5] [--n 100]

In this process: the seeds' analysis and sentence pool, then each summary algorithm's
selection on that pool (the median of --repeat runs, after one warm-up run for imports);
then the same for the first N ANT files from 1 April 2018 (``corpus.ant_window``), or, when
the corpus is not beside the repository, N articles generated from the examples and seeds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def timed(fn, repeat: int) -> float:
    fn()  # warm-up: imports, caches
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def report(label: str, paths: list[Path], algorithms: list[str], repeat: int) -> None:
    import khabar
    from khabar.config import BriefOptions
    from khabar.pipeline import analyze
    from khabar.relate.corroborate import SentencePool
    from khabar.summarize import get_summarizer

    articles = khabar.read(paths, errors="skip")
    t = time.perf_counter()
    pool = SentencePool.build([analyze(a) for a in articles])
    build = time.perf_counter() - t
    print(f"{label}: {len(articles)} articles, {len(pool)} sentences; analysis and pool {build * 1000:.0f} ms")
    options = BriefOptions()
    for name in algorithms:
        summarizer = get_summarizer(name)
        seconds = timed(lambda: summarizer.select(pool, options=options), repeat)
        print(f"  {name:<9} selection {seconds * 1000:8.1f} ms  ({seconds / build:.1%} of analysis and pool)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    report("seeds", [SHARED / "seeds"], ["event", "centroid", "ilp", "lexrank"], args.repeat)
    ant = SHARED / "corpora" / "ant"
    if ant.is_dir():
        from corpus import ant_window

        report(f"ANT window of {args.n}", ant_window(args.n, ant=ant), ["event", "centroid"], args.repeat)
    else:
        from corpus import generate

        with tempfile.TemporaryDirectory() as tmp:
            generate(args.n, Path(tmp))
            report(f"{args.n} generated articles", [Path(tmp)], ["event", "centroid"], args.repeat)


if __name__ == "__main__":
    main()
