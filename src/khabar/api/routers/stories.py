"""Stories: stored articles grouped into events (khabar.relate.stories)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from khabar.api.deps import get_store
from khabar.api.errors import ApiError
from khabar.errors import KhabarError
from khabar.store import Store

router = APIRouter(prefix="/api", tags=["stories"])


def story_row(row: Any, article_ids: list[str] | None = None) -> dict[str, Any]:
    out = {
        "id": row.id,
        "title": row.title,
        "size": row.size,
        "outlets": row.outlets,
        "first_day": row.first_day.isoformat() if row.first_day else None,
        "last_day": row.last_day.isoformat() if row.last_day else None,
    }
    if article_ids is not None:
        out["article_ids"] = article_ids
    return out


@router.get("/stories", summary="Stories (events), newest first")
def list_stories_endpoint(
    store: Annotated[Store, Depends(get_store)],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
    min_size: Annotated[int, Query(ge=1, description="at least this many articles")] = 2,
    min_outlets: Annotated[int, Query(ge=1, description="reported by at least this many outlets")] = 1,
) -> dict[str, Any]:

    rows = store.stories(limit=limit + 1, offset=offset, min_size=min_size, min_outlets=min_outlets)
    return {
        "items": [story_row(r) for r in rows[:limit]],
        "offset": offset,
        "limit": limit,
        "next_offset": offset + limit if len(rows) > limit else None,
    }


@router.post("/stories/update", summary="Put newly stored articles into stories (incremental)")
def update_stories(store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    from khabar.scale.cluster import cluster_store

    try:
        report = cluster_store(store)
    except KhabarError as e:
        raise ApiError(409, str(e)) from None
    return {
        "assigned": report.assigned,
        "new_stories": report.new_stories,
        "active_stories": report.active_stories,
        "skipped": [{"source": p.source, "problem": p.problem} for p in report.skipped],
        "seconds": round(report.seconds, 3),
    }


@router.get("/stories/{story_id}", summary="One story and the ids of its articles")
def get_story(story_id: str, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    row = store.story(story_id)
    if row is None:
        raise ApiError(404, f"no story {story_id!r}")
    return story_row(row, [a.id for a in store.story_articles(story_id)])
