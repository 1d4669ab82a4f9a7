"""Whole briefs as new processes: start-up, size, and a yardstick.

    python benchmarks/bench_brief.py seeds [--repeat 7]
    python benchmarks/bench_brief.py sizes [--n 10 100 1000 2000]
    python benchmarks/bench_brief.py check [--repeat 7]
    python benchmarks/bench_brief.py stages --n 1000

``seeds``: ``khabar brief ../shared/seeds`` with a cold stem cache (a new empty cache folder
each run) and a warm one, each run alternately with ``benchmarks/sumy_lexrank.py`` on the
same files (A B A B ..., so a drift of the machine's speed hits both), printing the median
wall time of each and the median of the per-pair ratios.  Goals (a quiet machine): cold
<= 1.0 s, warm <= 0.6 s, and <= 0.4 x the sumy script.  Needs ``pip install sumy pyarabic``.

``sizes``: ``khabar brief -f json`` of the first N ANT files from 1 April 2018
(``corpus.ant_window``: days of real news across five outlets), read by khabar's reader, for
each N: wall time and the process's peak memory, and each against the previous size, so
growth shows (goal: 2,000 articles <= 20 s and <= 1 GiB, time and memory ~linear).

``check``: ``khabar check`` of a claim against the seeds as a new process (goal <= 1 s).

``stages``: one brief of N ANT articles in this process under cProfile: the cumulative
time of each stage of :func:`khabar.event_brief.build_event_brief`, to see which grows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ant_window  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SUMY = Path(__file__).resolve().parent / "sumy_lexrank.py"
CLAIM = "قتل 20 مدنيا في حلب"


def khabar_cmd() -> list[str]:
    exe = shutil.which("khabar", path=str(Path(sys.executable).parent)) or shutil.which("khabar")
    if exe is None:
        raise SystemExit("the khabar command is not installed: pip install -e .")
    return [exe]


def run(cmd: list[str], env: dict[str, str] | None = None, *, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one run of ``cmd`` (exit status in ``ok``)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in ok:
        raise SystemExit(f"{' '.join(cmd[:4])} ... failed:\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def alternate(a: list[str], b: list[str], repeat: int, *, env_a) -> tuple[list[float], list[float]]:
    times_a, times_b = [], []
    for _ in range(repeat):
        times_a.append(run(a, env_a())[0])
        times_b.append(run(b)[0])
    return times_a, times_b


def seeds(repeat: int) -> None:
    brief = [*khabar_cmd(), "brief", str(SEEDS)]
    sumy = [sys.executable, str(SUMY), str(SEEDS)]
    run(sumy)  # warm the file cache; fails early when sumy or pyarabic is missing
    warm_dir = tempfile.mkdtemp(prefix="khabar-warm-")
    warm_env = {**os.environ, "KHABAR_CACHE_DIR": warm_dir}
    run(brief, warm_env)  # fills the warm cache
    cold_dirs: list[str] = []

    def cold_env() -> dict[str, str]:
        cold_dirs.append(tempfile.mkdtemp(prefix="khabar-cold-"))
        return {**os.environ, "KHABAR_CACHE_DIR": cold_dirs[-1]}

    try:
        for name, env in (("cold", cold_env), ("warm", lambda: warm_env)):
            a, b = alternate(brief, sumy, repeat, env_a=env)
            ratios = [x / y for x, y in zip(a, b, strict=True)]
            print(
                f"seeds brief, {name} stem cache: {statistics.median(a):.2f} s "
                f"(min {min(a):.2f}, max {max(a):.2f}); sumy LexRank script {statistics.median(b):.2f} s; "
                f"ratio {statistics.median(ratios):.2f} (pairs {min(ratios):.2f}-{max(ratios):.2f}), {repeat} pairs"
            )
    finally:
        for d in [warm_dir, *cold_dirs]:
            shutil.rmtree(d, ignore_errors=True)


def sizes(ns: list[int]) -> None:
    print(f"{'articles':>8} {'seconds':>8} {'peak MiB':>9} {'time x':>7} {'memory x':>9} {'size x':>7}")
    previous = None
    for n in ns:
        paths = [str(p) for p in ant_window(n)]
        seconds, mib = run([*khabar_cmd(), "brief", "-f", "json", "-o", os.devnull, *paths])
        if previous:
            p_n, p_s, p_m = previous
            growth = f"{seconds / p_s:7.2f} {mib / p_m:9.2f} {n / p_n:7.1f}"
        else:
            growth = f"{'':>7} {'':>9} {'':>7}"
        print(f"{n:>8} {seconds:8.2f} {mib:9.0f} {growth}", flush=True)
        previous = (n, seconds, mib)


def check(repeat: int) -> None:
    cmd = [*khabar_cmd(), "check", CLAIM, str(SEEDS)]
    run(cmd)
    times = [run(cmd)[0] for _ in range(repeat)]
    print(f"khabar check against the seeds, new process: {statistics.median(times):.2f} s median (min {min(times):.2f})")


#: The stages of a brief, by the function that does each.
STAGES = [
    ("read", "khabar/__init__.py", "read"),
    ("analyze (per article)", "khabar/pipeline.py", "analyze"),
    ("sentence pool", "khabar/relate/corroborate.py", "build"),
    ("entities linked", "khabar/extract/entities.py", "link_entities"),
    ("summary", "khabar/summarize/__init__.py", "summarize"),
    ("conflicts", "khabar/relate/conflicts.py", "find_conflicts"),
    ("timeline", "khabar/extract/dates.py", "build_timeline"),
    ("shared passages", "khabar/relate/passages.py", "find_shared_passages"),
    ("facts (quotes, statements)", "khabar/relate/statements.py", "find_facts"),
    ("JSON", "khabar/present/render.py", "render_json"),
]


def stages(n: int) -> None:
    import cProfile
    import pstats
    import resource

    import khabar
    from khabar.event_brief import build_event_brief
    from khabar.present.render import render_json

    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    render_json(build_event_brief(khabar.read(ant_window(n))))
    profile.disable()
    total = time.perf_counter() - start
    stats = pstats.Stats(profile).stats  # {(file, line, name): (cc, nc, tt, ct, callers)}
    print(f"{n} articles: {total:.1f} s under cProfile, peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    for label, file, name in STAGES:
        ct = sum(v[3] for (f, _l, fn), v in stats.items() if f.endswith(file) and fn == name)
        print(f"  {label:<28} {ct:7.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["seeds", "sizes", "check", "stages"])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--n", type=int, nargs="+", default=[10, 100, 1000, 2000])
    args = parser.parse_args()
    if args.what == "seeds":
        seeds(args.repeat)
    elif args.what == "sizes":
        sizes(args.n)
    elif args.what == "check":
        check(args.repeat)
    else:
        stages(args.n[0])


if __name__ == "__main__":
    main()
