"""Speed of the statistical name tagger, one core: sentences per second.

    python benchmarks/bench_ner.py [--sentences 2000] [--batch 10]

Tags the sentences of ANERcorp's train split (../shared/corpora/anercorp) in batches of
``--batch`` sentences (about one article), twice: a cold pass (every word type is new to
the tagger: attributes, stems, clusters and weights are computed) and a warm pass (types
cached, as in a long run).  Also reports the model's load time and file size.
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
        started = time.perf_counter()
        for i in range(0, len(sentences), args.batch):
            tagger.tag(sentences[i : i + args.batch])
        secs = time.perf_counter() - started
        print(
            f"{label}: {len(sentences)} sentences ({tokens} tokens) in {secs:.2f} s: "
            f"{len(sentences) / secs:,.0f} sentences/s, {tokens / secs:,.0f} tokens/s"
        )


if __name__ == "__main__":
    main()
