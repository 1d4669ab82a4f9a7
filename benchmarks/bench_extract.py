"""Speed of the per-article pipeline (numbers, dates, quotes, entities, claims) on real news, one core.

    python benchmarks/bench_extract.py [--n 500]

Reads ANT articles (../shared/corpora/ant) plus the seeds and the examples, splits them into
sentences first (not timed), then times each pipeline component over every article in
pipeline order (each reads what the earlier ones found: claims take the numbers, dates,
quotes and mentions from the document), entity linking across the articles, and the whole;
then the grouping of every quote into facts as if all the articles were one event
(:func:`khabar.relate.statements.quote_facts`, the worst case of one statement across outlets).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import khabar
from khabar.extract.entities import link_entities
from khabar.model import Document
from khabar.pipeline import PIPELINE, run_component
from khabar.relate.statements import quote_facts

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="ANT articles to sample")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = sorted((SHARED / "corpora" / "ant").glob("*/*/*.txt"))
    if not files:
        sys.exit("../shared/corpora/ant is missing")
    random.Random(args.seed).shuffle(files)
    articles = khabar.read(files[: args.n], errors="skip") + khabar.read([SHARED / "seeds", ROOT / "examples"])
    first, *rest = PIPELINE
    docs = [run_component(first, Document(article=a)) for a in articles]
    words = sum(len(a.body.split()) for a in articles)

    timings: dict[str, float] = {}
    for c in rest:
        t = time.perf_counter()
        docs = [run_component(c, d) for d in docs]
        timings[c.name] = time.perf_counter() - t
    t = time.perf_counter()
    link_entities([m for d in docs for m in d.mentions])
    timings["entities (linking)"] = time.perf_counter() - t
    total = sum(timings.values())
    n = len(docs)
    print(f"{n} articles ({words / n:.0f} words each on average), one process")
    for name, secs in timings.items():
        print(f"{name:<22} {secs:6.2f} s  {n / secs:8.0f} articles/s")
    print(f"{'extraction layer':<22} {total:6.2f} s  {n / total:8.0f} articles/s")
    quotes = [q for d in docs for q in d.quotes]
    t = time.perf_counter()
    facts = quote_facts(quotes, {d.article.id: d.article for d in docs}, {d.article.id: d.sentences for d in docs})
    secs = time.perf_counter() - t
    print(f"{'quote facts (one event)':<22} {secs:6.2f} s  {len(quotes)} quotes -> {len(facts)} facts")


if __name__ == "__main__":
    main()
