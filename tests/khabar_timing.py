"""Linearity checks: time a function on an input and on that input four times over, in one run.

A linear path takes about four times as long on the quadrupled input, a quadratic one sixteen
times; the bound of 8 leaves room for a loaded machine. (Doubling with a bound of 3 flaked on
a 2-core CI runner with two test workers: find_attributions, linear alone at 25 ms per 20,000
characters and 50 ms per 40,000, once timed 3.5 times.) The best of a few runs of each is
taken, so one interruption does not count; CPU time, not wall time, so other processes on the
machine do not count either; the garbage collector is paused while timing, its passes grow
with everything alive in the test process. A ratio, not a time: the test holds on any machine.

The two sizes are timed in alternation and the smallest ratio of a neighbouring pair is kept.
Best-of-each timed apart still flaked (session 20's last CI: find_numbers 5.0 ms at 1x and
43.6 ms at 4x, 2.2 times its ratio of 4 alone; CPU time itself stretches when the other test
worker shares the core): a pair timed back to back sees one load, and a quadratic path is
sixteen times over in every pair, however loaded.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def best_time(fn: Callable[[T], Any], text: T, runs: int = 3) -> float:
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


def assert_linear(fn: Callable[[str], Any], one: str, runs: int = 3, bound: float = 8.0) -> None:
    """``fn(one * 4)`` takes at most ``bound`` times ``fn(one)`` in some pair of neighbouring runs
    (times under 2 ms count as 2 ms)."""
    fn(one[:100])  # first-call costs (lazy tables, caches) are not the path's
    assert_four_times(fn, one, one * 4, runs=runs, bound=bound)


def assert_four_times(fn: Callable[[T], Any], one: T, four: T, runs: int = 3, bound: float = 8.0) -> None:
    """:func:`assert_linear` for inputs made by the caller (``four``: ``one``'s content four
    times over, e.g. an article already split, so only ``fn`` is timed): the two timed in
    alternation, the calmest neighbouring pair kept."""
    pairs = [(best_time(fn, one, 1), best_time(fn, four, 1)) for _ in range(runs)]
    small, large = min(pairs, key=lambda pair: pair[1] / max(pair[0], 2e-3))
    assert large <= bound * max(small, 2e-3), f"{getattr(fn, '__name__', fn)}: 1x {small:.4f} s, 4x {large:.4f} s"
