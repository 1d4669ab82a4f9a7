"""Check a claim against the stored reports: evidence, each article's stance, a verdict."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from khabar.api.deps import get_store
from khabar.api.errors import ApiError
from khabar.config import CheckOptions, build_options
from khabar.errors import KhabarError
from khabar.store import Store

router = APIRouter(prefix="/api", tags=["check"])


CHECK_DEFAULTS = CheckOptions()


class CheckRequest(BaseModel):
    claim: str = Field(min_length=1, max_length=2000, description="The claim to check, in Arabic.")
    max_articles: int = Field(default=CHECK_DEFAULTS.max_articles, ge=1, le=200, description="Candidate articles to judge.")
    evidence: int = Field(
        default=CHECK_DEFAULTS.evidence_per_article, ge=1, le=10, description="Evidence sentences per article."
    )
    everywhere: bool = Field(
        default=False,
        description="Search every stored story, not only the storyline of the claim's event (the stored story that "
        "speaks to it most).",
    )


@router.post("/check", summary="Check a claim against the stored reports")
def check_claim(request: CheckRequest, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    """Retrieve the articles that speak to the claim and label each one agree / disagree /
    discuss / unrelated with its evidence sentences, their sources and figures; the verdict
    counts independent outlets (copies of one wire story are one source).  The evidence comes
    from the storyline of the claim's event (the stored story that speaks to it most) unless
    ``everywhere`` is set."""
    from khabar.check import check_claim as run, result_to_dict

    if not request.claim.strip():
        raise ApiError(422, "the claim to check is empty")
    try:
        result = run(
            request.claim,
            store,
            options=build_options(CheckOptions, max_articles=request.max_articles, evidence_per_article=request.evidence),
            scope=None if request.everywhere else "event",
        )
    except KhabarError as e:
        raise ApiError(422, str(e)) from None
    return result_to_dict(result)
