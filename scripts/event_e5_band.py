"""e5 as one feature of the event scorer, asked only where the scorer is unsure (issue 14, session 24).

What-if, nothing of it in ``src``.  Sessions 22 and 23 asked multilingual-e5-small as a
*second opinion* that overrode the scorer when it left an article alone; it joined a party's
statement about a happening, or the next step told the same day, as readily as a rewrite.
Here e5 is one feature of a small logistic model that re-scores only the candidates in the
scorer's middle band (shipped probability in ``[--low, --high)``), beside the shipped score's
logit (meaning, terms, days, kinds, names, figures, quotes), whether the two are on the same
event day, whether the article opens otherwise than the event's reports (a reaction beside
reports of the happening, by ``opens_as_reaction``), and, with ``--past-linkage``, whether
the candidate fails the USE linkage floor.  So the model weighs e5 against the day gap and
the openings instead of e5 overriding them.  Candidates above the band keep the shipped score.

The band model is fitted on the oracle-stream comparisons (``build_event_scorer.OracleIndex``:
each split streamed with the gold's decisions) of the spent splits only, and evaluated by
leave-one-split-out: each split's stream grouped for real with a band model fitted on the
other splits' rows, the pairs pooled (``pool``).  ``fit`` writes the model fitted on every
spent split (``scripts/data/event-e5-band.json``); ``reach`` groups ``corpus.ant_window(N)``
without and with it; ``judge SPLIT`` runs ``khabar eval stories --gold tests/gold/events
--split SPLIT`` with the written model installed: the one mode that takes an unspent split.

    python scripts/event_e5_band.py pool dev,fresh,...,fresh23 --low 0.1 --high 0.9 --thresholds 0.5
    python scripts/event_e5_band.py fit dev,fresh,...,fresh23 --low 0.1 --high 0.9 --threshold 0.5
    python scripts/event_e5_band.py reach --n 1000
    python scripts/event_e5_band.py judge fresh24    # judged once in session 24 (confirmed); fresh24 is spent

e5 vectors: ``event_second_opinion.e5_vectors`` (title and first 40 words, one thread), cached
in ``--cache``.

Session 26 (docs/stories.md, "the band model made cheap"): ``--vectors`` puts USE in e5's place
(``use-sents``: the USE vectors of the article's first nine sentences of three words or more, the
title among them when it reads as a headline; an article's cosine to a report the mean over its
sentences of each one's best match; ``use-doc``: their mean vector; ``use-first``: the second one's,
the first body sentence after a title), cached in ``/tmp/events-s26-use-sents-N.pkl``; ``refit``
cross-validates the shipped scorer's features refitted on the other spent splits (leave one split
out, ``--thresholds``) against the shipped scorer, and with ``--scorer-out`` writes the model fitted on
every split given; ``reach --scorer FILE`` counts the ANT articles such a scorer moves.

    python scripts/event_e5_band.py pool dev,...,fresh25 --thresholds 0.5 --vectors use-sents --past-linkage
    python scripts/event_e5_band.py refit dev,...,fresh25 --thresholds 0.35,0.4,0.45,0.5

Session 27: the ``use-sents`` band is built in ``src`` (:mod:`khabar.relate.stories.band`,
``StoryOptions.event_band``); ``--vectors band`` (the default now) fits and measures that module
itself: its features (:func:`band_values`), its sentences (:func:`khabar.scale.cluster.band_texts`,
each cut as the check's encoder reads it, so an encoded store's vectors are reused) and its
grouping (``StoryIndex(..., band=model)``, no patching), cached in ``/tmp/events-s27-band-N.pkl``;
``fit`` writes ``src/khabar/relate/data/event-band.json``; ``reach`` groups through ``src``.  The
judge is ``khabar eval stories --event-band``.

    python scripts/event_e5_band.py pool dev,...,fresh25 --thresholds 0.5 --past-linkage
    python scripts/event_e5_band.py fit dev,...,fresh25 --threshold 0.5 --past-linkage
    python scripts/event_e5_band.py reach --n 1000
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import build_event_scorer as build  # noqa: E402  (the oracle stream, the logistic fit)
import event_pair_losses as losses  # noqa: E402  (the spent splits, the gold paths)
import event_second_opinion as second  # noqa: E402  (e5 vectors and their cache, the pool's articles)

from khabar.relate.stories import index as index_module  # noqa: E402
from khabar.relate.stories.features import OPENING_ANCHOR  # noqa: E402

from khabar.relate.stories.band import BAND_FEATURES, BAND_MODEL, BandModel, band_values  # noqa: E402

MODEL = BAND_MODEL
CACHE = Path("/tmp/events-e5-pool24.npz")
ASKED: list[str] = []  # articles with a candidate in the band (each needs e5)
TURNED: list[str] = []  # articles whose event the band model changed
NEEDED: set[str] = set()  # texts e5 had to read: the asked articles and their band candidates' reports


def _opening(item) -> str | None:
    return next((a for a in item.anchors or () if a.startswith(OPENING_ANCHOR)), None)


def _candidates(index, item, vector, meaning, jaccard, past_linkage: bool):
    """(candidate, fails linkage) of an article: the shipped candidates, and with
    ``past_linkage`` those the USE linkage floor keeps out too (as ``src`` gathers them)."""
    below = [] if past_linkage else None
    kept = index._event_candidates(item, vector, meaning, jaccard, below_linkage=below)
    return [(c, False) for c in kept] + [(c, True) for c in below or []]


def band_row(index, item, c, fails: bool, p: float, vectors: dict[str, np.ndarray]) -> np.ndarray | None:
    """The band model's features of one candidate (None when e5 is missing)."""
    mine = vectors.get(item.article_id)
    members = [vectors[m] for m in index._active[c.story_id].members if m in vectors]
    if mine is None or not members:
        return None
    cos = _cosines(mine, members)
    NEEDED.add(item.article_id)
    NEEDED.update(index._active[c.story_id].members)
    return np.array(band_values(
        probability=p, cosines=cos, same_day=c.gap == 0, opening=_opening(item),
        event_openings=index._active[c.story_id].openings, linkage_fails=fails,
    ))


