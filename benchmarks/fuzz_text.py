"""Fuzz the text core: thousands of generated texts per function, none may raise, break a
promise (offsets that slice the text, spans in order ...) or take over a second.

    python benchmarks/fuzz_text.py                     # 5,000 cases per function
    python benchmarks/fuzz_text.py --cases 500 --only segment numbers

The texts and the promises are ``tests/khabar_fuzz.py`` (the suite runs a few cases of the
same, ``tests/text/test_fuzz.py``).  The time limit is on CPU time, so a loaded machine does
not fail a case; the wall time of the slowest case is printed beside it.  A failing case is
shrunk by Hypothesis and printed.  Exit status 1 when any function failed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import seed as fixed_seed

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from khabar_fuzz import CHECKS, texts  # noqa: E402

LIMIT_S = 1.0


def fuzz(name: str, cases: int, seed: int) -> tuple[int, float, float, str | None]:
    """(cases run, slowest CPU s, slowest wall s, the failure or None)."""
    check = CHECKS[name]
    stats = {"n": 0, "cpu": 0.0, "wall": 0.0}

    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @fixed_seed(seed)
    @given(texts(max_pieces=400))
    def run(text: str) -> None:
        w0, c0 = time.perf_counter(), time.process_time()
        check(text)
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        stats["n"] += 1
        stats["cpu"] = max(stats["cpu"], cpu)
        stats["wall"] = max(stats["wall"], wall)
        if cpu > LIMIT_S:
            raise AssertionError(f"{name} took {cpu:.2f} s of CPU on a text of {len(text)} characters")

    try:
        run()
    except Exception as e:  # report every function, whatever one of them raised
        return stats["n"], stats["cpu"], stats["wall"], f"{type(e).__name__}: {e}"
    return stats["n"], stats["cpu"], stats["wall"], None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=5000, help="cases per function (default 5000)")
    ap.add_argument("--only", nargs="*", choices=sorted(CHECKS), help="these functions only")
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    failed = 0
    print(f"{'function':<14}{'cases':>7}{'slowest CPU s':>15}{'slowest wall s':>16}  result")
    for name in args.only or list(CHECKS):
        n, cpu, wall, problem = fuzz(name, args.cases, args.seed)
        failed += problem is not None
        print(f"{name:<14}{n:>7}{cpu:>15.3f}{wall:>16.3f}  {problem or 'ok'}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
