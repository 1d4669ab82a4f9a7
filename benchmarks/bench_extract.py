"""Speed of the per-article pipeline (numbers, dates, quotes, entities, claims) on real news, one core.

    python benchmarks/bench_extract.py [--n 500] [--repeat 3] [--against OTHER/src]

Reads ANT articles (../shared/corpora/ant) plus the seeds and the examples, then runs the
pipeline as :func:`khabar.pipeline.analyze_many` does (``--batch``, default its ``BATCH``; 1:
article by article, as :func:`khabar.pipeline.analyze`; a checkout without ``analyze_many``
runs one by one): the name tagger once over a batch of articles, the other components article
by article, an article split into sentences (not timed) just before its other components run
(each reads what the earlier ones found:
claims take the numbers, dates, quotes and mentions from the document), timing each
component over every article; then entity linking across the articles, and the whole; then
the grouping of every quote into facts as if all the articles were one event
(:func:`khabar.relate.statements.quote_facts`, the worst case of one statement across outlets).

Loading (the word lists, the tagger's model, the regular expressions: what the first article
of a process pays) is timed apart, on one article that is not in the sample, so the rates are
those of a running process.  Each figure is the best of ``--repeat`` runs in fresh
subprocesses (every run starts with empty caches, as a new process does), given as wall time
and CPU time of this process (the machine's other jobs inflate the CPU figure much less).

``--against OTHER/src``: an A/B run, taken in turn: each of ``--repeat`` rounds runs the
khabar in ``OTHER/src`` (another checkout, e.g. ``git worktree add ../before main~3``) and
this one, in alternating order, and prints each figure's best CPU time for both and the
gain (so a drift of the machine's speed hits both).

After loading, the heap is settled as a ``khabar`` command settles it
(:func:`khabar.cli.common.settle_heap`; ``KHABAR_BENCH_NO_SETTLE=1``: not).

``--again``: the same articles are analysed a second time in the same process and that pass
is shown too: every word type has been met, so the difference between the two passes is
what a process pays for the words it meets first (their normalized forms, readings, word-list
bits, the tagger's rows, stems, claim cues).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import extraction_run


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def run_once(n: int, seed: int, again: bool = False, batch: int | None = None) -> dict:
    """One measurement in this process: {"articles", "words", "times": {name: [wall, cpu]}}."""
    from khabar.extract.entities import link_entities
    from khabar.relate.statements import quote_facts

    articles, loader = extraction_run.sample(n, seed)
    times: dict[str, list[float]] = {}

    def add(name: str, since: tuple[float, float]) -> None:
        now = _clock()
        t = times.setdefault(name, [0.0, 0.0])
        t[0] += now[0] - since[0]
        t[1] += now[1] - since[1]

    start = _clock()
    extraction_run.load(loader)
    add("loading (first article)", start)
    if not os.environ.get("KHABAR_BENCH_NO_SETTLE"):
        extraction_run.settle_heap()
    words = sum(len(a.body.split()) for a in articles)
    batch = extraction_run.batch_size(batch)
    for suffix in ("", " again") if again else ("",):

        def timed(name: str, call, suffix: str = suffix):
            start = _clock()
            out = call()
            add(name + suffix, start)
            return out

        done = extraction_run.run_layer(articles, batch, timed)
        start = _clock()
        link_entities([m for d in done for m in d.mentions], {d.article.id: d.article.text for d in done})
        add("entities (linking)" + suffix, start)
        parts = [c + suffix for c in _components()] + ["entities (linking)" + suffix]
        times["extraction layer" + suffix] = [sum(times[name][k] for name in parts) for k in (0, 1)]
    quotes = [q for d in done for q in d.quotes]
    start = _clock()
    facts = quote_facts(quotes, {d.article.id: d.article for d in done}, {d.article.id: d.sentences for d in done})
    add("quote facts (one event)", start)
    return {"articles": len(done), "words": words, "quotes": len(quotes), "facts": len(facts), "times": times}


def _components() -> list[str]:
    """The names of the timed components: every one of the pipeline but the first (the sentences)."""
    from khabar.pipeline import PIPELINE

    return [c.name for c in PIPELINE[1:]]


def measure(args: argparse.Namespace, src: str | None = None) -> dict:
    """One run in a new process (of the khabar in ``src`` when given)."""
    env = None
    if src is not None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    out = subprocess.run(
        [sys.executable, __file__, "--once", "--n", str(args.n), "--seed", str(args.seed), *(["--again"] if args.again else []),
         *(["--batch", str(args.batch)] if args.batch else [])],
        check=True, capture_output=True, text=True, env=env,
    )
    return json.loads(out.stdout)


def compare(args: argparse.Namespace) -> None:
    """Rounds of the other checkout and this one, in turn; best CPU time of each figure."""
    other = str(Path(args.against).resolve())
    runs: dict[str, list[dict]] = {"other": [], "this": []}
    for k in range(max(1, args.repeat)):
        order = [("other", other), ("this", None)]
        for name, src in order if k % 2 == 0 else order[::-1]:
            runs[name].append(measure(args, src))
    n = runs["this"][-1]["articles"]
    print(f"{n} articles; CPU seconds, best of {len(runs['this'])} runs each, taken in turn; other: {args.against}")
    print(f"{'':<24} {'other':>8} {'this':>8} {'gain':>6}")
    for name in runs["this"][-1]["times"]:
        before = min(r["times"][name][1] for r in runs["other"])
        after = min(r["times"][name][1] for r in runs["this"])
        print(f"{name:<24} {before:8.3f} {after:8.3f} {(1 - after / before) * 100:5.0f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="ANT articles to sample")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs, each a new process; the best is shown")
    parser.add_argument("--against", metavar="OTHER/src", help="A/B against the khabar in another checkout's src, in turn")
    parser.add_argument("--again", action="store_true", help="analyse the articles a second time in the same process and show that pass too")
    parser.add_argument("--batch", type=int, help="articles analysed together, as analyze_many does (default: khabar.pipeline.BATCH; 1: one by one)")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)  # one run, as JSON
    args = parser.parse_args()
    if args.once:
        print(json.dumps(run_once(args.n, args.seed, args.again, args.batch)))
        return
    if args.against:
        compare(args)
        return
    runs = [measure(args) for _ in range(max(1, args.repeat))]
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
