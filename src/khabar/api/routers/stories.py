"""Events and storylines: stored articles grouped into events, events into storylines
(khabar.relate.stories).  ``/api/stories`` is the events' listing under its first name."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

import datetime as dt

from khabar.api.deps import Limit, Offset, get_event, get_store, get_storyline
from khabar.api.errors import ApiError
from khabar.errors import KhabarError
from khabar.present.labels import labels
from khabar.present.rows import cluster_report_row, coverage_rows, story_row, storyline_row
from khabar.store import Store, StorylineRow, StoryRow

router = APIRouter(prefix="/api", tags=["stories"])

Sort = Annotated[str, Query(pattern="^(recent|size)$", description="recent: newest last day first; size: most articles first")]
MinSize = Annotated[int, Query(ge=1, description="at least this many articles")]
MinOutlets = Annotated[int, Query(ge=1, description="reported by at least this many outlets")]
Outlet = Annotated[str | None, Query(max_length=200, description="with an article of this outlet")]
Since = Annotated[dt.date | None, Query(description="with a day on or after this date")]
Until = Annotated[dt.date | None, Query(description="with a day on or before this date")]
Lang = Annotated[str, Query(pattern="^(ar|en)$", description="language of the labels (an unknown outlet's)")]


def group_filters(
    min_size: MinSize = 1,
    min_outlets: MinOutlets = 1,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    """The filters of the storyline and event listings, as the store takes them."""
    return {"min_size": min_size, "min_outlets": min_outlets, "outlet": outlet, "since": since, "until": until}


Filters = Annotated[dict[str, Any], Depends(group_filters)]


def _labelled(coverage: list, lang: str) -> list[dict[str, Any]]:
    """Coverage rows, each with the ``label`` a reader sees: the outlet or file name, else
    "unknown outlet" in the asked language."""
    unknown = labels(lang)["unknown_outlet"]
    return [{**c, "label": c["outlet"] or unknown} for c in coverage_rows(coverage)]


def _page(items: list[dict[str, Any]], total: int, offset: int, limit: int) -> dict[str, Any]:
    return {
        "items": items,
        "total": total,
        "offset": offset,
        "limit": limit,
        "next_offset": offset + limit if offset + limit < total else None,
    }


@router.get("/storylines", summary="Storylines (chains of events), newest or biggest first, with their coverage by outlet")
def list_storylines(
    store: Annotated[Store, Depends(get_store)],
    limit: Limit = 20,
    offset: Offset = 0,
    sort: Sort = "recent",
    filters: Filters = {},  # noqa: B006 - FastAPI fills it
    lang: Lang = "ar",
) -> dict[str, Any]:
    rows = store.storylines(limit=limit, offset=offset, sort=sort, **filters)
    coverage = store.coverage([r.id for r in rows])
    items = [{**storyline_row(r), "coverage": _labelled(coverage[r.id], lang)} for r in rows]
    return _page(items, store.count_storylines(**filters), offset, limit)


@router.get("/storylines/{storyline_id}", summary="One storyline: its events in time order, its coverage by outlet")
def get_storyline_endpoint(
    row: Annotated[StorylineRow, Depends(get_storyline)],
    store: Annotated[Store, Depends(get_store)],
    lang: Lang = "ar",
) -> dict[str, Any]:
    events = store.storyline_events(row.id)
    coverage = store.coverage([e.id for e in events], of="event")
    return {
        **storyline_row(row, events),
        "coverage": _labelled(store.coverage([row.id])[row.id], lang),
        "events": [{**story_row(e), "coverage": _labelled(coverage[e.id], lang)} for e in events],
    }


@router.get("/events", summary="Events (one happening and its reports), newest or biggest first")
def list_events(
    store: Annotated[Store, Depends(get_store)],
    limit: Limit = 20,
    offset: Offset = 0,
    sort: Sort = "recent",
    filters: Filters = {},  # noqa: B006 - FastAPI fills it
) -> dict[str, Any]:
    rows = store.stories(limit=limit, offset=offset, sort=sort, **filters)
    return _page([story_row(r) for r in rows], store.count_stories(**filters), offset, limit)


@router.get("/events/{event_id}", summary="One event, the ids of its articles and its coverage by outlet")
def get_event_endpoint(
    row: Annotated[StoryRow, Depends(get_event)],
    store: Annotated[Store, Depends(get_store)],
    lang: Lang = "ar",
) -> dict[str, Any]:
    return {
        **story_row(row, [a.id for a in store.story_articles(row.id)]),
        "coverage": _labelled(store.coverage([row.id], of="event")[row.id], lang),
    }


@router.get("/stories", summary="Events, newest first (the first name of /api/events)")
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
def update_stories(
    store: Annotated[Store, Depends(get_store)],
    event_band: Annotated[
        bool | None,
        Query(description="read the event scorer's unsure comparisons again sentence by sentence; unset: as the store was grouped"),
    ] = None,
    event_e5: Annotated[
        bool | None,
        Query(description="read the band's closest calls once more with e5; unset: as the store was grouped"),
    ] = None,
    restart: Annotated[bool, Query(description="regroup every stored article (needed to change event_band or event_e5)")] = False,
) -> dict[str, Any]:
    from khabar.config import StoryOptions, build_options
    from khabar.scale.cluster import cluster_store, stored_options

    try:
        options = None
        if event_band is not None or event_e5 is not None:
            base = (None if restart else stored_options(store)) or StoryOptions()
            options = build_options(base, event_band=event_band, event_e5=event_e5)
        report = cluster_store(store, options=options, restart=restart)
    except KhabarError as e:
        raise ApiError(409, str(e)) from None
    return cluster_report_row(report)


@router.get("/stories/{story_id}", summary="One event and the ids of its articles (the first name of /api/events/{id})")
def get_story(story_id: str, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    row = store.story(story_id)
    if row is None:
        raise ApiError(404, f"no story {story_id!r}")
    return story_row(row, [a.id for a in store.story_articles(story_id)])
