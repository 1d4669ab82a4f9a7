"""What each figure measures, against hand annotations (``tests/gold/frames.json``).

The gold file (format and decisions in ``tests/gold/README.md``, section frames.json) gives
every figure of its articles with its frame -- category, group, place, span, relation,
qualifier, source chain --, the number-like spans that are not figures (``not_claims``), and
per event the real disagreements (``conflicts``: sides, every pair across two sides is one)
and tempting pairs that are not (``not_conflicts``).  Articles of one ``event`` are briefed
together with :func:`khabar.event_brief.build_event_brief`, as ``khabar brief`` would.

How a predicted figure (a :class:`~khabar.model.Claim`) is matched to a gold figure: same
article, overlapping spans (the gold key holds the number and what it counts), and the same
value within 0.5 % (a vague gold figure, "عشرات الجرحى", by overlap alone); one to one, the
largest overlap first.  Then:

* **claims** -- precision and recall of the matched figures; ``+category`` also wants the
  category right, ``+source`` the category and the primary source;
* **attribution** -- of the matched figures, the share whose primary source (the last link of
  the chain) is right, by two rules: *lenient*, a predicted source contains a gold form or is
  contained in one after normalization (so "المرصد" passes for "المرصد السوري لحقوق الانسان");
  *strict*, an exact or head match of whole words
  (:func:`~khabar.evaluate.extraction.source_matches_strictly`: a source cut to one word or
  dragging the words around it is wrong). An unattributed gold figure wants an unattributed
  prediction under both;
* **fields** -- per-field accuracy over the matched figures: category, group, place and
  place_in (containment either way, both absent counts as right), span kind and span with its
  days, cumulative, qualifier, relation (kind, and a target matched to the gold target),
  source (primary; ``source_strict`` by the strict rule) and the whole source chain (link by
  link);
* **not claims** -- predicted figures that overlap a gold not-claim, by kind (dates, years,
  durations ...): each is a false positive of the claims precision, and says of which kind;
* **conflicts** -- pairs of figures shown as disagreeing (two positions of one dispute of a
  :class:`~khabar.model.Quantity`) against the gold pairs across sides: precision (a pair
  with a figure that matches no gold figure is wrong) and recall; the wrong pairs are listed
  with the gold ``why`` when the annotator named the pair.  ``bad sources`` counts the
  disputed positions whose primary source is not a person, an organisation, a country or an
  anonymous source (none of its figures has one).
* **same-figure pairs** -- pairs of figures shown as one value (one position of a quantity)
  against the gold pairs joined by ``same_as``: false agreement (two different things of
  equal value told as one figure) lowers the precision.

Command line::

    khabar eval extract tests/gold/frames.json --split dev
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.errors import InputError
from khabar.evaluate.extraction import (
    PRF,
    article_loader,
    briefs_by_group,
    find_key,
    norm,
    read_gold_json,
    source_matches,
    source_matches_strictly,
    value_matches,
)
from khabar.evaluate.splits import in_splits, parse_splits
from khabar.model import Article, Claim, EventBrief, SourceLink

#: The frame fields scored, in the order of the report.
FIELDS = (
    "category", "group", "place", "place_in", "span", "span_days", "cumulative", "qualifier", "relation",
    "source", "source_strict", "source_chain",
)
#: Source kinds a conflict card may stand on.
SOURCE_KINDS_IN_CONFLICTS = frozenset({"person", "organisation", "country", "anonymous"})


# --- gold --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldFigure:
    id: str
    start: int
    end: int
    value: float | None
    qualifier: str
    category: str
    group: str | None
    place: str | None
    place_in: str | None
    span: Mapping[str, Any]
    cumulative: bool
    relation: tuple[str, str] | None  # (kind, target id)
    source: tuple[tuple[str, ...], ...]  # the chain: each link, its acceptable forms; () unattributed


@dataclass(frozen=True, slots=True)
class GoldFrameArticle:
    path: str
    event: str
    article: Article
    figures: tuple[GoldFigure, ...]
    not_claims: tuple[tuple[int, int, str], ...]  # (start, end, kind)


@dataclass(frozen=True, slots=True)
class GoldEvent:
    event: str
    conflict_pairs: frozenset[frozenset[str]]
    not_conflicts: dict[frozenset[str], str]  # pair -> why


def _link(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _chain(value: Sequence[Any]) -> tuple[tuple[str, ...], ...]:
    links = tuple(_link(v) for v in value)
    return () if links == (("unattributed",),) else links


def _resolve(path: str, article: Article, entry: Mapping[str, Any]) -> GoldFrameArticle:
    text = article.text

    def span(item: Mapping[str, Any]) -> tuple[int, int]:
        found = find_key(text, item["key"], int(item.get("occurrence", 0)))
        if found is None:
            raise InputError(path, f"key {item['key']!r} is not in the article text")
        return found

    figures = []
    for f in entry.get("figures", ()):
        start, end = span(f)
        relation = f.get("relation")
        rel = next(iter(relation.items())) if isinstance(relation, Mapping) and relation else None
        figures.append(
            GoldFigure(
                id=f["id"], start=start, end=end,
                value=None if f.get("value") is None else float(f["value"]),
                qualifier=f["qualifier"], category=f["category"], group=f.get("group"),
                place=f.get("place"), place_in=f.get("place_in"), span=f.get("span") or {"type": "unknown"},
                cumulative=bool(f.get("cumulative")), relation=rel, source=_chain(f["source"]),
            )
        )
    not_claims = tuple((*span(n), n["kind"]) for n in entry.get("not_claims", ()))
    return GoldFrameArticle(path, entry.get("event") or path, article, tuple(figures), not_claims)


def load_frames(
    gold_path: Path, *, root: Path, shared: Path, split: str | None = None
) -> tuple[list[GoldFrameArticle], list[GoldEvent]]:
    """The articles of a frames gold file (those of ``split`` only, when given: one name or
    several, comma-separated) with their
    spans resolved, and the conflicts of their events."""
    return resolve_frames(read_gold_json(gold_path), load=article_loader(root=root, shared=shared), split=split)


def resolve_frames(data: Mapping[str, Any], *, load: Any, split: str | None = None) -> tuple[list[GoldFrameArticle], list[GoldEvent]]:
    articles = []
    wanted = None if split is None else parse_splits(split)  # read once, not per entry
    for entry in data.get("articles", ()):
        if not in_splits(entry.get("split"), wanted):
            continue
        article = load(entry["path"])
        if entry.get("published"):
            article = dataclasses.replace(article, published=dt.date.fromisoformat(entry["published"]))
        articles.append(_resolve(entry["path"], article, entry))
    kept = {a.event for a in articles}
    events = []
    for e in data.get("events", ()):
        if e["event"] not in kept:
            continue
        pairs = set()
        for conflict in e.get("conflicts", ()):
            sides = conflict["sides"]
            for i, side in enumerate(sides):
                for other in sides[i + 1 :]:
                    pairs.update(frozenset((a, b)) for a in side for b in other)
        why = {frozenset(p["pair"]): p["why"] for p in e.get("not_conflicts", ())}
        events.append(GoldEvent(e["event"], frozenset(pairs), why))
    return articles, events


# --- scores ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FrameScores:
    claims: PRF
    claims_category: PRF
    claims_source: PRF
    attribution: float  # primary source right, over matched figures (containment either way)
    fields: dict[str, tuple[int, int]]  # field -> (right, scored)
    not_claims: dict[str, int]  # kind -> predicted figures overlapping a not-claim of that kind
    conflicts: PRF  # over figure pairs
    wrong_pairs: dict[str, int]  # why (or "unlisted", "unmatched") -> count
    bad_sources: int  # disputed positions whose primary source is no person, organisation, country or anonymous source
    articles: int
    errors: tuple[str, ...] = ()  # one line per miss or mismatch, for reading
    attribution_strict: float = 0.0  # the same with an exact or head match of the source
    #: Pairs of figures shown as one value (one position of a quantity) against the gold's
    #: same-figure pairs (figures joined by ``same_as``): false agreement, which the conflict
    #: pairs cannot see (two different things of equal value told as one figure).
    same_figure: PRF = PRF(1.0, 1.0, 1.0, 0, 0, 0)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(g: GoldFrameArticle, claims: Sequence[Claim]) -> dict[str, Claim]:
    """Gold figure id -> its predicted claim (one to one, largest overlap first)."""
    candidates = []
    for gf in g.figures:
        for i, c in enumerate(claims):
            ov = _overlap((gf.start, gf.end), (c.start, c.end))
            if not ov:
                continue
            # a range is annotated with its lower bound as the value ("ما بين 31 و41 بالمئة" is
            # 31, low 31, high 41); the extractor gives it no single value, only its bounds
            value = c.low if c.value is None and c.low is not None and c.high is not None else c.value
            if gf.value is not None and not value_matches(gf.value, value):
                continue
            candidates.append((-ov, abs(c.start - gf.start), gf.id, i))
    out: dict[str, Claim] = {}
    used: set[int] = set()
    for _, _, gid, i in sorted(candidates):
        if gid not in out and i not in used:
            out[gid] = claims[i]
            used.add(i)
    return out


def _place_ok(gold: str | None, predicted: str | None) -> bool:
    g, p = norm(gold), norm(predicted)
    if not g or not p:
        return not g and not p
    return g in p or p in g


def _link_ok(forms: tuple[str, ...], link: SourceLink, *, strict: bool = False) -> bool:
    """A link matches when its text, or the organisation its person speaks for, matches
    (containment either way; ``strict``: exact or head match)."""
    if strict:
        return source_matches_strictly(forms, link.text, person=link.kind == "person") or bool(
            link.organisation and source_matches_strictly(forms, link.organisation)
        )
    return source_matches(forms, link.text) or bool(link.organisation and source_matches(forms, link.organisation))


def _source_ok(gold: tuple[tuple[str, ...], ...], claim: Claim, *, strict: bool = False) -> bool:
    primary = claim.primary_source
    if not gold:
        return primary.kind == "unattributed"
    return primary.kind != "unattributed" and _link_ok(gold[-1], primary, strict=strict)


def _chain_ok(gold: tuple[tuple[str, ...], ...], claim: Claim) -> bool:
    links = [link for link in claim.source_chain if link.kind != "unattributed"]
    if not gold:
        return not links
    return len(links) == len(gold) and all(_link_ok(g, p) for g, p in zip(gold, links))


def _span_days(gold: Mapping[str, Any], claim: Claim) -> bool:
    kind = gold.get("type", "unknown")
    if claim.span.kind != kind:
        return False
    day = lambda v: dt.date.fromisoformat(v) if v else None  # noqa: E731
    if kind == "day":
        return claim.span.start == day(gold.get("date"))
    if kind == "since":
        return claim.span.start == day(gold.get("start"))
    if kind == "period":
        return claim.span.start == day(gold.get("start")) and claim.span.end == day(gold.get("end"))
    return True


def claims_by_article(briefs: Sequence[EventBrief]) -> dict[str, list[Claim]]:
    """Each article's claims in the briefs, in text order: what a gold article's figures are
    matched against (:func:`_match`)."""
    claims_of: dict[str, list[Claim]] = defaultdict(list)
    for b in briefs:
        for c in b.claims:
            claims_of[c.article_id].append(c)
    return {article: sorted(claims, key=lambda c: c.start) for article, claims in claims_of.items()}


def score_frames(
    articles: Sequence[GoldFrameArticle], events: Sequence[GoldEvent], briefs: Sequence[EventBrief]
) -> FrameScores:
    """Score the briefs' figures and quantities against the gold frames."""
    claims_of = claims_by_article(briefs)
    errors: list[str] = []
    matched: dict[str, Claim] = {}  # gold id -> claim
    gold_of_claim: dict[str, str] = {}  # claim id -> gold id
    figure: dict[str, tuple[GoldFrameArticle, GoldFigure]] = {}
    n_pred = n_cat = n_src = 0
    not_claims: Counter[str] = Counter()
    for g in articles:
        preds = claims_of.get(g.article.id, [])
        n_pred += len(preds)
        m = _match(g, preds)
        matched.update(m)
        for gid, c in m.items():
            gold_of_claim[c.id] = gid
        for gf in g.figures:
            figure[gf.id] = (g, gf)
            if gf.id not in m:
                errors.append(f"{g.path}: missed {gf.id} {g.article.text[gf.start:gf.end]!r}")
        for c in preds:
            if c.id in gold_of_claim:
                continue
            kinds = [k for s, e, k in g.not_claims if _overlap((s, e), (c.start, c.end))]
            if kinds:
                not_claims[kinds[0]] += 1
            errors.append(f"{g.path}: extra {c.text!r} ({c.category}){' = ' + kinds[0] if kinds else ''}")
    right: Counter[str] = Counter()
    scored: Counter[str] = Counter()
    for gid, c in matched.items():
        g, gf = figure[gid]
        checks = {
            "category": (c.category or "") == gf.category,
            "group": (c.group or None) == gf.group,
            "place": _place_ok(gf.place, c.place),
            "place_in": _place_ok(gf.place_in, c.place_in),
            "span": c.span.kind == gf.span.get("type", "unknown"),
            "span_days": _span_days(gf.span, c),
            "cumulative": c.cumulative == gf.cumulative,
            "qualifier": c.qualifier == gf.qualifier,
            "source": _source_ok(gf.source, c),
            "source_strict": _source_ok(gf.source, c, strict=True),
            "source_chain": _chain_ok(gf.source, c),
        }
        rel = c.relation
        if gf.relation is None:
            checks["relation"] = rel is None
        else:
            checks["relation"] = rel is not None and rel.kind == gf.relation[0] and gold_of_claim.get(rel.target) == gf.relation[1]
        for name, ok in checks.items():
            scored[name] += 1
            right[name] += ok
            if not ok:
                errors.append(f"{g.path}: {gid} {name}: gold {_gold_field(gf, name)!r}, got {_claim_field(c, name, gold_of_claim)!r}")
        n_cat += checks["category"]
        n_src += checks["category"] and checks["source"]
    n_gold = sum(len(g.figures) for g in articles)
    prf = lambda found: PRF.from_counts(gold=n_gold, predicted=n_pred, found=found, correct=found)  # noqa: E731

    # conflicts
    ids = {g.article.id for g in articles}
    claim_by_id = {c.id: c for b in briefs for c in b.claims}
    predicted_pairs: set[frozenset[str]] = set()
    wrong: Counter[str] = Counter()
    why = {p: w for e in events for p, w in e.not_conflicts.items()}
    gold_pairs = frozenset().union(*(e.conflict_pairs for e in events)) if events else frozenset()
    correct = 0
    bad_sources = 0
    for b in briefs:
        for q in b.quantities:
            if not any(cid in claim_by_id and claim_by_id[cid].article_id in ids for cid in q.claim_ids):
                continue
            for dispute in q.disputes:
                for i in dispute:
                    members = [claim_by_id[c] for c in q.positions[i].claim_ids if c in claim_by_id]
                    if members and not any(m.primary_source.kind in SOURCE_KINDS_IN_CONFLICTS for m in members):
                        bad_sources += 1
                        link = members[0].primary_source
                        errors.append(f"conflict on a source of kind {link.kind}: {link.text!r} ({members[0].text!r})")
                for x, i in enumerate(dispute):
                    for j in dispute[x + 1 :]:
                        for a in q.positions[i].claim_ids:
                            for c in q.positions[j].claim_ids:
                                pair_ids = (gold_of_claim.get(a), gold_of_claim.get(c))
                                if None in pair_ids:
                                    wrong["unmatched"] += 1
                                    errors.append(f"conflict with an unmatched figure: {claim_by_id[a].text!r} ≠ {claim_by_id[c].text!r}")
                                    continue
                                pair = frozenset(pair_ids)  # type: ignore[arg-type]
                                if pair in predicted_pairs:
                                    continue
                                predicted_pairs.add(pair)
                                if pair in gold_pairs:
                                    correct += 1
                                else:
                                    reason = why.get(pair, "unlisted")
                                    wrong[reason] += 1
                                    errors.append(f"wrong conflict ({reason}): {' ≠ '.join(sorted(pair))}")
    n_predicted_pairs = len(predicted_pairs) + wrong["unmatched"]
    found_pairs = len(gold_pairs & predicted_pairs)
    for p in sorted(gold_pairs - predicted_pairs, key=sorted):
        errors.append(f"missed conflict: {' ≠ '.join(sorted(p))}")
    conflicts = PRF.from_counts(gold=len(gold_pairs), predicted=n_predicted_pairs, found=found_pairs, correct=correct)
    same_figure = _same_figure_pairs(articles, briefs, gold_of_claim, errors)
    return FrameScores(
        claims=prf(len(matched)),
        claims_category=prf(n_cat),
        claims_source=prf(n_src),
        attribution=right["source"] / scored["source"] if scored["source"] else 0.0,
        attribution_strict=right["source_strict"] / scored["source_strict"] if scored["source_strict"] else 0.0,
        fields={name: (right[name], scored[name]) for name in FIELDS},
        not_claims=dict(not_claims.most_common()),
        conflicts=conflicts,
        wrong_pairs=dict(wrong.most_common()),
        bad_sources=bad_sources,
        articles=len(articles),
        errors=tuple(errors),
        same_figure=same_figure,
    )


