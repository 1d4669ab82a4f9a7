"""What the pages show, computed in Python so templates only lay it out.

Everything here reads an :class:`EventBrief` (and the stored articles it cites, for their
text); no field is assumed filled, so a brief whose quotes, claims or conflicts are empty
renders with "none yet" lines and one whose sections are full renders them all.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from khabar.model import Article, EventBrief, Sentence
from khabar.present.labels import labels
from khabar.present.labels import category_label
from khabar.present.render import format_number  # one way to show a figure
from khabar.text.ar.segment import split_sentences

ENTITY_KINDS = ("person", "organisation", "place", "other")


# --- templates ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    from khabar.api.app import WEB_DIR

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(WEB_DIR / "templates")),
        autoescape=True,  # article text may hold <script>: it is always shown as text
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["link"] = link
    env.globals["safe_url"] = safe_url
    return env


def render_page(name: str, *, lang: str, **context: Any) -> str:
    context.setdefault("q", None)  # the search box of every page
    return _environment().get_template(name).render(
        lang=lang, dir="rtl" if lang == "ar" else "ltr", lab=labels(lang), **context
    )


def link(path: str, lang: str = "ar", fragment: str | None = None, **params: Any) -> str:
    """A page address keeping the interface language; ``None`` parameters are left out."""
    query = {k: v for k, v in params.items() if v is not None and v != [] and v != ""}
    if lang != "ar":
        query["lang"] = lang
    out = path + ("?" + urlencode(query, doseq=True) if query else "")
    return out + (f"#{fragment}" if fragment else "")


def safe_url(url: str | None) -> str | None:
    """Only http(s) addresses become links: a "javascript:" url stays text."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


