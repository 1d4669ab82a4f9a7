"""Who said what on real multi-outlet stories: how many speaker entries are spellings of another.

Draws ``--n`` multi-outlet ANT stories (2-8 articles, 2+ outlets, no article any gold file
names) from a store grouped into stories (``benchmarks/ant_stream.py``), briefs each, and
counts, for the brief's quote facts:

* **before** -- the entries "who said what" listed until session 25: one per distinct speaker
  as written (a fact's speaker), however many spellings of one person that makes;
* **after** -- the entries it lists now (``EventBrief.speakers``), and the merges: every
  speaker whose facts came under two or more spellings, printed with ``--show`` so that each
  can be read for a wrong merge;
* **apart** -- entries after whose label another entry has too (an unnamed source of two
  articles is two speakers);
* **left** -- pairs of entries after that may still be one speaker: names ending in the same
  word (consonant skeleton) that are not two unnamed sources, printed with ``--show``.

Nothing here is labelled: the counts are read by eye, the merges one by one.

    python scripts/speaker_variants.py --db /tmp/ant.sqlite3 --n 50 --seed 2025 --show
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from khabar.event_brief import build_event_brief
from khabar.extract.entities.linking import skeleton
from khabar.relate.speakers import _unnamed, speaker_words
from khabar.text.ar.names import person_key

sys.path.insert(0, str(Path(__file__).resolve().parent))
from summary_readability_audit import ant_stories  # noqa: E402

def _last(name: str) -> str:
    words = person_key(speaker_words(name)).split()
    return skeleton(words[-1]) if words else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--show", action="store_true", help="print every merge and every pair left")
    args = parser.parse_args()
    totals = dict(stories=0, with_quotes=0, before=0, after=0, merged=0, merges=0, left=0, apart=0)
    for story_id, articles in ant_stories(args.db, args.n, args.seed):
        brief = build_event_brief(articles)
        totals["stories"] += 1
        quote_facts = [f for f in brief.facts if f.kind == "quote"]
        if not quote_facts:
            continue
        totals["with_quotes"] += 1
        before = {f.speaker for f in quote_facts}
        totals["before"] += len(before)
        totals["after"] += len(brief.speakers)
        speaker_of = {fid: s for s in brief.speakers for fid in s.fact_ids}
        # one label twice: unnamed sources of two articles, kept apart on purpose
        totals["apart"] += len(brief.speakers) - len({s.name for s in brief.speakers})
        for s in brief.speakers:
            written = sorted({f.speaker for f in quote_facts if speaker_of[f.id] is s})
            if len(written) > 1:
                totals["merges"] += 1
                totals["merged"] += len(written) - 1
                if args.show:
                    print(f"MERGE {story_id}: {s.name} <- {' | '.join(written)}", flush=True)
        named = [s for s in brief.speakers if s.entity or speaker_words(s.name)[:1] not in {(h,) for h in _unnamed()[0]}]
        for i, a in enumerate(named):
            for b in named[i + 1 :]:
                if a.name != b.name and _last(a.name) and _last(a.name) == _last(b.name):
                    totals["left"] += 1
                    if args.show:
                        print(f"LEFT  {story_id}: {a.name} / {b.name}", flush=True)
    print(
        f"\n{totals['stories']} stories ({totals['with_quotes']} with quotes): entries before {totals['before']}, "
        f"after {totals['after']} ({totals['apart']} a label kept apart per article); "
        f"{totals['merges']} speakers merged {totals['merged']} spellings away; "
        f"pairs left ending alike {totals['left']}"
    )


if __name__ == "__main__":
    main()
