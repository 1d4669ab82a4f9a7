"""The pages a person reads: the storylines and their events, a storyline, the stored
articles and a search, a brief, one article.

Arabic, right to left, by default; ``?lang=en`` switches the interface labels only (the
articles stay as written).  Pages are plain HTML with one stylesheet and one small script
from ``/static``: nothing loads from elsewhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse

from khabar.api.deps import (
    BriefBuilder,
    Offset,
    find_article,
    get_brief_builder,
    get_settings,
    get_store,
    get_storyline,
    make_brief,
    search,
)
from khabar.api.errors import ApiError
from khabar.api.settings import ApiSettings
from khabar.api.templates import article_href, article_page_href, link, render_page
from khabar.present.article import article_segments
from khabar.present.labels import labels
from khabar.present.rows import coverage_rows, outlet_name
from khabar.present.view import brief_view, safe_url, storyline_card, storyline_plot
from khabar.store import Store, StorylineRow

router = APIRouter(include_in_schema=False)

Lang = Annotated[str, Query(pattern="^(ar|en)$", description="interface language")]
PAGE_SIZE = 25


Day = Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="YYYY-MM-DD (empty: none)")]
Count = Annotated[str | None, Query(pattern=r"^\d{0,6}$", description="a whole number (empty: none)")]
Sort = Annotated[str, Query(pattern="^(recent|size)$", description="recent: newest first; size: biggest first")]
#: Events shown under a storyline on the home page, the latest (all are on its own page).
EVENTS_SHOWN = 4


def _day(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(422, f"{name}={value!r} is not a date") from None


@router.get("/", response_class=HTMLResponse)
def home(
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[ApiSettings, Depends(get_settings)],
    lang: Lang = "ar",
    q: Annotated[str | None, Query(max_length=500)] = None,
    offset: Offset = 0,
    sort: Sort = "recent",
    since: Day = None,
    until: Day = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    min_size: Count = None,
) -> HTMLResponse:
    """The storylines of the store with their events (newest or biggest first, filtered by
    days, outlet and size); a search lists the matching articles; a store not grouped yet
    lists its articles."""
    q = (q or "").strip() or None
    if q or not store.count_storylines():
        return _articles_page(store, settings, lang=lang, q=q, offset=offset, path="/")
    chosen = {"sort": sort if sort != "recent" else None, "since": since or None, "until": until or None,
              "outlet": outlet or None, "min_size": min_size or None}
    filters = {"since": _day(since, "since"), "until": _day(until, "until"), "outlet": outlet or None,
               "min_size": max(1, int(min_size or 1))}
    rows = store.storylines(limit=PAGE_SIZE, offset=offset, sort=sort, **filters)
    total = store.count_storylines(**filters)
    coverage = store.coverage([r.id for r in rows])
    brief_href = lambda event_id: link("/brief", lang, event=event_id)  # noqa: E731
    cards = []
    for r in rows:
        cards.append(storyline_card(
            r, store.storyline_events(r.id), coverage_rows(coverage[r.id]), lang=lang,
            href=link(f"/storylines/{r.id}", lang), brief_href=brief_href, latest=EVENTS_SHOWN,
        ))
    html = render_page(
        "home.html",
        lang=lang,
        cards=cards,
        total=total,
        offset=offset,
        chosen=chosen,
        outlets=[name for name, _ in store.outlets()],
        next_href=link("/", lang, offset=offset + PAGE_SIZE, **chosen) if offset + PAGE_SIZE < total else None,
        prev_href=link("/", lang, offset=max(0, offset - PAGE_SIZE) or None, **chosen) if offset > 0 else None,
        other_lang_href=link("/", "en" if lang == "ar" else "ar", offset=offset or None, **chosen),
    )
    return HTMLResponse(html)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[ApiSettings, Depends(get_settings)],
    lang: Lang = "ar",
    q: Annotated[str | None, Query(max_length=500)] = None,
    offset: Offset = 0,
) -> HTMLResponse:
    """The stored articles (or those matching a search), to choose some and brief them."""
    return _articles_page(store, settings, lang=lang, q=(q or "").strip() or None, offset=offset, path="/articles")


def _articles_page(store: Store, settings: ApiSettings, *, lang: str, q: str | None, offset: int, path: str) -> HTMLResponse:
    if q:
        hits = search(store, settings, q, limit=PAGE_SIZE + 1, offset=offset)
        rows = [h.article for h in hits[:PAGE_SIZE]]
        snippets = {h.article.id: h.snippet for h in hits[:PAGE_SIZE]}
        more = len(hits) > PAGE_SIZE
        total = None
    else:
        rows = store.articles(limit=PAGE_SIZE, offset=offset)
        snippets = {}
        total = store.count()
        more = offset + len(rows) < total
    html = render_page(
        "index.html",
        lang=lang,
        q=q,
        rows=rows,
        outlets={a.id: outlet_name(a.outlet, a.source) for a in rows},
        snippets=snippets,
        total=total,
        offset=offset,
        shown=len(rows),
        grouped=path != "/" or bool(q),
        next_href=link(path, lang, q=q, offset=offset + PAGE_SIZE) if more else None,
        prev_href=link(path, lang, q=q, offset=max(0, offset - PAGE_SIZE) or None) if offset > 0 else None,
        other_lang_href=link(path, "en" if lang == "ar" else "ar", q=q, offset=offset or None),
    )
    return HTMLResponse(html)


@router.get("/storylines/{storyline_id}", response_class=HTMLResponse)
def storyline_page(
    row: Annotated[StorylineRow, Depends(get_storyline)],
    store: Annotated[Store, Depends(get_store)],
    lang: Lang = "ar",
) -> HTMLResponse:
    """A storyline: its events on a timeline plot (SVG) and in a table, each opening its
    brief, and the brief of the whole storyline."""
    events = store.storyline_events(row.id)
    brief_href = lambda event_id: link("/brief", lang, event=event_id)  # noqa: E731
    event_coverage = {k: coverage_rows(v) for k, v in store.coverage([e.id for e in events], of="event").items()}
    card = storyline_card(
        row, events, coverage_rows(store.coverage([row.id])[row.id]), lang=lang,
        href=link(f"/storylines/{row.id}", lang), brief_href=brief_href, event_coverage=event_coverage,
    )
    html = render_page(
        "storyline.html",
        lang=lang,
        card=card,
        plot=storyline_plot(events, lang=lang, brief_href=brief_href),
        brief_href=link("/brief", lang, story=row.id),
        trail=[(labels(lang)["storylines"], link("/", lang)), (row.title, None)],
        other_lang_href=link(f"/storylines/{row.id}", "en" if lang == "ar" else "ar"),
    )
    return HTMLResponse(html)


@router.get("/brief", response_class=HTMLResponse)
def brief_page(
    store: Annotated[Store, Depends(get_store)],
    build: Annotated[BriefBuilder, Depends(get_brief_builder)],
    settings: Annotated[ApiSettings, Depends(get_settings)],
    lang: Lang = "ar",
    ids: Annotated[list[str], Query()] = [],  # noqa: B006
    q: Annotated[str | None, Query(max_length=500)] = None,
    story: Annotated[str | None, Query(max_length=100)] = None,
    event: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int | None, Query(ge=1)] = None,
) -> HTMLResponse:
    brief, _ = make_brief(store, build, settings, ids=ids, q=q, story=story, event=event, limit=limit)
    view = brief_view(
        brief, lang=lang, href=article_href(lang), page=article_page_href(lang),
        trail=_trail(store, lang, story=(story or "").strip(), event=(event or "").strip()),
    )
    other = "en" if lang == "ar" else "ar"
    chosen = {"ids": ids or None, "q": q, "story": story, "event": event, "limit": limit}
    html = render_page(
        "brief.html",
        lang=lang,
        view=view,
        q=(q or "").strip() or None,
        exports=[
            (name, link("/api/brief", "ar" if fmt == "json" else lang, **chosen, format=None if fmt == "json" else fmt))
            for name, fmt in (("JSON", "json"), ("Markdown", "markdown"), ("HTML", "html"), ("CSV", "csv"))
        ],
        other_lang_href=link("/brief", other, **chosen),
    )
    return HTMLResponse(html)


def _trail(store: Store, lang: str, *, story: str, event: str) -> list[tuple[str, str | None]]:
    """Where a brief of a storyline or an event sits: storylines › storyline › event."""
    top = (labels(lang)["storylines"], link("/", lang))
    line = store.storyline(story or store.storyline_of(event) or "") if story or event else None
    if line is None:
        row = store.story(story) if story else None  # an event named as before storylines
        return [top, (row.title, None)] if row else []
    if story:
        return [top, (line.title, None)]
    row = store.story(event)
    return [top, (line.title, link(f"/storylines/{line.id}", lang)), (row.title if row else event, None)]


@router.get("/stories", response_class=HTMLResponse)
def stories_page(
    store: Annotated[Store, Depends(get_store)],
    lang: Lang = "ar",
    offset: Offset = 0,
) -> HTMLResponse:
    """Every event, newest first (undated last); each opens its brief, and its storyline."""

    rows = store.stories(limit=PAGE_SIZE + 1, offset=offset)
    shown = rows[:PAGE_SIZE]
    hrefs = {s.id: link("/brief", lang, event=s.id) for s in shown}
    html = render_page(
        "stories.html",
        lang=lang,
        rows=shown,
        hrefs=hrefs,
        lines={s.id: link(f"/storylines/{s.storyline}", lang) for s in shown},
        prev_href=link("/stories", lang, offset=max(0, offset - PAGE_SIZE)) if offset else None,
        next_href=link("/stories", lang, offset=offset + PAGE_SIZE) if len(rows) > PAGE_SIZE else None,
        other_lang_href=link("/stories", "en" if lang == "ar" else "ar", offset=offset or None),
    )
    return HTMLResponse(html)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    article_id: str,
    store: Annotated[Store, Depends(get_store)],
    lang: Lang = "ar",
    hl: Annotated[str | None, Query(pattern=r"^\d{1,9}-\d{1,9}$", description="start-end span to mark")] = None,
) -> HTMLResponse:
    article = find_article(store, article_id)
    span = tuple(int(x) for x in hl.split("-")) if hl else None
    html = render_page(
        "article.html",
        lang=lang,
        article=article,
        outlet=outlet_name(article.outlet, article.source),
        url=safe_url(article.url),
        segments=article_segments(article, highlight=span),  # type: ignore[arg-type]
        other_lang_href=link(f"/articles/{article_id}", "en" if lang == "ar" else "ar", hl=hl),
    )
    return HTMLResponse(html)
