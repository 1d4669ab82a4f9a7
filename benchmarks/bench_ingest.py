"""Time read + normalize + segment + store on a generated corpus (issue 2's ingest goal).

    python benchmarks/bench_ingest.py --n 10000

Prints articles per second for each stage and overall, on one core (one process).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

from khabar.config import ReadOptions  # noqa: E402
from khabar.ingest import read_paths  # noqa: E402
from khabar.model import Article  # noqa: E402
from khabar.store import open_store  # noqa: E402
from khabar.text.ar.segment import split_sentences  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to generate")
    parser.add_argument("--batch", type=int, default=500, help="articles per store transaction")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus_dir = Path(tmp) / "corpus"
        t0 = time.perf_counter()
        generate(args.n, corpus_dir)
        gen_s = time.perf_counter() - t0
        size_mb = sum(p.stat().st_size for p in corpus_dir.rglob("*.txt")) / 1e6

        t_read = t_seg = t_store = 0.0
        n_articles = n_sentences = errors = 0
        with open_store(Path(tmp) / "bench.sqlite3") as store:
            batch: list[Article] = []
            t = time.perf_counter()
            for result in read_paths([corpus_dir], options=ReadOptions()):
                now = time.perf_counter()
                t_read += now - t
                if isinstance(result, Article):
                    n_articles += 1
                    n_sentences += len(split_sentences(result))
                    t2 = time.perf_counter()
                    t_seg += t2 - now
                    batch.append(result)
                    if len(batch) >= args.batch:
                        store.add(batch)
                        batch.clear()
                    t_store += time.perf_counter() - t2
                else:
                    errors += 1
                t = time.perf_counter()
            t2 = time.perf_counter()
            store.add(batch)
            t_store += time.perf_counter() - t2
            stored = store.count()
        total = t_read + t_seg + t_store
        print(f"machine: {os.cpu_count()} cores; one process; corpus {args.n} files, {size_mb:.1f} MB (generated in {gen_s:.1f} s)")
        print(f"read+decode+normalize(id)  {t_read:7.2f} s  {n_articles / t_read:8.0f} articles/s")
        print(f"segment                    {t_seg:7.2f} s  {n_articles / t_seg:8.0f} articles/s  ({n_sentences} sentences)")
        print(f"store (FTS5, batches of {args.batch}) {t_store:7.2f} s  {n_articles / t_store:8.0f} articles/s")
        print(f"TOTAL                      {total:7.2f} s  {n_articles / total:8.0f} articles/s  stored={stored} errors={errors}")


if __name__ == "__main__":
    main()
