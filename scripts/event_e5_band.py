"""e5 as one feature of the event scorer, asked only where the scorer is unsure (issue 14, sessions 24-25).

The band model itself is in ``src``: :mod:`khabar.relate.stories.band` (model
``khabar/relate/data/event-e5-band.json``), on with :attr:`StoryOptions.event_e5` (``khabar
stories --restart --event-e5``, ``khabar eval stories --event-e5``).  This script fits it and
measures it.  Sessions 22 and 23 asked multilingual-e5-small as a *second opinion* that
overrode the scorer when it left an article alone; it joined a party's statement about a
happening, or the next step told the same day, as readily as a rewrite.  Here e5 is one
feature of a small logistic model that re-scores only the candidates in the scorer's middle
band (shipped probability in ``[--low, --high)``), beside the shipped score's logit, whether
the two are on the same event day and whether the article opens otherwise than the event's
reports (:func:`~khabar.relate.stories.band.band_values`).

The band model is fitted on the oracle-stream comparisons (``build_event_scorer.OracleIndex``:
each split streamed with the gold's decisions) of the spent splits only, and evaluated by
leave-one-split-out: each split's stream grouped for real with a band model fitted on the
other splits' rows, the pairs pooled (``pool``).  ``fit`` writes the model fitted on every
given spent split into the package; ``reach`` groups ``corpus.ant_window(N)`` without and
with it.  The judge of an unspent split is ``khabar eval stories --gold tests/gold/events
--split SPLIT --event-e5`` against the same command without ``--event-e5``.

    python scripts/event_e5_band.py pool dev,fresh,...,fresh23 --low 0.1 --high 0.9 --thresholds 0.5
    python scripts/event_e5_band.py fit dev,fresh,...,fresh23 --low 0.1 --high 0.9 --threshold 0.5
    python scripts/event_e5_band.py reach --n 1000

e5 vectors: :func:`khabar.relate.meaning.e5_meanings` (title and first 40 words as written),
cached in ``--cache`` (the stream asks them through the index's lookup, as ``src`` does).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import build_event_scorer as build  # noqa: E402  (the oracle stream, the logistic fit)
import event_pair_losses as losses  # noqa: E402  (the spent splits, the gold paths)
import event_second_opinion as second  # noqa: E402  (the pool's and the window's articles, co-members)

from khabar.relate.stories import StoryIndex, assign_stories  # noqa: E402
from khabar.relate.stories.band import BAND_FEATURES, BAND_MODEL, BandModel, band_values, load_band_model  # noqa: E402
from khabar.relate.stories.features import OPENING_ANCHOR  # noqa: E402

CACHE = Path("/tmp/events-e5-pool25.npz")


def e5_vectors(articles: list, cache: Path) -> dict[str, np.ndarray]:
    """Unit e5 vectors by article id (as ``src`` encodes them), read from ``cache`` and completed."""
    from khabar.relate.meaning import e5_meanings
    from khabar.scale.cluster import report_only

    known: dict[str, np.ndarray] = {}
    if cache.exists():
        z = np.load(cache)
        known = dict(zip((str(k) for k in z["ids"]), z["vecs"], strict=True))
    todo = [a for a in articles if a.id not in known]
    for i in range(0, len(todo), 32):
        part = todo[i : i + 32]
        known.update(zip((a.id for a in part), e5_meanings([report_only(a) for a in part]), strict=True))
    if todo:
        np.savez(cache, ids=np.array(list(known)), vecs=np.vstack(list(known.values())))
    return known


class BandOracle(build.OracleIndex):
    """The oracle stream, noting the band rows: (split, features, same event)."""

    def __init__(self, options, gold, *, vectors, low, high, split) -> None:
        super().__init__(options, gold)
        self.vectors, self.low, self.high, self.split = vectors, low, high, split
        self.band: list[tuple[str, np.ndarray, bool]] = []

    def _best_event(self, item, vector, meaning, jaccard):
        own = self.gold[item.article_id]
        candidates = self._event_candidates(item, vector, meaning, jaccard)
        mine = self.vectors.get(item.article_id)
        opening = next((a for a in item.anchors or () if a.startswith(OPENING_ANCHOR)), None)
        if candidates and mine is not None:
            for c, p in zip(candidates, self._score_events(candidates).tolist(), strict=True):
                active = self._active[c.story_id]
                reports = [self.vectors[m] for m in active.members if m in self.vectors]
                if self.low <= p < self.high and reports:
                    values = band_values(
                        probability=p, cosines=np.stack(reports) @ mine, same_day=c.gap == 0,
                        opening=opening, event_openings=active.openings,
                    )
                    self.band.append((self.split, np.array(values), self.event_of_story[c.story_id] == own))
        sid = self.story_of_event.get(own)
        return sid if sid is not None and self.story(sid) is not None else None


def _split_data(split: str, options):
    """(signed articles, gold event by id, pairs by id, articles) of a split, signed once
    (cached in /tmp: the what-ifs re-group the same signing)."""
    import pickle

    cached = Path(f"/tmp/events-signed-{split}.pkl")
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    out = _sign_split(split, options)
    cached.write_bytes(pickle.dumps(out))
    return out


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

    oracle = BandOracle(options, gold, vectors=vectors, low=args.low, high=args.high, split=split)
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
        args.low, args.high, args.threshold,
    )


def lookup_of(vectors: dict[str, np.ndarray]):
    """The index's e5 lookup over cached vectors."""
    return lambda ids: {k: vectors[k] for k in ids if k in vectors}


