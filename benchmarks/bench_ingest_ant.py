"""``khabar ingest`` of real ANT files against a plain SQLite + FTS5 script, as processes.

    python benchmarks/bench_ingest_ant.py [--n 2000] [--repeat 5] [--workers W] [--encode]

The first N ANT files from 1 April 2018 (``corpus.ant_window``) are stored by ``khabar
ingest --db`` (read, check, normalize, segment, store with its full-text index) and by
``benchmarks/plain_ingest.py`` (title and body into an FTS5 table, nothing else), in turn,
each into a new database; prints each one's median wall time and the median of the
per-pair ratios (goal: khabar <= 1.5 x the plain script), then the same of CPU time (user
+ system: the figure to compare on a machine shared with other work; khabar's store
writes on a second thread while it reads, so its CPU time exceeds its wall time on two
idle cores; by default its workers read too, so on a busy machine, with no core free,
its wall time says little).  ``--encode`` runs ``khabar ingest --encode`` (the sentence
vectors a check reads, kept ahead: the encoder reads every sentence) and prints the size of
both stores per 1,000 articles.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_brief import CPU, compiled, khabar_cmd, run  # noqa: E402
from corpus import ant_window  # noqa: E402

PLAIN = Path(__file__).resolve().parent / "plain_ingest.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workers", type=int, help="khabar ingest --workers W (default: khabar's own choice)")
    parser.add_argument("--encode", action="store_true", help="khabar ingest --encode; print the stores' sizes")
    args = parser.parse_args()
    workers = [] if args.workers is None else ["--workers", str(args.workers)]
    if args.encode:
        workers.append("--encode")
    files = [str(p) for p in ant_window(args.n)]
    # As an install leaves them: with PYTHONDONTWRITEBYTECODE set (as on the team's
    # machine) and no bytecode, every run compiled the ~40 modules it imports, ~0.035 s of
    # CPU before the first file is read.
    compiled()
    ours, plain = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat + 1):  # the first pair warms the file cache, not counted
            # exit 1: some inputs were refused (ANT has empty documents); the rest are stored
            a = (run([*khabar_cmd(), "ingest", *workers, "--db", f"{tmp}/k{i}.sqlite3", *files], ok=(0, 1))[0], CPU[-1])
            b = (run([sys.executable, str(PLAIN), f"{tmp}/p{i}.sqlite3", *files])[0], CPU[-1])
            if i:
                ours.append(a)
                plain.append(b)
        sizes = [_mib(Path(tmp) / f"{name}0.sqlite3") * 1000 / args.n for name in ("k", "p")]
    for what, k in (("wall", 0), ("CPU", 1)):
        ratios = [a[k] / b[k] for a, b in zip(ours, plain, strict=True)]
        print(
            f"{args.n} ANT files, {what} time: khabar ingest {statistics.median(a[k] for a in ours):.2f} s, plain "
            f"SQLite+FTS5 script {statistics.median(b[k] for b in plain):.2f} s, ratio {statistics.median(ratios):.2f} "
            f"({min(ratios):.2f}-{max(ratios):.2f})"
        )
    print(f"store size per 1,000 articles: khabar {sizes[0]:.1f} MiB, plain {sizes[1]:.1f} MiB")


def _mib(path: Path) -> float:
    """The size of a closed SQLite file with its journal files."""
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20


if __name__ == "__main__":
    main()
