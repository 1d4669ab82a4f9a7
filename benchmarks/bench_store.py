"""Time the store: ingest (``add_batches``) and search on generated ~3 KB articles.

    python benchmarks/bench_store.py --n 10000

Articles are built in memory from the bundled examples and the seeds (see corpus.py), so
the text is real newswire Arabic with its clitics.  Prints articles per second for a first
ingest and for a re-ingest (every article already stored), the median search latency of a
few queries (a very common word, a word that mostly occurs with proclitics, a phrase), and
the size of the file.  One process, one core for SQLite.  Wall time depends on what else
the machine runs; the CPU time of the process is printed beside it for a steadier figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import OUTLETS, base_texts, perturb  # noqa: E402

from khabar.model import Article  # noqa: E402
from khabar.store import open_store  # noqa: E402
from khabar.store.query import parse_query  # noqa: E402

QUERIES = ("قال", "حلب", "المعارضة", '"الأمم المتحدة"', "مسئول الامم")


def make_articles(n: int, *, seed: int = 13) -> list[Article]:
    rng = random.Random(seed)
    bases = base_texts()
    start = dt.date(2016, 11, 1)
    out = []
    for i in range(n):
        title, paras = bases[i % len(bases)]
        _t, donor = rng.choice(bases)
        new_title, body = perturb(rng, title, paras, donor)
        out.append(
            Article.create(
                title=new_title,
                body=body,
                outlet=rng.choice(OUTLETS),
                published=start + dt.timedelta(days=rng.randrange(60)),
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to generate")
    parser.add_argument("--batch", type=int, default=500, help="articles per store transaction")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each query (median reported)")
    args = parser.parse_args()

    articles = make_articles(args.n)
    kb = sum(len(a.text.encode("utf-8")) for a in articles) / len(articles) / 1024
    print(f"{len(articles)} articles, {kb:.1f} KB (UTF-8) each on average")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        with open_store(path) as store:
            t, cpu = time.perf_counter(), time.process_time()
            result = store.add_batches(articles, batch_size=args.batch)
            took, cpu = time.perf_counter() - t, time.process_time() - cpu
            print(
                f"add_batches:     {result.added} added in {took:.2f} s = {result.added / took:,.0f} articles/s "
                f"(CPU {cpu:.2f} s = {result.added / cpu:,.0f} articles/CPU-s)"
            )
            t = time.perf_counter()
            store.add_batches(articles, batch_size=args.batch)
            took = time.perf_counter() - t
            print(f"re-add (stored): {len(articles)} in {took:.2f} s = {len(articles) / took:,.0f} articles/s")
            for query in QUERIES:
                times = []
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    hits = store.search(query, limit=20)
                    times.append(time.perf_counter() - t)
                matched = store._conn.execute(  # how many rows the query touches, for context
                    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                    (_expression(query),),
                ).fetchone()[0]
                print(
                    f"search {query!r:22} {statistics.median(times) * 1000:7.1f} ms median, "
                    f"{len(hits)} hits shown of {matched} matching"
                )
        print(f"file: {path.stat().st_size / 1e6:.1f} MB")


def _expression(query: str) -> str:
    """The store's own MATCH expression for ``query``.

    The clitic-aware one since schema version 3; ``expression`` before, so that the same
    script measures an older checkout for comparison.
    """
    parsed = parse_query(query)
    return getattr(parsed, "match_expression", parsed.expression)


if __name__ == "__main__":
    main()