def _group_pairs(signed, pair_ids, options, *, vectors=None, band: BandModel | None = None):
    """(gold, grouped together, kind) per pair; with ``vectors`` the band model on (``band``, else the shipped one)."""
    if vectors is None:
        events = assign_stories(signed, options=options)
    else:
        on = dataclasses.replace(options, event_e5=True)
        events = assign_stories(signed, options=on, index=StoryIndex(on, e5=lookup_of(vectors), band=band))
    return [(g, a in events and events.get(a) == events.get(b), kind) for a, b, g, kind in pair_ids]


def _scores(decisions) -> str:
    tp = sum(1 for g, p, _ in decisions if g and p)
    fp = sum(1 for g, p, _ in decisions if p and not g)
    pos = sum(1 for g, _, _ in decisions if g)
    return f"P {tp / max(1, tp + fp):.3f} R {tp / max(1, pos):.3f} ({tp} of {pos}, {fp} false joins)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("pool", "fit", "reach"))
    parser.add_argument("splits", nargs="?", default="")
    parser.add_argument("--low", type=float, default=0.1, help="the band: shipped probability from ...")
    parser.add_argument("--high", type=float, default=0.9, help="... up to (not including)")
    parser.add_argument("--threshold", type=float, default=0.5, help="the band model's probability that joins")
    parser.add_argument("--drop", default="", help="band features left out (comma-separated)")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--thresholds", default="", help="pool: band thresholds to try (one fit per held-out split)")
    parser.add_argument("--n", type=int, default=1000, help="reach: the ANT window's files")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--model", type=Path, default=BAND_MODEL, help="fit: where the model is written")
    args = parser.parse_args()
    args.drop = tuple(d for d in args.drop.split(",") if d)
    from khabar.config import StoryOptions, build_options

    options = build_options(StoryOptions)
    splits = [s for s in args.splits.split(",") if s]
    refused = [s for s in splits if s not in losses.SPENT]
    if refused:
        sys.exit(f"{', '.join(refused)}: not a spent split of the event gold; judged on, never read here")
    if args.mode == "reach":
        return _reach(args, options)
    data = {s: _split_data(s, options) for s in splits}
    vectors = e5_vectors([a for s in splits for a in data[s][3]], args.cache)
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
                + (f" --drop {','.join(args.drop)}" if args.drop else ""),
            ),
            encoding="utf-8",
        )
        print("weights (standardized): " + ", ".join(f"{n} {w:+.2f}" for n, w in zip(BAND_FEATURES, model.weights, strict=True)))
        print(f"wrote {args.model}")
        return
    base = {s: _group_pairs(data[s][0], data[s][2], options) for s in splits}
    print(f"main: {_scores([d for s in splits for d in base[s]])}")
    thresholds = [float(t) for t in args.thresholds.split(",") if t] or [args.threshold]
    per_split: dict[float, dict[str, list]] = {t: {} for t in thresholds}
    for s in splits:
        train = [r for r in rows if r[0] != s]
        for t in thresholds:
            args.threshold = t
            per_split[t][s] = _group_pairs(data[s][0], data[s][2], options, vectors=vectors, band=fit_band(train, args))
    late = [s for s in splits if s.startswith("fresh") and s[5:].isdigit() and int(s[5:]) >= 19]
    for t in thresholds:
        pooled = [d for s in splits for d in per_split[t][s]]
        rw = [(g, p, k) for g, p, k in pooled if k == "rewrite"]
        print(f"band threshold {t}: leave-one-split-out {_scores(pooled)}; rewrites {_scores(rw)}")
        print(f"   fresh19..: main {_scores([d for s in late for d in base[s]])} -> {_scores([d for s in late for d in per_split[t][s]])}")
        print("   by split (main -> band): " + "; ".join(
            f"{s} {_scores(base[s]).split(' (')[0]} -> {_scores(per_split[t][s]).split(' (')[0]}" for s in late
        ))


def _reach(args, options) -> None:
    from khabar.relate.stories import SignedArticle
    from khabar.scale.cluster import sign_batch

    articles = second._window_articles(args.n)
    signed = [s for s in sign_batch(articles, options=options) if isinstance(s, SignedArticle)]
    base = assign_stories(signed, options=options)
    vectors = e5_vectors(articles, args.cache)
    asked: set[str] = set()

    def lookup(ids):
        asked.update(ids)
        return {k: vectors[k] for k in ids if k in vectors}

    on = dataclasses.replace(options, event_e5=True)
    band = assign_stories(signed, options=on, index=StoryIndex(on, e5=lookup, band=load_band_model()))
    before, after = second.co_members(base), second.co_members(band)
    changed = sum(1 for aid in before if before[aid] != after[aid])
    print(
        f"reach: {changed} of {len(signed)} signed articles change event co-members ({changed / len(signed):.1%}); "
        f"events {len(set(base.values()))} -> {len(set(band.values()))}; e5 read {len(asked)} of {len(signed)} texts"
    )


if __name__ == "__main__":
    main()
