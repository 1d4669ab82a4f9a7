"""Stories: stored articles grouped into events (khabar.relate.stories)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from khabar.api.deps import Limit, Offset, get_store
from khabar.api.errors import ApiError
from khabar.errors import KhabarError
from khabar.present.rows import cluster_report_row, story_row
from khabar.store import Store

router = APIRouter(prefix="/api", tags=["stories"])


@router.get("/stories", summary="Stories (events), newest first")
def list_stories_endpoint(
    store: Annotated[Store, Depends(get_store)],
    limit: Limit = 20,
    offset: Offset = 0,
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
    return cluster_report_row(report)


@router.get("/stories/{story_id}", summary="One story and the ids of its articles")
def get_story(story_id: str, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    row = store.story(story_id)
    if row is None:
        raise ApiError(404, f"no story {story_id!r}")
    return story_row(row, [a.id for a in store.story_articles(story_id)])
