"""The one view of a brief: what every rendering shows, computed here so that the text,
Markdown, CSV and HTML exports and the web page lay out the same thing.

:func:`brief_view` reads an :class:`EventBrief` only; no field is assumed filled, so a brief
whose quotes, claims or conflicts are empty gives empty lists and one whose sections are
full gives them all.  Where a citation points is the caller's: the web page links to the
article page (``/articles/ID#s-N``), a standalone file to the article's entry in its own
list (:func:`anchor_href`).  Interface words come from :mod:`khabar.present.labels`;
article text is never translated.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from khabar.model import Claim, EventBrief, FigureSpan, NumberMention, Quantity
from khabar.present.labels import category_label, group_label, labels

ENTITY_KINDS = ("person", "organisation", "place", "other")

#: ``href(article_id, sentence_index, span)``: where a citation of that sentence or span
#: points.  ``span`` is (start, end) in the article's text when the citation is narrower
#: than a sentence (a quote, a figure).
Href = Callable[[str, "int | None", "tuple[int, int] | None"], str]
#: ``page(article_id)``: the address of an article's own page, or None where there is none.
PageHref = Callable[[str], "str | None"]


def anchor_href(article_id: str, sentence_index: int | None = None, span: tuple[int, int] | None = None) -> str:
    """A standalone file's citation: the cited article's entry in the file's own list."""
    return f"#a-{article_id}"


def no_page(article_id: str) -> str | None:
    return None