def _same_figure_pairs(
    articles: Sequence[GoldFrameArticle], briefs: Sequence[EventBrief], gold_of_claim: Mapping[str, str],
    errors: list[str],
) -> PRF:
    """Pairs of matched figures of one article sharing a position of a quantity, against the pairs the gold
    joins by ``same_as`` (followed to the figure it repeats).  Figures matching no gold figure
    are left to the claims precision."""
    target = {gf.id: gf.relation[1] for g in articles for gf in g.figures if gf.relation and gf.relation[0] == "same_as"}

    def root(gid: str) -> str:
        seen = {gid}
        while gid in target and target[gid] not in seen:
            gid = target[gid]
            seen.add(gid)
        return gid

    by_root: dict[str, list[str]] = defaultdict(list)
    article_of: dict[str, str] = {}
    for g in articles:
        for gf in g.figures:
            by_root[root(gf.id)].append(gf.id)
            article_of[gf.id] = g.path
    gold = {frozenset((a, b)) for members in by_root.values() for i, a in enumerate(members) for b in members[i + 1 :]}
    shown: set[frozenset[str]] = set()
    for b in briefs:
        for q in b.quantities:
            for pos in q.positions:
                members = sorted({gold_of_claim[c] for c in pos.claim_ids if c in gold_of_claim})
                # two articles' equal figures in one position are agreement, which the
                # conflict sides score; a repeat (same_as) is within one article
                shown.update(
                    frozenset((a, c)) for i, a in enumerate(members) for c in members[i + 1 :] if article_of[a] == article_of[c]
                )
    for pair in sorted(shown - gold, key=sorted):
        errors.append(f"shown as one figure, not the same: {' = '.join(sorted(pair))}")
    for pair in sorted(gold - shown, key=sorted):
        errors.append(f"the same figure, not shown as one: {' = '.join(sorted(pair))}")
    right = len(shown & gold)
    return PRF.from_counts(gold=len(gold), predicted=len(shown), found=right, correct=right)


