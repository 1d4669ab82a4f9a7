"""Speed of the statistical name tagger, one core: sentences per second.

    python benchmarks/bench_ner.py [--sentences 2000] [--batch 10] [--articles 300]

Tags the sentences of ANERcorp's train split (../shared/corpora/anercorp) in batches of
``--batch`` sentences (about one article), twice: a cold pass (every word type is new to
the tagger: attributes, stems, clusters and weights are computed) and a warm pass (types
cached, as in a long run).  Also reports the model's load time and file size.

Then runs the pipeline's ``mentions`` component (both recognizers, merged) on
``--articles`` ANT articles (../shared/corpora/ant, shuffled with seed 1, as
``bench_extract.py`` samples them), cold and warm, against the word-list recognizer alone
on the same tokens.  Each figure is given in wall time and in CPU time of this process:
on a shared machine the CPU time is the steadier of the two.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=10, help="sentences per call (about one article)")
    parser.add_argument("--articles", type=int, default=300, help="ANT articles for the mentions component (0: skip)")
    args = parser.parse_args()
    path = SHARED / "corpora" / "anercorp" / "ANERCorp_CamelLab_train.txt"
    if not path.exists():
        sys.exit("../shared/corpora/anercorp is missing")
    from khabar.evaluate.ner import read_bio
    from khabar.extract.tagger import crf
    from khabar.text.ar.stem import stem

    stem("كتاب")  # the stemmer's own start-up is not the tagger's
    sentences = [[t for t, _ in s] for s in read_bio(path)[: args.sentences]]
    tokens = sum(map(len, sentences))
    started = time.perf_counter()
    model = crf.Model.load()
    loaded = time.perf_counter() - started
    tagger = crf.Tagger(model)
    size = (Path(crf.__file__).parent / "data" / crf.MODEL_FILE).stat().st_size
    print(f"model: {size / 1e6:.1f} MB, loaded in {1000 * loaded:.0f} ms")
    for label in ("cold", "warm"):
        started, cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(sentences), args.batch):
            tagger.tag(sentences[i : i + args.batch])
        secs, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"{label}: {len(sentences)} sentences ({tokens} tokens) in {secs:.2f} s: "
            f"{len(sentences) / secs:,.0f} sentences/s, {tokens / secs:,.0f} tokens/s "
            f"(CPU {cpu:.2f} s: {len(sentences) / cpu:,.0f} sentences/s)"
        )
    if args.articles:
        mentions_on_ant(args.articles)


def mentions_on_ant(n: int) -> None:
    import random

    import khabar
    from khabar.extract.entities import find_mentions
    from khabar.model import Document
    from khabar.pipeline import add_mentions, pipeline_until, run_component
    from khabar.text.ar.tokenize import columns

    files = sorted((SHARED / "corpora" / "ant").glob("*/*/*.txt"))
    if not files:
        sys.exit("../shared/corpora/ant is missing")
    random.Random(1).shuffle(files)
    before = pipeline_until("mentions")[:-1]  # what the component reads (sentences, dates), not timed
    docs = []
    for article in khabar.read(files[:n], errors="skip"):
        doc = Document(article=article)
        for c in before:
            doc = run_component(c, doc)
        docs.append(doc)

    def timed(label: str, run) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        for d in docs:
            run(d)
        secs, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"{label}: {secs:.2f} s ({len(docs) / secs:,.0f} articles/s), CPU {cpu:.2f} s ({len(docs) / cpu:,.0f} articles/s)")

    def word_lists_alone(d: Document) -> None:
        # Each sentence's columns, as the mentions component makes them once for the tagger too.
        find_mentions(d.article, d.sentences, [columns(s.text, punctuation=True) for s in d.sentences])

    print(f"mentions on {len(docs)} ANT articles:")
    timed("  word lists alone (cold)", word_lists_alone)
    timed("  word lists alone (warm)", word_lists_alone)
    timed("  mentions component, tagger and word lists (cold)", lambda d: run_component(add_mentions, d))
    timed("  mentions component, tagger and word lists (warm)", lambda d: run_component(add_mentions, d))


if __name__ == "__main__":
    main()
