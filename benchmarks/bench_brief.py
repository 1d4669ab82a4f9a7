"""Whole briefs as new processes: start-up, size, and a yardstick.

    python benchmarks/bench_brief.py seeds [--repeat 7]
    python benchmarks/bench_brief.py sizes [--n 10 100 1000 2000]
    python benchmarks/bench_brief.py stored [--n 10 100 1000 2000]
    python benchmarks/bench_brief.py check [--repeat 7]
    python benchmarks/bench_brief.py stages --n 1000
    python benchmarks/bench_brief.py startup [--repeat 5]

``seeds``: ``khabar brief ../shared/seeds`` with a cold stem cache (a new empty cache folder
each run) and a warm one, each run alternately with ``benchmarks/sumy_lexrank.py`` on the
same files (A B A B ..., so a drift of the machine's speed hits both), printing the median
wall time of each and the median of the per-pair ratios.  Goals (a quiet machine): cold
<= 1.0 s, warm <= 0.6 s, and <= 0.4 x the sumy script.  Needs ``pip install sumy pyarabic``.

``sizes``: ``khabar brief -f json`` of the first N ANT files from 1 April 2018
(``corpus.ant_window``: days of real news across five outlets), read by khabar's reader, for
each N: wall time and the process's peak memory, and each against the previous size, so
growth shows (goal: 2,000 articles <= 20 s and <= 1 GiB, time and memory ~linear).

``stored``: for each N, the first N ANT files ingested into a new store and briefed from
it twice (``khabar brief --db STORE --limit N``): the first brief analyses the articles and
keeps the analyses in the store, the second reads them; wall time, CPU and peak memory of
each, and the store's size.

``check``: ``khabar check`` of a claim against the seeds as a new process (goal <= 1 s).

``startup``: where a seeds brief's start-up goes: ``khabar brief ../shared/seeds`` as a new
process under ``python -X importtime``, ``--repeat`` times, printing the process's CPU time,
the time spent importing, and the packages that take most of it (each module's own import
time, the minimum over the runs, so the machine's other jobs count least).

``seeds`` and ``check`` also print each command's CPU time (user + sys of the finished
process), which a busy machine inflates much less than wall time.  Both first compile
khabar's bytecode, as its install does: where bytecode is not written at run time
(PYTHONDONTWRITEBYTECODE) a module edited since the install is compiled again by every run.

``stages``: one brief of N ANT articles in this process, the wall and CPU time of each
stage of :func:`khabar.event_brief.build_event_brief` and of the JSON, to see which grows
(``--profile FILE``: under cProfile too, the statistics to FILE for ``pstats``; ``--workers
W``: the articles analysed on W processes, whose CPU this process's CPU time leaves out).
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


#: CPU seconds (user + sys) of every run of :func:`run`, in order.
CPU: list[float] = []


def compiled() -> None:
    """khabar's modules compiled to bytecode, as an install leaves them."""
    import compileall

    import khabar

    compileall.compile_dir(str(Path(khabar.__file__).parent), quiet=1)


