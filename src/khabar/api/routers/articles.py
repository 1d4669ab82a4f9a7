"""Reading stored articles: a page of them, one by id (with its sentences), a search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from khabar.api.deps import Limit, Offset, find_article, get_settings, get_store, search
from khabar.api.settings import ApiSettings
from khabar.present.rows import article_row, hit_row
from khabar.store import Store
from khabar.text.ar.segment import split_sentences

router = APIRouter(prefix="/api", tags=["articles"])


def next_offset(offset: int, shown: int, total: int) -> int | None:
    return offset + shown if offset + shown < total else None


@router.get("/articles", summary="Stored articles, by date, a page at a time")
def list_articles(
    store: Annotated[Store, Depends(get_store)],
    limit: Limit = 50,
    offset: Offset = 0,
    outlet: Annotated[str | None, Query(description="only this outlet")] = None,
) -> dict[str, Any]:
    rows = store.articles(limit=limit, offset=offset, outlet=outlet)
    total = dict(store.outlets()).get(outlet, 0) if outlet is not None else store.count()
    return {
        "items": [article_row(a) for a in rows],
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": next_offset(offset, len(rows), total),
    }


@router.get("/articles/{article_id}", summary="One article with its text and sentences")
def get_article(article_id: str, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    """``sentences`` carry the ``index`` that citations, quotes and claims of a brief point
    at, and their offsets into ``text`` (title, blank line, body)."""
    article = find_article(store, article_id)
    return {
        **article_row(article),
        "body": article.body,
        "text": article.text,
        "sentences": [
            {"index": s.index, "start": s.start, "end": s.end, "text": s.text, "is_title": s.is_title}
            for s in split_sentences(article)
        ],
    }


@router.get("/search", summary="Full-text search; spelling variants and clitics match")
def search_articles(
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[ApiSettings, Depends(get_settings)],
    q: Annotated[str, Query(min_length=1, max_length=500, description='words, "a phrase", word*, a OR b')],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    hits = search(store, settings, q, limit=limit + 1, offset=offset)  # one more: is there a next page?
    more = len(hits) > limit
    hits = hits[:limit]
    return {
        "query": q,
        "items": [hit_row(h) for h in hits],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + len(hits) if more else None,
    }
