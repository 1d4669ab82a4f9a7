"""Linearity checks: time a function on an input and on that input twice over, in one run.

A linear path takes about twice as long on the doubled input, a quadratic one four times;
the bound of 3 leaves room for a loaded machine (the best of a few runs of each is taken, so
one interruption does not count; CPU time, not wall time, so other processes on the
machine do not count either; the garbage collector is paused while timing, its passes
grow with everything alive in the test process).  A ratio, not a time: the test holds on any machine.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any


def best_time(fn: Callable[[str], Any], text: str, runs: int = 3) -> float:
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            t0 = time.process_time()
            fn(text)
            best = min(best, time.process_time() - t0)
    finally:
        gc.enable()
    return best


def assert_linear(fn: Callable[[str], Any], one: str, runs: int = 3, bound: float = 3.0) -> None:
    """``fn(one * 2)`` takes at most ``bound`` times ``fn(one)`` (times under 2 ms count as 2 ms)."""
    fn(one[:100])  # first-call costs (lazy tables, caches) are not the path's
    small = best_time(fn, one, runs)
    large = best_time(fn, one * 2, runs)
    assert large <= bound * max(small, 2e-3), f"{fn.__name__}: 1x {small:.4f} s, 2x {large:.4f} s"
