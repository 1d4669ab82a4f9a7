"""Wall time of whole briefs, start-up included, and LexRank on the same input.

    python benchmarks/bench_brief.py [--repeat 5]

1. `khabar brief ../shared/seeds` as a new process (start-up, reading, analysis, summary,
   rendering): the median of --repeat runs, cold (an empty stem cache: NLTK is imported) and
   warm (the words were stemmed by an earlier run);
2. a brief of 100 articles (generated from the examples and seeds) as a new process;
3. in-process: the centroid summary vs LexRank (sumy) on the seeds' sentence pool.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def wall(cmd: list[str], repeat: int, *, fresh_cache: bool = False) -> float:
    import os

    times = []
    for _ in range(repeat):
        env = dict(os.environ)
        with tempfile.TemporaryDirectory() as cache:
            if fresh_cache:
                env["KHABAR_CACHE_DIR"] = cache
            t = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
            times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    khabar_cmd = [sys.executable, "-m", "khabar.cli", "brief"]
    seeds_cmd = [*khabar_cmd, str(SEEDS)]
    print(f"seeds brief, new process, cold stem cache: {wall(seeds_cmd, args.repeat, fresh_cache=True):.2f} s median")
    wall(seeds_cmd, 1)  # fill the user's stem cache
    print(f"seeds brief, new process, warm stem cache: {wall(seeds_cmd, args.repeat):.2f} s median")
    with tempfile.TemporaryDirectory() as tmp:
        generate(100, Path(tmp))
        print(f"100-article brief, new process:      {wall([*khabar_cmd, tmp], args.repeat):.2f} s median")

    import khabar
    from khabar.config import BriefOptions
    from khabar.pipeline import analyze
    from khabar.relate.corroborate import SentencePool
    from khabar.summarize import get_summarizer

    pool = SentencePool.build([analyze(a) for a in khabar.read(SEEDS)])
    options = BriefOptions()
    for name in ("centroid", "lexrank"):
        summarizer = get_summarizer(name)
        summarizer.select(pool, options=options)  # warm (imports)
        t = time.perf_counter()
        for _ in range(args.repeat):
            summarizer.select(pool, options=options)
        per = (time.perf_counter() - t) / args.repeat
        print(f"{name:<9} selection on the seeds: {per * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