def safe_url(url: str | None) -> str | None:
    """Only http(s) addresses become links: a "javascript:" url stays text."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def format_number(n: NumberMention | Claim) -> str:
    """A figure as a reader scans it: "~40,000", ">75,000", "≥23", "≤15,000", "~20–99", "60%"."""

    def fmt(x: float | None) -> str:
        if x is None:
            return "?"
        if not float(x).is_integer():
            return f"{x:,.2f}"
        return f"{x:,.0f}" if abs(x) >= 10_000 else f"{x:.0f}"  # no separator in years: 2016

    qualifier = n.qualifier if isinstance(n, Claim) else None
    marks = {"about": "~", "at_least": "≥", "more_than": ">", "up_to": "≤", "less_than": "<"}
    if qualifier in marks and n.value is not None:
        core = marks[qualifier] + fmt(n.value)
    elif n.value is not None and n.low == n.high == n.value:
        core = fmt(n.value)
    elif n.low is not None and n.high is not None:
        core = f"{fmt(n.low)}–{fmt(n.high)}"
    elif n.low is not None:
        core = f"≥{fmt(n.low)}"
    elif n.high is not None:
        core = f"≤{fmt(n.high)}"
    else:
        core = fmt(n.value)
    if n.unit == "percent":
        core += "%"
    if qualifier is not None:
        return ("~" if qualifier == "vague" else "") + core
    return ("~" if n.approximate else "") + core


def span_label(span: FigureSpan, lab: dict[str, str]) -> str | None:
    """The time a figure covers, for readers: "يوم 2023-11-12", "منذ 2023-11-10", "حتى الآن"."""
    day = span.start.isoformat() if span.start else None
    if span.kind == "day":
        return lab["span_day"].format(date=day) if day else None
    if span.kind == "since":
        return lab["span_since"].format(date=day or span.as_written or "?")
    if span.kind == "so_far":
        return lab["span_so_far"]
    if span.kind == "period":
        bounds = f"{day} – {span.end.isoformat()}" if day and span.end else None
        what = span.as_written or bounds
        if span.as_written and span.as_written.split()[0] in _TIME_PREPOSITIONS:
            return span.as_written  # "قبل الحرب" reads as written ("خلال قبل الحرب" does not)
        return lab["span_period"].format(period=what) if what else None
    return None


#: A period written with its own preposition of time is shown as written.
_TIME_PREPOSITIONS = frozenset("قبل بعد منذ خلال حتى طيلة طوال".split())


def source_label(claim: Claim, lab: dict[str, str]) -> str:
    """The source chain as a reader follows it: "اليونيسيف ← طبيب في حلب"; unattributed said so."""
    links = [link for link in claim.source_chain if link.kind != "unattributed" and link.text]
    if not links:
        return lab["unattributed"]
    return " ← ".join(link.text + (f" ({link.organisation})" if link.organisation else "") for link in links)


def cite(numbers: Any) -> str:
    """Compact citation of articles by their number in the brief: "[1,3]"."""
    return "[" + ",".join(str(n) for n in sorted({n for n in numbers if n is not None})) + "]"


@dataclass(slots=True)
class Ref:
    """How a rendering names an article: its number in the brief, outlet, date, title."""

    number: int | None
    article_id: str
    outlet: str
    known_outlet: bool
    date: str
    title: str
    url: str | None
    page: str | None = None  # the article's own page, where there is one

    def describe(self) -> str:
        return f"[{self.number}] {self.outlet} · {self.date} · {self.title}"


@dataclass(slots=True)
class BriefView:
    """Every section of a brief, ready to lay out.  Rows are plain dicts (templates read
    them by key); each section is empty when the brief has nothing for it."""

    lang: str
    lab: dict[str, str]
    refs: dict[str, Ref]
    articles: list[Ref]
    outlet_count: int
    date_range: str
    #: Articles whose outlet is not known (a file with no outlet line): not counted among the
    #: outlets, but said beside their count, so five reports from unnamed files do not read as
    #: one outlet's (the seeds: 1 outlet known, 4 articles without one).
    unknown_outlet_articles: int = 0
    schema_version: str = ""
    summary: list[dict[str, Any]] = field(default_factory=list)
    #: The source-by-fact matrix: a column per outlet, rows in groups (summary sentences,
    #: facts several articles carry, figures).
    matrix_columns: list[dict[str, Any]] = field(default_factory=list)
    matrix: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    #: Who said what: each speaker once, most widely carried first, with the spellings the
    #: outlets wrote, the titles given, and every statement (a quote fact row) with its citations.
    speakers: list[dict[str, Any]] = field(default_factory=list)
    #: Every figure, one row each (the CSV, the matrix).
    claims: list[dict[str, Any]] = field(default_factory=list)
    #: The quantities where sources disagree, then every other quantity: each once, its
    #: figures side by side by position, parts and breakdowns nested under their total.
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    timeline_svg: dict[str, Any] | None = None
    shared_passages: list[dict[str, Any]] = field(default_factory=list)
    #: Every number found, per article: [{"number", "items": [{"text", "value"}]}].
    numbers: list[dict[str, Any]] = field(default_factory=list)
    #: Where the brief sits, from the top: [{"label", "href"}], e.g. the stories, then the
    #: story (storyline, then event, when stories are split into events); empty for a brief
    #: of chosen articles.  The last level is the brief's own and has no link.
    trail: list[dict[str, Any]] = field(default_factory=list)

    @property
    def matrix_rows(self) -> list[dict[str, Any]]:
        return [row for group in self.matrix for row in group["rows"]]


def _date(d: dt.date | None, lab: dict[str, str]) -> str:
    return d.isoformat() if d else lab["unknown_date"]


def brief_view(
    brief: EventBrief,
    *,
    lang: str = "ar",
    href: Href = anchor_href,
    page: PageHref = no_page,
    trail: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
) -> BriefView:
    lab = labels(lang)
    refs: dict[str, Ref] = {}
    for i, a in enumerate(brief.articles, 1):
        refs[a.id] = Ref(
            number=i,
            article_id=a.id,
            outlet=a.outlet or lab["unknown_outlet"],
            known_outlet=bool(a.outlet) and "outlet" not in a.inferred,
            date=_date(a.published, lab) + (f" ({lab['date_from_text']})" if "published" in a.inferred else ""),
            title=a.title,
            url=safe_url(a.url),
            page=page(a.id),
        )
    dates = sorted(a.published for a in brief.articles if a.published)
    view = BriefView(
        lang=lang,
        lab=lab,
        refs=refs,
        articles=list(refs.values()),
        outlet_count=len({a.outlet for a in brief.articles if a.outlet and "outlet" not in a.inferred}),
        unknown_outlet_articles=sum(1 for a in brief.articles if not a.outlet or "outlet" in a.inferred),
        date_range=(f"{dates[0].isoformat()} – {dates[-1].isoformat()}" if len(set(dates)) > 1 else dates[0].isoformat())
        if dates
        else lab["unknown_date"],
        schema_version=brief.schema_version,
        trail=[{"label": label, "href": link} for label, link in trail],
    )

    def ref(article_id: str) -> Ref:
        return refs.get(article_id) or Ref(None, article_id, lab["unknown_outlet"], False, lab["unknown_date"], "", None)

    def citation(c) -> dict[str, Any]:
        r = ref(c.article_id)
        return {
            "number": r.number,
            "article_id": c.article_id,
            "sentence_index": c.sentence_index,
            "href": href(c.article_id, c.sentence_index, None),
            "outlet": c.outlet or r.outlet,
            "text": c.text,
            "similarity": c.similarity,
        }

    def citations(cs) -> list[dict[str, Any]]:
        seen: set[tuple[str, int]] = set()
        out = []
        for c in cs or ():
            if (c.article_id, c.sentence_index) not in seen:
                seen.add((c.article_id, c.sentence_index))
                out.append(citation(c))
        return out

    # Summary, each citation pointing at the sentence it stands for.
    for n, s in enumerate(brief.summary, 1):
        cites = citations(s.citations)
        view.summary.append(
            {
                "n": n,
                "text": s.text,
                # the event's day the sentence leaves unsaid, from another outlet's opening: its dateline
                "day": s.day.isoformat() if s.day else None,
                "href": href(s.article_id, s.sentence_index, None),
                "citations": cites,
                "cite": cite(c["number"] for c in cites),
                "outlets": list(s.outlets),
            }
        )

    # Each speaker once (the brief's grouping: spellings of one linked name are one speaker),
    # with every statement of theirs; a fact's speaker is then named as that group is.
    speaker_of = {fid: s for s in brief.speakers for fid in s.fact_ids}
    for f in brief.facts:
        cites = citations(f.citations)
        speaker = speaker_of.get(f.id)
        view.facts.append(
            {"id": f.id, "kind": f.kind, "text": f.text, "speaker": speaker.name if speaker else f.speaker,
             "citations": cites, "cite": cite(c["number"] for c in cites)}
        )
    fact_rows = {f["id"]: f for f in view.facts}
    for s in brief.speakers:
        # a speaker's statement worded alike twice in one sentence ("معربا عن ..." after two
        # verbs) is shown once, with the citations of both
        by_text: dict[str, dict[str, Any]] = {}
        for fid in s.fact_ids:
            if (f := fact_rows.get(fid)) is None:
                continue
            if (same := by_text.get(f["text"])) is None:
                by_text[f["text"]] = dict(f)
            else:
                seen = {(c["article_id"], c["sentence_index"]) for c in same["citations"]}
                same["citations"] = same["citations"] + [c for c in f["citations"] if (c["article_id"], c["sentence_index"]) not in seen]
                same["cite"] = cite(c["number"] for c in same["citations"])
        # most widely carried first, then in the order of the articles and their sentences
        statements = sorted(
            by_text.values(),
            key=lambda f: (-len({c["article_id"] for c in f["citations"]}), *_first_place(f["citations"])),
        )
        if not statements:
            continue
        numbers = [c["number"] for f in statements for c in f["citations"]]
        view.speakers.append(
            {
                "name": s.name,
                "variants": [v for v in s.variants if v != s.name],
                "roles": list(s.roles),
                "statements": statements,
                "cite": cite(numbers),
            }
        )


    # Figures: each quantity once, its positions side by side, parts and breakdowns nested
    # under their total; the flat rows (CSV, matrix) say which quantity each figure is in.
    claim_by_id = {c.id: c for c in brief.claims}
    quantity_of: dict[str, Quantity] = {}
    for q in brief.quantities:
        for cid in q.claim_ids:
            quantity_of[cid] = q

    def claim_row(c: Claim) -> dict[str, Any]:
        r = ref(c.article_id)
        q = quantity_of.get(c.id)
        return {
            "id": c.id,
            "article_id": c.article_id,
            "value": format_number(c),
            "low": c.low,
            "high": c.high,
            "approximate": c.approximate,
            "qualifier": c.qualifier,
            "unit": c.unit,
            "text": c.text,
            "category_code": c.category,
            "category": category_label(c.category, lang),
            "group_code": c.group,
            "group": group_label(c.group, lang),
            "place": c.place,
            "place_in": c.place_in,
            "span_code": c.span.kind,
            "span_start": c.span.start.isoformat() if c.span.start else None,
            "span": span_label(c.span, lab),
            "cumulative": c.cumulative,
            "source": source_label(c, lab),
            "primary_source": c.primary_source.text or None,
            "source_kind": c.primary_source.kind,
            "relation_code": c.relation.kind if c.relation else None,
            "relation_target": c.relation.target if c.relation else None,
            "date": c.date.isoformat() if c.date else None,
            "number": r.number,
            "outlet": r.outlet,
            "published": r.date,
            "href": href(c.article_id, c.sentence_index, (c.start, c.end)),
            "kind": q.kind if q is not None else None,
            "quantity": q.id if q is not None else None,
        }

    view.claims = [claim_row(c) for c in brief.claims]
    rows = {row["id"]: row for row in view.claims}
    children: dict[str, list[Quantity]] = defaultdict(list)
    for q in brief.quantities:
        if q.parent is not None:
            children[q.parent].append(q)

    def quantity_row(q: Quantity, depth: int = 0) -> dict[str, Any]:
        disputed = {i for d in q.disputes for i in d}
        positions = []
        for i, p in enumerate(q.positions):
            members = [rows[cid] for cid in p.claim_ids if cid in rows]
            if not members:
                continue
            positions.append(
                {
                    "value": members[0]["value"],
                    "sources": list(p.sources) or [lab["unattributed"]],
                    "date": p.date.isoformat() if p.date else None,
                    "disputed": i in disputed,
                    "claims": members,
                    "cite": cite(m["number"] for m in members),
                }
            )
        place = q.place + (f" ({q.place_in})" if q.place_in else "") if q.place else None
        group = group_label(q.group, lang)
        span = span_label(q.span, lab)
        category = category_label(q.category, lang)
        return {
            "id": q.id,
            "kind": q.kind,
            "kind_label": lab.get(f"kind_{q.kind}", q.kind),
            "category": category,
            "group": group,
            "place": place,
            "span": span,
            "title": " · ".join(x for x in (category, group, place, span) if x),
            "relation": q.relation,
            "relation_label": lab.get(f"relation_{q.relation}") if q.relation else None,
            "note": q.note,
            "positions": positions,
            "vague": [rows[cid] for cid in q.vague_ids if cid in rows],
            "children": [quantity_row(k, depth + 1) for k in children.get(q.id, ()) if depth < 6],
            "missing": [i for i in q.claim_ids if i not in claim_by_id],
        }

    top = [q for q in brief.quantities if q.parent is None or q.parent not in {x.id for x in brief.quantities}]
    view.conflicts = [quantity_row(q) for q in top if q.kind == "conflict"]
    view.figures = [quantity_row(q) for q in top if q.kind != "conflict"]

    _fill_matrix(view)

    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in brief.entities:
        by_kind[e.kind if e.kind in ENTITY_KINDS else "other"].append(
            {
                "name": e.name,
                "roles": list(e.roles),
                "variants": [v for v in e.variants if v != e.name],
                "mentions": len(e.mentions),
                "numbers": sorted({n for m in e.mentions if (n := ref(m.article_id).number) is not None}),
            }
        )
    view.entities = [
        {"kind": k, "label": lab.get(f"entity_{k}", k), "items": sorted(by_kind[k], key=lambda x: -x["mentions"])}
        for k in ENTITY_KINDS
        if by_kind[k]
    ]

    for t in brief.timeline:
        r = ref(t.article_id)
        view.timeline.append(
            {
                "date": t.date.isoformat(),
                "number": r.number,
                "outlet": r.outlet,
                "text": t.text,
                "expression": t.expression,
                "href": href(t.article_id, t.sentence_index, None),
            }
        )
    view.timeline_svg = timeline_svg(brief, refs, lang=lang, href=href)

    for p in brief.shared_passages:
        occ = []
        for o in p.occurrences:
            r = ref(o.article_id)
            occ.append({"number": r.number, "outlet": r.outlet, "href": href(o.article_id, None, (o.start, o.end))})
        view.shared_passages.append(
            {"text": p.text, "similarity": round(p.similarity * 100), "score": p.similarity, "occurrences": occ,
             "cite": cite(o["number"] for o in occ)}
        )

    for a in brief.articles:
        if a.numbers:
            view.numbers.append(
                {"number": refs[a.id].number, "items": [{"text": n.text, "value": format_number(n)} for n in a.numbers]}
            )
    return view


def _first_place(citations: list[dict[str, Any]]) -> tuple[int, int]:
    """Where a row is first cited: the lowest article number, then sentence."""
    return min(((c["number"] or 0, c["sentence_index"]) for c in citations), default=(0, 0))


def _fill_matrix(view: BriefView) -> None:
    """Which outlet reports what: a column per outlet (an article of unknown outlet is its
    own), a row per summary sentence, per fact carried by two articles or more, and per
    position of a quantity (a value of one thing counted, whichever articles give it)."""
    lab = view.lab
    columns: dict[str, dict[str, Any]] = {}
    for r in view.articles:
        key = r.outlet if r.known_outlet else f"#{r.article_id}"
        col = columns.setdefault(key, {"label": r.outlet if r.known_outlet else f"[{r.number}]", "title": r.outlet, "ids": []})
        col["ids"].append(r.article_id)
        col["numbers"] = [view.refs[i].number for i in col["ids"]]
        if not r.known_outlet:
            col["title"] = r.title
    view.matrix_columns = list(columns.values())

    def row(n: int, text: str, hits: list[dict[str, Any]]) -> dict[str, Any]:
        cells = [next((h for h in hits if h["article_id"] in col["ids"]), None) for col in view.matrix_columns]
        return {"n": n, "text": text, "cells": cells, "count": sum(1 for c in cells if c), "kind": None}

    summary = [row(s["n"], s["text"], s["citations"]) for s in view.summary]
    shared_facts = [f for f in view.facts if len({c["article_id"] for c in f["citations"]}) > 1]
    facts = [
        row(i, (f"{f['speaker']}: " if f["speaker"] else "") + f["text"], f["citations"])
        for i, f in enumerate(shared_facts, 1)
    ]

    def flat(quantities: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [x for q in quantities for x in (q, *flat(q["children"]))]

    figure_rows = []
    for q in flat(view.conflicts + view.figures):
        for p in q["positions"]:
            kind = "conflict" if p["disputed"] else (q["kind"] if q["kind"] != "single" else None)
            text = f"{p['value']} · {q['title']}"
            figure_rows.append({**row(len(figure_rows) + 1, text, p["claims"]), "kind": kind})
    view.matrix = [
        {"key": key, "label": lab[label], "rows": rows}
        for key, label, rows in (("summary", "summary", summary), ("facts", "facts", facts), ("figures", "claims", figure_rows))
        if rows
    ]


#: Colours of the timeline's rows: distinct on white and for the common colour blindnesses.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8a6d00", "#444444")


def timeline_svg(brief: EventBrief, refs: dict[str, Ref], *, lang: str, href: Href) -> dict[str, Any] | None:
    """Geometry of the timeline plot: a row per article, a dot per day it reports on.

    Drawn as inline SVG (no script library): x is the day, a dot's size grows with the
    number of sentences of that article about that day.
    """
    if not brief.timeline:
        return None
    lab = labels(lang)
    first = min(t.date for t in brief.timeline)
    last = max(t.date for t in brief.timeline)
    span = max((last - first).days, 1)
    order = [a.id for a in brief.articles]
    row_ids = sorted({t.article_id for t in brief.timeline}, key=lambda i: order.index(i) if i in order else len(order))
    label_w, plot_w, row_h, top, bottom = 170, 560, 26, 12, 34
    pad = 16
    width = label_w + plot_w + 2 * pad + 40  # room for the last date label
    height = top + row_h * len(row_ids) + bottom

    def x(d: dt.date) -> float:
        if last == first:
            return label_w + pad + plot_w / 2
        return label_w + pad + (d - first).days / span * plot_w

    groups: dict[tuple[str, dt.date], list] = defaultdict(list)
    for t in brief.timeline:
        groups[(t.article_id, t.date)].append(t)
    rows = []
    for i, aid in enumerate(row_ids):
        r = refs.get(aid)
        number = r.number if r else None
        outlet = r.outlet if r else lab["unknown_outlet"]
        rows.append({"y": top + row_h * i + row_h / 2, "label": f"[{number or '?'}] {outlet}", "color": PALETTE[i % len(PALETTE)]})
    dots = []
    for (aid, day), entries in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        row = row_ids.index(aid)
        dots.append(
            {
                "cx": round(x(day), 1),
                "cy": rows[row]["y"],
                "r": round(4 + 2.5 * math.sqrt(len(entries) - 1), 1),
                "color": rows[row]["color"],
                "href": href(aid, entries[0].sentence_index, None),
                "title": f"{day.isoformat()} · {rows[row]['label']} · {entries[0].text[:140]}",
            }
        )
    days = sorted({t.date for t in brief.timeline})
    step = max(1, math.ceil(len(days) / 7))  # at most ~7 tick labels
    ticks = [{"x": round(x(d), 1), "label": d.isoformat()} for d in days[::step]]
    return {"width": width, "height": height, "rows": rows, "dots": dots, "ticks": ticks,
            "axis_y": top + row_h * len(row_ids) + 4, "x0": label_w + pad - 6, "x1": label_w + pad + plot_w + 6}


# --- storylines and events (the home page and a storyline's page) -------------------------


def outlet_color(name: str | None) -> str:
    """One colour per outlet wherever it is drawn (a stable hash, not the order of a page)."""
    import zlib

    if not name:
        return "#9e9e9e"
    return PALETTE[zlib.crc32(name.encode("utf-8")) % len(PALETTE)]


def days_label(first: dt.date | None, last: dt.date | None, lab: dict[str, str]) -> str:
    """A group's span for readers: "2016-12-13", "2016-12-13 – 2016-12-15", or undated."""
    if first is None:
        return lab["undated"]
    if last is None or last == first:
        return first.isoformat()
    return f"{first.isoformat()} – {last.isoformat()}"


