"""Judge an event-summary setting once on unspent splits: off and on at one sitting, pooled.

A round's rule is a module setting of :mod:`khabar.summarize.event_first` (off on main until it is
judged).  This scores the ``event`` summary on each named split of the summary gold as ``khabar
eval summarize --split S --algorithms event`` does (:func:`khabar.evaluate.summaries.evaluate_summaries`),
first with the settings as they are, then with ``--set`` applied, and prints per split and pooled
over the splits' events (a mean over events, not over splits) the unrounded ROUGE-2 F and
must-contain coverage, and how many summaries change.  Reading the summaries or their misses is
left to after the verdict.

    python scripts/judge_summary_setting.py --splits fresh22,fresh23,fresh24 \\
        --set TRIM_REPEATS=True,TRIM_POSITIONS=6
"""

from __future__ import annotations

import argparse
import ast
import statistics
from pathlib import Path

from khabar.evaluate.summaries import evaluate_summaries
from khabar.summarize import event_first

ROOT = Path(__file__).resolve().parent.parent


def settings(text: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for item in filter(None, text.split(",")):
        name, value = item.split("=", 1)
        if not hasattr(event_first, name):
            raise SystemExit(f"event_first has no setting {name}")
        out[name] = ast.literal_eval(value)
    return out


def scored(gold: Path, splits: list[str]) -> dict[str, dict[str, tuple[float, float, float]]]:
    """By split, by event: (R-2 F, must-contain, summary words)."""
    out = {}
    for split in splits:
        table = evaluate_summaries(gold, algorithms=("event",), humans=False, split=split)
        out[split] = {
            r.cluster: (r.scores.rouge2.f, r.coverage if r.coverage is not None else float("nan"), r.words)
            for r in table.results
            if r.algorithm == "event"
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "summaries" / "ant_events.json")
    parser.add_argument("--splits", required=True, help="comma-separated splits, pooled")
    parser.add_argument("--set", dest="on", required=True, help="NAME=VALUE,... of event_first for 'on'")
    args = parser.parse_args()
    splits = args.splits.split(",")
    on = settings(args.on)
    saved = {name: getattr(event_first, name) for name in on}
    off_scores = scored(args.gold, splits)
    try:
        for name, value in on.items():
            setattr(event_first, name, value)
        on_scores = scored(args.gold, splits)
    finally:
        for name, value in saved.items():
            setattr(event_first, name, value)
    pooled: dict[str, list[tuple[float, float, float]]] = {"off": [], "on": []}
    for split in splits:
        off, now = off_scores[split], on_scores[split]
        pooled["off"] += off.values()
        pooled["on"] += now.values()
        changed = sum(1 for k in off if off[k] != now[k])
        print(
            f"{split} ({len(off)} events): off R-2 {statistics.fmean(v[0] for v in off.values())!r} must "
            f"{statistics.fmean(v[1] for v in off.values())!r}; on R-2 {statistics.fmean(v[0] for v in now.values())!r} "
            f"must {statistics.fmean(v[1] for v in now.values())!r}; {changed} summaries scored differently"
        )
    for key, rows in pooled.items():
        print(
            f"pooled {key} ({len(rows)} events): R-2 {statistics.fmean(v[0] for v in rows)!r}, "
            f"must-contain {statistics.fmean(v[1] for v in rows)!r}"
        )


if __name__ == "__main__":
    main()