# --- an article with its sentences as anchors ------------------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    marked: bool = False
    anchor: bool = False  # the first marked piece carries id="hl"


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence (``index`` set) or the text between two sentences (``index`` None)."""

    pieces: tuple[Piece, ...]
    index: int | None = None
    is_title: bool = False


@lru_cache(maxsize=512)
def sentences_of(article: Article) -> tuple[Sentence, ...]:
    return tuple(split_sentences(article))


def article_segments(article: Article, *, highlight: tuple[int, int] | None = None) -> list[Segment]:
    """The whole text, cut at sentence bounds (each sentence an anchor ``s-N``) and at the
    highlighted span, so every character is shown exactly once and in place."""
    text = article.text
    hl = highlight if highlight and 0 <= highlight[0] < highlight[1] <= len(text) else None
    anchored = False

    def pieces(start: int, end: int) -> tuple[Piece, ...]:
        nonlocal anchored
        if hl is None or hl[1] <= start or hl[0] >= end:
            return (Piece(text[start:end]),)
        a, b = max(start, hl[0]), min(end, hl[1])
        out = []
        if start < a:
            out.append(Piece(text[start:a]))
        out.append(Piece(text[a:b], marked=True, anchor=not anchored))
        anchored = True
        if b < end:
            out.append(Piece(text[b:end]))
        return tuple(out)

    segments: list[Segment] = []
    pos = 0
    for s in sentences_of(article):
        if s.start < pos:  # overlapping sentences would show text twice: skip the overlap
            continue
        if s.start > pos:
            segments.append(Segment(pieces(pos, s.start)))
        segments.append(Segment(pieces(s.start, s.end), index=s.index, is_title=s.is_title))
        pos = s.end
    if pos < len(text):
        segments.append(Segment(pieces(pos, len(text))))
    return segments


# --- the brief page --------------------------------------------------------------------


@dataclass(slots=True)
class Ref:
    """How the page names an article: its number in the brief, outlet, date, title."""

    number: int | None
    article_id: str
    outlet: str
    known_outlet: bool
    date: str
    title: str
    url: str | None


@dataclass(slots=True)
class BriefView:
    lang: str
    refs: dict[str, Ref]
    articles: list[Ref]
    outlet_count: int
    date_range: str
    summary: list[dict[str, Any]] = field(default_factory=list)
    matrix_columns: list[dict[str, Any]] = field(default_factory=list)
    matrix_rows: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    timeline_svg: dict[str, Any] | None = None
    shared_passages: list[dict[str, Any]] = field(default_factory=list)


def _date(d: dt.date | None, lab: dict[str, str]) -> str:
    return d.isoformat() if d else lab["unknown_date"]


def brief_view(brief: EventBrief, *, lang: str = "ar") -> BriefView:
    lab = labels(lang)
    refs: dict[str, Ref] = {}
    for i, a in enumerate(brief.articles, 1):
        refs[a.id] = Ref(
            number=i,
            article_id=a.id,
            outlet=a.outlet or lab["unknown_outlet"],
            known_outlet=bool(a.outlet),
            date=_date(a.published, lab),
            title=a.title,
            url=safe_url(a.url),
        )
    dates = sorted(a.published for a in brief.articles if a.published)
    view = BriefView(
        lang=lang,
        refs=refs,
        articles=list(refs.values()),
        outlet_count=len({a.outlet for a in brief.articles if a.outlet}),
        date_range=(f"{dates[0].isoformat()} – {dates[-1].isoformat()}" if len(set(dates)) > 1 else dates[0].isoformat())
        if dates
        else lab["unknown_date"],
    )

    def ref(article_id: str) -> Ref:
        return refs.get(article_id) or Ref(None, article_id, lab["unknown_outlet"], False, lab["unknown_date"], "", None)

    def href(article_id: str, sentence_index: int | None, span: tuple[int, int] | None = None) -> str:
        hl = f"{span[0]}-{span[1]}" if span else None
        fragment = f"s-{sentence_index}" if sentence_index is not None else ("hl" if span else None)
        return link(f"/articles/{article_id}", lang, fragment=fragment, hl=hl)

    # Summary, each citation a link to the sentence it stands for.
    for n, s in enumerate(brief.summary, 1):
        seen: set[tuple[str, int]] = set()
        cites = []
        for c in s.citations or ():
            key = (c.article_id, c.sentence_index)
            if key in seen:
                continue
            seen.add(key)
            r = ref(c.article_id)
            cites.append(
                {
                    "number": r.number,
                    "article_id": c.article_id,
                    "sentence_index": c.sentence_index,
                    "href": href(c.article_id, c.sentence_index),
                    "outlet": c.outlet or r.outlet,
                    "text": c.text,
                    "similarity": c.similarity,
                }
            )
        view.summary.append(
            {"n": n, "text": s.text, "href": href(s.article_id, s.sentence_index), "citations": cites, "outlets": list(s.outlets)}
        )

    # Source-by-fact matrix: a column per outlet (an article of unknown outlet is its own).
    columns: dict[str, dict[str, Any]] = {}
    for r in view.articles:
        key = r.outlet if r.known_outlet else f"#{r.article_id}"
        col = columns.setdefault(key, {"label": r.outlet if r.known_outlet else f"[{r.number}]", "title": r.outlet, "ids": []})
        col["ids"].append(r.article_id)
        col["numbers"] = [refs[i].number for i in col["ids"]]
        if not r.known_outlet:
            col["title"] = r.title
    view.matrix_columns = list(columns.values())
    for row in view.summary:
        cells = []
        for col in view.matrix_columns:
            hit = next((c for c in row["citations"] if c["article_id"] in col["ids"]), None)
            cells.append(hit)
        view.matrix_rows.append({"n": row["n"], "text": row["text"], "cells": cells, "count": sum(1 for c in cells if c)})

    for q in brief.quotes:
        r = ref(q.article_id)
        view.quotes.append(
            {
                "speaker": q.speaker,
                "role": q.role,
                "organisation": q.organisation,
                "verb": q.verb,
                "content": q.content,
                "direct": q.direct,
                "number": r.number,
                "outlet": r.outlet,
                "href": href(q.article_id, q.sentence_index, (q.start, q.end)),
            }
        )

    # Claims; those inside a disagreement are marked so the table shows them at a glance.
    claim_by_id = {c.id: c for c in brief.claims}
    kind_of: dict[str, str] = {}
    for conflict in brief.conflicts:
        for cid in conflict.claim_ids:
            if kind_of.get(cid) != "conflict":
                kind_of[cid] = conflict.kind

    def claim_row(c) -> dict[str, Any]:
        r = ref(c.article_id)
        return {
            "id": c.id,
            "value": format_number(c),
            "text": c.text,
            "category": category_label(c.category, lang),
            "subject": c.subject,
            "place": c.place,
            "source": c.source,
            "date": c.date.isoformat() if c.date else None,
            "number": r.number,
            "outlet": r.outlet,
            "published": r.date,
            "href": href(c.article_id, c.sentence_index, (c.start, c.end)),
            "kind": kind_of.get(c.id),
        }

    view.claims = [claim_row(c) for c in brief.claims]
    for conflict in brief.conflicts:
        members = [claim_row(claim_by_id[i]) for i in conflict.claim_ids if i in claim_by_id]
        view.conflicts.append(
            {
                "kind": conflict.kind,
                "kind_label": lab.get(f"kind_{conflict.kind}", conflict.kind),
                "category": category_label(conflict.category, lang),
                "subject": None,  # the subject class ("people") is internal; each card names its own
                "place": conflict.place,
                "note": conflict.note,
                "claims": members,
                "missing": [i for i in conflict.claim_ids if i not in claim_by_id],
            }
        )

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
                "href": href(t.article_id, t.sentence_index),
            }
        )
    view.timeline_svg = timeline_svg(brief, refs, lang=lang, href=href)

    for p in brief.shared_passages:
        occ = []
        for o in p.occurrences:
            r = ref(o.article_id)
            occ.append({"number": r.number, "outlet": r.outlet, "href": href(o.article_id, None, (o.start, o.end))})
        view.shared_passages.append({"text": p.text, "similarity": round(p.similarity * 100), "occurrences": occ})
    return view


#: Colours of the timeline's rows: distinct on white and for the common colour blindnesses.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8a6d00", "#444444")


def timeline_svg(brief: EventBrief, refs: dict[str, Ref], *, lang: str, href) -> dict[str, Any] | None:
    """Geometry of the timeline plot: a row per article, a dot per day it reports on.

    Drawn server-side as inline SVG (no script library): x is the day, a dot's size grows
    with the number of sentences of that article about that day.
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
                "href": href(aid, entries[0].sentence_index),
                "title": f"{day.isoformat()} · {rows[row]['label']} · {entries[0].text[:140]}",
            }
        )
    days = sorted({t.date for t in brief.timeline})
    step = max(1, math.ceil(len(days) / 7))  # at most ~7 tick labels
    ticks = [{"x": round(x(d), 1), "label": d.isoformat()} for d in days[::step]]
    return {"width": width, "height": height, "rows": rows, "dots": dots, "ticks": ticks,
            "axis_y": top + row_h * len(row_ids) + 4, "x0": label_w + pad - 6, "x1": label_w + pad + plot_w + 6}
