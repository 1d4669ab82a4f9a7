"""Story clustering at scale: ingest + sign + cluster on generated corpora (issue 5).

    python benchmarks/bench_scale.py --n 10000 30000 100000 --dask-n 10000

For each size a corpus is generated (benchmarks/corpus.py: distinct events of ~8 articles
by default, ``--corpus copies`` for ~20 events of thousands of copies) with one corrupt file (binary
garbage) planted half-way, then the LOCAL path runs in a fresh process, so that its peak
memory (``ru_maxrss``) is its own: read every file, store the articles (SQLite + FTS5,
batches of 500), sign them (MinHash) and assign stories.  The corrupt file must be
reported and skipped, every readable article stored.  The Dask path (``khabar.scale``,
a ``LocalCluster`` of ``--workers`` processes) runs on ``--dask-n`` for comparison and
must give the same assignments.  Goal: 100k articles in under 10 minutes and 4 GiB on
two cores.
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
from khabar.model import Article  # noqa: E402
from khabar.relate.stories import ClusterReport, StoryOptions, cluster_store  # noqa: E402
from khabar.store import open_store  # noqa: E402

BATCH = 500


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
        report = cluster_store(store, options=StoryOptions(), progress=progress, batch_size=BATCH)
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
                [corpus], store, options=StoryOptions(), client=client, on_error=lambda e: errors.append(e.source)
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


def child(args: argparse.Namespace) -> None:
    corpus = Path(args.child_corpus)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        if args.child_path == "local":
            out = run_local(corpus, db, trace=args.tracemalloc)
        else:
            out = run_dask(corpus, db, workers=args.workers)
    print(json.dumps(out))


def spawn(corpus: Path, path: str, args: argparse.Namespace) -> dict:
    cmd = [sys.executable, __file__, "--child-corpus", str(corpus), "--child-path", path, "--workers", str(args.workers)]
    if args.tracemalloc:
        cmd.append("--tracemalloc")
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
    stages = (
        f"read+store {r['ingest']:.0f} s, sign {r['sign']:.0f} s, assign {r['cluster']:.0f} s"
        if "ingest" in r
        else f"cluster start {r['cluster_start']:.1f} s, worker peak {r['worker_peak_rss_mib']:.0f} MiB"
    )
    return (
        f"| {n:>7,} | {r['path']} | {r['wall']:7.1f} | {r['articles'] / r['wall']:6.0f} | {r['peak_rss_mib']:6.0f} "
        f"| {r['stories']:>6} | {ratio} | {stages} | {r['check']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10_000, 30_000], help="corpus sizes (local path)")
    parser.add_argument("--dask-n", type=int, nargs="*", default=[10_000], help="sizes to also run on Dask")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--corpus",
        choices=("events", "copies"),
        default="events",
        help="events: many distinct events of ~8 articles (corpus.generate_events); copies: every "
        "article a copy of one of ~20 base texts (corpus.generate), the worst case for the clusterer",
    )
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    parser.add_argument("--child-corpus", help=argparse.SUPPRESS)
    parser.add_argument("--child-path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_corpus:
        child(args)
        return

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; python {sys.version.split()[0]}; "
          f"corpus: {args.corpus}")
    print("| articles | path | wall s | articles/s | peak RSS MiB | stories | time ratio vs first | stages | bad input |")
    print("|---:|---|---:|---:|---:|---:|---|---|---|")
    base = None
    for n in sorted(set(args.n) | set(args.dask_n)):
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            make = generate_events if args.corpus == "events" else generate
            bad = plant_corrupt(make(n, corpus))
            runs = []
            if n in args.n:
                local = spawn(corpus, "local", args)
                local["check"] = check(local, bad, n)
                local["n"] = n
                print(row(n, local, base), flush=True)
                base = base or local
                runs.append(local)
            if n in args.dask_n:
                d = spawn(corpus, "dask", args)
                d["check"] = check(d, bad, n)
                if runs and d["digest"] != runs[0]["digest"]:
                    d["check"] += "; ASSIGNMENTS DIFFER FROM LOCAL"
                elif runs:
                    d["check"] += "; same assignments as local"
                print(row(n, d, None), flush=True)


if __name__ == "__main__":
    main()
