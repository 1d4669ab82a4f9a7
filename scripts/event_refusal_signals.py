"""What separates the scorer's confident refusals of one happening from its true refusals (issue 14, session 37).

Session 34 counted 96 of 1,590 same-event pairs lost where the event scorer put the earlier
article's event under the band's lower edge (0.1: never asked).  This script groups each spent
split as ``khabar eval stories --gold tests/gold/events --split S`` does (the defaults: band and e5
reading), records every comparison an article's event scoring makes (article against a candidate
event: the scorer's evidence and probability), labels it by the gold events of the article and of
the event's members (``same``: the event holds an article of the article's own gold event;
``other``: none does), and counts, among the comparisons the scorer refuses confidently, how often
a pair signal the scorer does not weigh fires on each side:

* ``rare-name``: a lead name the article shares with the event that at most ``RARE`` articles of the
  split's stream name (the scorer counts shared names, however common);
* ``two-rare``: two such names;
* ``figure``: a shared figure of the title and lead that is not a small count, a day of the month
  or a year (the scorer's ``figures_shared`` counts any);
* ``quote``: a shared run of four quoted words (``quotes_shared`` > 0);
* each of these on the same event day (``gap`` 0).

Counts only (comparisons, and the gold same-event pairs whose one comparison is refused), no pair
listed.  Reads only the spent splits (``SPENT`` of ``event_pair_losses.py``).

    OMP_NUM_THREADS=1 KHABAR_PURE=1 nice -n 10 python scripts/event_refusal_signals.py dev,fresh,...,fresh38 \
        --e5-cache E5.npz
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import event_pair_losses as epl  # noqa: E402

from khabar.config import StoryOptions, build_options  # noqa: E402
from khabar.evaluate.stories import read_event_gold  # noqa: E402
from khabar.relate.stories import SignedArticle, StoryIndex, assign_stories  # noqa: E402
from khabar.relate.stories.features import FIGURE_ANCHOR, NAME_ANCHOR  # noqa: E402
from khabar.scale.cluster import band_sentences_lookup, sign_batch  # noqa: E402

#: A name is rare when at most this many articles of the split's stream name it in their lead.
RARE = 3
#: The band's lower edge: under it the scorer's refusal is never asked again.
LOW = 0.1


class RecordingIndex(StoryIndex):
    """The story index, keeping every event comparison with what the scorer saw."""

    def __init__(self, options, sentences=None, e5=None) -> None:
        super().__init__(options, sentences=sentences, e5=e5)
        self.rows: list[dict] = []
        self._item: SignedArticle | None = None

    def _best_event(self, item, vector, meaning, jaccard):
        self._item = item
        return super()._best_event(item, vector, meaning, jaccard)

    def _score_events(self, candidates):
        scores = super()._score_events(candidates)
        item = self._item
        for c, p in zip(candidates, scores.tolist(), strict=True):
            active = self._active[c.story_id]
            self.rows.append(
                {
                    "article": item.article_id, "members": list(active.members), "p": float(p), "gap": c.gap,
                    "shared_names": frozenset(a for a in (item.anchors or ()) if a.startswith(NAME_ANCHOR)) & frozenset(active.names),
                    "shared_figures": frozenset(a for a in (item.anchors or ()) if a.startswith(FIGURE_ANCHOR)) & frozenset(active.figures),
                    "quotes": c.shared_quotes, "meaning": c.meaning,
                }
            )
        return scores


def _plain_figure(anchor: str) -> bool:
    """A figure that says little alone: a count under 32 (days of a month, small tolls), a year."""
    try:
        v = float(anchor[len(FIGURE_ANCHOR):])
    except ValueError:
        return False
    return v < 32 or (1900 <= v <= 2100 and v.is_integer())


def record_split(split: str, options: StoryOptions):
    from khabar.ingest import read_path

    pairs, rows = read_event_gold(epl.GOLD, split=split)
    paths = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs} | {r["path"] for r in rows})
    article_of = {rel: next(a for a in read_path(epl.CORPUS / rel) if hasattr(a, "body")) for rel in paths}
    gold_of: dict[str, str] = {}
    for p in pairs:
        gold_of.setdefault(article_of[p["a"]].id, p["a_event"])
        gold_of.setdefault(article_of[p["b"]].id, p["b_event"])
    for r in rows:
        gold_of[article_of[r["path"]].id] = r["event"]
    by_id = {a.id: a for a in article_of.values()}
    e5 = epl._cached_e5(by_id, options) if epl.E5_CACHE is not None else None
    index = RecordingIndex(options, band_sentences_lookup(by_id.get, options=options), e5=e5)
    signed = [s for s in sign_batch(list(article_of.values()), options=options) if isinstance(s, SignedArticle)]
    df: Counter = Counter()
    for s in signed:
        df.update({a for a in (s.anchors or ()) if a.startswith(NAME_ANCHOR)})
    events = assign_stories(signed, options=options, index=index)
    same_pairs = [(article_of[p["a"]].id, article_of[p["b"]].id) for p in pairs if p["same_event"]]
    return index.rows, gold_of, df, events, same_pairs


def signals(row: dict, df: Counter) -> dict[str, bool]:
    rare = [n for n in row["shared_names"] if df[n] <= RARE]
    figs = [f for f in row["shared_figures"] if not _plain_figure(f)]
    day = row["gap"] == 0
    out = {
        "any-name": bool(row["shared_names"]),
        "rare-name": bool(rare),
        "two-rare": len(rare) >= 2,
        "figure": bool(figs),
        "quote": row["quotes"] > 0,
    }
    out.update({k + "+day": v and day for k, v in list(out.items())})
    out["rare-or-figure+day"] = (bool(rare) or bool(figs)) and day
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits")
    parser.add_argument("--e5-cache", type=Path, required=True)
    args = parser.parse_args()
    splits = args.splits.split(",")
    refused = [s for s in splits if s not in epl.SPENT]
    if refused:
        sys.exit(f"{', '.join(refused)}: not a spent split of the event gold; judged on, never read here")
    epl.E5_CACHE = args.e5_cache
    options = build_options(StoryOptions, event_band=True)
    fire: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    lost_pairs: Counter = Counter()
    for split in splits:
        rows, gold_of, df, events, same_pairs = record_split(split, options)
        for row in rows:
            mine = gold_of.get(row["article"])
            theirs = {gold_of.get(m) for m in row["members"]}
            side = "same" if mine in theirs else "other"
            band = "confident" if row["p"] < LOW else "asked-or-over"
            totals[side, band] += 1
            if band == "confident":
                for k, v in signals(row, df).items():
                    fire[k][side] += v
        # gold same-event pairs the defaults miss, whose later article's comparison with the
        # earlier one's event was a confident refusal carrying each signal
        first: dict[tuple[str, str], dict] = {}
        for row in rows:
            for a, b in same_pairs:
                for x, y in ((a, b), (b, a)):
                    if row["article"] == x and y in row["members"] and (x, y) not in first:
                        first[x, y] = row
        for a, b in same_pairs:
            if events.get(a) is not None and events.get(a) == events.get(b):
                continue
            row = first.get((a, b)) or first.get((b, a))
            if row is None or row["p"] >= LOW:
                continue
            lost_pairs["all"] += 1
            for k, v in signals(row, df).items():
                lost_pairs[k] += v
    print(f"comparisons: {dict(totals)}")
    print(f"missed same-event pairs refused confidently (p < {LOW}): {lost_pairs['all']}")
    print("signal                 fires on confident same / confident other comparisons; missed pairs it marks")
    for k in fire:
        print(f"  {k:22} {fire[k]['same']:5} / {fire[k]['other']:5}   {lost_pairs[k]:4}")


if __name__ == "__main__":
    main()
