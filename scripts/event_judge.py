"""The events judge's one scoring run: two arms of the band's models on the unspent pool, totals only (issue 14, session 36).

Each split is grouped and scored as ``khabar eval stories --gold tests/gold/events --split S`` does
(:func:`khabar.evaluate.stories.evaluate_event_gold`, the defaults), once with the band model and
e5 reading given as ``--base`` and once as ``--change`` (each a ``BAND.json,E5.json`` pair; the
files are read in place of the shipped ones, nothing else differs).  It prints per split and
summed the figures a committed criterion names -- same-event pairs found, false joins, storyline
pairs found and false, events B-cubed F1 -- and nothing per pair: no error is listed.

    python scripts/event_judge.py fresh35,fresh36,fresh37,fresh38 --base MAIN_BAND.json,MAIN_E5.json \\
        --change src/khabar/relate/data/event-band.json,src/khabar/relate/data/event-band-e5.json

Run it once, after the criterion is committed in docs/measurements.md (docs/judging.md).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _arm(pair: str):
    from khabar.relate.stories.band import BandModel, E5Reading

    band, e5 = (Path(p) for p in pair.split(","))
    return BandModel.from_json(band.read_text(encoding="utf-8")), E5Reading.from_json(e5.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits")
    parser.add_argument("--base", required=True, help="BAND.json,E5.json of the arm judged against")
    parser.add_argument("--change", required=True, help="BAND.json,E5.json of the change")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent.parent / "shared" / "corpora" / "ant")
    args = parser.parse_args()
    from khabar.config import StoryOptions
    from khabar.evaluate.stories import evaluate_event_gold
    from khabar.relate.stories import band as band_module

    options = StoryOptions()
    for name, pair in (("base", args.base), ("change", args.change)):
        model, reading = _arm(pair)
        # The index reads the shipped files through these two loaders (StoryIndex.__init__).
        band_module.load_band_model = lambda m=model: m
        band_module.load_e5_reading = lambda r=reading: r
        total = [0, 0, 0, 0, 0, 0.0]
        start = time.process_time()
        for s in args.splits.split(","):
            r = evaluate_event_gold(ROOT / "tests" / "gold" / "events", args.corpus, options=options, split=s)
            e, line = r.event_pairs, r.storyline_pairs
            row = [e.true_positives, e.positives, e.false_positives, line.true_positives, line.false_positives, r.events.bcubed_f1]
            total = [a + b for a, b in zip(total, row, strict=True)]
            print(f"{name} {s}: same event {e.true_positives} of {e.positives}, {e.false_positives} false joins "
                  f"(of {e.pairs - e.positives}); storyline pairs {line.true_positives} of {line.positives}, "
                  f"{line.false_positives} false; events B3 F1 {r.events.bcubed_f1:.4f}", flush=True)
        n = len(args.splits.split(","))
        print(f"{name} total: same event {total[0]} of {total[1]}, {total[2]} false joins; storyline pairs {total[3]}, "
              f"{total[4]} false; events B3 F1 mean {total[5] / n:.4f}; {time.process_time() - start:.0f} s CPU", flush=True)


if __name__ == "__main__":
    main()
