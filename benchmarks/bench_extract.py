"""Speed of the extraction layer (quotes, entities, claims, dates) on real news, one core.

    python benchmarks/bench_extract.py [--n 500]

Reads ANT articles (../shared/corpora/ant) plus the seeds and the examples, splits them into
sentences first (not timed), then times each extractor and the whole layer per article.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import khabar
from khabar.extract.claims import extract_claims
from khabar.extract.dates import find_dates
from khabar.extract.entities import find_mentions, link_entities
from khabar.extract.quotes import extract_quotes
from khabar.text.ar.segment import split_sentences

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
    docs = [(a, split_sentences(a)) for a in articles]
    words = sum(len(a.body.split()) for a in articles)

    timings: dict[str, float] = {}

    def timed(name, fn):
        t = time.perf_counter()
        out = [fn(a, s) for a, s in docs]
        timings[name] = time.perf_counter() - t
        return out

    quotes = timed("quotes", extract_quotes)
    mentions = timed("entities (mentions)", find_mentions)
    t = time.perf_counter()
    link_entities([m for ms in mentions for m in ms])
    timings["entities (linking)"] = time.perf_counter() - t
    qi = iter(quotes)
    mi = iter(mentions)
    timed("claims", lambda a, s: extract_claims(a, s, quotes=next(qi), mentions=next(mi)))
    timed("dates", lambda a, s: [find_dates(x.text, reference=a.published) for x in s])
    total = sum(timings.values())
    n = len(docs)
    print(f"{n} articles ({words / n:.0f} words each on average), one process")
    for name, secs in timings.items():
        print(f"{name:<22} {secs:6.2f} s  {n / secs:8.0f} articles/s")
    print(f"{'extraction layer':<22} {total:6.2f} s  {n / total:8.0f} articles/s")


if __name__ == "__main__":
    main()