def _scored(index, item, vector, meaning, jaccard, low: float, past_linkage: bool):
    """(candidate, fails linkage, shipped probability) of the candidates the band may ask."""
    pairs = _candidates(index, item, vector, meaning, jaccard, past_linkage)
    if not pairs:
        return []
    probs = index_module.StoryIndex._score_events(index, [c for c, _ in pairs])
    return [(c, f, float(p)) for (c, f), p in zip(pairs, probs, strict=True) if not f or p >= low]


class BandOracle(build.OracleIndex):
    """The oracle stream, noting the band rows: (split, features, same event)."""

    def __init__(self, options, gold, *, vectors, low, high, past_linkage, split) -> None:
        super().__init__(options, gold)
        self.vectors, self.low, self.high, self.past_linkage, self.split = vectors, low, high, past_linkage, split
        self.band: list[tuple[str, np.ndarray, bool]] = []

    def _best_event(self, item, vector, meaning, jaccard):
        own = self.gold[item.article_id]
        for c, fails, p in _scored(self, item, vector, meaning, jaccard, self.low, self.past_linkage):
            if self.low <= p < self.high:
                row = band_row(self, item, c, fails, p, self.vectors)
                if row is not None:
                    self.band.append((self.split, row, self.event_of_story[c.story_id] == own))
        sid = self.story_of_event.get(own)
        return sid if sid is not None and self.story(sid) is not None else None


def install(model: BandModel, vectors: dict[str, np.ndarray]) -> None:
    """Patch ``StoryIndex._best_event`` with the band model (this process only)."""
    original = index_module.StoryIndex._best_event

    def best_event(self, item, vector, meaning, jaccard):
        if isinstance(self, build.OracleIndex) or item.article_id not in vectors:
            return original(self, item, vector, meaning, jaccard)
        scored = _scored(self, item, vector, meaning, jaccard, model.low, model.past_linkage)
        if not scored:
            return None
        threshold = self.options.join_threshold
        final, asked = [], False
        for c, fails, p in scored:
            if model.low <= p < model.high:
                row = band_row(self, item, c, fails, p, vectors)
                if row is not None:
                    asked = True
                    final.append((-max(model.probability(row), 0.0), c.story_id, model.threshold))
                    continue
            if not fails:
                final.append((-p, c.story_id, threshold))
        if asked:
            ASKED.append(item.article_id)
        joined = [(s, sid) for s, sid, t in final if -s >= t]
        if joined:
            got = min(joined)[1]
        elif index_module.QUOTED_STATEMENTS_JOIN:  # the shipped quoted-statement join, as in _best_event
            quoted = [
                (-c.shared_quotes, -p, c.story_id)
                for c, fails, p in scored
                if not fails and c.gap == 0 and c.shared_quotes >= index_module.QUOTED_STATEMENT_RUNS + (0 if c.kinds_unknown else 1)
            ]
            got = min(quoted)[2] if quoted else None
        else:
            got = None
        if got != original(self, item, vector, meaning, jaccard):
            TURNED.append(item.article_id)
        return got

    index_module.StoryIndex._best_event = best_event


