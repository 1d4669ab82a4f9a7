"""Instructions the extraction layer executes (valgrind's callgrind), which the machine's load
does not change: the figure to compare two versions by on a shared machine, where CPU time
moves 5-10 % between runs of the same code.

    python benchmarks/instructions_extract.py [--n 100] [--against OTHER/src] [--component NAME]

Runs what ``benchmarks/bench_extract.py`` times, in the same order (ANT articles, seed 1,
plus the seeds and the examples; the pipeline as ``analyze_many`` runs it, 16 articles at a
time; then the linking of entities), in a new process under ``valgrind --tool=callgrind``,
counting instructions only inside the timed components: not reading, not importing, not
the first article's loading, not the sentences.  Counting is switched on and off through
callgrind's client requests, from a small C helper compiled here with the system's
``gcc`` and ``valgrind/callgrind.h`` (Debian: ``apt-get install valgrind gcc``).

Each run starts with a copy of the same stem cache (made once for the sample by a run
without valgrind, under the system's temporary directory) and ``PYTHONHASHSEED=0``, so two runs of the same code count the same
to a few parts in 10,000.  Under valgrind Python runs ~50 times slower: 100 articles take
a few minutes.  ``--against OTHER/src`` counts the khabar in another checkout too and
prints both and the difference.

``--component NAME`` (numbers, dates, mentions, quotes, claims, linking): only that
component's instructions, in the same run; valgrind instruments only while it runs (the
rest runs a few times faster than under instrumentation), so a count of 100 articles takes
~1-2 minutes instead of ~5: for trying a change to one component.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import extraction_run

HELPER_C = """
#include <valgrind/callgrind.h>
void khabar_toggle(void) { CALLGRIND_TOGGLE_COLLECT; }
void khabar_start(void) { CALLGRIND_START_INSTRUMENTATION; }
void khabar_stop(void) { CALLGRIND_STOP_INSTRUMENTATION; }
"""
#: The components ``--component`` names, as the bench names them (linking: "entities (linking)").
COMPONENTS = ("numbers", "dates", "mentions", "quotes", "claims", "linking")


def _helper(work: Path) -> Path:
    lib = work / "libkhabar_cg2.so"  # 2: with khabar_start/khabar_stop
    if not lib.exists():
        src = work / "khabar_cg.c"
        src.write_text(HELPER_C, encoding="utf-8")
        subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", str(lib), str(src)], check=True)
    return lib


def run_once(n: int, seed: int, helper: str, component: str | None = None) -> None:
    """The layer over the bench's articles, counting switched on around the timed parts
    (with ``component``, around that component's only, instrumenting only there)."""
    import ctypes

    from khabar.extract.entities import link_entities

    lib = ctypes.CDLL(helper)
    on = off = lib.khabar_toggle
    if component is not None:  # instrumented only while counted: in separate calls (a toggle in
        # the call that starts the instrumentation is not seen)

        def on() -> None:
            lib.khabar_start()
            lib.khabar_toggle()

        def off() -> None:
            lib.khabar_toggle()
            lib.khabar_stop()

    def counting(name: str) -> bool:
        return component is None or name == component

    def counted(name: str, call):
        if not counting(name):
            return call()  # the sentences and the other components: not counted
        on()
        out = call()
        off()
        return out

    articles, loader = extraction_run.sample(n, seed)
    extraction_run.load(loader)
    extraction_run.settle_heap()
    done = extraction_run.run_layer(articles, extraction_run.batch_size(), counted)
    counted("linking", lambda: link_entities([m for d in done for m in d.mentions], {d.article.id: d.article.text for d in done}))
    print(f"{len(done)} articles, {sum(len(d.quotes) for d in done)} quotes, {sum(len(d.claims) for d in done)} claims")


def _warm_cache(args: argparse.Namespace, work: Path) -> Path:
    """A stem cache that knows every word of the sample (made once, by a run without
    valgrind), copied for every counted run: no run stems a word the other did not."""
    cache = work / f"cache-n{args.n}-seed{args.seed}"
    if not cache.exists():
        env = {**os.environ, "KHABAR_CACHE_DIR": str(cache), "PYTHONHASHSEED": "0"}
        once = [sys.executable, __file__, "--once", "--n", str(args.n), "--seed", str(args.seed), "--helper", str(_helper(work)),
                *(["--component", args.component] if args.component else [])]
        subprocess.run(once, check=True, capture_output=True, env=env)
    return cache


def count(args: argparse.Namespace, work: Path, src: str | None, label: str) -> int:
    """Instructions of one run of the khabar in ``src`` (None: this checkout's)."""
    label = f"{label}-{os.getpid()}"  # runs of several checkouts at once share ``work``
    cache = work / f"cache-{label}"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.copytree(_warm_cache(args, work), cache)
    env = {**os.environ, "KHABAR_CACHE_DIR": str(cache), "PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    out = work / f"callgrind-{label}.out"
    subprocess.run(
        ["valgrind", "--tool=callgrind", "--collect-atstart=no", *(["--instr-atstart=no"] if args.component else []),
         f"--callgrind-out-file={out}",
         sys.executable, __file__, "--once", "--n", str(args.n), "--seed", str(args.seed), "--helper", str(_helper(work)),
         *(["--component", args.component] if args.component else [])],
        check=True, capture_output=True, text=True, env=env,
    )
    # "totals": with the instrumentation stopped and started again, "summary" says 0
    text = out.read_text(encoding="utf-8")
    found = re.search(r"^totals: (\d+)", text, re.M) or re.search(r"^summary: (\d+)", text, re.M)
    if found is None:
        sys.exit(f"no instruction count in {out}")
    shutil.rmtree(cache, ignore_errors=True)
    out.unlink()
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="ANT articles to sample")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--against", metavar="OTHER/src", help="count the khabar in another checkout's src too")
    parser.add_argument("--component", choices=COMPONENTS, help="count this component only (faster)")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--helper", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        run_once(args.n, args.seed, args.helper, args.component)
        return
    if shutil.which("valgrind") is None or shutil.which("gcc") is None:
        sys.exit("needs valgrind and gcc (with valgrind/callgrind.h)")
    work = Path(tempfile.gettempdir()) / "khabar-instructions"
    work.mkdir(exist_ok=True)
    what = args.component or "extraction layer"
    this = count(args, work, None, "this")
    if args.against:
        other = count(args, work, str(Path(args.against).resolve()), "other")
        print(f"{what}, {args.n} ANT articles + seeds + examples: other {other / 1e6:,.1f} M, this {this / 1e6:,.1f} M "
              f"instructions ({(this - other) / other * 100:+.2f} %)")
    else:
        print(f"{what}, {args.n} ANT articles + seeds + examples: {this / 1e6:,.1f} M instructions")


if __name__ == "__main__":
    main()
