"""Draw real ANT articles for a new names gold split (issue 17), never used by any gold file.

    python scripts/draw_name_articles.py --seed 20261209 --count 6
    python scripts/draw_name_articles.py --seed 20262831 --count 10 --category sport --per-outlet 2

ANT articles of 700-2,500 characters, at most one per outlet and category (``--per-outlet``
N: N), only of ``--category`` when given (a split for a change that reaches one kind of
news: a judge must be able to show it), none named
anywhere under ``tests/``, ``docs/`` or ``benchmarks/`` of any worktree
(:func:`draw_frame_articles.used_anywhere`), none sharing a run of six words with an
article of a gold file (wire copy repeated across outlets).  Prints the paths.
"""

from __future__ import annotations

import argparse
import json
import random

from khabar.evaluate.extraction import article_loader

import draw_frame_articles as frames  # noqa: E402  (same folder)
import draw_speaker_articles as speakers  # noqa: E402

GOLD_FILES = ("extract.json", "speakers.json", "frames.json", "names.json")


def gold_shingles(load) -> set[tuple[str, ...]]:
    """The six-word runs of every ANT article of a gold file (``load``: a path -> Article)."""
    old: set[tuple[str, ...]] = set()
    for gold in GOLD_FILES:
        for entry in json.loads((frames.ROOT / "tests" / "gold" / gold).read_text(encoding="utf-8"))["articles"]:
            if entry["path"].startswith("ant/"):
                old |= speakers.shingles(load(entry["path"]).text)
    return old


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=20261209)
    ap.add_argument("--count", type=int, default=6)
    ap.add_argument("--category", default=None, help="only ANT articles of this category folder (sport, economy ...)")
    ap.add_argument("--per-outlet", type=int, default=1, help="at most this many articles of one outlet and category")
    args = ap.parse_args()
    load = article_loader(root=frames.ROOT, shared=frames.SHARED)
    ant_used, _baly, _easc = frames.used_anywhere()
    old = gold_shingles(load)
    ant_all = sorted(str(p.relative_to(frames.CORPORA / "ant")) for p in (frames.CORPORA / "ant").glob("*/*/*.txt"))
    random.Random(args.seed).shuffle(ant_all)
    picked: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for rel in ant_all:
        if len(picked) >= args.count:
            break
        outlet, cat = rel.split("/")[:2]
        if rel in ant_used or seen.get((outlet, cat), 0) >= args.per_outlet:
            continue
        if args.category is not None and cat != args.category:
            continue
        try:
            text = load("ant/" + rel).text
        except Exception:  # an empty article of the corpus
            continue
        if 700 <= len(text) <= 2500 and not (speakers.shingles(text) & old):
            picked.append("ant/" + rel)
            seen[(outlet, cat)] = seen.get((outlet, cat), 0) + 1
    print("\n".join(picked))


if __name__ == "__main__":
    main()