USE_SOURCES = ("use-doc", "use-first", "use-sents", "band")
SENTENCES = 8  # body sentences after the title read by the USE sources


def use_vectors(articles: list, source: str, cache: Path) -> dict[str, np.ndarray]:
    """USE vectors by article id in place of e5's (session 26: the band model made cheap):
    ``use-doc`` the normalized mean of the vectors of the first :data:`SENTENCES` + 1 sentences of
    three words or more (the title one of them when it reads as a headline); ``use-first`` the
    second one's; ``use-sents`` a matrix of the sentences
    (the band then reads the best and mean best-match cosines).  Cached in ``cache``."""
    import pickle
    import time

    from khabar.relate.meaning import sentence_meanings
    from khabar.scale.cluster import report_only
    from khabar.text.ar.segment import iter_sentences

    known: dict[str, np.ndarray] = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    todo = [a for a in articles if a.id not in known]
    start = time.process_time()
    n_sent = 0
    for a in todo:
        sents = [s.text for s in iter_sentences(report_only(a))]
        sents = [t for t in sents if len(t.split()) >= 3][: SENTENCES + 1] or [a.title or a.body[:200]]
        rows = sentence_meanings(sents, encoder="use")
        n_sent += len(sents)
        known[a.id] = rows
    if todo:
        spent = time.process_time() - start
        print(f"USE: {len(todo)} texts, {n_sent} sentences, {spent:.1f} s CPU", file=sys.stderr)
        cache.write_bytes(pickle.dumps(known))
    out = {}
    for aid, rows in known.items():
        if source == "use-doc":
            v = rows.mean(axis=0)
        elif source == "use-first":
            v = rows[1] if len(rows) > 1 else rows[0]
        else:
            out[aid] = rows
            continue
        out[aid] = v / max(float(np.linalg.norm(v)), 1e-9)
    return out


def _cosines(mine: np.ndarray, members: list[np.ndarray]) -> np.ndarray:
    """Cosine of the article with each member: vectors, or sentence matrices (the mean over
    the article's sentences of each one's best match among the member's)."""
    if mine.ndim == 1:
        return np.array([float(mine @ v) for v in members])
    return np.array([float((mine @ m.T).max(axis=1).mean()) for m in members])


def band_vectors(articles: list, cache: Path) -> dict[str, np.ndarray]:
    """The sentence matrices ``src``'s band reads (:func:`khabar.scale.cluster.band_sentences_lookup`
    over a dict of the articles), cached in ``cache``."""
    import dataclasses
    import pickle
    import time

    from khabar.config import StoryOptions
    from khabar.scale.cluster import band_sentences_lookup

    known: dict[str, np.ndarray] = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    todo = {a.id: a for a in articles if a.id not in known}
    if todo:
        start = time.process_time()
        lookup = band_sentences_lookup(todo.get, options=dataclasses.replace(StoryOptions(), event_band=True))
        ids = sorted(todo)
        for i in range(0, len(ids), 64):
            known.update(lookup(ids[i : i + 64]))
        print(f"USE: {len(todo)} texts, {time.process_time() - start:.1f} s CPU", file=sys.stderr)
        cache.write_bytes(pickle.dumps(known))
    return {a.id: known[a.id] for a in articles if a.id in known}


def vectors_of(articles: list, args) -> dict[str, np.ndarray]:
    if args.vectors == "e5":
        return second.e5_vectors(articles, args.cache)
    if args.vectors == "band":
        return band_vectors(articles, Path(f"/tmp/events-s27-band-{len(articles)}.pkl"))
    return use_vectors(articles, args.vectors, Path(f"/tmp/events-s26-use-sents-{len(articles)}.pkl"))


def _split_data(split: str, options):
    """(signed articles, gold event by id, pairs by id, articles) of a split, signed once
    (cached in /tmp: the what-ifs re-group the same signing)."""
    import pickle

    cached = Path(f"/tmp/events-s26-signed-{split}.pkl")
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    out = _sign_split(split, options)
    cached.write_bytes(pickle.dumps(out))
    return out