def _gold_field(gf: GoldFigure, name: str) -> Any:
    if name in ("span", "span_days"):
        return dict(gf.span)
    if name in ("source", "source_strict", "source_chain"):
        return [list(link) for link in gf.source] or "unattributed"
    return getattr(gf, name)


def _claim_field(c: Claim, name: str, gold_of_claim: Mapping[str, str]) -> Any:
    if name in ("span", "span_days"):
        return (c.span.kind, c.span.start and c.span.start.isoformat(), c.span.end and c.span.end.isoformat())
    if name in ("source", "source_strict", "source_chain"):
        return [f"{link.text}<{link.kind}>" for link in c.source_chain]
    if name == "relation":
        return None if c.relation is None else (c.relation.kind, gold_of_claim.get(c.relation.target, c.relation.target))
    return getattr(c, name)


def build_event_briefs(articles: Sequence[GoldFrameArticle]) -> list[EventBrief]:
    """One brief per gold event."""
    return briefs_by_group((g.event, g.article) for g in articles)


def evaluate_frames(gold_path: Path, *, root: Path, shared: Path, split: str | None = None) -> FrameScores:
    """Load a frames gold file (one split, or all), brief each event, and score the result."""
    articles, events = load_frames(gold_path, root=root, shared=shared, split=split)
    return score_frames(articles, events, build_event_briefs(articles))


def is_frames_gold(gold_path: Path) -> bool:
    """True when the gold file holds frames (``figures``), not extraction annotations."""
    try:
        data = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    return any("figures" in a for a in data.get("articles", ()))
