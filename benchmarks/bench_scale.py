"""Story clustering at scale: ingest + sign + cluster on generated corpora (issue 5).

    python benchmarks/bench_scale.py --n 10000 30000 100000 --workers 1 2 --dask-n 10000

For each size a corpus is generated (benchmarks/corpus.py: distinct events of ~8 articles
by default, ``--corpus copies`` for ~20 events of thousands of copies) with one corrupt file (binary
garbage) planted half-way, then each path runs in a fresh process, so that its peak
memory (``ru_maxrss``) is its own:

- ``1 process``: read every file, store the articles (SQLite + FTS5, batches of 500),
  sign them (MinHash) and assign stories (``khabar ingest`` then ``khabar stories``);
- ``N processes`` (``--workers``): :func:`khabar.scale.ingest_paths` on a
  :class:`~khabar.scale.ProcessEngine`: N worker processes read partitions of files while
  the main process stores them, then sign the stored articles a batch each while the main
  process saves the signatures, then the main process assigns (peak RSS is the main
  process's; the workers' is reported beside it);
- ``dask``: the same on a Dask ``LocalCluster`` (``--dask-n`` sizes).

The corrupt file must be reported and skipped, every readable article stored, and every
path must give the same assignments.  Goal: 100k articles in under 10 minutes and 4 GiB
on two cores.  ``CPU s`` is the run's CPU time, its worker processes' included: under
load from other jobs the wall time stretches, the CPU time much less.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate, generate_events  # noqa: E402

from khabar.errors import InputError  # noqa: E402
from khabar.ingest import read_paths  # noqa: E402
from khabar.config import StoryOptions  # noqa: E402
from khabar.scale.cluster import ClusterReport, cluster_store  # noqa: E402
from khabar.store import open_store  # noqa: E402

BATCH = 500


#: The grouping options of every run (``--meaning-encoder`` sets the encoder, ``--event-scorer`` the scorer).
OPTIONS = StoryOptions()


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def digest(assignments: dict[str, str]) -> str:
    """A short fingerprint of the assignments, to compare runs without shipping them."""
    h = hashlib.sha1()
    for aid in sorted(assignments):
        h.update(f"{aid}={assignments[aid]};".encode())
    return h.hexdigest()[:12]


def plant_corrupt(files: list[Path]) -> Path:
    middle = files[len(files) // 2]
    bad = middle.with_name(middle.stem + "x.txt")  # sorts right after the middle file
    bad.write_bytes(bytes(random.Random(5).randrange(256) for _ in range(8192)))
    return bad


def run_local(corpus: Path, db: Path, *, trace: bool) -> dict:
    """The local path, one process: read -> store (batches of 500) -> cluster_store."""
    if trace:
        tracemalloc.start()
    errors: list[str] = []
    read = 0

    def articles():
        nonlocal read
        for result in read_paths([corpus]):
            if isinstance(result, InputError):
                errors.append(result.source)  # reported and skipped; the batch goes on
            else:
                read += 1
                yield result

    stage_start: dict[str, float] = {}  # when cluster_store first reported each stage

    def progress(report: ClusterReport) -> None:
        stage_start.setdefault(report.stage, time.perf_counter())

    start = time.perf_counter()
    with open_store(db) as store:
        store.add_batches(articles(), batch_size=BATCH)
        t_ingest = time.perf_counter()
        report = cluster_store(store, options=OPTIONS, progress=progress, batch_size=BATCH)
        end = time.perf_counter()
        stored = store.count()
        assignments = store.assignments()
    out = {
        "path": "local",
        "articles": read,
        "stored": stored,
        "errors": errors + [e.source for e in report.skipped],
        "stories": len(set(assignments.values())),
        "digest": digest(assignments),
        "wall": end - start,
        "ingest": t_ingest - start,
        "sign": stage_start.get("assigning", end) - t_ingest,
        "cluster": end - stage_start.get("assigning", end),
        "peak_rss_mib": peak_rss_mib(),
    }
    if trace:
        out["traced_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
    return out


def run_processes(corpus: Path, db: Path, *, workers: int) -> dict:
    """N worker processes read and sign, this process stores, then assigns."""
    from khabar.scale import ProcessEngine, ingest_paths

    errors: list[str] = []
    start = time.perf_counter()
    with open_store(db) as store:
        result = ingest_paths(
            [corpus],
            store,
            options=OPTIONS,
            engine=ProcessEngine(workers),
            batch_size=BATCH,
            on_error=lambda e: errors.append(e.source),
        )
        end = time.perf_counter()
        stored = store.count()
        assignments = store.assignments()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "path": f"{workers} processes",
        "articles": result.articles,
        "stored": stored,
        "errors": errors,
        "stories": len(set(assignments.values())),
        "digest": digest(assignments),
        "wall": end - start,
        "ingest": end - start - result.report.seconds,
        "sign": 0.0,
        "cluster": result.report.seconds,
        "peak_rss_mib": peak_rss_mib(),
        "worker_peak_rss_mib": children,
    }


def run_dask(corpus: Path, db: Path, *, workers: int) -> dict:
    import distributed

    from khabar.scale.dask_batch import ingest_paths_distributed

    start = time.perf_counter()
    with distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        started = time.perf_counter() - start
        errors: list[str] = []
        with open_store(db) as store:
            result = ingest_paths_distributed(
                [corpus], store, options=OPTIONS, client=client, on_error=lambda e: errors.append(e.source)
            )
            stored = store.count()
            assignments = store.assignments()
        worker_rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    wall = time.perf_counter() - start
    return {
        "path": f"dask ({workers} workers)",
        "articles": result.articles,
        "stored": stored,
        "errors": errors,
        "stories": len(set(assignments.values())),
        "digest": digest(assignments),
        "wall": wall,
        "cluster_start": started,
        "peak_rss_mib": peak_rss_mib(),
        "worker_peak_rss_mib": max(worker_rss.values()),
    }


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the engine's workers): what
    other jobs on a shared machine do not inflate, unlike the wall-clock time."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def child(args: argparse.Namespace) -> None:
    corpus = Path(args.child_corpus)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        if args.child_path == "local":
            out = run_local(corpus, db, trace=args.tracemalloc)
        elif args.child_path == "processes":
            out = run_processes(corpus, db, workers=args.workers[0])
        else:
            out = run_dask(corpus, db, workers=args.workers[0])
    out["cpu"] = cpu_seconds()
    print(json.dumps(out))


def spawn(corpus: Path, path: str, args: argparse.Namespace, *, workers: int) -> dict:
    cmd = [sys.executable, __file__, "--child-corpus", str(corpus), "--child-path", path, "--workers", str(workers)]
    if args.tracemalloc:
        cmd.append("--tracemalloc")
    cmd += ["--meaning-encoder", args.meaning_encoder, "--event-scorer", args.event_scorer]
    if args.no_event_band:
        cmd.append("--no-event-band")
    if args.no_event_e5:
        cmd.append("--no-event-e5")
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{path} run on {corpus} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def check(run: dict, bad: Path, n: int) -> str:
    """Bad input at scale: reported and skipped, every one of the ``n`` generated articles
    stored (each has a distinct title, so a distinct id)."""
    problems = []
    if run["errors"] != [str(bad)]:
        problems.append(f"errors {run['errors'][:3]} (expected only the planted file)")
    if run["stored"] != n:
        problems.append(f"stored {run['stored']} of {n} articles")
    return "ok" if not problems else "; ".join(problems)


def row(n: int, r: dict, base: dict | None) -> str:
    ratio = f"{r['wall'] / base['wall']:5.2f} (linear {n / base['n']:4.1f})" if base else "  -"
    if "cluster_start" in r:
        stages = f"cluster start {r['cluster_start']:.1f} s, worker peak {r['worker_peak_rss_mib']:.0f} MiB"
    elif "worker_peak_rss_mib" in r:
        stages = (
            f"read+store {r['ingest']:.0f} s, sign+assign {r['cluster']:.0f} s, "
            f"worker peak {r['worker_peak_rss_mib']:.0f} MiB"
        )
    else:
        stages = f"read+store {r['ingest']:.0f} s, sign {r['sign']:.0f} s, assign {r['cluster']:.0f} s"
    return (
        f"| {n:>7,} | {r['path']} | {r['wall']:7.1f} | {r.get('cpu', float('nan')):7.1f} "
        f"| {r['articles'] / r['wall']:6.0f} | {r['peak_rss_mib']:6.0f} "
        f"| {r['stories']:>6} | {ratio} | {stages} | {r['check']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10_000, 30_000], help="corpus sizes (local path)")
    parser.add_argument("--dask-n", type=int, nargs="*", default=[10_000], help="sizes to also run on Dask")
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[1, 2],
        help="local paths to run: 1 = one process; N > 1 = N worker processes (ProcessEngine); "
        "the largest is also the Dask cluster's size",
    )
    parser.add_argument(
        "--corpus",
        choices=("events", "copies"),
        default="events",
        help="events: many distinct events of ~8 articles (corpus.generate_events); copies: every "
        "article a copy of one of ~20 base texts (corpus.generate), the worst case for the clusterer",
    )
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    parser.add_argument("--meaning-encoder", choices=("use", "static"), default=StoryOptions().meaning_encoder,
                        help="what encodes the articles' meaning (static: the distilled word vectors)")
    parser.add_argument("--event-scorer", choices=("learned", "hand"), default=StoryOptions().event_scorer,
                        help="how an article is scored against an event (hand: the weighted score of before)")
    parser.add_argument("--no-event-band", action="store_true",
                        help="group without the sentence band (on by default since session 28), for an A/B of its cost")
    parser.add_argument("--no-event-e5", action="store_true",
                        help="group without the band's e5 reading (on by default since session 32), for an A/B of its cost")
    parser.add_argument("--child-corpus", help=argparse.SUPPRESS)
    parser.add_argument("--child-path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    global OPTIONS
    OPTIONS = StoryOptions(
        meaning_encoder=args.meaning_encoder, event_scorer=args.event_scorer, event_band=False if args.no_event_band else None,
        event_e5=False if args.no_event_e5 else None,
    )
    if args.child_corpus:
        child(args)
        return

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; python {sys.version.split()[0]}; "
          f"corpus: {args.corpus}; meaning: {args.meaning_encoder}; event scorer: {args.event_scorer}; "
          f"event band: {OPTIONS.reads_band}; e5 reading: {OPTIONS.reads_e5}")
    print("| articles | path | wall s | CPU s | articles/s | peak RSS MiB | stories | time ratio vs first | stages | bad input |")
    print("|---:|---|---:|---:|---:|---:|---:|---|---|---|")
    bases: dict[str, dict] = {}  # the first (smallest) run of each path, for the growth ratio
    for n in sorted(set(args.n) | set(args.dask_n)):
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            make = generate_events if args.corpus == "events" else generate
            bad = plant_corrupt(make(n, corpus))
            runs: list[dict] = []
            todo = [("local" if w == 1 else "processes", w) for w in sorted(args.workers)] if n in args.n else []
            if n in args.dask_n:
                todo.append(("dask", max(args.workers + [2])))
            for path, workers in todo:
                r = spawn(corpus, path, args, workers=workers)
                r["check"] = check(r, bad, n)
                if runs and r["digest"] != runs[0]["digest"]:
                    r["check"] += f"; ASSIGNMENTS DIFFER FROM {runs[0]['path'].upper()}"
                elif runs:
                    r["check"] += f"; same assignments as {runs[0]['path']}"
                r["n"] = n
                key = r["path"]
                print(row(n, r, bases.get(key)), flush=True)
                bases.setdefault(key, r)
                runs.append(r)


if __name__ == "__main__":
    main()