def coverage_bar(coverage: list[dict[str, Any]], *, lang: str, width: int = 160, height: int = 12) -> dict[str, Any]:
    """Geometry of a small stacked bar: a segment per outlet (or file name), its width by
    that outlet's share of the articles.  ``coverage``: rows of
    :func:`khabar.present.rows.coverage_rows` (most articles first)."""
    lab = labels(lang)
    total = sum(c["articles"] for c in coverage) or 1
    segments, x = [], 0.0
    for c in coverage:
        w = width * c["articles"] / total
        name = c["outlet"] or lab["unknown_outlet"]
        note = f" ({lab['from_file']})" if c.get("from_file") else ""
        segments.append(
            {"x": round(x, 1), "w": round(max(w - 1, 1), 1), "color": outlet_color(c["outlet"]),
             "title": f"{name}{note}: {c['articles']}", "name": name, "articles": c["articles"]}
        )
        x += w
    return {"width": width, "height": height, "segments": segments}


def event_rows(
    events: list[Any], coverage: dict[str, list[dict[str, Any]]], *, lang: str, brief_href: Callable[[str], str]
) -> list[dict[str, Any]]:
    """An event per row (:class:`khabar.store.StoryRow`, in time order): its span, size,
    outlets, coverage bar and the address of its brief."""
    lab = labels(lang)
    return [
        {
            "id": e.id,
            "title": e.title,
            "days": days_label(e.first_day, e.last_day, lab),
            "size": e.size,
            "outlets": e.outlets,
            "bar": coverage_bar(coverage.get(e.id, []), lang=lang, width=100, height=10),
            "href": brief_href(e.id),
        }
        for e in events
    ]


