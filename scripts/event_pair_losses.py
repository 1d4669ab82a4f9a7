"""Where the same-event pairs a split's stream never joins are lost (issue 14, session 17).

A pair is decided once, when the later of its two articles (in the stream's order) is added:
it joins the event the earlier one is in, or not.  This script groups each split's stream as
``khabar eval stories --gold tests/gold/events --split S --no-event-band`` does (the scorer alone; with
``--band`` as the defaults do, the sentence band on), and at that
moment asks, for every gold same-event pair, what became of the earlier article's event:

* ``joined``: found;
* ``scored-below``: a candidate, scored under the threshold (the scorer's miss);
* ``scored-beaten``: a candidate over the threshold, another event scored higher;
* ``lost-<filter>``: never scored: ``meaning-floor`` (centroid cosine under MEANING_FLOOR),
  ``days`` (event days too far from the article's event day, or its first day too early),
  ``top-k`` (under MOST_EVENT_CANDIDATES closer events), ``linkage`` (the article is under
  the linkage floor to one of the event's core reports of its day), ``retired``, ``unsigned``;

and whether the earlier article's event then held an article of another gold event
(``impure``: taken into another story first).  Reads only the spent splits (``SPENT``).

    python scripts/event_pair_losses.py dev,fresh,fresh2,...,fresh16 [--list] [--json FILE]

What-ifs, each changing one thing of main for the run: ``--linkage X`` (the USE linkage floor),
``--no-quote-join`` (QUOTED_STATEMENTS_JOIN off), ``--other-outlets-quotes`` (an event's quoted
runs count for an article only when a report of another outlet has them: a page's related-story
teasers carry its own outlet's quotes into unrelated articles, CNN's most of all).

``--classes`` (session 30) counts every labelled pair by the kind of happening of its event A (a
pattern over the gold note's English description: :data:`HAPPENING_CLASSES`, the first that
matches) and by the publication days apart: same-event pairs found and missed, pairs of two events
joined and kept apart -- which class of misses is largest, and how many negatives a rule for it faces.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from khabar.config import StoryOptions, build_options
from khabar.evaluate.stories import read_event_gold
from khabar.relate.stories import SignedArticle, StoryIndex, assign_stories
from khabar.relate.stories import index as index_module
from khabar.relate.stories.index import LINKAGE_FLOORS, MEANING_FLOOR, _gap
from khabar.scale.cluster import band_sentences_lookup, sign_batch

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "events"
CORPUS = ROOT.parent / "shared" / "corpora" / "ant"
#: The spent splits of the event gold: only these are read.  fresh17 and fresh18 were judged in session 19
#: (the reaction refusal, kept).  fresh16 was judged in session 18 (the
#: related-story cut, withdrawn); test is judged on (never read here), and so is any split labelled later.
SPENT = ("dev", "fresh", *(f"fresh{n}" for n in range(2, 39)))  # fresh35..fresh38 in session 36 (the e5 reading on closer calls, kept); fresh29..fresh34 in session 32 (the e5 reading, kept); fresh17, fresh18 judged in session 19; fresh19, fresh20 in session 20; fresh21 in session 21; fresh22 in session 22 (the e5 second opinion); fresh23 in session 23 (its guarded form); fresh24 in session 24 (the e5 band model); fresh25 in session 25 (the band model as an option); fresh26 + fresh27 in session 27 (the sentence band option, kept); fresh28 in session 28 (the sentence band on by default, kept)
OTHER_OUTLETS_QUOTES = False
DECISIONS: list[tuple[bool, bool, str]] = []  # (gold, predicted, kind) of every pair traced
PAIRS: list[dict] = []  # the gold pair of each DECISIONS row
#: ``--classes``: the kind of happening of a pair's event A, read from the gold note's English
#: description (A's part); the first pattern that matches names the class, else "other".
HAPPENING_CLASSES = (
    ("result", r"\b(beat|beats|win|wins|won|draw|drew|defeat|defeats|victory|score[sd]?|goals?|match|final|league|cup|\d-\d|lose|loses|lost)\b"),
    ("vote/election", r"\b(vote[sd]?|voting|elect\w*|parliament\w*|referendum|approv\w*|ballot|poll\w*|congress|senate|law|bill)\b"),
    ("launch/product", r"\b(launch\w*|unveil\w*|releas\w*|rocket|satellite|product|phone|iphone|app|opens?|opening|inaugurat\w*)\b"),
    ("attack/disaster", r"\b(attack\w*|strikes?|raid\w*|bomb\w*|kill\w*|shell\w*|missiles?|explosion|blast|crash\w*|fire|dead|toll|earthquake|flood\w*|shot|shooting)\b"),
    ("meeting/visit/call", r"\b(meet\w*|visit\w*|talks|summit|call|phone call|receives?|hosts?)\b"),
    ("decision/legal", r"\b(announce\w*|sanction\w*|decision|decides?|order\w*|court|sentenc\w*|charge[sd]?|arrest\w*|ban\w*|fine[sd]?|resign\w*|appoint\w*|sack\w*|dismiss\w*|pardon\w*)\b"),
    ("statement/interview", r"\b(interview|says?|said|tells?|statement|speech|tweet\w*|press conference|warns?|accuses?|denies|calls? for|condemn\w*)\b"),
)
FALSE_JOINS: list[dict] = []  # every pair of two gold events the stream put in one event
#: The shape of each false join of the spent pool dev..fresh16 (session 18, read from the gold notes,
#: by event pair; the rest are "other": a next step of the story, a same-kind neighbour):
#: "reaction", a later statement about an event by another party joined to the reports of it;
#: "principal", an actor's own statement before or after it; "two-statements", two parties'
#: statements about one (unlabelled) happening joined to each other.
SHAPES = {
    "reaction": {
        ("e-aboutrika-backs-emam", "e-mansour-press-conference"), ("e-adam-stabbing", "e-lieberman-adam-expansion"),
        ("e-arab-league-australia", "e-morrison-open-to-jerusalem"), ("e-coalition-on-iran-strike", "e-iran-missiles-syria"),
        ("e-cpj-condemns-turkey", "e-turkey-25-journalists"), ("e-damascus-white-helmets", "e-white-helmets-evacuated"),
        ("e-duterte-permanent-ban", "e-kuwaiti-mp-ban-reaction"), ("e-eg-fees", "e-eg-fees-revenue"),
        ("e-eu-google-android-fine", "e-trump-eu-google-fine"), ("e-fr-paris-reaction", "e-fr-sentence"),
        ("e-g7-elysee-tantrums", "e-g7-trump-withdraws"), ("e-g7-trump-withdraws", "e-merkel-ard-interview"),
        ("e-merkel-ozil", "e-ozil-statement"), ("e-putin-weapons-speech", "e-us-official-cnn-putin"),
        ("e-saudi-100m-syria", "e-syria-condemns-saudi"), ("e-saudi-100m-syria", "e-us-hails-saudi"),
    },
    "principal": {
        ("e-arsenal-elneny-diagnosis", "e-elneny-injured"), ("e-may-defends-saudi-pmq", "e-mbs-london-day1"),
        ("e-may-spokesman-yemen", "e-mbs-london-day1"), ("e-neymar-doctor", "e-neymar-psg-surgery"),
    },
    "two-statements": {
        ("e-cia-directors-statement", "e-mcraven-letter"), ("e-g7-elysee-tantrums", "e-merkel-ard-interview"),
        ("e-g7-pompeo", "e-trump-stupid-trade"), ("e-gargash-socotra", "e-uae-mfa-socotra"),
        ("e-helsinki-criticism", "e-trump-walkback"), ("e-hollande-valls-trump", "e-quai-trump"),
        ("e-khan-coalition-talks", "e-pakistan-parties-reject"), ("e-may-defends-saudi-pmq", "e-may-spokesman-yemen"),
        ("e-trump-tweet-nato-vs-putin", "e-trump-walkback"),
    },
}


class TracingIndex(StoryIndex):
    """The story index, noting for each gold pair what its later article met."""

    def __init__(self, options, partners: dict[str, set[str]], sentences=None, e5=None) -> None:
        super().__init__(options, sentences=sentences, e5=e5)
        self.partners = partners
        self.found: dict[tuple[str, str], dict] = {}
        self._last: tuple[list, np.ndarray] | None = None
        self._quotes_by_outlet: dict[str, dict[str | None, tuple[set, set]]] = {}

    def _score_events(self, candidates):
        scores = super()._score_events(candidates)
        # With the band the index scores twice (the candidates, then those under the linkage
        # floor): every scored candidate of this article counts, the first score of each.
        last = self._last or ([], [])
        self._last = (list(last[0]) + list(candidates), list(last[1]) + list(scores))
        return scores

    def add(self, item: SignedArticle) -> str:
        if not OTHER_OUTLETS_QUOTES:
            return self._add(item)
        # what-if: an event's quoted runs count only when a report of another outlet has them
        # (a page's teasers of its own outlet's stories carry their quotes into its articles)
        from khabar.relate.stories.scorer import quote_anchors

        saved = {}
        for sid, per in self._quotes_by_outlet.items():
            active = self._active.get(sid)
            if active is None:
                continue
            saved[sid] = (active.quotes, active.headlines)
            others = [qh for outlet, qh in per.items() if outlet != item.outlet]
            active.quotes = set().union(*(q for q, _ in others))
            active.headlines = set().union(*(h for _, h in others))
        joined = self._add(item)
        for sid, (quotes, headlines) in saved.items():
            if sid in self._active:
                self._active[sid].quotes, self._active[sid].headlines = quotes, headlines
        quotes, headline = quote_anchors(item.anchors or frozenset())
        active = self._active[joined]
        active.quotes |= quotes
        active.headlines |= headline
        per = self._quotes_by_outlet.setdefault(joined, {})
        q, h = per.setdefault(item.outlet, (set(), set()))
        q |= quotes
        h |= headline
        return joined

    def _add(self, item: SignedArticle) -> str:
        o = self.options
        meaning = np.asarray(item.meaning, dtype=np.float32)
        before = {}
        for other in self.partners.get(item.article_id, ()):
            sid = self._story_of.get(other)
            if sid is None:
                continue
            before[other] = self._diagnose(sid, item, meaning)
        self._last = None
        joined = super().add(item)
        scored = {}
        if self._last is not None:
            for c, s in zip(*self._last, strict=True):
                scored.setdefault(c.story_id, float(s))
        threshold = o.join_threshold
        for other, d in before.items():
            sid = d["event"]
            if joined == sid:
                d["fate"] = "joined"
            elif sid in scored:
                d["score"] = scored[sid]
                d["fate"] = "scored-beaten" if scored[sid] >= threshold else "scored-below"
            d["went"] = joined
            self.found[(other, item.article_id)] = d
        return joined

    def _diagnose(self, sid: str, item: SignedArticle, meaning: np.ndarray) -> dict:
        o = self.options
        active = self._active[sid]
        d = {"event": sid, "size": active.story.size, "members": list(active.members)}
        if not meaning.size:
            d["fate"] = "lost-unsigned"
            return d
        cos = self._event_meanings.cosine(sid, meaning)
        d["cos"] = cos
        day = item.day
        gap = _gap(day, active.days)
        first = active.days[0]
        days_in = (day - first).days if day and first else None
        d["gap"], d["days_in"] = gap, days_in
        farthest = active.farthest(meaning, day)
        d["farthest"] = farthest
        every = self._event_meanings.closest(meaning, MEANING_FLOOR, day=day, gap=o.event_days, span=o.event_span_days)
        top = self._event_meanings.closest(
            meaning, MEANING_FLOOR, day=day, gap=o.event_days, span=o.event_span_days, most=index_module.MOST_EVENT_CANDIDATES
        )
        d["rank"] = sorted(every.values(), reverse=True).index(every[sid]) + 1 if sid in every else None
        linkage = LINKAGE_FLOORS.get(o.meaning_encoder)
        if cos is None or cos < MEANING_FLOOR:
            d["fate"] = "lost-meaning-floor"
        elif gap is not None and gap > o.event_days or (
            o.event_span_days is not None and days_in is not None and days_in > o.event_span_days
        ):
            d["fate"] = "lost-days"
        elif sid not in top:
            d["fate"] = "lost-top-k"
        elif linkage is not None and farthest is not None and farthest < linkage:
            d["fate"] = "lost-linkage"  # unless a shared quote: then it is scored and noted so below
        else:
            d["fate"] = "lost-other"
        return d


def trace_split(split: str, options: StoryOptions) -> list[dict]:
    from khabar.ingest import read_path

    pairs, rows = read_event_gold(GOLD, split=split)
    paths = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs} | {r["path"] for r in rows})
    article_of = {rel: next(a for a in read_path(CORPUS / rel) if hasattr(a, "body")) for rel in paths}
    path_of = {a.id: rel for rel, a in article_of.items()}
    event_of = {}
    for p in pairs:
        event_of.setdefault(p["a"], p["a_event"])
        event_of.setdefault(p["b"], p["b_event"])
    for r in rows:
        event_of[r["path"]] = r["event"]
    partners: dict[str, set[str]] = defaultdict(set)
    for p in pairs:
        if p["same_event"]:
            a, b = article_of[p["a"]].id, article_of[p["b"]].id
            partners[a].add(b)
            partners[b].add(a)
    by_id = {a.id: a for a in article_of.values()}
    e5 = _cached_e5(by_id, options) if E5_CACHE is not None else None
    index = TracingIndex(options, partners, band_sentences_lookup(by_id.get, options=options), e5=e5)
    signed = [s for s in sign_batch(list(article_of.values()), options=options) if isinstance(s, SignedArticle)]
    events = assign_stories(signed, options=options, index=index)
    out = []
    for p in pairs:  # every pair's decision, for the pooled precision and recall
        a, b = article_of[p["a"]].id, article_of[p["b"]].id
        together = a in events and events.get(a) == events.get(b)
        DECISIONS.append((bool(p["same_event"]), together, p["kind"]))
        PAIRS.append(p)
        if together:
            FALSE_JOINS.append(_join_features(p, article_of[p["a"]], article_of[p["b"]], together))
    for p in pairs:
        if not p["same_event"]:
            continue
        a, b = article_of[p["a"]].id, article_of[p["b"]].id
        d = index.found.get((a, b)) or index.found.get((b, a))
        if d is None:
            d = {"fate": "lost-retired-or-unsigned"}
        earlier = a if (a, b) in index.found else b
        members = [path_of.get(m) for m in d.get("members", [])]
        d["impure"] = any(event_of.get(m) != event_of[path_of[earlier]] for m in members if m)
        d.update(split=split, kind=p["kind"], a=p["a"], b=p["b"], note=p["note"][:90])
        if E5_CACHE is not None:  # the pair's own e5 cosine, its outlets and publication days apart
            va, vb = _cached_e5(by_id, options)([a, b]).values()
            d["e5"] = float(np.dot(va, vb))
            d["outlets"] = (article_of[p["a"]].outlet, article_of[p["b"]].outlet)
            pa, pb = article_of[p["a"]].published, article_of[p["b"]].published
            d["apart"] = abs((pa - pb).days) if pa and pb else None
        d["members"] = members
        if d.get("went") is not None:  # the gold events of the event the later article went to
            d["went_events"] = sorted({event_of.get(path_of.get(x)) for x, e in events.items() if e == d["went"]} - {None})
            d["own_event"] = event_of[path_of[earlier]]
        out.append(d)
    return out


E5_CACHE: Path | None = None  # ``--e5-cache``: group as the defaults do (the e5 reading on), vectors kept here
_E5: dict[str, np.ndarray] = {}


def _cached_e5(by_id: dict, options: StoryOptions):
    """The e5 lookup of the defaults (:func:`khabar.scale.cluster.band_e5_lookup`), read first
    from :data:`E5_CACHE` (vectors by article id of the same text), the rest encoded and kept."""
    from khabar.scale.cluster import band_e5_lookup

    if not _E5 and E5_CACHE.exists():
        z = np.load(E5_CACHE)
        _E5.update(zip((str(k) for k in z["ids"]), z["vecs"], strict=True))
    encode = band_e5_lookup(by_id.get, options=options)

    def lookup(ids):
        ids = list(ids)
        todo = [i for i in ids if i not in _E5 and i in by_id]
        if todo:
            _E5.update(encode(todo))
            np.savez(E5_CACHE, ids=np.array(list(_E5)), vecs=np.vstack(list(_E5.values())))
        return {i: _E5[i] for i in ids if i in _E5}

    return lookup


def _join_features(pair: dict, a, b, together: bool) -> dict:
    """What the scorer's data tell of a joined pair (or a gold pair): its publication days apart,
    and whether a title is a statement ("X: ..." or a reporting verb among its first four words,
    the say and stance forms of reporting_verbs.txt) whose speaker's words are not in the other title."""
    from khabar.extract.attribution import find_attributions
    from khabar.extract.attribution.verbs import reporting_verb_forms
    from khabar.text.ar.clitics import CONJUNCTIONS
    from khabar.text.ar.normalize import normalize

    forms = reporting_verb_forms()
    saying = forms["say"] | forms["stance"]

    def words(title: str) -> list[str]:
        return [w for w in (normalize(t.strip('،."«»()')) for t in (title or "").replace(":", " : ").split()) if w]

    def speaker(title: list[str]) -> set[str] | None:
        if ":" in title[:5]:
            return set(title[: title.index(":")])
        for i in range(1, min(4, len(title))):
            w = title[i]
            if w in saying or (w[:1] in CONJUNCTIONS and w[1:] in saying):
                return set(title[:i])
        return None

    def lead(article) -> str:
        return (article.body or "").strip().split("\n")[0][:400]

    def speakers(article) -> list[set[str]]:  # attribution's speakers of the title and the lead
        return [
            set(words(at.source.text))
            for text in (article.title or "", lead(article))
            for at in find_attributions(text)
            if at.source is not None and not at.source.anaphor
        ]

    ta, tb = words(a.title), words(b.title)
    outside = any((s := speaker(x)) is not None and not s & set(y) for x, y in ((ta, tb), (tb, ta)))
    # every speaker attribution finds in one's title and lead is absent from the other's title and lead
    lead_outside = any(
        (sp := speakers(x)) and all(not s & (set(words(y.title)) | set(words(lead(y)))) for s in sp) for x, y in ((a, b), (b, a))
    )
    key = tuple(sorted((pair["a_event"], pair["b_event"])))
    shape = "same-event" if pair["same_event"] else next((k for k, v in SHAPES.items() if key in v), "other")
    gap = abs((a.published - b.published).days) if a.published and b.published else None
    return {"shape": shape, "joined": together, "gap": gap, "speaker_outside": outside, "lead_outside": lead_outside, "events": key, "split": pair["split"]}


