"""Which must-contain facts a summary misses, by where the articles state them, and a change's
forecast for a judge pool of another make-up (issue 18, session 32).

A fact is **shallow** when some article's title or first body sentence states it (by the matcher
``khabar eval summarize`` scores with, :func:`khabar.evaluate.coverage.fact_found`), **deep**
otherwise.  The spent summary gold (every split but :data:`HELD_OUT`) is 35 % deep; the labellers
of fresh34..fresh40 wrote at least two deep facts an event (about 60 % by their count), so a
must-contain figure on the spent gold does not carry to that pool without the two rates apart.

For every spent event (pool built as ``khabar eval summarize`` builds it; the summary cut to the
budget) this prints, per algorithm (``--algorithms``), R-2 and must-contain with the shallow and
deep rates; for each variant of the event summary (``--variant NAME:SETTING=VALUE,...``, settings
of :mod:`khabar.summarize.event_first`; ``development=False`` and ``key_figure=False`` leave out
those fixed slots) the facts gained and lost against the default, by depth, and the forecast on a
judge pool of ``--facts`` facts with ``--deep-share`` deep: the per-class rates' change times the
pool's make-up, and a bootstrap of ``--events`` events drawn with weight ``1 + deep facts`` (the
net facts' mean, spread and chances).  ``--parts`` prints where the default's words go: each
chosen part by kind (the event sentence, another article's opening, a statement, background, an
earlier time, other by body position), its words, and whether it states a fact no other part does.
``--why`` (session 33) follows each missed deep fact to the earliest candidates (body position < 3)
that state it and names what refused the best of them once the choice ended: no room left, or the
repeat tests of :class:`khabar.summarize.event_first._Selection` (TF-IDF closeness, close meaning,
the event told again, the same words, half its stems said), by whether that candidate is in the
event sentence's article.

    python scripts/summary_fact_depth.py [--algorithms event,centroid,ilp,lexrank,lead]
        [--variant devoff:development=False --variant both:development=False,key_figure=False]
        [--facts 348 --deep-share 0.57 --events 70] [--parts] [--why]
"""

from __future__ import annotations

import argparse
import ast
import random
import statistics
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from khabar.config import BriefOptions
from khabar.evaluate.coverage import fact_found
from khabar.evaluate.summaries import budget_of, read_events, score_summary, truncate
from khabar.pipeline import analyze
from khabar.relate.corroborate import SentencePool
from khabar.summarize import event_first, pool_quantities, summarize

ROOT = Path(__file__).resolve().parent.parent
#: Never loaded: the test split and the unspent judge pool (as the other summary scripts).
HELD_OUT = ("test", "fresh33", "fresh34", "fresh35", "fresh36", "fresh37", "fresh38", "fresh39", "fresh40", "fresh41")
#: The fixed slots a variant may leave out, and the stand-in that finds nothing.
_SLOTS = {"development": ("key_happening", lambda *a, **k: None), "key_figure": ("key_figures", lambda *a, **k: [])}


def depth(cluster, pool: SentencePool) -> list[str]:
    heads = []
    for doc in pool.docs:
        body = [s.text for s in doc.sentences if not s.is_title]
        heads += [s.text for s in doc.sentences if s.is_title] + body[:1]
    return ["shallow" if any(fact_found(f, h) for h in heads) else "deep" for f in cluster.facts]


@contextmanager
def applied(settings: dict[str, object]):
    saved = {}
    try:
        for name, value in settings.items():
            attr = _SLOTS[name][0] if name in _SLOTS else name
            if not hasattr(event_first, attr):
                raise SystemExit(f"event_first has no setting {name}")
            saved[attr] = getattr(event_first, attr)
            setattr(event_first, attr, _SLOTS[name][1] if name in _SLOTS and not value else value)
        yield
    finally:
        for attr, value in saved.items():
            setattr(event_first, attr, value)


def scored(events, algorithm: str) -> dict[str, tuple[float, list[bool]]]:
    out = {}
    for cluster, pool, budget, _ in events:
        options = BriefOptions(length_words=budget, algorithm=algorithm)
        quantities = pool_quantities(pool, options=options) if algorithm == "event" else None
        text = [s.text for s in summarize(pool, options=options, quantities=quantities)]
        rouge = score_summary(text, cluster.references, length_words=budget)
        cut = "\n".join(truncate(text, budget))
        out[cluster.name] = (rouge.rouge2.f, [fact_found(f, cut) for f in cluster.facts])
    return out


