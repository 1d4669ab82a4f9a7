"""e5 asked only where the sentence band is unsure: a two-model band, measured (issue 14, session 32; what-if).

Session 30 measured e5 beside the shipped band (``event_e5_feature.py``: the shipped six features
and ``e5_mean``) at ~45 more same-event pairs at the shipped false joins, but e5 read for every
candidate the band asks about (~55 % of articles, ~100 ms of CPU an article).  Here the shipped six
decide first; only a candidate whose six-feature probability lies within ``margin`` of the join
threshold is read again by the seven-feature model (six + e5).  Each held-out split is grouped by
``src``'s ``StoryIndex`` with both models fitted on the other splits' oracle-stream band rows (as
``event_e5_band.py pool``); margin 0 is the six alone, margin 1 the seven wherever the band asks.
It prints, by margin, the pairs found and false joins, and the texts e5 reads (the asked article and
the reports of the candidate in question, each once per split) against the articles grouped.

    python scripts/event_e5_gate.py dev,fresh,...,fresh28 --margins 0,0.05,0.1,0.15,0.2,1 --e5-cache E.npz
    python scripts/event_e5_gate.py dev,...,fresh28 --e5-cache E.npz --write src/khabar/relate/data/event-band-e5.json --margins 0.1
    python scripts/event_e5_gate.py reach 1000 [MARGIN ...]  # the shipped reading against the band alone, ANT window

Session 35 (the band's cost): ``--low``/``--high`` the scorer's range the band asks over (the rows fitted
and the grouping's band), ``--band-encoder static`` the band's sentences read by the static vectors
taught by USE, ``--sentences K`` the first K of them, ``--e5-asked-only`` e5 reading the asked article
alone; each run also prints the articles and sentences the band's USE reads.

Spent splits only (``event_e5_band.py`` refuses the others).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import event_e5_band as band_script  # noqa: E402  (signing, oracle rows, fitting, grouping)
import event_e5_feature as feature  # noqa: E402  (the e5 feature and its patch)
import event_second_opinion as second  # noqa: E402  (e5 vectors)

READ: set[str] = set()  # the texts e5 had to read in one grouping
#: ``--e5-asked-only`` (session 35, a cost what-if): e5 reads only the asked article; a report's
#: vector counts only if e5 read it before (as an asked article), else the seven's fitted mean.
ASKED_ONLY = False
USE_READ: set[str] = set()  # ``--static-first``: the articles whose USE sentences the seven read


WORDS = 40  # ``--e5-words``: the body words after the title e5 reads (session 34: fewer, for its cost)


def _text(article) -> str:
    """The e5 text of ``article``: :func:`event_second_opinion._text` (title and first 40 words),
    or the title and first :data:`WORDS` words."""
    if WORDS == 40:
        return second._text(article)
    from khabar.relate.meaning import meaning_text
    from khabar.scale.cluster import report_only

    return meaning_text(report_only(article), lead_words=WORDS)


#: ``--merge`` (session 36, a what-if): per grouped article, the events it could have joined, as
#: (event, score minus the score it needed); one list per article with two or more.
COULD: list[list[tuple[str, float]]] = []


def _install_merge_record() -> None:
    """Wrap ``StoryIndex._band_scores`` (over ``event_e5_feature``'s wrapper) to record, per
    article, every candidate event whose score reaches the score it needs."""
    from khabar.relate.stories import index as index_module

    inner = index_module.StoryIndex._band_scores

    def band_scores(self, band, item, candidates, scores, below, threshold):
        out = inner(self, band, item, candidates, scores, below, threshold)
        over = [(sid, score - needed) for sid, score, needed in out if score >= needed]
        if len(over) >= 2:
            COULD.append(over)
        return out

    index_module.StoryIndex._band_scores = band_scores


def _merged(events: dict[str, str], delta: float, vectors: dict[str, np.ndarray] | None = None, floor: float = -1.0) -> dict[str, str]:
    """``events`` with the events one article could have joined (each by at least ``delta`` over
    the score it needed; the one joined among them) merged, transitively; with ``vectors`` (unit
    vectors by article id) only two events whose mean vectors' cosine reaches ``floor``."""
    parent: dict[str, str] = {}
    centre: dict[str, np.ndarray] = {}
    if vectors is not None:
        members: dict[str, list[np.ndarray]] = {}
        for k, v in events.items():
            if k in vectors:
                members.setdefault(v, []).append(vectors[k])
        for v, rows in members.items():
            m = np.mean(rows, axis=0)
            centre[v] = m / (np.linalg.norm(m) or 1.0)

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for over in COULD:
        keep = sorted(sid for sid, margin in over if margin >= delta)
        for sid in keep[1:]:
            if vectors is not None and (keep[0] not in centre or sid not in centre or float(centre[keep[0]] @ centre[sid]) < floor):
                continue
            a, b = find(keep[0]), find(sid)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {k: find(v) for k, v in events.items()}


def encoder_vectors(articles: list, cache: Path) -> dict[str, np.ndarray]:
    """Unit e5 vectors by article id of :func:`event_second_opinion._text` (title and first 40
    words of the report) as ``src`` would read them: through ``get_encoder("e5")`` (the text
    normalized first), read from ``cache`` and completed."""
    import time

    from khabar.relate.embeddings import get_encoder

    known: dict[str, np.ndarray] = {}
    if cache.exists():
        z = np.load(cache)
        known = dict(zip((str(k) for k in z["ids"]), z["vecs"], strict=True))
    todo = [a for a in articles if a.id not in known]
    encoder = get_encoder("e5")
    start = time.process_time()
    for i in range(0, len(todo), 64):
        part = todo[i : i + 64]
        known.update(zip((a.id for a in part), encoder.encode([_text(a) for a in part]), strict=True))
        np.savez(cache, ids=np.array(list(known)), vecs=np.vstack(list(known.values())))
        spent = time.process_time() - start
        print(f"e5: {i + len(part)} of {len(todo)} texts, {spent:.1f} s CPU, {spent / (i + len(part)) * 1000:.0f} ms a text", file=sys.stderr, flush=True)
    return known


def static_band_vectors(articles: list) -> dict[str, np.ndarray]:
    """The band's sentences (:func:`khabar.scale.cluster.band_texts`) read by the static
    vectors taught by USE instead of USE itself (session 35: the band's cost), as unit rows."""
    import time

    from khabar.relate.meaning import static_meanings
    from khabar.scale.cluster import band_texts

    start = time.process_time()
    out = {}
    for a in articles:
        texts = band_texts(a)
        if texts:
            out[a.id] = np.asarray(static_meanings(texts), dtype=np.float32)
    print(f"static band vectors: {len(out)} articles, {time.process_time() - start:.1f} s CPU", file=sys.stderr)
    return out


class GatedBand:
    """The band as ``StoryIndex`` asks it (``asks``, ``probability``, ``threshold``,
    ``past_linkage``): ``six``'s probability, replaced by ``seven``'s within ``margin`` of the
    threshold.  Both models see seven values; ``six`` has no weight on ``e5_mean``."""

    def __init__(self, six, seven, margin, use_vectors=None) -> None:
        # session 35 (``--static-first``): the six reads static sentence vectors, the seven USE's (``use_vectors``)
        self.use_vectors = use_vectors
        # a margin "B/A" (session 33): B below the threshold, A above it
        below, _, above = str(margin).partition("/")
        self.below, self.above = float(below), float(above or below)
        self.six, self.seven, self.margin = six, seven, margin
        self.low, self.high, self.threshold, self.past_linkage = six.low, six.high, six.threshold, six.past_linkage

    def asks(self, probability: float) -> bool:
        return self.six.asks(probability)

    def probability(self, values) -> float:
        p = self.six.probability(values)
        if not self.threshold - self.below < p < self.threshold + self.above:
            return p
        article = feature._CONTEXT["article"]
        READ.add(article)
        if self.use_vectors is not None:  # the closest calls read USE's sentences: the seven's features
            use = self.use_vectors
            members = [m for m in feature._CONTEXT["last_members"] if m in use]
            if article in use and members:
                USE_READ.add(article)
                USE_READ.update(members)
                cos = np.array([float((use[article] @ use[m].T).max(axis=1).mean()) for m in members])
                values = (values[0], float(cos.mean()), float(cos.min()), *values[3:])
        if ASKED_ONLY:
            known = [m for m in feature._CONTEXT["last_members"] if m in READ and m in feature.E5]
            mine = feature.E5.get(article)
            e5 = float(np.mean([mine @ feature.E5[m] for m in known])) if known and mine is not None else self.seven.mean[-1]
            values = (*values[:-1], e5)
        else:
            READ.update(feature._CONTEXT["last_members"])
        return self.seven.probability(values) - self.seven.threshold + self.threshold


def reach(n: int, margins: list[float]) -> None:
    """The shipped e5 reading against the band alone on ``corpus.ant_window(n)`` (every labelled
    article left out), through ``src`` as ``khabar eval stories`` groups: articles whose event
    co-members change, and the texts e5 reads with its CPU time."""
    import dataclasses
    import time

    from khabar.config import StoryOptions
    from khabar.relate.stories import SignedArticle, StoryIndex, assign_stories
    from khabar.scale.cluster import band_e5_lookup, band_sentences_lookup, sign_batch

    on = StoryOptions()
    off = dataclasses.replace(on, event_e5=False)
    articles = second._window_articles(n)
    by_id = {a.id: a for a in articles}.get
    signed = [x for x in sign_batch(articles, options=on) if isinstance(x, SignedArticle)]
    sentences = band_sentences_lookup(by_id, options=on)
    base = assign_stories(signed, options=off, index=StoryIndex(off, sentences=sentences))
    inner = band_e5_lookup(by_id, options=on)
    asked: list[str] = []
    spent = [0.0]

    def e5(ids):
        asked.extend(ids)
        t0 = time.process_time()
        out = inner(ids)
        spent[0] += time.process_time() - t0
        return out

    from khabar.relate.stories.band import E5Reading, load_e5_reading

    shipped = load_e5_reading()
    for margin in margins or [None]:  # None: the shipped reading, its margins as they are
        asked.clear()
        spent[0] = 0.0
        t0 = time.process_time()
        reading = shipped if margin is None else E5Reading(shipped.model, margin)
        index = StoryIndex(on, sentences=sentences, e5=e5, e5_reading=reading)
        after = assign_stories(signed, options=on, index=index)
        whole = time.process_time() - t0
        before, now = second.co_members(base), second.co_members(after)
        changed = sum(1 for k in before if before[k] != now[k])
        print(f"reach, margin {margin or (shipped.margin, shipped.above)}: {changed} of {len(signed)} signed articles change event co-members "
              f"({changed / len(signed):.1%}) against the band alone; events {len(set(base.values()))} -> "
              f"{len(set(after.values()))}; e5 read {len(asked)} texts ({len(asked) / len(signed):.1%} of the articles) "
              f"in {spent[0]:.1f} s CPU (the model's load included; the encoder keeps what an earlier margin read), "
              f"the grouping with e5 {whole:.1f} s CPU", flush=True)


def main() -> None:
    if sys.argv[1:2] == ["reach"]:
        return reach(int(sys.argv[2]), [float(m) for m in sys.argv[3:]])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits")
    parser.add_argument("--margins", default="0,0.05,0.1,0.15,0.2,1")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--seven-threshold", type=float, default=None, help="the seven-feature model's join threshold (default: --threshold)")
    parser.add_argument("--e5-cache", type=Path, required=True)
    parser.add_argument("--write", type=Path, default=None, help="fit the seven on every split and write the e5 reading (--margins: its one margin)")
    parser.add_argument("--encode-only", action="store_true", help="sign and fill the e5 cache, then stop")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--e5-words", type=int, default=40, help="session 34: the body words e5 reads after the title")
    parser.add_argument("--low", type=float, default=0.1, help="session 34: the band's lower edge (the scorer's probability it asks from)")
    parser.add_argument("--high", type=float, default=0.9, help="session 35: the band's upper edge (the scorer's probability it asks below)")
    parser.add_argument("--band-encoder", default="use", choices=("use", "static"),
                        help="session 35 (cost): the band's sentence vectors from USE (shipped) or the static vectors taught by USE")
    parser.add_argument("--e5-asked-only", action="store_true",
                        help="session 35 (cost): e5 reads the asked article only; reports count if read before")
    parser.add_argument("--static-first", action="store_true",
                        help="session 35 (cost): the six over static sentence vectors, the seven (closest calls) over USE's")
    parser.add_argument("--sentences", type=int, default=None, help="session 35 (cost): the band compares an article's first K sentences only")
    parser.add_argument("--merge", default="",
                        help="session 36 (what-if): after the grouping, events an article could have joined (score at or over "
                             "the threshold plus each of these deltas) merged; printed beside each margin")
    parser.add_argument("--merge-floors", default="", help="session 36 (what-if): with --merge, the e5 cosine of the two events' mean vectors needed")
    parser.add_argument("--e5-members", type=int, default=None,
                        help="session 33 (cost): the grouping's e5 mean reads an event's first K reports only")
    args = parser.parse_args()
    feature.MEMBERS = args.e5_members
    global ASKED_ONLY
    ASKED_ONLY = args.e5_asked_only
    global WORDS
    WORDS = args.e5_words
    splits, data = band_script.spent_split_data(args.splits)
    from khabar.config import StoryOptions, build_options

    options = build_options(StoryOptions, event_band=False)
    articles = [a for s in splits for a in data[s][3]]
    if args.encode_only:
        encoder_vectors(articles, args.e5_cache)
        return
    feature.E5.update(encoder_vectors(articles, args.e5_cache))
    feature._install()
    shipped_values = feature.band_module.band_values

    def band_values(**kw):  # remember the candidate's reports for READ
        members = feature._CONTEXT["members"].get(id(kw["event_openings"]), ())
        feature._CONTEXT["last_members"] = list(members)[: feature.MEMBERS] if feature.MEMBERS else members
        return shipped_values(**kw)

    feature.band_module.band_values = band_values
    fit_args = argparse.Namespace(low=args.low, high=args.high, threshold=args.threshold, past_linkage=True, l2=args.l2, drop=("e5_mean",))
    if args.band_encoder == "static":
        vectors = static_band_vectors(articles)
    else:
        vectors = band_script.band_vectors(articles, Path(f"/tmp/events-s27-band-{len(articles)}.pkl"))
    if args.sentences:
        vectors = {k: v[: args.sentences] for k, v in vectors.items()}
    rows = []
    for s in splits:
        rows += band_script._oracle_rows(s, data[s][0], data[s][1], options, vectors, fit_args)
    print(f"band rows {len(rows)} over {len(splits)} splits")
    use_vectors, use_rows = None, rows
    if args.static_first:  # the six fitted on static rows, the seven on USE's
        use_vectors = band_script.band_vectors(articles, Path(f"/tmp/events-s27-band-{len(articles)}.pkl"))
        use_rows = []
        for s in splits:
            use_rows += band_script._oracle_rows(s, data[s][0], data[s][1], options, use_vectors, fit_args)
        print(f"USE band rows {len(use_rows)} for the seven")
    if args.write:  # the shipped reading: the seven fitted on every split's rows, and the margin
        from khabar.relate.stories.band import E5Reading

        fit_args.drop, fit_args.threshold = (), args.seven_threshold or args.threshold
        seven = band_script.fit_band(rows, fit_args)
        below, _, above = args.margins.partition("/")  # "B/A": B under the threshold, A over it (session 33)
        reading = E5Reading(seven, float(below), float(above) if above else None)
        y = np.array([r[2] for r in rows])
        args.write.write_text(reading.to_json(
            trained_on="oracle-stream comparisons in the band of the spent event splits " + "+".join(splits),
            rows=len(rows), positives=int(y.sum()),
            command=f"python scripts/event_e5_gate.py {args.splits} --e5-cache E5.npz --write {args.write.name} --margins {args.margins}"
            + (f" --seven-threshold {args.seven_threshold}" if args.seven_threshold else ""),
        ), encoding="utf-8")
        print("weights (standardized): " + ", ".join(f"{n} {w:+.2f}" for n, w in zip(seven.features, seven.weights, strict=True)))
        print(f"wrote {args.write}")
        return
    margins = [m if "/" in m else float(m) for m in args.margins.split(",")]
    deltas: list = [float(x) for x in args.merge.split(",") if x]
    if args.merge_floors:  # (delta, e5 floor) pairs
        deltas = [(x, float(f)) for x in deltas for f in args.merge_floors.split(",")]
    if deltas:
        _install_merge_record()
    keys = [*margins, *((m, x) for m in margins for x in deltas)]
    got = {m: [] for m in keys}
    read = {m: 0 for m in keys}
    band_read = {m: [0, 0] for m in keys}  # session 35: the articles whose band sentences USE reads, and the sentences
    late = {m: [] for m in keys}
    signed_n = 0
    for s in splits:
        train = [r for r in rows if r[0] != s]
        fit_args.drop, fit_args.threshold = ("e5_mean",), args.threshold
        six = band_script.fit_band(train, fit_args)
        fit_args.drop, fit_args.threshold = (), args.seven_threshold or args.threshold
        seven = band_script.fit_band([r for r in use_rows if r[0] != s], fit_args)
        signed_n += len(data[s][0])
        for m in margins:
            READ.clear()
            USE_READ.clear()
            band_script.NEEDED.clear()
            COULD.clear()
            events = band_script.src_grouping(data[s][0], options, GatedBand(six, seven, m, use_vectors), vectors)
            d = [(g, a in events and events.get(a) == events.get(b), kind) for a, b, g, kind in data[s][2]]
            got[m] += d
            for x in deltas:
                merged = _merged(events, x[0], feature.E5, x[1]) if isinstance(x, tuple) else _merged(events, x)
                dm = [(g, a in merged and merged.get(a) == merged.get(b), kind) for a, b, g, kind in data[s][2]]
                got[(m, x)] += dm
                if s.startswith("fresh") and s[5:].isdigit() and int(s[5:]) >= 19:
                    late[(m, x)] += dm
            read[m] += len(READ)
            used = USE_READ if args.static_first else band_script.NEEDED
            band_read[m][0] += len(used)
            band_read[m][1] += sum(len(vectors[k]) for k in used if k in vectors)
            if s.startswith("fresh") and s[5:].isdigit() and int(s[5:]) >= 19:
                late[m] += d
    first = got[margins[0]]
    for m in keys:
        # pairs turned against the first margin (the same pairs in the same order)
        won = sum(1 for a, b in zip(first, got[m], strict=True) if a[0] and b[1] and not a[1])
        lost = sum(1 for a, b in zip(first, got[m], strict=True) if a[0] and a[1] and not b[1])
        split_joins = sum(1 for a, b in zip(first, got[m], strict=True) if not a[0] and a[1] and not b[1])
        new_joins = sum(1 for a, b in zip(first, got[m], strict=True) if not a[0] and b[1] and not a[1])
        print(f"margin {m} against margin {margins[0]}: same-event pairs +{won} -{lost}, false joins +{new_joins} -{split_joins}")
        rw = [d for d in got[m] if d[2] == "rewrite"]
        print(f"margin {m}: {band_script._scores(got[m])}; rewrites {band_script._scores(rw)}; fresh19.. {band_script._scores(late[m])}; "
              f"e5 reads {read[m]} texts for {signed_n} articles ({read[m] / signed_n:.1%}); "
              f"the band's USE reads {band_read[m][0]} articles, {band_read[m][1]} sentences")


if __name__ == "__main__":
    main()