def latest_events(events: list[Any], n: int | None) -> tuple[list[Any], int]:
    """The ``n`` most recent of a storyline's ``events`` (by last day, undated ones last),
    still in their time order, and how many are left out; all of them when ``n`` is None."""
    if n is None or len(events) <= n:
        return list(events), 0

    def recency(i: int) -> tuple:
        last = events[i].last_day
        return (last is None, -(last or dt.date.min).toordinal(), -i)

    return [events[i] for i in sorted(sorted(range(len(events)), key=recency)[:n])], len(events) - n


def storyline_card(
    row: Any,
    events: list[Any],
    coverage: list[dict[str, Any]],
    *,
    lang: str,
    href: str,
    brief_href: Callable[[str], str],
    event_coverage: dict[str, list[dict[str, Any]]] | None = None,
    latest: int | None = None,
) -> dict[str, Any]:
    """A storyline (:class:`khabar.store.StorylineRow`) as the pages show it: span, size,
    events, outlets, its coverage bar and its events (each with its brief's address).

    ``latest``: show only that many events, the most recent (by last day; undated ones
    last), still in time order; ``more_events`` says how many are left out."""
    lab = labels(lang)
    events, left_out = latest_events(events, latest)
    return {
        "more_events": left_out,
        "id": row.id,
        "title": row.title,
        "href": href,
        "days": days_label(row.first_day, row.last_day, lab),
        "size": row.size,
        "event_count": row.events,
        "outlets": row.outlets,
        "bar": coverage_bar(coverage, lang=lang),
        "coverage": coverage,
        "events": event_rows(events, event_coverage or {}, lang=lang, brief_href=brief_href),
    }


