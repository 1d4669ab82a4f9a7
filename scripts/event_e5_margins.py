"""The e5 reading's margins on spent splits through ``khabar eval stories``'s own grouping (issue 14, session 33).

``event_e5_gate.py`` forecasts margins by leave-one-split-out with models refitted per split; this
checks a margin pair with the *shipped* model, as ``khabar eval stories --gold tests/gold/events
--split S`` groups, on spent splits the shipped model was not fitted on (fresh29..34), counting the
texts e5 encodes.  Each margin is a ``below/above`` pair (``0.3`` alone: both ways).

    python scripts/event_e5_margins.py fresh29,fresh30,fresh31,fresh32,fresh33,fresh34 0.3 0.25/0.15

Spent splits only (``event_pair_losses.SPENT``).
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import event_pair_losses as losses  # noqa: E402

COUNT = {"texts": 0}


def main() -> None:
    splits, margins = sys.argv[1].split(","), sys.argv[2:]
    refused = [s for s in splits if s not in losses.SPENT]
    if refused:
        sys.exit(f"{', '.join(refused)}: not a spent split of the event gold; judged on, never read here")
    from khabar.config import StoryOptions
    from khabar.evaluate.stories import evaluate_event_gold
    from khabar.evaluate import stories as evaluate_module
    from khabar.relate.stories import band

    shipped = band.load_e5_reading()
    lookup_of = evaluate_module.band_e5_lookup

    def counted_lookup(*args, **kwargs):  # the texts each grouping asks e5 for (the encoder's cache aside)
        inner = lookup_of(*args, **kwargs)

        def lookup(ids):
            ids = list(ids)
            COUNT["texts"] += len(ids)
            return inner(ids)

        return None if inner is None else lookup

    evaluate_module.band_e5_lookup = counted_lookup
    for margin in margins:
        below, _, above = margin.partition("/")
        reading = dataclasses.replace(shipped, margin=float(below), margin_above=float(above) if above else None)
        band.load_e5_reading = lambda reading=reading: reading
        COUNT["texts"] = 0
        tp = fp = pos = 0
        line_tp = line_fp = line_pos = 0
        b3 = []
        for s in splits:
            r = evaluate_event_gold(losses.GOLD, losses.CORPUS, options=StoryOptions(), split=s)
            e = r.event_pairs
            tp, fp, pos = tp + e.true_positives, fp + e.false_positives, pos + e.positives
            line_tp, line_fp, line_pos = (
                line_tp + r.storyline_pairs.true_positives, line_fp + r.storyline_pairs.false_positives,
                line_pos + r.storyline_pairs.positives,
            )
            b3.append(r.events.bcubed_f1)
            print(f"  {s} margin {margin}: {e.true_positives} of {e.positives}, {e.false_positives} false joins, "
                  f"events B3 F1 {r.events.bcubed_f1:.3f}", flush=True)
        print(f"margin {margin}: found {tp} of {pos}, false joins {fp}; storyline pairs {line_tp} of {line_pos}, "
              f"{line_fp} false; events B3 F1 mean {sum(b3) / len(b3):.4f}; e5 asked for {COUNT['texts']} texts", flush=True)


if __name__ == "__main__":
    main()
