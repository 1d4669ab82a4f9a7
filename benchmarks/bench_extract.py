"""Speed of the per-article pipeline (numbers, dates, quotes, entities, claims) on real news, one core.

    python benchmarks/bench_extract.py [--n 500] [--repeat 3]

Reads ANT articles (../shared/corpora/ant) plus the seeds and the examples, splits them into
sentences first (not timed), then runs the pipeline article by article, as
:func:`khabar.pipeline.analyze` does (each component reads what the earlier ones found:
claims take the numbers, dates, quotes and mentions from the document), timing each
component over every article; then entity linking across the articles, and the whole; then
the grouping of every quote into facts as if all the articles were one event
(:func:`khabar.relate.statements.quote_facts`, the worst case of one statement across outlets).

Loading (the word lists, the tagger's model, the regular expressions: what the first article
of a process pays) is timed apart, on one article that is not in the sample, so the rates are
those of a running process.  Each figure is the best of ``--repeat`` runs in fresh
subprocesses (every run starts with empty caches, as a new process does), given as wall time
and CPU time of this process (the machine's other jobs inflate the CPU figure much less).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def run_once(n: int, seed: int) -> dict:
    """One measurement in this process: {"articles", "words", "times": {name: [wall, cpu]}}."""
    import khabar
    from khabar.extract.entities import link_entities
    from khabar.model import Document
    from khabar.pipeline import PIPELINE, run_component
    from khabar.relate.statements import quote_facts

    files = sorted((SHARED / "corpora" / "ant").glob("*/*/*.txt"))
    if not files:
        sys.exit("../shared/corpora/ant is missing")
    random.Random(seed).shuffle(files)
    articles = khabar.read(files[:n], errors="skip") + khabar.read([SHARED / "seeds", ROOT / "examples"])
    loader = khabar.read(files[n : n + 1], errors="skip") or articles[-1:]
    first, *rest = PIPELINE
    times: dict[str, list[float]] = {}

    def add(name: str, since: tuple[float, float]) -> None:
        now = _clock()
        t = times.setdefault(name, [0.0, 0.0])
        t[0] += now[0] - since[0]
        t[1] += now[1] - since[1]

    start = _clock()
    doc = run_component(first, Document(article=loader[0]))
    for c in rest:
        doc = run_component(c, doc)
    link_entities(list(doc.mentions))
    add("loading (first article)", start)
    docs = [run_component(first, Document(article=a)) for a in articles]
    words = sum(len(a.body.split()) for a in articles)
    done = []
    for doc in docs:
        for c in rest:
            start = _clock()
            doc = run_component(c, doc)
            add(c.name, start)
        done.append(doc)
    start = _clock()
    link_entities([m for d in done for m in d.mentions])
    add("entities (linking)", start)
    layer = [sum(t[k] for name, t in times.items() if not name.startswith("loading")) for k in (0, 1)]
    times["extraction layer"] = layer
    quotes = [q for d in done for q in d.quotes]
    start = _clock()
    facts = quote_facts(quotes, {d.article.id: d.article for d in done}, {d.article.id: d.sentences for d in done})
    add("quote facts (one event)", start)
    return {"articles": len(done), "words": words, "quotes": len(quotes), "facts": len(facts), "times": times}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="ANT articles to sample")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs, each a new process; the best is shown")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)  # one run, as JSON
    args = parser.parse_args()
    if args.once:
        print(json.dumps(run_once(args.n, args.seed)))
        return
    runs = []
    for _ in range(max(1, args.repeat)):
        out = subprocess.run(
            [sys.executable, __file__, "--once", "--n", str(args.n), "--seed", str(args.seed)],
            check=True, capture_output=True, text=True,
        )
        runs.append(json.loads(out.stdout))
    last = runs[-1]
    n = last["articles"]
    print(f"{n} articles ({last['words'] / n:.0f} words each on average), one process; best of {len(runs)} runs")
    print(f"{'':<24} {'wall s':>7} {'art/s':>7} {'cpu s':>7} {'art/s':>7}")
    for name in last["times"]:
        wall = min(r["times"][name][0] for r in runs)
        cpu = min(r["times"][name][1] for r in runs)
        if name.startswith("loading") or name.startswith("quote facts"):
            print(f"{name:<24} {wall:7.2f} {'':>7} {cpu:7.2f}")
        else:
            print(f"{name:<24} {wall:7.2f} {n / wall:7.0f} {cpu:7.2f} {n / cpu:7.0f}")
    print(f"quote facts: {last['quotes']} quotes -> {last['facts']} facts")


if __name__ == "__main__":
    main()
