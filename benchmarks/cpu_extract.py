"""Where the extraction layer's CPU time goes, by compiled function: ``perf`` samples of the
layer alone, each charged to the innermost khabar function on its stack.

    python benchmarks/cpu_extract.py [--n 300] [--top 40] [--by own|incl] [--frequency 2999] [--keep FILE]

Counted instructions (``instructions_extract.py``) and CPU time disagree (docs/measurements.md,
issue 19, session 19: -3.98 % instructions, 0-2 % CPU), and cProfile sees no function of a
compiled module (their time is their Python caller's).  This runs what
``benchmarks/bench_extract.py`` runs (the same sample and order, :mod:`extraction_run`) in a
child process, attaches ``perf record --call-graph dwarf`` once the child has loaded (so
neither the imports nor the first article's loading are sampled; the sentences are, as in
the layer's ``run_layer``, and the linking of entities), and charges each sample to the
innermost function of a compiled khabar module on its stack ("own": the function's code and
the C-API and numpy calls it makes; a Python function it calls is its own too) and to every
one on the stack ("incl").  Samples with no khabar frame (the collector, the pipeline's
Python) are shown apart.  Needs ``perf`` (Debian: ``linux-perf``) and
``kernel.perf_event_paranoid`` <= 2; the modules compiled (``pip install -e .``).
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: A compiled khabar function in a stack: Cython's wrapper (``pw``, named with the function's
#: index in its module), which calls its body (``pf``, under another name) just below it.
_FRAME = re.compile(r"__pyx_pw_6khabar_(\S+?)(?:\.constprop\.\d+)?$")


def _child(n: int, seed: int, ready: str) -> None:
    """The layer over the sample, after telling ``ready`` (a file) that loading is done."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import extraction_run
    from khabar.extract.entities import link_entities

    articles, loader = extraction_run.sample(n, seed)
    extraction_run.load(loader)
    extraction_run.settle_heap()
    Path(ready).write_text("loaded")
    time.sleep(0.5)  # (perf attaches)
    done = extraction_run.run_layer(articles, extraction_run.batch_size(), lambda name, call: call())
    link_entities([m for d in done for m in d.mentions], {d.article.id: d.article.text for d in done})


def _name(symbol: str) -> str | None:
    """``extract.tagger.crf.Tagger._decode`` of Cython's mangled symbol, None for another."""
    m = _FRAME.search(symbol)
    return re.sub(r"^\d+|_\d+(?=[A-Za-z_])", lambda d: "" if d.start() == 0 else ".", m.group(1)) if m else None


def charged(script: str) -> tuple[int, collections.Counter, collections.Counter, collections.Counter]:
    """Samples in all; by innermost khabar function (own), by every one on the stack (incl);
    the leaf symbols of samples with no khabar frame."""
    own: collections.Counter = collections.Counter()
    incl: collections.Counter = collections.Counter()
    outside: collections.Counter = collections.Counter()
    total = 0
    for block in script.split("\n\n"):
        symbols = [line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else "?" for line in block.strip().splitlines() if line.strip()]
        if not symbols:
            continue
        total += 1
        names = [x for x in map(_name, symbols) if x]
        if names:
            own[names[0]] += 1
            incl.update(set(names))
        else:
            outside["collector" if any("gc_collect" in s for s in symbols) else symbols[0]] += 1
    return total, own, incl, outside


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="ANT articles to sample")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=40, help="functions shown")
    parser.add_argument("--frequency", type=int, default=2999, help="samples a second")
    parser.add_argument("--by", choices=("own", "incl"), default="own", help="order of the functions shown")
    parser.add_argument("--keep", metavar="FILE", help="keep perf's data there")
    parser.add_argument("--child", metavar="READY", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.n, args.seed, args.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        ready = os.path.join(folder, "ready")
        data = args.keep or os.path.join(folder, "perf.data")
        child = subprocess.Popen([sys.executable, __file__, "--n", str(args.n), "--seed", str(args.seed), "--child", ready])
        while not os.path.exists(ready):
            if child.poll() is not None:
                sys.exit("the layer's process ended before loading")
            time.sleep(0.01)
        perf = subprocess.Popen(
            ["perf", "record", "-q", "-F", str(args.frequency), "--call-graph", "dwarf,16384", "-p", str(child.pid), "-o", data],
            stderr=subprocess.DEVNULL,
        )
        child.wait()
        perf.wait()
        script = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym"], capture_output=True, text=True, check=True).stdout
    total, own, incl, outside = charged(script)
    if not total:
        sys.exit("no samples (is perf allowed? kernel.perf_event_paranoid)")
    print(f"{total} samples of the layer ({args.n} ANT articles + seeds + examples, seed {args.seed})")
    print(f"{'own %':>6} {'incl %':>6}  function")
    for name, _ in (own if args.by == "own" else incl).most_common(args.top):
        print(f"{100 * own[name] / total:6.1f} {100 * incl[name] / total:6.1f}  {name}")
    rest = sum(outside.values())
    print(f"{100 * rest / total:6.1f}         no khabar frame, of which the collector {100 * outside['collector'] / total:.1f}")


if __name__ == "__main__":
    main()
