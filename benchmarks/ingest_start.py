"""``khabar ingest`` of two source trees in turn, as processes: the wall time before the first
worker is forked, and of the whole command, alternated.

    python benchmarks/ingest_start.py OLD_SRC NEW_SRC [--n 2000] [--rounds 20]

Each tree (a folder holding ``khabar/``, e.g. ``git archive main src | tar -x -C /tmp/old``)
is put first on ``PYTHONPATH``, compiled first; each round stores the first N ANT files from
1 April 2018 (``corpus.ant_window``) into a new database with each tree, in turn first.  The
time to the first fork is taken by an audit hook (``os.fork``) against the system's monotonic
clock read just before the process starts, so it holds the interpreter's start-up as well.
Prints, for each tree, the quartiles of both times and the median per-round difference: on a
loaded machine single runs scatter widely, so compare distributions, not one figure.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ant_window  # noqa: E402

# The first os.fork of the process writes the monotonic clock to $FORK_AT (forked workers
# inherit the hook, but a worker never forks).
PROGRAM = """import os, sys, time
def hook(event, args, out=os.environ['FORK_AT']):
    if event == 'os.fork' and not os.path.exists(out):
        with open(out, 'w') as f:
            f.write(repr(time.monotonic()))
sys.addaudithook(hook)
from khabar.cli import app
sys.argv[0] = 'khabar'
app()
"""


def quartiles(values: list[float]) -> str:
    q = statistics.quantiles(values, n=4)
    return f"{q[0] * 1000:.0f} / {statistics.median(values) * 1000:.0f} / {q[2] * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    trees = [str(Path(args.old).resolve()), str(Path(args.new).resolve())]
    for tree in trees:
        compileall.compile_dir(str(Path(tree) / "khabar"), quiet=1)
    files = [str(p) for p in ant_window(args.n)]
    fork: dict[str, list[float]] = {t: [] for t in trees}
    whole: dict[str, list[float]] = {t: [] for t in trees}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.rounds + 1):  # the first round warms the file cache
            for j, tree in enumerate(trees if i % 2 else trees[::-1]):
                at = f"{tmp}/fork-{i}-{j}"
                env = {**os.environ, "PYTHONPATH": tree, "FORK_AT": at}
                cmd = [sys.executable, "-c", PROGRAM, "ingest", "--db", f"{tmp}/{i}-{j}.sqlite3", *files]
                start = time.monotonic()
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
                end = time.monotonic()
                if i:
                    fork[tree].append(float(Path(at).read_text()) - start)
                    whole[tree].append(end - start)
    for name, tree in zip(("old", "new"), trees, strict=True):
        print(f"{name} {tree}: to the first fork {quartiles(fork[tree])}; whole {quartiles(whole[tree])} (quartiles)")
    for label, times in (("to the first fork", fork), ("whole", whole)):
        diff = [(b - a) * 1000 for a, b in zip(times[trees[0]], times[trees[1]], strict=True)]
        print(f"new - old, {label}, per round: median {statistics.median(diff):+.1f} ms "
              f"(quartiles {statistics.quantiles(diff, n=4)[0]:+.1f} .. {statistics.quantiles(diff, n=4)[2]:+.1f}; "
              f"new shorter in {sum(d < 0 for d in diff)} of {len(diff)})")


if __name__ == "__main__":
    main()
