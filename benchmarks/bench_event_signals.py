"""Per-article cost of each signal of event grouping, on real news (ANT).

Reads ``--n`` ANT articles (the event gold's articles by default, so no corpus walk) and
times, each over all of them: the word signature (light stems, MinHash and term vector,
without names), the names of the lead (the entity finder on the lead), the event day (the
date rules on title and lead), the kinds of happening of the title, the figures of title and
lead (the number reader: the event scorer's anchors), the runs of quoted words and of the
headline (the quote anchors), the meaning vector
(the multilingual USE on title and lead, one thread, batches of ``--batch``; and the word
vectors distilled from it, ``meaning_encoder="static"``), and the grouping itself of the
signed articles (the index: candidates, the learned event scorer, storylines) with each event
scorer, and with the learned one without complete linkage (``LINKAGE_FLOORS``: what the
linkage costs).  Prints milliseconds per article
for each, of CPU time (this process's, what another job on the machine does not inflate) and
of wall-clock time.

    python benchmarks/bench_event_signals.py [--ant ../shared/corpora/ant] [--batch 256]

Wall figures taken on a loaded machine are relative costs: compare the rows, or read the CPU column.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from pathlib import Path

from khabar.config import StoryOptions
from khabar.extract.entities import lead_mentions, lead_names
from khabar.extract.happenings import headline_kinds
from khabar.ingest import read_path
from khabar.model import Article
from khabar.relate.meaning import article_meanings
from khabar.relate.stories import SignedArticle
from khabar.relate.stories import anchor_set, assign_stories
from khabar.relate.stories import index as index_module
from khabar.scale.cluster import event_day, lead_figures, sign_batch
from khabar.text.ar.segment import quoted_spans

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ant", type=Path, default=ROOT.parent / "shared" / "corpora" / "ant")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "events" / "events.jsonl")
    parser.add_argument("--batch", type=int, default=256)
    args = parser.parse_args()
    paths = [json.loads(line)["path"] for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [a for p in paths for a in read_path(args.ant / p) if isinstance(a, Article)]
    options = StoryOptions(event_band=False)  # the signals and the scorer alone (the band needs a store's sentences)
    lexical = dataclasses.replace(options, names=False, semantic=False)
    article_meanings(articles[:2])  # load the model outside the timing

    def timed(name: str, run) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        run()
        ms = 1000 * (time.perf_counter() - started) / len(articles)
        cpu_ms = 1000 * (time.process_time() - cpu) / len(articles)
        print(f"{name:<34} {cpu_ms:7.2f} ms/article of CPU {ms:8.2f} ms wall")

    print(f"{len(articles)} ANT articles")
    timed("word signature (stems, MinHash)", lambda: [SignedArticle.of(a, options=lexical, names=()) for a in articles])
    timed("names of the lead", lambda: [lead_names(a, body_terms=options.body_terms) for a in articles])
    timed("event day (dates of the lead)", lambda: [event_day(a, lead_words=options.lead_words) for a in articles])
    mentions = [lead_mentions(a, body_terms=options.body_terms) for a in articles]
    timed("kinds of happening (title)", lambda: [headline_kinds(a, m) for a, m in zip(articles, mentions)])
    timed("figures of title and lead", lambda: [lead_figures(a, lead_words=options.lead_words) for a in articles])
    timed("quote and headline runs", lambda: [anchor_set([], [], quoted_spans(a.body), a.title) for a in articles])
    signed = [s for s in sign_batch(articles, options=options) if isinstance(s, SignedArticle)]
    assign_stories(signed, options=options)  # warm up: the first grouping pays the scorer's load and caches
    for scorer in ("learned", "hand"):
        grouped = dataclasses.replace(options, event_scorer=scorer)
        timed(f"grouping, {scorer} event scorer", lambda grouped=grouped: assign_stories(signed, options=grouped))
    floors = dict(index_module.LINKAGE_FLOORS)
    index_module.LINKAGE_FLOORS.clear()  # the same grouping without complete linkage, for its cost
    timed("grouping, learned, no linkage", lambda: assign_stories(signed, options=options))
    index_module.LINKAGE_FLOORS.update(floors)
    article_meanings(articles[:2], encoder="static")  # load the vectors outside the timing
    timed("meaning (distilled word vectors)", lambda: article_meanings(articles, encoder="static"))

    def meanings() -> None:
        from khabar.relate.embeddings import get_encoder

        get_encoder("use")._cache.clear()  # time the model, not the cache
        for i in range(0, len(articles), args.batch):
            article_meanings(articles[i : i + args.batch])

    timed(f"meaning (USE, batches of {args.batch})", meanings)


if __name__ == "__main__":
    main()
