"""The pages a person reads: the stored articles and a search, a brief, one article.

Arabic, right to left, by default; ``?lang=en`` switches the interface labels only (the
articles stay as written).  Pages are plain HTML with one stylesheet and one small script
from ``/static``: nothing loads from elsewhere.
"""

from __future__ import annotations

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
    make_brief,
    search,
)
from khabar.api.settings import ApiSettings
from khabar.api.templates import article_href, article_page_href, link, render_page
from khabar.present.article import article_segments
from khabar.present.labels import labels
from khabar.present.view import brief_view, safe_url
from khabar.store import Store

router = APIRouter(include_in_schema=False)

Lang = Annotated[str, Query(pattern="^(ar|en)$", description="interface language")]
PAGE_SIZE = 25


@router.get("/", response_class=HTMLResponse)
def home(
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[ApiSettings, Depends(get_settings)],
    lang: Lang = "ar",
    q: Annotated[str | None, Query(max_length=500)] = None,
    offset: Offset = 0,
) -> HTMLResponse:
    q = (q or "").strip() or None
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
        snippets=snippets,
        total=total,
        offset=offset,
        shown=len(rows),
        next_href=link("/", lang, q=q, offset=offset + PAGE_SIZE) if more else None,
        prev_href=link("/", lang, q=q, offset=max(0, offset - PAGE_SIZE) or None) if offset > 0 else None,
        other_lang_href=link("/", "en" if lang == "ar" else "ar", q=q, offset=offset or None),
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
    limit: Annotated[int | None, Query(ge=1)] = None,
) -> HTMLResponse:
    brief, _ = make_brief(store, build, settings, ids=ids, q=q, story=story, limit=limit)
    trail = []
    if story and (row := store.story(story.strip())) is not None:
        trail = [(labels(lang)["stories"], link("/stories", lang)), (row.title, None)]
    view = brief_view(brief, lang=lang, href=article_href(lang), page=article_page_href(lang), trail=trail)
    other = "en" if lang == "ar" else "ar"
    chosen = {"ids": ids or None, "q": q, "story": story, "limit": limit}
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


@router.get("/stories", response_class=HTMLResponse)
def stories_page(
    store: Annotated[Store, Depends(get_store)],
    lang: Lang = "ar",
    offset: Offset = 0,
) -> HTMLResponse:
    """Stories with two or more articles, newest first; each opens its brief."""

    rows = store.stories(limit=PAGE_SIZE + 1, offset=offset, min_size=2)
    shown = rows[:PAGE_SIZE]
    hrefs = {s.id: link("/brief", lang, story=s.id) for s in shown}
    html = render_page(
        "stories.html",
        lang=lang,
        rows=shown,
        hrefs=hrefs,
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
        url=safe_url(article.url),
        segments=article_segments(article, highlight=span),  # type: ignore[arg-type]
        other_lang_href=link(f"/articles/{article_id}", "en" if lang == "ar" else "ar", hl=hl),
    )
    return HTMLResponse(html)
