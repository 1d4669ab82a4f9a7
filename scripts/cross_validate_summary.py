"""Choose the event summary's coverage weights by leave-one-event-out cross-validation.

The event-first summary (:mod:`khabar.summarize.event_first`) values a candidate sentence
by the concept weight it adds per word, times ``1 + POSITION_WEIGHT / (1 + position)`` and
``1 + LEXRANK_WEIGHT × centrality``.  Tuned by hand on the first dev events, those weights
led there and trailed LexRank on events written later, so they are chosen here on every
event of the summary gold outside the test split (``dev`` and ``fresh`` to ``fresh18`` pooled:
148 events; ``--splits`` pools fewer, e.g. the 75 older than ``fresh11``):

1. each point of the grid (``--position`` by ``--lexrank`` by ``--trim``: whether a sentence
   that repeats the summary gives its clause with a new fact, ``TRIM_REPEATS``: 0 no, 1 a
   later clause, 2 its head up to a clause boundary too, ``TRIM_HEADS``; 3 and up: 2 for
   sentences of body position below trim - 2 only, ``TRIM_POSITIONS``; ``--once``:
   ``EVENT_ONCE``, 0 off; ``--stems``: ``STEM_WEIGHT``; ``--key-conflicts``:
   ``KEY_FIGURE_CONFLICTS_ONLY``; ``--dev-earlier``: ``DEVELOPMENT_NOT_EARLIER``; ``--event-max``:
   ``EVENT_MAX_WORDS``; ``--complement``: ``EVENT_COMPLEMENT``, 0 off; ``--swap-facts``:
   ``SWAP_KEEPS_FACTS``; ``--tail``: ``EVENT_TAIL``, 0 off, 1 on; ``--cited``:
   ``CITED_OPENING_WEIGHT``, 1 off; ``--new-facts``: ``NEW_FACT_BONUS``, 0 off) summarizes every event (the
   analysis and sentence pool built once per event), scored as ``khabar eval summarize``
   scores it: ROUGE-2 F on light stems against the reference, the summary cut to the budget,
   and must-contain coverage;
2. for each event left out, the pair with the best mean ROUGE-2 on the other events (ties:
   coverage) is the one chosen, and its score on the event left out is that event's
   cross-validated score; the mean over events is the figure to compare with a fixed pair's
   mean (which needs no choosing).  With ``--coverage-first`` the point chosen is the one with
   the best must-contain on the other events among those whose R-2 there is at least LexRank's
   (round 11: must-contain first, ROUGE-2 as the guard).

The test split is never read; ``fresh2`` to ``fresh26``, judged in rounds 7 to 34, are pooled with
the rest (``fresh27`` to ``fresh29`` judged round 36, session 24; ``fresh30`` round 37, session 25; ``fresh31`` and ``fresh32`` round 38, session 26); ``fresh33`` and ``fresh34`` (session 26), ``fresh35`` (session 27), ``fresh36`` (session 28), ``fresh37`` (session 29), ``fresh38`` and ``fresh39`` (session 30) ``fresh40`` (session 31) and ``fresh41`` (session 32) are unspent and held out.  ``--with-lexrank``
prints LexRank's mean R-2 on the pooled events, ``--save`` every point's per-event figures and
each event's split (for "chosen on the older splits, scored on the newer").

    python scripts/cross_validate_summary.py [--gold tests/gold/summaries/ant_events.json]
        [--position 3,6,12,20] [--lexrank 1,3,5,10] [--trim 0,1,2,6,7,8] [--once 0,0.55]
        [--stems 0,2] [--key-conflicts 0,1] [--dev-earlier 0,1] [--event-max 25,30,35] [--complement 0,12,20] [--swap-facts 0,1]
        [--tail 0,1] [--cited 1,0.5,0] [--new-facts 0,0.3]
        [--splits dev,fresh,...] [--coverage-first] [--with-lexrank] [--save FILE]
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
from collections import Counter
from pathlib import Path

from khabar.config import BriefOptions
from khabar.evaluate.coverage import coverage
from khabar.evaluate.summaries import budget_of, read_events, score_summary, truncate
from khabar.pipeline import analyze
from khabar.relate.corroborate import SentencePool
from khabar.summarize import event_first, pool_quantities, summarize

ROOT = Path(__file__).resolve().parent.parent
#: Splits never pooled: test is measured once at the end (add the next unspent fresh set here).
HELD_OUT = ("test", "fresh33", "fresh34", "fresh35", "fresh36", "fresh37", "fresh38", "fresh39", "fresh40", "fresh41")  # fresh25 + fresh26 judged round 34 (session 22), fresh27 + fresh28 + fresh29 round 36 (session 24), fresh30 round 37 (session 25), fresh31 + fresh32 round 38 (session 26): pooled; fresh33 + fresh34 (session 26), fresh35 (session 27), fresh36 (session 28), fresh37 (session 29), fresh38 and fresh39 (session 30), fresh40 (session 31) unspent
#: event_first's module settings that a grid point sets.
_GRID_SETTINGS = (
    "POSITION_WEIGHT", "LEXRANK_WEIGHT", "TRIM_REPEATS", "TRIM_HEADS", "TRIM_POSITIONS", "EVENT_ONCE", "STEM_WEIGHT",
    "KEY_FIGURE_CONFLICTS_ONLY", "DEVELOPMENT_NOT_EARLIER", "EVENT_MAX_WORDS", "EVENT_COMPLEMENT",
    "SWAP_KEEPS_FACTS", "EVENT_TAIL", "CITED_OPENING_WEIGHT", "NEW_FACT_BONUS",
)


def floats(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "summaries" / "ant_events.json")
    parser.add_argument("--position", type=floats, default=floats("3,6,12,20"))
    parser.add_argument("--lexrank", type=floats, default=floats("1,3,5,10"))
    parser.add_argument("--trim", type=floats, default=floats("0,1,2,6,7,8"))
    parser.add_argument("--once", type=floats, default=floats("0"), help="EVENT_ONCE values (0: off)")
    parser.add_argument("--stems", type=floats, default=floats("0"), help="STEM_WEIGHT values (0: off)")
    parser.add_argument("--event-max", type=floats, default=floats("30"), help="EVENT_MAX_WORDS values")
    parser.add_argument(
        "--complement", type=floats, default=floats("16"), help="EVENT_COMPLEMENT values (0: off)"
    )
    parser.add_argument(
        "--swap-facts", type=floats, default=floats("1"), help="SWAP_KEEPS_FACTS values (0, 1)"
    )
    parser.add_argument("--tail", type=floats, default=floats("1"), help="EVENT_TAIL values (0 off, 1 on)")
    parser.add_argument("--cited", type=floats, default=floats("0"), help="CITED_OPENING_WEIGHT values (1 off)")
    parser.add_argument("--new-facts", type=floats, default=floats("0.3"), help="NEW_FACT_BONUS values (0 off)")
    parser.add_argument("--with-lexrank", action="store_true", help="print LexRank's mean R-2 on the pooled events")
    parser.add_argument("--splits", default="", help="pool only these splits (comma-separated; default: all but test)")
    parser.add_argument("--save", type=Path, help="write every grid point's per-event R-2 and must-contain (JSON)")
    parser.add_argument(
        "--key-conflicts", type=floats, default=floats("0"), help="KEY_FIGURE_CONFLICTS_ONLY values (0, 1)"
    )
    parser.add_argument(
        "--dev-earlier", type=floats, default=floats("0"), help="DEVELOPMENT_NOT_EARLIER values (0, 1)"
    )
    parser.add_argument(
        "--coverage-first",
        action="store_true",
        help="choose by must-contain (ties: R-2) among the points whose R-2 on the other events is at least LexRank's",
    )
    args = parser.parse_args()

    events = []
    for cluster in read_events(args.gold):
        if cluster.split in HELD_OUT or (args.splits and cluster.split not in args.splits.split(",")):
            continue  # test is measured once, elsewhere
        pool = SentencePool.build([analyze(a) for a in cluster.articles])
        budget = budget_of(cluster, None)
        options = BriefOptions(length_words=budget)
        events.append((cluster, pool, options, pool_quantities(pool, options=options)))
    names = [c.name for c, *_ in events]

    lexrank_r2 = {}
    if args.coverage_first or args.with_lexrank:
        for cluster, pool, options, quantities in events:
            plain = BriefOptions(length_words=options.length_words, algorithm="lexrank")
            summary = [s.text for s in summarize(pool, options=plain)]
            rouge = score_summary(summary, cluster.references, length_words=options.length_words)
            lexrank_r2[cluster.name] = rouge.rouge2.f
        print(f"LexRank mean R-2 {100 * statistics.fmean(lexrank_r2.values()):.2f}")

    scores: dict[tuple[float, ...], dict[str, tuple[float, float]]] = {}
    # the module's settings a grid point sets, put back afterwards
    saved = {name: getattr(event_first, name) for name in _GRID_SETTINGS}
    try:
        grid = itertools.product(
            args.position, args.lexrank, args.trim, args.once, args.stems, args.key_conflicts,
            args.dev_earlier, args.event_max, args.complement, args.swap_facts, args.tail, args.cited, args.new_facts,
        )
        for pair in grid:
            event_first.POSITION_WEIGHT, event_first.LEXRANK_WEIGHT = pair[:2]
            event_first.TRIM_REPEATS = bool(pair[2])
            event_first.TRIM_HEADS = pair[2] >= 2
            event_first.TRIM_POSITIONS = None if pair[2] < 3 else int(pair[2]) - 2
            event_first.EVENT_ONCE = pair[3] or None
            event_first.STEM_WEIGHT = pair[4]
            event_first.KEY_FIGURE_CONFLICTS_ONLY = bool(pair[5])
            event_first.DEVELOPMENT_NOT_EARLIER = bool(pair[6])
            event_first.EVENT_MAX_WORDS = int(pair[7])
            event_first.EVENT_COMPLEMENT = int(pair[8]) or None
            event_first.SWAP_KEEPS_FACTS = bool(pair[9])
            event_first.EVENT_TAIL = bool(pair[10])
            event_first.CITED_OPENING_WEIGHT = pair[11]
            event_first.NEW_FACT_BONUS = pair[12]
            per_event = {}
            for cluster, pool, options, quantities in events:
                summary = [s.text for s in summarize(pool, options=options, quantities=quantities)]
                rouge = score_summary(summary, cluster.references, length_words=options.length_words)
                per_event[cluster.name] = (
                    rouge.rouge2.f,
                    coverage(cluster.facts, truncate(summary, options.length_words)),
                )
            scores[pair] = per_event
            r2 = statistics.fmean(v[0] for v in per_event.values())
            mc = statistics.fmean(v[1] for v in per_event.values())
            print(
                f"position {pair[0]:g} lexrank {pair[1]:g} trim {pair[2]:g} once {pair[3]:g} stems {pair[4]:g} "
                f"key-conflicts {pair[5]:g} dev-earlier {pair[6]:g} event-max {pair[7]:g} complement {pair[8]:g} swap-facts {pair[9]:g} "
                f"tail {pair[10]:g} cited {pair[11]:g} new-facts {pair[12]:g}: "
                f"mean R-2 {100 * r2:.2f}, must-contain {mc:.3f}",
                flush=True,
            )
    finally:
        for name, value in saved.items():
            setattr(event_first, name, value)

    if args.save:
        rows = {" ".join(f"{x:g}" for x in pair): v for pair, v in scores.items()}
        splits = {c.name: c.split for c, *_ in events}
        args.save.write_text(json.dumps({"splits": splits, "lexrank": lexrank_r2, "points": rows}, indent=1))
    held_r2, held_mc, chosen = [], [], Counter()
    for left_out in names:
        others = [n for n in names if n != left_out]

        def on_others(pair: tuple[float, ...]) -> tuple[float, ...]:
            r2 = statistics.fmean(scores[pair][n][0] for n in others)
            mc = statistics.fmean(scores[pair][n][1] for n in others)
            if args.coverage_first:
                guard = r2 >= statistics.fmean(lexrank_r2[n] for n in others)
                return (guard, round(mc, 6), r2)
            return (r2, mc)

        best = max(scores, key=on_others)
        chosen[best] += 1
        held_r2.append(scores[best][left_out][0])
        held_mc.append(scores[best][left_out][1])
    print(
        f"{len(names)} events ({', '.join(HELD_OUT)} left out), leave-one-event-out: "
        f"R-2 {100 * statistics.fmean(held_r2):.2f}, must-contain {statistics.fmean(held_mc):.3f}"
    )
    for (position, lexrank, trim, once, stems, conflicts, dev, event_max, complement, swap_facts, tail, cited, new_facts), folds in chosen.most_common():
        print(
            f"  position {position:g} lexrank {lexrank:g} trim {trim:g} once {once:g} stems {stems:g} "
            f"key-conflicts {conflicts:g} dev-earlier {dev:g} event-max {event_max:g} complement {complement:g} swap-facts {swap_facts:g} "
            f"tail {tail:g} cited {cited:g} new-facts {new_facts:g} chosen in {folds} of {len(names)} folds"
        )


if __name__ == "__main__":
    main()