def run(cmd: list[str], env: dict[str, str] | None = None, *, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one run of ``cmd`` (exit status in
    ``ok``); its CPU seconds are appended to :data:`CPU`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    CPU.append(usage.ru_utime + usage.ru_stime)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in ok:
        raise SystemExit(f"{' '.join(cmd[:4])} ... failed:\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def alternate(a: list[str], b: list[str], repeat: int, *, env_a) -> tuple[list[float], list[float], list[float], list[float]]:
    """Wall seconds of ``a`` and ``b`` run in turn, then their CPU seconds."""
    times_a, times_b, cpu_a, cpu_b = [], [], [], []
    for _ in range(repeat):
        times_a.append(run(a, env_a())[0])
        cpu_a.append(CPU[-1])
        times_b.append(run(b)[0])
        cpu_b.append(CPU[-1])
    return times_a, times_b, cpu_a, cpu_b


def seeds(repeat: int) -> None:
    compiled()
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
            a, b, cpu_a, cpu_b = alternate(brief, sumy, repeat, env_a=env)
            ratios = [x / y for x, y in zip(a, b, strict=True)]
            cpu_ratios = [x / y for x, y in zip(cpu_a, cpu_b, strict=True)]
            print(
                f"seeds brief, {name} stem cache: {statistics.median(a):.2f} s "
                f"(min {min(a):.2f}, max {max(a):.2f}); sumy LexRank script {statistics.median(b):.2f} s; "
                f"ratio {statistics.median(ratios):.2f} (pairs {min(ratios):.2f}-{max(ratios):.2f}), {repeat} pairs; "
                f"CPU {statistics.median(cpu_a):.2f} s against {statistics.median(cpu_b):.2f} s, "
                f"ratio {statistics.median(cpu_ratios):.2f}"
            )
    finally:
        for d in [warm_dir, *cold_dirs]:
            shutil.rmtree(d, ignore_errors=True)


def sizes(ns: list[int]) -> None:
    print(f"{'articles':>8} {'seconds':>8} {'CPU s':>7} {'peak MiB':>9} {'time x':>7} {'CPU x':>6} {'memory x':>9} {'size x':>7}")
    previous = None
    for n in ns:
        paths = [str(p) for p in ant_window(n)]
        seconds, mib = run([*khabar_cmd(), "brief", "-f", "json", "-o", os.devnull, *paths])
        cpu = CPU[-1]
        if previous:
            p_n, p_s, p_c, p_m = previous
            growth = f"{seconds / p_s:7.2f} {cpu / p_c:6.2f} {mib / p_m:9.2f} {n / p_n:7.1f}"
        else:
            growth = f"{'':>7} {'':>6} {'':>9} {'':>7}"
        print(f"{n:>8} {seconds:8.2f} {cpu:7.2f} {mib:9.0f} {growth}", flush=True)
        previous = (n, seconds, cpu, mib)


def stored(ns: list[int]) -> None:
    """Briefs of stored articles: the first N ANT files ingested into a new store, then
    ``khabar brief --db STORE --limit N`` twice: the first analyses every article and keeps
    the analyses in the store, the second reads them (issue 19: a brief of stored articles
    skips the per-article analysis)."""
    print(f"{'articles':>8} {'1st s':>7} {'1st CPU':>8} {'1st MiB':>8} {'2nd s':>7} {'2nd CPU':>8} {'2nd MiB':>8} {'store MB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in ns:
            db = Path(tmp) / f"s{n}.sqlite3"
            run([*khabar_cmd(), "ingest", "--db", str(db), *(str(p) for p in ant_window(n))], ok=(0, 1))
            brief = [*khabar_cmd(), "brief", "--db", str(db), "--limit", str(n), "-f", "json", "-o", os.devnull]
            first, first_mib = run(brief)
            first_cpu = CPU[-1]
            second, second_mib = run(brief)
            size = sum(f.stat().st_size for f in Path(tmp).glob(f"s{n}.sqlite3*")) / 1e6
            print(
                f"{n:>8} {first:7.2f} {first_cpu:8.2f} {first_mib:8.0f} {second:7.2f} {CPU[-1]:8.2f} {second_mib:8.0f} {size:9.1f}",
                flush=True,
            )


def check(repeat: int) -> None:
    compiled()
    cmd = [*khabar_cmd(), "check", CLAIM, str(SEEDS)]
    run(cmd)
    times = [run(cmd)[0] for _ in range(repeat)]
    cpu = CPU[-repeat:]
    print(
        f"khabar check against the seeds, new process: {statistics.median(times):.2f} s median (min {min(times):.2f}); "
        f"CPU {statistics.median(cpu):.2f} s median (min {min(cpu):.2f})"
    )


#: The stages of a brief: (label, module, attribute) of the function that does each, as
#: :mod:`khabar.event_brief` calls it (a class method as "Class.method").
STAGES = [
    ("analyze (per article)", "khabar.event_brief", "analyze_many"),
    ("sentence pool", "khabar.relate.corroborate", "SentencePool.build"),
    ("entities linked", "khabar.event_brief", "link_entities"),
    ("speakers linked", "khabar.event_brief", "link_speakers"),
    ("quantities, conflicts", "khabar.event_brief", "find_quantities"),
    ("summary", "khabar.event_brief", "summarize"),
    ("timeline", "khabar.event_brief", "build_timeline"),
    ("shared passages", "khabar.event_brief", "find_shared_passages"),
    ("facts (quotes, statements), speakers", "khabar.event_brief", "find_facts"),
]


def _timed(fn, totals: dict[str, list[float]], label: str):
    def run(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[label][0] += time.perf_counter() - wall
            totals[label][1] += time.process_time() - cpu

    return run


def stages(n: int, *, profile_to: str | None = None, workers: int = 1) -> None:
    """One brief of ``n`` ANT articles in this process, each stage timed (wall and CPU);
    with ``profile_to``, under cProfile too, its statistics written to that file."""
    import cProfile
    import importlib
    import resource

    import khabar
    from khabar.event_brief import build_event_brief
    from khabar.present.render import render_json

    totals: dict[str, list[float]] = {label: [0.0, 0.0] for label, _m, _a in [*STAGES, ("JSON", "", "")]}
    for label, module, attr in STAGES:
        owner = importlib.import_module(module)
        if "." in attr:
            cls_name, name = attr.split(".")
            cls = getattr(owner, cls_name)
            setattr(cls, name, classmethod(_timed(getattr(cls, name).__func__, totals, label)))
        else:
            setattr(owner, attr, _timed(getattr(owner, attr), totals, label))
    articles = list(khabar.read(ant_window(n)))
    profile = cProfile.Profile() if profile_to else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profile:
        profile.enable()
    brief = build_event_brief(articles, workers=workers)
    _timed(render_json, totals, "JSON")(brief)
    if profile:
        profile.disable()
        profile.dump_stats(profile_to)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(articles)} articles read: brief and JSON {wall:.1f} s wall, {cpu:.1f} s CPU, peak {peak:.0f} MiB"
          + (" (under cProfile)" if profile else ""))
    print(f"  {'stage':<28} {'wall s':>7} {'CPU s':>7}")
    for label, (w, c) in totals.items():
        print(f"  {label:<28} {w:7.2f} {c:7.2f}")
    rest = wall - sum(w for w, _c in totals.values())
    print(f"  {'the rest':<28} {rest:7.2f}")


def startup(repeat: int) -> None:
    import collections
    import re

    compiled()
    line = re.compile(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)")
    script = "from khabar.cli import app; app()"
    runs: list[dict[str, int]] = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-X", "importtime", "-c", script, "brief", str(SEEDS)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        err = proc.stderr.read() if proc.stderr else ""
        _pid, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"the brief failed:\n{err[-2000:]}")
        CPU.append(usage.ru_utime + usage.ru_stime)
        runs.append({m[2]: int(m[1]) for m in line.finditer(err)})
        print(f"  run: {time.perf_counter() - start:.2f} s wall, {CPU[-1]:.2f} s CPU, "
              f"imports {sum(runs[-1].values()) / 1e6:.2f} s (under -X importtime)")
    own = {name: min(r.get(name, 0) for r in runs) for name in runs[0]}
    groups: collections.Counter[str] = collections.Counter()
    for name, us in own.items():
        parts = name.split(".")
        groups[".".join(parts[:3]) if parts[0] == "khabar" else parts[0]] += us
    print(f"seeds brief: CPU {statistics.median(CPU[-repeat:]):.2f} s median; "
          f"imports {sum(own.values()) / 1e6:.2f} s (each module's minimum over {repeat} runs); the most:")
    for name, us in groups.most_common(15):
        print(f"  {us / 1000:7.1f} ms  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["seeds", "sizes", "stored", "check", "stages", "startup"])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--n", type=int, nargs="+", default=[10, 100, 1000, 2000])
    parser.add_argument("--profile", metavar="FILE", help="stages: also run under cProfile, its statistics to FILE")
    parser.add_argument("--workers", type=int, default=1, help="stages: processes that analyse the articles")
    args = parser.parse_args()
    if args.what == "seeds":
        seeds(args.repeat)
    elif args.what == "sizes":
        sizes(args.n)
    elif args.what == "stored":
        stored(args.n)
    elif args.what == "check":
        check(args.repeat)
    elif args.what == "startup":
        startup(args.repeat)
    else:
        stages(args.n[0], profile_to=args.profile, workers=args.workers)


if __name__ == "__main__":
    main()