def storyline_plot(events: list[Any], *, lang: str, brief_href: Callable[[str], str]) -> dict[str, Any] | None:
    """Geometry of a storyline's timeline: a row per dated event (in time order), a line
    from its first to its last day and a dot whose area grows with its articles; each
    event links to its brief.  Drawn as inline SVG by the page (no script library).
    None when no event is dated."""
    dated = [e for e in events if e.first_day is not None]
    if not dated:
        return None
    lab = labels(lang)
    first = min(e.first_day for e in dated)
    last = max(e.last_day or e.first_day for e in dated)
    span = max((last - first).days, 1)
    label_w, plot_w, row_h, top, bottom, pad = 260, 520, 28, 12, 34, 16
    width = label_w + plot_w + 2 * pad + 40
    height = top + row_h * len(dated) + bottom

    def x(d: dt.date) -> float:
        if last == first:
            return label_w + pad + plot_w / 2
        return label_w + pad + (d - first).days / span * plot_w

    biggest = max(e.size for e in dated)
    rows = []
    for i, e in enumerate(dated):
        y = top + row_h * i + row_h / 2
        end = e.last_day or e.first_day
        title = e.title if len(e.title) <= 38 else e.title[:37].rstrip() + "…"
        rows.append(
            {
                "y": y,
                "x1": round(x(e.first_day), 1),
                "x2": round(x(end), 1),
                "r": round(4 + 7 * math.sqrt((e.size - 1) / max(biggest - 1, 1)), 1),
                "label": title,
                "color": PALETTE[i % len(PALETTE)],
                "href": brief_href(e.id),
                "title": f"{days_label(e.first_day, e.last_day, lab)} · {e.size} · {e.title}",
            }
        )
    days = sorted({e.first_day for e in dated} | {e.last_day for e in dated if e.last_day})
    step = max(1, math.ceil(len(days) / 7))
    ticks = [{"x": round(x(d), 1), "label": d.isoformat()} for d in days[::step]]
    return {"width": width, "height": height, "rows": rows, "ticks": ticks,
            "axis_y": top + row_h * len(dated) + 4, "x0": label_w + pad - 6, "x1": label_w + pad + plot_w + 6,
            "undated": [e.id for e in events if e.first_day is None]}