def spent_split_data(names: str) -> tuple[list[str], dict]:
    """(the splits named in ``names``, comma-separated; their :func:`_split_data` by name, signed
    without the band), leaving the process if one is not spent: judged on, never read here."""
    from khabar.config import StoryOptions, build_options

    splits = [s for s in names.split(",") if s]
    refused = [s for s in splits if s not in losses.SPENT]
    if refused:
        sys.exit(f"{', '.join(refused)}: not a spent split of the event gold; judged on, never read here")
    options = build_options(StoryOptions, event_band=False)
    return splits, {s: _split_data(s, options) for s in splits}


def _sign_split(split: str, options):
    from khabar.evaluate.stories import read_event_gold
    from khabar.ingest import read_path
    from khabar.relate.stories import SignedArticle
    from khabar.scale.cluster import sign_batch

    pairs, rows = read_event_gold(losses.GOLD, split=split)
    label = build.labels(pairs, rows)
    article_of = {rel: next(a for a in read_path(losses.CORPUS / rel) if hasattr(a, "body")) for rel in sorted(label)}
    signed = [s for s in sign_batch(list(article_of.values()), options=options) if isinstance(s, SignedArticle)]
    gold = {a.id: label[rel][0] for rel, a in article_of.items()}
    pair_ids = [(article_of[p["a"]].id, article_of[p["b"]].id, bool(p["same_event"]), p["kind"]) for p in pairs]
    return signed, gold, pair_ids, list(article_of.values())


def _oracle_rows(split, signed, gold, options, vectors, args):
    from khabar.relate.stories.features import order_key

    oracle = BandOracle(options, gold, vectors=vectors, low=args.low, high=args.high, past_linkage=args.past_linkage, split=split)
    for s in sorted(signed, key=order_key):
        oracle.retire_for(s.published)
        oracle.add(s)
    return oracle.band


def fit_band(rows, args) -> BandModel:
    x = np.vstack([r[1] for r in rows])
    y = np.array([r[2] for r in rows], dtype=np.float64)
    keep = [i for i, name in enumerate(BAND_FEATURES) if name not in args.drop]
    mean, scale, weights = np.zeros(len(BAND_FEATURES)), np.ones(len(BAND_FEATURES)), np.zeros(len(BAND_FEATURES))
    mean[keep], scale[keep], weights[keep], bias = build.fit(x[:, keep], y, l2=args.l2)
    return BandModel(
        tuple(map(float, mean)), tuple(map(float, scale)), tuple(map(float, weights)), float(bias),
        args.low, args.high, args.threshold, args.past_linkage, tuple(BAND_FEATURES),
    )


def src_grouping(signed, options, band: BandModel, vectors: dict[str, np.ndarray]) -> dict[str, str]:
    """``src``'s grouping with ``band`` (``StoryOptions.event_band``), the sentence vectors
    read from ``vectors``: what ``khabar eval stories --event-band`` does with its own."""
    import dataclasses

    from khabar.relate.stories import StoryIndex, assign_stories

    banded = dataclasses.replace(options, event_band=True)

    def lookup(ids):
        NEEDED.update(ids)
        return {i: vectors[i] for i in ids if i in vectors}

    return assign_stories(signed, options=banded, index=StoryIndex(banded, sentences=lookup, band=band))


def _group_pairs(signed, pair_ids, options, scorer=None, band=None, vectors=None):
    from khabar.relate.stories import StoryIndex, assign_stories

    if band is not None:
        events = src_grouping(signed, options, band, vectors)
        return [(g, a in events and events.get(a) == events.get(b), kind) for a, b, g, kind in pair_ids]
    index = StoryIndex(options, scorer=scorer) if scorer is not None else None
    events = assign_stories(signed, options=options, index=index)
    return [(g, a in events and events.get(a) == events.get(b), kind) for a, b, g, kind in pair_ids]


