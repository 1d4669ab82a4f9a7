"""The levers a stance judge on drawn13 + fresh31 could move, measured on the spent splits (issue 16,
session 37): development figures, counted as ``khabar eval stance --test`` counts them.

    python scripts/stance_levers.py sweep [--related 0.55 0.45 0.4] [--states 0.4:0.4 0.5:0.4] [--dump FILE]
    python scripts/stance_levers.py signs [--at 0.6] [--covered 0.6]
    python scripts/stance_levers.py days [--at 0.4]
    python scripts/stance_levers.py share

Every spent set (``stance_retrain.ALL_SPENT`` and the sets spent since: fresh30, drawn12) is read
from the cached readings (``/tmp/stance-readings``, ``stance_experiments.readings``) and judged by
the shipped model (``judge_many``, then ``within_event_judgement``).  The news heads were fitted on
fresh3..29 and drawn1..11, so their side is in-sample there (fresh30 and drawn12 are the only sets
they never saw); the relatedness gate was fitted on fresh3..23 and drawn1..2.

* ``sweep``: each arm is the shipped model with the relatedness gate's threshold
  (``relatedness.RELATED_AT``, 0.55) or ``_states_claim``'s closeness and bare coverage
  (``meaning_model.STATES_CLAIM_AT`` : ``STATES_BARE_COVERED``, 0.4 : 0.4) set otherwise; pages
  right per set and kind; ``--dump`` writes gold, claims and each arm's labels as
  ``scripts/stance_claim_bootstrap.py`` reads them (``shipped`` = the first of each option).
* ``signs``: the pages the shipped model calls agree or discuss that hold a candidate at encoder
  cosine >= ``--at`` with >= ``--covered`` of the claim's content words and a contrary sign
  (the sentence features of :data:`khabar.check.meaning.CONTRARY_SIGNS` and the frame reader's):
  how many are gold disagree (an override to *disagree* would gain them) and how many are not.
* ``days``: claims that name a day (``extract.dates``: month and day) and the pages whose close
  candidates name another day and none the claim's.
* ``share``: each kind's gold labels and the shipped calls: how many pages a contradiction rule
  could reach at most.

The unspent splits are refused.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stance_experiments import readings, refuse_unspent  # noqa: E402
from stance_retrain import ALL_SPENT, CACHE, ROOT, judged  # noqa: E402

from khabar.check import meaning_model as mm  # noqa: E402
from khabar.check import relatedness  # noqa: E402
from khabar.check.meaning import SENTENCE_FEATURE_COLUMN  # noqa: E402
from khabar.check.pairs import load_data  # noqa: E402
from khabar.extract.dates import find_dates  # noqa: E402

SPENT = (*ALL_SPENT, "fresh30", "drawn12")
SIGNS = ("role_swap", "agent_change", "swapped_names", "number_mismatch", "antonym", "negation_mismatch",
         "denial_sentence", "figure_disagree")


def spent_sets(names: list[str]):
    """(name, pairs, readings) of each named spent set."""
    refuse_unspent(names)
    for n in names:
        pairs = load_data(ROOT / "tests" / "gold" / "stance" / f"{n}.jsonl", role="test").pairs
        yield n, pairs, readings(CACHE, n, pairs)


def right(labels: list[str], gold: list[str]) -> int:
    return sum(a == b for a, b in zip(labels, gold))


def sweep(names: list[str], related: list[float], states: list[str], dump: Path | None) -> None:
    model = mm.bundled_model()
    gate = relatedness.bundled_gate()
    plain = mm.bundled_gate, mm.STATES_CLAIM_AT, mm.STATES_BARE_COVERED
    arms = [(f"related{t}", t, None) for t in related] + [(f"states{s}", None, s) for s in states]
    out: dict = {"gold": {}, "claims": {}, "labels": {name: {} for name, _, _ in arms}}
    try:
        for n, pairs, rs in spent_sets(names):
            out["gold"][n] = [p.stance for p in pairs]
            out["claims"][n] = [p.claim for p in pairs]
            for name, t, s in arms:
                mm.bundled_gate, mm.STATES_CLAIM_AT, mm.STATES_BARE_COVERED = plain
                if t is not None:
                    mm.bundled_gate = lambda g=replace(gate, threshold=t): g
                if s is not None:
                    mm.STATES_CLAIM_AT, mm.STATES_BARE_COVERED = (float(x) for x in s.split(":"))
                out["labels"][name][n] = judged(model, pairs, rs)
            print(n, " ".join(f"{name} {right(out['labels'][name][n], out['gold'][n])}" for name, _, _ in arms),
                  f"of {len(pairs)}", flush=True)
    finally:
        mm.bundled_gate, mm.STATES_CLAIM_AT, mm.STATES_BARE_COVERED = plain
    for kind in ("fresh", "drawn"):
        sets = [n for n in out["gold"] if n.startswith(kind)]
        print(kind, " ".join(f"{name} {sum(right(out['labels'][name][n], out['gold'][n]) for n in sets)}"
                             for name, _, _ in arms))
    if dump:
        first = {"related": f"related{related[0]}" if related else None, "states": f"states{states[0]}" if states else None}
        shipped = first["related"] or first["states"]
        out["labels"]["shipped"] = out["labels"][shipped]
        dump.write_text(json.dumps(out))


def signs(names: list[str], at: float, covered: float) -> None:
    model = mm.bundled_model()
    col = SENTENCE_FEATURE_COLUMN
    count: Counter = Counter()
    for n, pairs, rs in spent_sets(names):
        kind = n.rstrip("0123456789")
        for p, r, label in zip(pairs, rs, judged(model, pairs, rs)):
            if label not in ("agree", "discuss"):
                continue
            for sign in SIGNS:
                if any(row[col["semantic"]] >= at and row[col["claim_covered"]] >= covered and row[col[sign]] > 0
                       for row in r.candidates.scalars):
                    count[(sign, kind, p.stance == "disagree")] += 1
    for sign in SIGNS:
        print(f"{sign:18s} fresh: gold disagree {count[(sign, 'fresh', True)]}, other {count[(sign, 'fresh', False)]}; "
              f"drawn: gold disagree {count[(sign, 'drawn', True)]}, other {count[(sign, 'drawn', False)]}")


def _days(text: str, reference) -> set[tuple[int, int]]:
    return {(m.date.month, m.date.day) for m in find_dates(text, reference=reference)
            if m.date is not None and m.precision == "day" and m.kind == "absolute"}


def days(names: list[str], at: float) -> None:
    model = mm.bundled_model()
    claims, pages, fired = set(), 0, Counter()
    for _n, pairs, rs in spent_sets(names):
        labels = None
        for k, (p, r) in enumerate(zip(pairs, rs)):
            reference = r.analysis.doc.article.published  # a date, or None
            said = _days(p.claim, reference)
            if not said:
                continue
            labels = labels or judged(model, pairs, rs)
            claims.add(p.claim)
            pages += 1
            sentences = r.analysis.doc.sentences
            close = [sentences[i].text for s, i in zip(r.candidates.semantic, r.candidates.indices) if s >= at]
            other = set().union(*(_days(t, reference) for t in close)) - said if close else set()
            if other and not any(_days(s.text, reference) & said for s in sentences):
                fired[(p.stance, labels[k])] += 1
    print(f"claims naming a day: {len(claims)}; their pages: {pages}; another day and never the claim's: "
          f"{sum(fired.values())} {dict(fired)}")


def share(names: list[str]) -> None:
    model = mm.bundled_model()
    for kind in ("fresh", "drawn"):
        gold: Counter = Counter()
        calls: Counter = Counter()
        for _n, pairs, rs in spent_sets([n for n in names if n.startswith(kind)]):
            gold.update(p.stance for p in pairs)
            calls.update(judged(model, pairs, rs))
        total = sum(gold.values())
        print(f"{kind}: {total} pages, gold {dict(gold)} (disagree {gold['disagree'] / total:.3f}), shipped {dict(calls)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["sweep", "signs", "days", "share"])
    parser.add_argument("--sets", nargs="*", default=list(SPENT))
    parser.add_argument("--related", nargs="*", type=float, default=[])
    parser.add_argument("--states", nargs="*", default=[])
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--at", type=float, default=0.6)
    parser.add_argument("--covered", type=float, default=0.6)
    args = parser.parse_args()
    refuse_unspent(args.sets)
    if args.what == "sweep":
        sweep(args.sets, args.related or ([] if args.states else [relatedness.RELATED_AT]), args.states, args.dump)
    elif args.what == "signs":
        signs(args.sets, args.at, args.covered)
    elif args.what == "days":
        days(args.sets, args.at)
    else:
        share(args.sets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
