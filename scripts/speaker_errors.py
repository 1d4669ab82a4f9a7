"""Count the quote extractor's errors on a speaker gold split by class (issue 20).

    python scripts/speaker_errors.py --split fresh8 [--list]
    PYTHONPATH=<checkout of the labelling commit>/src python scripts/speaker_errors.py --split fresh8

The second form replays the rules as they stood when a split was labelled (the unseen-text
errors; the gold is this checkout's).  With ``khabar eval extract``'s matching (a key inside
the content, the speaker matching a gold form), each predicted quote that matches no gold quote
is a false quote of one class:

* ``FP wrong speaker`` -- its content holds a gold key, its speaker is not that statement's;
* ``FP extent`` -- it overlaps a gold statement without holding its key;
* ``FP not a statement`` -- it overlaps no gold statement;

and each gold quote no prediction matches is a miss: ``FN wrong speaker`` (a prediction holds
its key with another speaker), ``FN extent`` (a prediction overlaps it without the key),
``FN no quote``.  ``--list`` prints each error with its speaker and verb.

An unspent split (:data:`UNSPENT_SPEAKERS`) is refused: it is judged once with ``khabar eval
extract``, and its errors are read only after that.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from khabar.evaluate.extraction import build_briefs, load_gold, norm, speaker_matches

ROOT = Path(__file__).resolve().parent.parent

#: Speaker splits labelled and not yet judged (session 22: fresh29 and fresh30; session 23:
#: fresh31 and fresh32; session 24: fresh33; session 26: fresh34, fresh35 and fresh36; session 27:
#: fresh37; 12 articles each).  A split leaves
#: this set in the commit that judges it (fresh25..fresh28 judged in session 22, fresh29..fresh33
#: pooled in session 26).
UNSPENT_SPEAKERS: frozenset[str] = frozenset({"fresh34", "fresh35", "fresh36", "fresh37"})


def refuse_unspent(split: str) -> None:
    """Exit when ``split`` (one name or a comma-separated list) names an unspent speaker split."""
    hit = sorted({name.strip() for name in split.split(",")} & UNSPENT_SPEAKERS)
    if hit:
        sys.exit(f"{', '.join(hit)}: an unspent speaker split is judged once with `khabar eval extract`, "
                 "its errors never read here before that")


def _overlap(a: int, b: int, c: int, d: int) -> bool:
    return min(b, d) > max(a, c)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", required=True)
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "speakers.json")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    refuse_unspent(args.split)
    gold = load_gold(args.gold, root=ROOT, shared=ROOT.parent / "shared", split=args.split)
    by_article = {g.article.id: g for g in gold}
    preds = [q for b in build_briefs(gold) for q in b.quotes if q.article_id in by_article]
    counts: Counter[str] = Counter()

    def holds(gq, q) -> bool:
        return any(norm(k) in norm(q.content) for k in gq.keys)

    def error(side: str, pairs: list) -> str | None:
        """None when one (gold, predicted) pair is right; else the class of the error."""
        if any(holds(gq, q) and speaker_matches(gq.speakers, q.speaker) for gq, q in pairs):
            return None
        if any(holds(gq, q) for gq, q in pairs):
            return f"{side} wrong speaker"
        if any(_overlap(q.start, q.end, gq.start, gq.end) for gq, q in pairs):
            return f"{side} extent"
        return "FP not a statement" if side == "FP" else "FN no quote"

    for g in gold:
        mine = [q for q in preds if q.article_id == g.article.id]
        for q in mine:
            if (cls := error("FP", [(gq, q) for gq in g.quotes])) is not None:
                counts[cls] += 1
                if args.list:
                    print(f"{cls}\t{g.article.id}\t{q.speaker}\t{q.verb}\t{q.content[:80]}")
        for gq in g.quotes:
            if (cls := error("FN", [(gq, q) for q in mine])) is not None:
                counts[cls] += 1
                if args.list:
                    print(f"{cls}\t{g.article.id}\t{gq.speakers[0]}\t{gq.keys[0]}")
    print(f"{args.split}: {len(preds)} quotes predicted, {sum(len(g.quotes) for g in gold)} gold")
    for cls, n in sorted(counts.items()):
        print(f"  {cls}: {n}")


if __name__ == "__main__":
    main()
