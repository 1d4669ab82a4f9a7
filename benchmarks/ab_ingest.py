"""``khabar ingest`` of two source trees in turn, as processes: CPU seconds alternated.

    python benchmarks/ab_ingest.py OLD_SRC NEW_SRC [--n 2000] [--rounds 5] [--workers W]

Each tree (a folder holding ``khabar/``, e.g. ``git archive main src | tar -x -C /tmp/old``)
is put first on ``PYTHONPATH`` and its modules compiled first, as an install leaves them; the
first N ANT files from 1 April 2018 (``corpus.ant_window``) are stored into a new database by
each tree in turn and by ``plain_ingest.py``, N rounds after one that warms the file cache.
Prints each tree's median CPU seconds (user + system of the whole process, its workers
included: the figure to compare on a busy machine), its median ratio to the plain script, and
the median per-round ratio NEW / OLD.  ``--n 1`` measures the start-up.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ant_window  # noqa: E402

PLAIN = Path(__file__).resolve().parent / "plain_ingest.py"
PROGRAM = "import sys\nfrom khabar.cli import app\nsys.argv[0] = 'khabar'\napp()\n"


def cpu(cmd: list[str], env: dict[str, str] | None = None) -> float:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _pid, _status, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int)
    args = parser.parse_args()
    trees = [str(Path(args.old).resolve()), str(Path(args.new).resolve())]
    for tree in trees:
        compileall.compile_dir(str(Path(tree) / "khabar"), quiet=1)
    files = [str(p) for p in ant_window(args.n)]
    workers = [] if args.workers is None else ["--workers", str(args.workers)]
    times: dict[str, list[float]] = {t: [] for t in trees}
    plain: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.rounds + 1):
            for j, tree in enumerate(trees if i % 2 else trees[::-1]):  # each first in turn
                env = {**os.environ, "PYTHONPATH": tree}
                t = cpu([sys.executable, "-c", PROGRAM, "ingest", *workers, "--db", f"{tmp}/{i}-{j}.sqlite3", *files], env)
                if i:
                    times[tree].append(t)
            t = cpu([sys.executable, str(PLAIN), f"{tmp}/p{i}.sqlite3", *files])
            if i:
                plain.append(t)
    for name, tree in zip(("old", "new"), trees, strict=True):
        ratio = statistics.median(a / b for a, b in zip(times[tree], plain, strict=True))
        print(f"{name} {tree}: CPU median {statistics.median(times[tree]):.4f} s, ratio to plain {ratio:.2f}")
    per_round = [b / a for a, b in zip(times[trees[0]], times[trees[1]], strict=True)]
    print(f"plain_ingest.py: CPU median {statistics.median(plain):.4f} s; new / old per round: median "
          f"{statistics.median(per_round):.3f} ({min(per_round):.3f}-{max(per_round):.3f})")


if __name__ == "__main__":
    main()