def _scores(decisions) -> str:
    tp = sum(1 for g, p, _ in decisions if g and p)
    fp = sum(1 for g, p, _ in decisions if p and not g)
    pos = sum(1 for g, _, _ in decisions if g)
    return f"P {tp / max(1, tp + fp):.3f} R {tp / max(1, pos):.3f} ({tp} of {pos}, {fp} false joins)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("pool", "fit", "reach", "refit"))
    parser.add_argument("splits", nargs="?", default="")
    parser.add_argument("--low", type=float, default=0.1, help="the band: shipped probability from ...")
    parser.add_argument("--high", type=float, default=0.9, help="... up to (not including)")
    parser.add_argument("--threshold", type=float, default=0.5, help="the band model's probability that joins")
    parser.add_argument("--past-linkage", action="store_true", help="ask the band model of candidates the linkage floor keeps out")
    parser.add_argument("--drop", default="", help="band features left out (comma-separated)")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--thresholds", default="", help="pool: band thresholds to try (one fit per held-out split)")
    parser.add_argument("--n", type=int, default=1000, help="reach: the ANT window's files")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--scorer-out", type=Path, default=None, help="refit: write the scorer fitted on every split")
    parser.add_argument("--scorer", type=Path, default=None, help="reach: a scorer file in place of the band model")
    parser.add_argument("--vectors", default="band", choices=("e5", *USE_SOURCES), help="the band's second meaning")
    parser.add_argument("--model", type=Path, default=MODEL)
    args = parser.parse_args()
    args.drop = tuple(d for d in args.drop.split(",") if d)
    from khabar.config import StoryOptions, build_options

    options = build_options(StoryOptions, event_band=False)  # main before the band: the scorer alone
    splits = [s for s in args.splits.split(",") if s]
    refused = [s for s in splits if s not in losses.SPENT]
    if refused:
        sys.exit(f"{', '.join(refused)}: not a spent split of the event gold; judged on, never read here")
    if args.mode == "reach":
        return _reach(args, options)
    data = {s: _split_data(s, options) for s in splits}
    if args.mode == "refit":
        return _refit(splits, data, options, args)
    vectors = vectors_of([a for s in splits for a in data[s][3]], args)
    rows = []
    for s in splits:
        rows += _oracle_rows(s, data[s][0], data[s][1], options, vectors, args)
    y = np.array([r[2] for r in rows])
    print(f"band rows {len(rows)} ({int(y.sum())} the article's own event) over {len(splits)} splits")
    if args.mode == "fit":
        model = fit_band(rows, args)
        args.model.write_text(
            model.to_json(
                trained_on="oracle-stream comparisons in the band of the spent event splits " + "+".join(splits),
                rows=len(rows), positives=int(y.sum()),
                command="python scripts/event_e5_band.py fit " + ",".join(splits)
                + f" --low {args.low} --high {args.high} --threshold {args.threshold}"
                + (" --past-linkage" if args.past_linkage else "") + (f" --drop {','.join(args.drop)}" if args.drop else ""),
            ),
            encoding="utf-8",
        )
        print("weights (standardized): " + ", ".join(f"{n} {w:+.2f}" for n, w in zip(BAND_FEATURES, model.weights, strict=True)))
        print(f"wrote {args.model}")
        return
    base = []
    for s in splits:
        base += _group_pairs(data[s][0], data[s][2], options)
    print(f"main: {_scores(base)}")
    thresholds = [float(t) for t in args.thresholds.split(",") if t] or [args.threshold]
    original = index_module.StoryIndex._best_event
    results = {t: [] for t in thresholds}
    per_split = {t: {} for t in thresholds}
    turned = {t: 0 for t in thresholds}
    for s in splits:
        train = [r for r in rows if r[0] != s]
        for t in thresholds:
            args.threshold = t
            if args.vectors == "band":
                got = _group_pairs(data[s][0], data[s][2], options, band=fit_band(train, args), vectors=vectors)
                results[t] += got
                per_split[t][s] = got
                continue
            install(fit_band(train, args), vectors)
            TURNED.clear()
            got = _group_pairs(data[s][0], data[s][2], options)
            index_module.StoryIndex._best_event = original
            results[t] += got
            per_split[t][s] = got
            turned[t] += len(TURNED)
    late = [s for s in splits if s.startswith("fresh") and s[5:].isdigit() and int(s[5:]) >= 19]
    late_base = [d for s in late for d in _group_pairs(data[s][0], data[s][2], options)]
    for t in thresholds:
        rw = [(g, p, k) for g, p, k in results[t] if k == "rewrite"]
        print(f"band threshold {t}: leave-one-split-out {_scores(results[t])}; rewrites {_scores(rw)}; {turned[t]} articles changed event")
        print(f"   fresh19..: main {_scores(late_base)} -> {_scores([d for s in late for d in per_split[t][s]])}")
        print("   by split (main -> band): " + "; ".join(
            f"{s} {_scores(_group_pairs(data[s][0], data[s][2], options)).split(' (')[0]} -> {_scores(per_split[t][s]).split(' (')[0]}"
            for s in late
        ))


