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

``--shapes`` also splits the misses by the shape of the sentence that holds them (issue 20,
session 28; :func:`miss_shape`): for a statement with no quote, whether a cue (بحسب، وفق)
stands before its key, whether its speaker is named in the sentence at all (else a follow-on,
a pronoun or a quotation run on from the sentence before), and whether a listed verb of
saying and a complementiser stand before the key; for one held by another speaker's quote,
whether that speaker is the gold name cut short, was named in an earlier sentence (a
follow-on or a resolved mention), or is someone else of the same sentence.

An unspent split (:data:`UNSPENT_SPEAKERS`) is refused: it is judged once with ``khabar eval
extract``, and its errors are read only after that.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from khabar.evaluate.extraction import build_briefs, load_gold, norm, speaker_matches
from khabar.extract.attribution.lists import complement_at, cue_at, pronoun_verb_info, verb_info
from khabar.model import Quote, Sentence
from khabar.text.ar.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent

#: Speaker splits labelled and not yet judged (session 22: fresh29 and fresh30; session 23:
#: fresh31 and fresh32; session 24: fresh33; session 26: fresh34, fresh35 and fresh36; session 27:
#: fresh37; session 29: fresh38; session 30: fresh39; session 31: fresh40 and fresh41; session 32: fresh42; session 33: fresh43; session 34: fresh44, fresh45 and fresh46; session 36: fresh47 and fresh48; session 37: fresh49 and fresh50; 12 articles each).  A split leaves
#: this set in the commit that judges it (fresh25..fresh28 judged in session 22, fresh29..fresh33
#: pooled in session 26, fresh34..fresh38 pooled in session 30, the statement reader; fresh39..fresh42
#: pooled in session 33, the statement reader with the three scanner rules, kept; fresh43..fresh46 pooled
#: in session 36, the speaker run-on with session 35's completion and description link, withdrawn).
UNSPENT_SPEAKERS: frozenset[str] = frozenset({"fresh47", "fresh48", "fresh49", "fresh50"})


def refuse_unspent(split: str) -> None:
    """Exit when ``split`` (one name or a comma-separated list) names an unspent speaker split."""
    hit = sorted({name.strip() for name in split.split(",")} & UNSPENT_SPEAKERS)
    if hit:
        sys.exit(f"{', '.join(hit)}: an unspent speaker split is judged once with `khabar eval extract`, "
                 "its errors never read here before that")


def _overlap(a: int, b: int, c: int, d: int) -> bool:
    return min(b, d) > max(a, c)


def miss_shape(sentence: Sentence, key_start: int, speakers: tuple[str, ...], direct: bool, held_by: Quote | None) -> str:
    """The shape of a missed gold statement whose key starts at ``key_start`` (an offset of the
    article text) in ``sentence``: ``held_by`` is the quote of another speaker that holds its
    key, None when no quote does."""
    said = norm(" ".join(speakers[:1])).split()
    # its last word, also behind a one- or two-letter proclitic ("ولافروف"، "للوزارة")
    named_here = bool(said) and any(w.endswith(said[-1]) and len(w) - len(said[-1]) <= 2 for w in norm(sentence.text).split())
    if held_by is not None:
        got = norm(held_by.speaker).split()
        if got and len(got) < len(said) and said[: len(got)] == got:
            return "wrong speaker: the gold name cut short"
        if held_by.speaker_start is not None and held_by.speaker_start < sentence.start:
            return "wrong speaker: named in an earlier sentence (follow-on or resolved)"
        return "wrong speaker: another of the same sentence" + ("" if named_here else " (gold not named there)")
    before = tuple(norm(sentence.text[: max(0, key_start - sentence.start)]).split())
    if any(cue_at(before[k:]) for k in range(len(before))):
        return "no quote: a cue before the key"
    verb = any(verb_info(w) or pronoun_verb_info(w) for w in before)
    complement = any(complement_at(w) for w in before)
    if not named_here:
        if direct and not verb:
            return "no quote: a quotation run on, no verb or speaker in its sentence"
        return "no quote: speaker not named in the sentence" + (", a listed verb" if verb else ", no listed verb")
    return "no quote: speaker named, " + ("a listed verb" if verb else "no listed verb") + (" and a complementiser" if complement else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", required=True)
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "speakers.json")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--shapes", action="store_true", help="split the misses by the shape of their sentence")
    args = ap.parse_args()
    refuse_unspent(args.split)
    gold = load_gold(args.gold, root=ROOT, shared=ROOT.parent / "shared", split=args.split)
    by_article = {g.article.id: g for g in gold}
    preds = [q for b in build_briefs(gold) for q in b.quotes if q.article_id in by_article]
    counts: Counter[str] = Counter()
    shapes: Counter[str] = Counter()

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
        sentences = split_sentences(g.article) if args.shapes else []
        for gq in g.quotes:
            if (cls := error("FN", [(gq, q) for q in mine])) is not None:
                counts[cls] += 1
                if args.shapes and cls != "FN extent":
                    where = next((s for s in sentences if s.start <= gq.start < s.end), None)
                    held = next((q for q in mine if holds(gq, q)), None) if cls == "FN wrong speaker" else None
                    if where is not None:
                        shapes[miss_shape(where, gq.start, gq.speakers, gq.direct, held)] += 1
                if args.list:
                    print(f"{cls}\t{g.article.id}\t{gq.speakers[0]}\t{gq.keys[0]}")
    print(f"{args.split}: {len(preds)} quotes predicted, {sum(len(g.quotes) for g in gold)} gold")
    for cls, n in sorted(counts.items()):
        print(f"  {cls}: {n}")
    for shape, n in shapes.most_common():
        print(f"    {n:5d}  {shape}")


if __name__ == "__main__":
    main()
