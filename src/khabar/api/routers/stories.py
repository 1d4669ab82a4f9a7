"""Endpoints announced in the API but not built yet: they answer 501, never a fake result."""

from __future__ import annotations

from fastapi import APIRouter

from khabar.api.errors import ApiError

router = APIRouter(prefix="/api", tags=["not built yet"])


@router.get("/stories", status_code=501, summary="Stored articles grouped into events (not built yet)")
def list_stories() -> None:
    raise ApiError(501, "story clustering is not built yet: brief chosen articles with /api/brief?ids=... or ?q=...")


