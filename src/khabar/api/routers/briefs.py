"""The event brief of chosen articles (by id) or of a search, as the documented JSON."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from khabar.api.deps import BriefBuilder, get_brief_builder, get_settings, get_store, make_brief
from khabar.api.settings import ApiSettings
from khabar.config import SUMMARY_ALGORITHMS
from khabar.model import EventBrief
from khabar.present.render import FORMATS, render
from khabar.store import Store

router = APIRouter(prefix="/api", tags=["briefs"])

Ids = Annotated[list[str], Query(description="article ids; repeat the parameter or separate with commas")]
Q = Annotated[str | None, Query(max_length=500, description="brief the articles matching this search")]
Story = Annotated[
    str | None, Query(max_length=100, description="brief the articles of this storyline, all its events (see /api/storylines)")
]
Event = Annotated[str | None, Query(max_length=100, description="brief the articles of this event (see /api/events)")]


@router.get(
    "/brief",
    summary="The event brief (documented JSON schema, docs/brief-schema.md)",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}, "description": "an EventBrief"}},
)
def get_brief(
    store: Annotated[Store, Depends(get_store)],
    build: Annotated[BriefBuilder, Depends(get_brief_builder)],
    settings: Annotated[ApiSettings, Depends(get_settings)],
    ids: Ids = [],  # noqa: B006 - FastAPI copies defaults
    q: Q = None,
    story: Story = None,
    event: Event = None,
    limit: Annotated[int | None, Query(ge=1, description="with q, story or event: at most this many articles")] = None,
    length: Annotated[int | None, Query(ge=1, le=2000, description="summary length in words")] = None,
    algorithm: Annotated[str | None, Query(description=f"one of {', '.join(SUMMARY_ALGORITHMS)}")] = None,
    format: Annotated[
        str, Query(pattern=f"^({'|'.join(FORMATS)})$", description="; ".join(f"{k}: {v}" for k, v in FORMATS.items()))
    ] = "json",
    lang: Annotated[str, Query(pattern="^(ar|en)$", description="interface language of the other formats")] = "ar",
) -> Response:
    brief, _ = make_brief(
        store, build, settings, ids=ids, q=q, story=story, event=event, limit=limit, length=length, algorithm=algorithm
    )
    if format != "json":  # an export, from the one view of a brief (khabar.present)
        media, suffix = EXPORT_TYPES[format]
        return Response(
            render(brief, format, lang=lang),
            media_type=media,
            headers={"content-disposition": f'attachment; filename="brief.{suffix}"'},
        )
    # Serialized here, not by FastAPI's generic encoder: the brief is already plain JSON
    # types, and the encoder's walk was most of the time of a cached answer.
    return Response(brief_json(brief), media_type="application/json")


#: Media type and file suffix of each export but JSON.
EXPORT_TYPES = {
    "text": ("text/plain; charset=utf-8", "txt"),
    "markdown": ("text/markdown; charset=utf-8", "md"),
    "html": ("text/html; charset=utf-8", "html"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}


def brief_json(brief: EventBrief) -> bytes:
    return json.dumps(brief.to_dict(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
