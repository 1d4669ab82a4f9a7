"""The real stream: all of ANT (31,526 articles, five outlets, Feb-Oct 2018) into stories.

Ingests ``../shared/corpora/ant`` into a store (a temporary one unless ``--db`` is given; an
existing ``--db`` is reused, so re-clustering with other options skips the ingest), groups
it with :func:`khabar.scale.cluster.cluster_store`, and prints the time, peak memory, the
number of stories, how many span two outlets or more, and 20 random multi-outlet stories
(titles and outlets of their articles) for a hand check.

    /work/venv/bin/python benchmarks/ant_stream.py [--db /tmp/ant.sqlite3] [--threshold 0.22] [--cosine-threshold 0.3] [--restart] [--workers 2]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from khabar.errors import InputError
from khabar.ingest import read_paths
from khabar.config import StoryOptions
from khabar.scale.cluster import cluster_store
from khabar.scale import ProcessEngine
from khabar.store import open_store

ROOT = Path(__file__).resolve().parent.parent
ANT = ROOT.parent / "shared" / "corpora" / "ant"
_DEFAULTS = StoryOptions()


def cpu_seconds() -> float:
    """CPU time of this process and its ended children (the engine's workers, once they have
    ended): other jobs on a shared machine stretch the wall time, much less this."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ant", type=Path, default=ANT)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--threshold", type=float, default=_DEFAULTS.threshold)
    parser.add_argument("--window-days", type=int, default=_DEFAULTS.window_days)
    parser.add_argument("--body-terms", type=int, default=_DEFAULTS.body_terms)
    parser.add_argument("--cosine-threshold", type=float, default=_DEFAULTS.cosine_threshold,
                        help="second stage threshold; 0: MinHash alone (the grouping before the second stage)")
    parser.add_argument("--restart", action="store_true", help="forget stored stories first")
    parser.add_argument("--meaning-encoder", choices=("use", "static"), default=_DEFAULTS.meaning_encoder,
                        help="what encodes the articles' meaning (static: the distilled word vectors)")
    parser.add_argument("--workers", type=int, default=1,
                        help="processes that sign (khabar.scale.ProcessEngine); 1: this process alone")
    parser.add_argument("--largest", type=int, default=5, help="list this many of the largest events")
    parser.add_argument("--show", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args(argv)
    if not args.ant.exists():
        print(f"{args.ant}: not here", file=sys.stderr)
        return 2
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        args.db = Path(tmp.name) / "ant.sqlite3"
    options = StoryOptions(threshold=args.threshold, window_days=args.window_days, body_terms=args.body_terms,
                           cosine_threshold=args.cosine_threshold or None, meaning_encoder=args.meaning_encoder)
    with open_store(args.db) as store:
        if store.count() == 0:
            t0, c0 = time.perf_counter(), cpu_seconds()
            errors: list[InputError] = []

            def articles():
                for item in read_paths([args.ant]):
                    if isinstance(item, InputError):
                        errors.append(item)
                    else:
                        yield item

            added = store.add_batches(articles(), batch_size=1000).added
            print(f"ingest: {added} articles stored, {len(errors)} inputs skipped, {time.perf_counter() - t0:.1f} s "
                  f"({cpu_seconds() - c0:.1f} s of CPU), "
                  f"peak RSS {peak_mb():.0f} MB")
        t0, c0 = time.perf_counter(), cpu_seconds()
        engine = ProcessEngine(args.workers) if args.workers > 1 else None
        report = cluster_store(store, options=options, restart=args.restart, batch_size=1000, engine=engine)
        seconds = time.perf_counter() - t0
        sizes = [s.size for s in store.stories(limit=1_000_000, min_size=2, min_outlets=1)]
        n_stories = store.count_stories()
        multi = store.count_stories(min_outlets=2)
        print(
            f"cluster: {report.signed} signed, {len(report.skipped)} skipped, {report.assigned} assigned in "
            f"{seconds:.1f} s ({report.assigned / max(seconds, 1e-9):.0f} articles/s; "
            f"{cpu_seconds() - c0:.1f} s of CPU, the ended workers' included); peak RSS {peak_mb():.0f} MB"
        )
        print(f"options: {options}")
        print(f"stories: {n_stories} (size >= 2: {store.count_stories(min_size=2)}); spanning >= 2 outlets: {multi}; "
              f"active at the end: {report.active_stories}; retired: {report.retired}")
        if sizes:
            print(f"story sizes (>= 2): largest {max(sizes)}, mean {sum(sizes) / len(sizes):.1f}, "
                  f"articles in them {sum(sizes)}")
        for story in store.stories(limit=args.largest, sort="size"):
            print(f"  largest: {story.id} {story.size} articles, {story.outlets} outlets, "
                  f"{story.first_day}..{story.last_day}: {story.title[:90]}")
        for e in report.skipped[:5]:
            print(f"  skipped: {e}")
        pool = store.stories(limit=1_000_000, min_size=2, min_outlets=2)
        rng = random.Random(args.seed)
        for story in rng.sample(pool, min(args.show, len(pool))):
            print(f"\n== {story.id} {story.first_day}..{story.last_day} size={story.size} outlets={story.outlets}")
            for a in store.story_articles(story.id)[:8]:
                print(f"   [{a.outlet}] {a.published} {a.title[:110]}")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