def rates(events, out) -> str:
    line = []
    for cls in ("shallow", "deep"):
        pairs = [hit for c, _, _, d in events for x, hit in zip(d, out[c.name][1], strict=True) if x == cls]
        line.append(f"{cls} {sum(pairs)}/{len(pairs)} = {sum(pairs) / len(pairs):.3f}")
    return ", ".join(line)


def summary_line(name: str, events, out) -> str:
    r2 = statistics.fmean(v[0] for v in out.values())
    must = statistics.fmean(sum(v[1]) / len(v[1]) for v in out.values())
    return f"{name}: R-2 {100 * r2:.2f}, must-contain {must:.4f}; {rates(events, out)}"


def forecast(events, base, out, args) -> str:
    gains, nets, drop, weights = {}, {}, {}, {}
    for cls in ("shallow", "deep"):
        diffs = [int(a) - int(b) for c, _, _, d in events
                 for x, a, b in zip(d, out[c.name][1], base[c.name][1], strict=True) if x == cls]
        gains[cls] = (sum(1 for x in diffs if x > 0), sum(1 for x in diffs if x < 0), sum(diffs) / len(diffs))
    for c, _, _, d in events:
        nets[c.name] = sum(int(a) - int(b) for a, b in zip(out[c.name][1], base[c.name][1], strict=True))
        drop[c.name] = 100 * (out[c.name][0] - base[c.name][0])
        weights[c.name] = 1 + d.count("deep")
    expect = args.facts * (args.deep_share * gains["deep"][2] + (1 - args.deep_share) * gains["shallow"][2])
    rng = random.Random(args.seed)
    names = list(nets)
    draws = []
    for _ in range(args.draws):
        pick = rng.choices(names, weights=[weights[n] for n in names], k=args.events)
        draws.append((sum(nets[n] for n in pick), statistics.fmean(drop[n] for n in pick)))

    def share(test) -> float:
        return sum(1 for d in draws if test(d)) / len(draws)

    return (
        f"  facts: shallow +{gains['shallow'][0]} -{gains['shallow'][1]}, deep +{gains['deep'][0]} -{gains['deep'][1]}; "
        f"forecast {expect:+.1f} of {args.facts} facts ({args.deep_share:.0%} deep); {args.events} events drawn "
        f"{args.draws} times: net mean {statistics.fmean(d[0] for d in draws):+.2f}, sd "
        f"{statistics.pstdev(d[0] for d in draws):.2f}, P(>= +3) {share(lambda d: d[0] >= 3):.2f}, "
        f"P(>= +5) {share(lambda d: d[0] >= 5):.2f}, P(<= 0) {share(lambda d: d[0] <= 0):.2f}, "
        f"P(R-2 down > 0.3) {share(lambda d: d[1] < -0.3):.2f}"
    )


