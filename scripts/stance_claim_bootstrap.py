"""A pooled stance judge's forecast with claims resampled, not pages (issue 16, session 36).

    python scripts/stance_claim_bootstrap.py DUMP.json --arm side3 [--draws 20000]
        [--judge drawn:26:60 fresh:30:60] [--fresh-sets fresh25 ...]

``DUMP.json`` is ``stance_retrain.py --spent-training --dump``'s: every spent set's gold, claims
and each arm's labels (leave-groups-of-sets-out).  Session 35 read afterwards that the pages of
one claim move together (a third of drawn10's loss was one claim's five pages), so a forecast
that resamples pages is too narrow.  Here a judge split of ``kind:claims:pages`` is forecast by
drawing ``claims`` claims with replacement from the spent sets of that kind (their pages' gains
in pages right, ``--arm`` against ``shipped``, and in disagree calls), the sum scaled to
``pages`` pages.  Prints the mean, sd and quantiles per split and pooled, and the chances of the
bars asked.  Development figures: the spent sets only (the unspent are refused).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stance_experiments import refuse_unspent  # noqa: E402


def claim_units(dump: dict, arm: str, sets: list[str]) -> np.ndarray:
    """Rows (pages, gain in pages right, gain in disagree calls, gain in right disagree calls)
    per claim of ``sets``."""
    rows = []
    for n in sets:
        by = defaultdict(lambda: [0, 0, 0, 0])
        for c, g, a, b in zip(dump["claims"][n], dump["gold"][n], dump["labels"]["shipped"][n], dump["labels"][arm][n]):
            u = by[c]
            u[0] += 1
            u[1] += (b == g) - (a == g)
            u[2] += (b == "disagree") - (a == "disagree")
            u[3] += (b == g == "disagree") - (a == g == "disagree")
        rows += list(by.values())
    return np.array(rows, dtype=float)


def draw(units: np.ndarray, claims: int, pages: int, draws: int, rng) -> np.ndarray:
    """``draws`` sums over ``claims`` claims drawn with replacement, scaled to ``pages`` pages:
    (draws, 3) -- pages right, disagree calls, right disagree calls."""
    idx = rng.integers(0, len(units), size=(draws, claims))
    s = units[idx]  # draws x claims x 4
    scale = pages / s[:, :, 0].sum(axis=1)
    return s[:, :, 1:].sum(axis=1) * scale[:, None]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", type=Path)
    parser.add_argument("--arm", default="side3")
    parser.add_argument("--draws", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=36)
    parser.add_argument("--judge", nargs="*", default=["drawn:26:60", "fresh:30:60"],
                        help="kind:claims:pages of each judge split")
    parser.add_argument("--fresh-sets", nargs="*", help="the one-story sets to draw claims from (default: every fresh set)")
    parser.add_argument("--bars", nargs="*", type=float, default=[2, 3, 4, 5, 6])
    args = parser.parse_args()
    dump = json.loads(args.dump.read_text())
    refuse_unspent(dump["gold"])
    rng = np.random.default_rng(args.seed)
    pooled = np.zeros((args.draws, 3))
    for spec in args.judge:
        kind, claims, pages = spec.split(":")
        sets = [n for n in dump["gold"] if n.startswith(kind)]
        if kind == "fresh" and args.fresh_sets:
            sets = args.fresh_sets
        units = claim_units(dump, args.arm, sets)
        d = draw(units, int(claims), int(pages), args.draws, rng)
        pooled += d
        g = d[:, 0]
        print(f"{kind} ({len(sets)} sets, {len(units)} claims, {int(units[:, 0].sum())} pages; LOO gain "
              f"{int(units[:, 1].sum()):+d} pages, disagree calls {int(units[:, 2].sum()):+d}, right {int(units[:, 3].sum()):+d}) "
              f"as {claims} claims / {pages} pages: pages right {g.mean():+.2f} (sd {g.std():.2f}; "
              f"5 % {np.quantile(g, 0.05):+.1f}, 95 % {np.quantile(g, 0.95):+.1f}); "
              + " ".join(f"P(<{-t:.0f}) {np.mean(g < -t):.2f}" for t in (0, 2, 3, 4, 5))
              + f"; disagree calls {d[:, 1].mean():+.2f} (sd {d[:, 1].std():.2f}; P(>+1) {np.mean(d[:, 1] > 1):.2f}), "
              f"right {d[:, 2].mean():+.2f} (sd {d[:, 2].std():.2f}; P(<-1) {np.mean(d[:, 2] < -1):.2f})")
    g = pooled[:, 0]
    print(f"pooled: pages right {g.mean():+.2f} (sd {g.std():.2f}; 5 % {np.quantile(g, 0.05):+.1f}); "
          + " ".join(f"P(>={t:.0f}) {np.mean(g >= t):.2f}" for t in args.bars))
    return 0


if __name__ == "__main__":
    sys.exit(main())
