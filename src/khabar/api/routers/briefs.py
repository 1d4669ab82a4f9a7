"""The event brief of chosen articles (by id) or of a search, as the documented JSON."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from khabar.api.deps import BriefBuilder, get_brief_builder, get_settings, get_store, split_ids
from khabar.api.errors import ApiError
from khabar.api.settings import ApiSettings
from khabar.config import SUMMARY_ALGORITHMS, BriefOptions
from khabar.errors import OptionsError
from khabar.model import Article, EventBrief
from khabar.store import Store

router = APIRouter(prefix="/api", tags=["briefs"])

Ids = Annotated[list[str], Query(description="article ids; repeat the parameter or separate with commas")]
Q = Annotated[str | None, Query(max_length=500, description="brief the articles matching this search")]


def select_articles(
    store: Store, *, ids: list[str], q: str | None, limit: int | None, settings: ApiSettings
) -> list[Article]:
    """The articles a brief request names: by id (all must exist) or by search."""
    ids = split_ids(ids)
    q = (q or "").strip() or None
    if ids and q:
        raise ApiError(400, "give ids or q, not both")
    if not ids and not q:
        raise ApiError(400, "say what to brief: ids=<id>,<id>... or q=<search words>")
    cap = settings.max_brief_articles
    if limit is not None and limit > cap:
        raise ApiError(422, f"limit {limit} is over this server's maximum of {cap} articles per brief")
    if ids:
        if len(ids) > cap:
            raise ApiError(422, f"{len(ids)} ids is over this server's maximum of {cap} articles per brief")
        found = [store.get(i) for i in ids]
        missing = [i for i, a in zip(ids, found) if a is None]
        if missing:
            raise ApiError(
                404,
                f"{len(missing)} of the ids are not stored",
                problems=[{"source": i, "problem": "no stored article with this id"} for i in missing],
            )
        return [a for a in found if a is not None]
    hits = store.search(q or "", limit=limit or cap)
    if not hits:
        raise ApiError(404, f"no stored article matches {q!r}")
    return [h.article for h in hits]


def brief_options(length: int | None, algorithm: str | None) -> BriefOptions:
    defaults = BriefOptions()
    try:
        return BriefOptions(
            length_words=length if length is not None else defaults.length_words,
            algorithm=algorithm or defaults.algorithm,
        )
    except OptionsError as e:
        raise ApiError(422, str(e)) from None


def make_brief(
    store: Store,
    build: BriefBuilder,
    settings: ApiSettings,
    *,
    ids: list[str],
    q: str | None,
    limit: int | None,
    length: int | None = None,
    algorithm: str | None = None,
) -> tuple[EventBrief, list[Article]]:
    options = brief_options(length, algorithm)
    articles = select_articles(store, ids=ids, q=q, limit=limit, settings=settings)
    return build(articles, options), articles


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
    limit: Annotated[int | None, Query(ge=1, description="with q: at most this many articles")] = None,
    length: Annotated[int | None, Query(ge=1, le=2000, description="summary length in words")] = None,
    algorithm: Annotated[str | None, Query(description=f"one of {', '.join(SUMMARY_ALGORITHMS)}")] = None,
) -> Response:
    brief, _ = make_brief(store, build, settings, ids=ids, q=q, limit=limit, length=length, algorithm=algorithm)
    # Serialized here, not by FastAPI's generic encoder: the brief is already plain JSON
    # types, and the encoder's walk was most of the time of a cached answer.
    return Response(brief_json(brief), media_type="application/json")


def brief_json(brief: EventBrief) -> bytes:
    return json.dumps(brief.to_dict(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
