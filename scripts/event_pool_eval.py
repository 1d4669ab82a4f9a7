"""``khabar eval stories --gold`` summed over spent event splits, with any grouping options (issue 14, session 35).

Each split is grouped and scored as ``khabar eval stories --gold tests/gold/events --split S`` does
(:func:`khabar.evaluate.stories.evaluate_event_gold`, the split's articles as one stream), and the
same-event pairs found and false joins are summed: the figure the events judge counts, for a
setting that needs no refit (session 35: what the 100k goal's one cheap path, the static meanings
with no band and no e5 reading, does to quality beside the defaults).

    python scripts/event_pool_eval.py dev,fresh,...,fresh34 [--meaning-encoder static] [--no-event-e5]

Spent splits only (``SPENT`` of ``event_pair_losses.py``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from event_pair_losses import SPENT  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits")
    parser.add_argument("--meaning-encoder", default=None)
    parser.add_argument("--no-event-e5", action="store_true")
    parser.add_argument("--no-event-band", action="store_true")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent.parent / "shared" / "corpora" / "ant")
    args = parser.parse_args()
    splits = args.splits.split(",")
    refused = [s for s in splits if s not in SPENT]
    if refused:
        sys.exit(f"{', '.join(refused)}: not a spent split of the event gold; judged on, never read here")
    from khabar.config import StoryOptions
    from khabar.evaluate.stories import evaluate_event_gold

    chosen: dict[str, object] = {}
    if args.meaning_encoder:
        chosen["meaning_encoder"] = args.meaning_encoder
    if args.no_event_e5:
        chosen["event_e5"] = False
    if args.no_event_band:
        chosen["event_band"] = False
    options = StoryOptions(**chosen)
    found = positives = false = 0
    late = [0, 0, 0]
    start = time.process_time()
    for s in splits:
        r = evaluate_event_gold(ROOT / "tests" / "gold" / "events", args.corpus, options=options, split=s).event_pairs
        found, positives, false = found + r.true_positives, positives + r.positives, false + r.false_positives
        if s.startswith("fresh") and s[5:].isdigit() and int(s[5:]) >= 19:
            late = [late[0] + r.true_positives, late[1] + r.positives, late[2] + r.false_positives]
        print(f"{s}: {r.true_positives} of {r.positives}, {r.false_positives} false joins", flush=True)
    print(f"options {chosen or 'defaults'}: {found} of {positives} same-event pairs, {false} false joins "
          f"(P {found / max(1, found + false):.3f} R {found / max(1, positives):.3f}); fresh19.. {late[0]} of {late[1]}, "
          f"{late[2]} false joins; {time.process_time() - start:.0f} s CPU")


if __name__ == "__main__":
    main()