def _print_false_joins() -> None:
    rows = [r for r in FALSE_JOINS if r["joined"]]
    print(
        "pairs joined, by shape: n; publication days apart 0 / 1 / 2+; a statement title whose speaker is not in the other "
        "title; the speakers of one's title and lead all absent from the other's title and lead: any day, a day or more apart"
    )
    for shape in ("reaction", "principal", "two-statements", "other", "same-event"):
        sel = [r for r in rows if r["shape"] == shape]
        gaps = [sum(1 for r in sel if (r["gap"] or 0) == g) for g in (0, 1)] + [sum(1 for r in sel if (r["gap"] or 0) >= 2)]
        lead = sum(r["lead_outside"] for r in sel)
        later = sum(r["lead_outside"] and (r["gap"] or 0) >= 1 for r in sel)
        print(f"  {shape:15} {len(sel):4}  {gaps[0]:4} {gaps[1]:4} {gaps[2]:4}   {sum(r['speaker_outside'] for r in sel):4}   {lead:4} {later:4}")


def happening_class(note: str) -> str:
    """The :data:`HAPPENING_CLASSES` class of a gold pair's note (its event A's description)."""
    import re

    described = note.split("; B:")[0].lower()
    return next((name for name, pattern in HAPPENING_CLASSES if re.search(pattern, described)), "other")