def parts(events) -> None:
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for cluster, pool, budget, _ in events:
        options = BriefOptions(length_words=budget)
        chosen = event_first.choose_sentences(pool, options=options, quantities=pool_quantities(pool, options=options))
        positions = event_first.body_positions(pool)
        background = event_first.background_rows(pool, [c.row for c in chosen])
        states = [{i for i, f in enumerate(cluster.facts) if fact_found(f, event_first.kept_text(pool, c))} for c in chosen]
        for i, c in enumerate(chosen):
            if i == 0:
                kind = "the event sentence (read first)"
            elif positions[c.row] == 0:
                kind = "another article's first body sentence"
            elif c.row in background:
                kind = "opens with background"
            elif event_first.tells_earlier(pool, c):
                kind = "places itself at an earlier time"
            elif event_first.reports_speech(pool, c.row):
                kind = "a statement"
            else:
                kind = f"other, body position {'1-2' if positions[c.row] < 3 else '3+'}"
            rest = set().union(*(s for k, s in enumerate(states) if k != i))
            row = table[kind]
            row[0] += 1
            row[1] += c.words
            row[2] += bool(states[i])
            row[3] += bool(states[i] - rest)
    total = sum(r[1] for r in table.values())
    print("| part | parts | words | share of the words | states a fact | states one no other part does |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, r in sorted(table.items(), key=lambda kv: -kv[1][1]):
        print(f"| {kind} | {r[0]} | {r[1]} | {r[1] / total:.3f} | {r[2]} ({r[2] / r[0]:.0%}) | {r[3]} ({r[3] / r[0]:.0%}) |")


@contextmanager
def captured():
    """The selection as it stands when the choice ends (what :func:`event_first.fill_budget` is handed)."""
    seen: dict[str, object] = {}
    fill = event_first.fill_budget

    def keep(pool, cands, chosen, picked, central, *, options):
        seen["picked"], seen["cands"] = picked, cands
        return fill(pool, cands, chosen, picked, central, options=options)

    event_first.fill_budget = keep
    try:
        yield seen
    finally:
        event_first.fill_budget = fill


def refusals(picked, c, budget: int) -> list[str]:
    """Why ``c`` does not join the finished selection ``picked``: each test that refuses it."""
    out = []
    if picked.words + c.words > budget:
        out.append("room")
    if picked.overlap is not None and picked.overlap[c.row] >= picked.redundancy:
        out.append("tfidf")
    if picked.meant is not None and picked.meant[c.row] >= event_first.SAME_MEANING and not picked.new_figure(c):
        out.append("meaning")
    if picked.tells_event_again([c]):
        out.append("event again")
    if picked.says_again(c):
        out.append("same words")
    if picked.repeats(c):
        out.append("repeats")
    if c.antecedent is not None:
        out.append("needs the sentence before")
    return out


def why(events) -> None:
    table: dict[str, int] = defaultdict(int)
    room_left = []
    with captured() as seen:
        for cluster, pool, budget, d in events:
            options = BriefOptions(length_words=budget)
            chosen = event_first.choose_sentences(pool, options=options, quantities=pool_quantities(pool, options=options))
            picked, cands = seen["picked"], seen["cands"]
            cut = "\n".join(truncate([event_first.kept_text(pool, c) for c in chosen], budget))
            positions = event_first.body_positions(pool)
            event_doc = pool.doc_of(chosen[0].row) if chosen else None
            for fact, cls in zip(cluster.facts, d, strict=True):
                if cls != "deep" or fact_found(fact, cut):
                    continue
                rows = [r for r in cands if positions[r] < 3 and fact_found(fact, event_first.kept_text(pool, cands[r]))]
                if not rows:
                    table["no candidate of body position < 3 states it"] += 1
                    continue
                row, reasons = min(((r, refusals(picked, cands[r], budget)) for r in rows), key=lambda rr: (len(rr[1]), rr[0]))
                where = "the event sentence's article" if pool.doc_of(row) == event_doc else "another article"
                table[f"{where}: {' + '.join(reasons) or 'fits'}"] += 1
                room_left.append(budget - picked.words)
    print("| missed deep fact: its best early candidate (body position < 3) refused by | facts |")
    print("|---|---:|")
    for kind, n in sorted(table.items(), key=lambda kv: -kv[1]):
        print(f"| {kind} | {n} |")
    if room_left:
        print(f"words left unused when the choice ended (those with a candidate): median {statistics.median(room_left)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "summaries" / "ant_events.json")
    parser.add_argument("--algorithms", default="event")
    parser.add_argument("--variant", action="append", default=[], help="NAME:SETTING=VALUE,... (event summary)")
    parser.add_argument("--facts", type=int, default=348)
    parser.add_argument("--deep-share", type=float, default=0.57)
    parser.add_argument("--events", type=int, default=70)
    parser.add_argument("--draws", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=32)
    parser.add_argument("--parts", action="store_true")
    parser.add_argument("--why", action="store_true", help="why each missed deep fact's early sentence was passed over")
    args = parser.parse_args()
    events = []
    for cluster in read_events(args.gold):
        if cluster.split in HELD_OUT:
            continue
        pool = SentencePool.build([analyze(a) for a in cluster.articles])
        events.append((cluster, pool, budget_of(cluster, None), depth(cluster, pool)))
    base = scored(events, "event")
    print(f"{len(events)} events ({', '.join(HELD_OUT)} never loaded)")
    print(summary_line("event (default)", events, base), flush=True)
    for algorithm in filter(None, args.algorithms.split(",")):
        if algorithm != "event":
            print(summary_line(algorithm, events, scored(events, algorithm)), flush=True)
    for spec in args.variant:
        name, _, text = spec.partition(":")
        settings = {k: ast.literal_eval(v) for k, v in (item.split("=", 1) for item in filter(None, text.split(",")))}
        with applied(settings):
            out = scored(events, "event")
        print(summary_line(name, events, out))
        print(forecast(events, base, out, args), flush=True)
    if args.parts:
        parts(events)
    if args.why:
        why(events)


if __name__ == "__main__":
    main()