def _refit(splits, data, options, args) -> None:
    """Leave-one-split-out of the shipped scorer's features refitted on the other spent splits'
    oracle rows (session 26), at each of ``--thresholds``, against the shipped scorer."""
    import dataclasses

    from khabar.relate.stories.features import order_key

    rows = {}
    for s in splits:
        signed, gold = data[s][0], data[s][1]
        oracle = build.OracleIndex(options, gold)
        for item in sorted(signed, key=order_key):
            oracle.retire_for(item.published)
            oracle.add(item)
        rows[s] = (np.vstack([r[1] for r in oracle.rows]), np.array([r[2] for r in oracle.rows], dtype=np.float64))
    print(f"oracle rows {sum(len(v[1]) for v in rows.values())} over {len(splits)} splits")
    drop = tuple(d for d in args.drop if d) or ("figures_differ",)
    thresholds = [float(t) for t in args.thresholds.split(",") if t] or [0.45]
    base, got = [], {t: [] for t in thresholds}
    for s in splits:
        base += _group_pairs(data[s][0], data[s][2], options)
        x = np.vstack([rows[o][0] for o in splits if o != s])
        y = np.concatenate([rows[o][1] for o in splits if o != s])
        scorer = build.scorer_of(x, y, l2=args.l2, drop=drop)
        for t in thresholds:
            got[t] += _group_pairs(data[s][0], data[s][2], dataclasses.replace(options, event_threshold=t), scorer)
    if args.scorer_out:
        final = build.scorer_of(np.vstack([v[0] for v in rows.values()]), np.concatenate([v[1] for v in rows.values()]),
                                l2=args.l2, drop=drop, threshold=thresholds[0])
        args.scorer_out.write_text(final.to_json(trained_on="+".join(splits), threshold=thresholds[0]), encoding="utf-8")
        print(f"wrote {args.scorer_out} (all {len(splits)} splits, threshold {thresholds[0]})")
        return
    rw = lambda d: [(g, p, k) for g, p, k in d if k == "rewrite"]  # noqa: E731
    print(f"main: {_scores(base)}; rewrites {_scores(rw(base))}")
    for t in thresholds:
        print(f"refit, {t}: {_scores(got[t])}; rewrites {_scores(rw(got[t]))}")


def _reach(args, options) -> None:
    from khabar.relate.stories import SignedArticle, assign_stories
    from khabar.scale.cluster import sign_batch

    articles = second._window_articles(args.n)
    signed = [s for s in sign_batch(articles, options=options) if isinstance(s, SignedArticle)]
    base = assign_stories(signed, options=options)
    if args.scorer is not None:
        import time

        from khabar.relate.stories import StoryIndex
        from khabar.relate.stories.scorer import EventScorer

        scorer = EventScorer.from_json(args.scorer.read_text(encoding="utf-8"))
        t0 = time.process_time()
        asked = assign_stories(signed, options=options, index=StoryIndex(options, scorer=scorer))
        before, after = second.co_members(base), second.co_members(asked)
        changed = sum(1 for aid in before if before[aid] != after[aid])
        print(f"reach of {args.scorer}: {changed} of {len(signed)} signed articles change event co-members "
              f"({changed / len(signed):.1%}); events {len(set(base.values()))} -> {len(set(asked.values()))}; "
              f"grouping {time.process_time() - t0:.1f} s CPU")
        return
    model = BandModel.from_json(args.model.read_text(encoding="utf-8"))
    import time

    t0 = time.process_time()
    vectors = vectors_of(articles, args) if args.vectors != "e5" else second.e5_vectors(articles, args.cache)
    print(f"{args.vectors} vectors of {len(articles)} articles: {time.process_time() - t0:.1f} s CPU")
    if args.vectors == "band":
        asked = src_grouping(signed, options, model, vectors)
    else:
        install(model, vectors)
        asked = assign_stories(signed, options=options)

    before, after = second.co_members(base), second.co_members(asked)
    changed = sum(1 for aid in before if before[aid] != after[aid])
    print(
        f"reach: {changed} of {len(signed)} signed articles change event co-members ({changed / len(signed):.1%}); "
        f"events {len(set(base.values()))} -> {len(set(asked.values()))}; band asked for {len(set(ASKED))} articles, "
        f"{len(TURNED)} changed event; e5 read {len(NEEDED & {s.article_id for s in signed})} of {len(signed)} texts"
    )


if __name__ == "__main__":
    main()