def _print_classes() -> None:
    import datetime as dt
    import re

    def day(path: str) -> dt.date | None:
        m = re.search(r"-(\d{8})\.txt$", path)
        return dt.date(int(m[1][:4]), int(m[1][4:6]), int(m[1][6:])) if m else None

    def apart(p: dict) -> str:
        a, b = day(p["a"]), day(p["b"])
        gap = abs((a - b).days) if a and b else None
        return "?" if gap is None else ("same day" if gap == 0 else "next day" if gap == 1 else "2+ days")

    by_class: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    by_gap: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for p, (gold, together, _) in zip(PAIRS, DECISIONS, strict=True):
        cell = (0 if together else 1) if gold else (2 if together else 3)
        for table, key in ((by_class, happening_class(p["note"])), (by_gap, apart(p)), (by_class, "all")):
            table[key][cell] += 1
    print("pairs by the kind of happening of event A: same event found / missed | two events joined / apart")
    for table in (by_class, by_gap):
        for key, (found, missed, joined, kept) in sorted(table.items(), key=lambda kv: -kv[1][1]):
            print(f"  {key:20} {found:5} {missed:5} | {joined:5} {kept:5}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits")
    parser.add_argument("--list", action="store_true", help="print each lost pair")
    parser.add_argument("--linkage", type=float, help="the USE linkage floor to try (main: 0.5)")
    parser.add_argument("--other-outlets-quotes", action="store_true", help="what-if: only other outlets' quoted runs count")
    parser.add_argument("--no-quote-join", action="store_true", help="what-if: QUOTED_STATEMENTS_JOIN off")
    parser.add_argument("--false-joins", action="store_true", help="the joined pairs by shape, with what tells them apart")
    parser.add_argument("--json", type=Path, help="write every pair's trace here")
    parser.add_argument("--classes", action="store_true", help="the pairs by kind of happening and days apart (session 30)")
    parser.add_argument("--band", action="store_true", help="group with the sentence band (the default since session 28)")
    parser.add_argument("--e5-cache", type=Path, help="with --band: the e5 reading on too (the defaults since session 32), e5 vectors kept here")
    args = parser.parse_args()
    splits = args.splits.split(",")
    refused = [s for s in splits if s not in SPENT]
    if refused:
        sys.exit(f"{', '.join(refused)}: not a spent split of the event gold; judged on, never read here")
    options = build_options(StoryOptions, event_band=args.band)  # without --band: the scorer alone
    if args.e5_cache is not None:
        global E5_CACHE
        E5_CACHE = args.e5_cache
    if args.linkage is not None:
        LINKAGE_FLOORS[options.meaning_encoder] = args.linkage  # the one dict index.py reads
    if args.other_outlets_quotes:
        global OTHER_OUTLETS_QUOTES
        OTHER_OUTLETS_QUOTES = True
    if args.no_quote_join:
        index_module.QUOTED_STATEMENTS_JOIN = False
    traces = []
    for split in splits:
        traces += trace_split(split, options)
    tp = sum(1 for g, p, _ in DECISIONS if g and p)
    fp = sum(1 for g, p, _ in DECISIONS if p and not g)
    pos = sum(1 for g, _, _ in DECISIONS if g)
    rw = [(g, p) for g, p, k in DECISIONS if k == "rewrite" and g]
    print(
        f"event pairs P {tp / max(1, tp + fp):.3f} R {tp / max(1, pos):.3f} ({tp} of {pos}, {fp} false joins; "
        f"rewrites R {sum(p for _, p in rw) / max(1, len(rw)):.3f})"
    )
    if args.false_joins:
        _print_false_joins()
    if args.classes:
        _print_classes()
    fates = Counter(t["fate"] for t in traces)
    print(f"{len(traces)} same-event pairs of {','.join(splits)}")
    for fate, n in sorted(fates.items()):
        impure = sum(1 for t in traces if t["fate"] == fate and t["impure"])
        kinds = Counter(t["kind"] for t in traces if t["fate"] == fate)
        print(f"  {fate:18} {n:4}  (earlier article's event impure: {impure}; {dict(sorted(kinds.items()))})")
    if args.list:
        for t in traces:
            if t["fate"] != "joined":
                cos, far = t.get("cos"), t.get("farthest")
                print(
                    f"{t['split']:8} {t['kind']:8} {t['fate']:15} cos={cos if cos is None else round(cos, 3)} "
                    f"far={far if far is None else round(far, 3)} gap={t.get('gap')} rank={t.get('rank')} "
                    f"score={round(t['score'], 3) if 'score' in t else '-'} size={t.get('size')} impure={t['impure']} | {t['note']}"
                )
    if args.json:
        args.json.write_text("\n".join(json.dumps(t, ensure_ascii=False, default=str) for t in traces) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
