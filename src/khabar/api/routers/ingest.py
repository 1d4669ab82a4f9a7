"""Adding articles: a JSON body, or a file upload read by :mod:`khabar.ingest`.

The rules of what an article is (text present, long enough, Arabic) live in
``khabar.ingest`` alone; these routes only translate its :class:`InputError`\\ s.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from pydantic import BaseModel

from khabar.api.deps import get_settings, get_store
from khabar.api.errors import ApiError, problems_of
from khabar.api.settings import ApiSettings
from khabar.config import ReadOptions
from khabar.errors import InputError, InputWarning, OptionsError
from khabar.ingest import EXTENSIONS, FORMATS, read_path
from khabar.ingest.jsonrecords import TOO_DEEP, read_document
from khabar.ingest.notices import with_warnings
from khabar.model import Article
from khabar.store import Store

router = APIRouter(prefix="/api/articles", tags=["ingest"])

#: Label of the request body in error sources: "body#2" is the third record of a list.
BODY_SOURCE = "body"


class AddedOut(BaseModel):
    ids: list[str]
    added: int
    existing: int
    failed: list[dict[str, str]] = []
    #: Problems with inputs that were stored all the same (a date left out, bytes replaced).
    warnings: list[dict[str, str]] = []


_ARTICLE_SCHEMA = {
    "type": "object",
    "required": ["body"],
    "properties": {
        "title": {"type": "string", "description": "without it, the first line of the body"},
        "body": {"type": "string"},
        "outlet": {"type": "string"},
        "url": {"type": "string"},
        "published": {"type": "string", "description": "a date: 2016-12-13, 13/12/2016, 13 كانون الأول 2016"},
    },
}


@router.post(
    "",
    status_code=201,
    response_model=AddedOut,
    summary="Store one article or a list of articles (JSON)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"oneOf": [_ARTICLE_SCHEMA, {"type": "array", "items": _ARTICLE_SCHEMA}]}}
            },
        }
    },
)
async def add_articles(request: Request, store: Store = Depends(get_store)) -> AddedOut:
    """All or nothing: when any record is not an article (no body, too short, not Arabic)
    the answer is 422 listing every bad record, and nothing is stored.  An article already
    stored counts as ``existing``."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().casefold()
    if media_type != "application/json" and not media_type.endswith("+json"):
        # A page on another site can post text/plain or a form here without asking first
        # (no CORS preflight); JSON it cannot.
        raise ApiError(415, f"send the articles as JSON (Content-Type: application/json), not {media_type or 'no type'}")
    raw = await request.body()
    if not raw.strip():
        raise ApiError(400, "empty request body: send a JSON article object or a list of them")
    try:
        data: Any = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ApiError(400, f"malformed JSON: {e}") from None
    except RecursionError:
        raise ApiError(400, f"malformed JSON: {TOO_DEEP}") from None
    articles, failures, warnings = _split(with_warnings(read_document(data, source=BODY_SOURCE, options=ReadOptions())))
    if failures:
        raise ApiError(422, f"{len(failures)} record(s) are not articles; nothing was stored", problems=problems_of(failures))
    result = store.add(articles)
    return AddedOut(ids=list(result.ids), added=result.added, existing=result.existing, warnings=problems_of(warnings))


def _split(results) -> tuple[list[Article], list[InputError], list[InputWarning]]:
    articles: list[Article] = []
    failures: list[InputError] = []
    warnings: list[InputWarning] = []
    for r in results:
        if isinstance(r, InputWarning):
            warnings.append(r)
        elif isinstance(r, InputError):
            failures.append(r)
        else:
            articles.append(r)
    return articles, failures, warnings


def safe_filename(name: str | None) -> str:
    """A display name for an uploaded file: its last path part, plain characters only.

    Never used as a path: the upload is written under a fixed name in a new temporary
    directory; only the extension, when khabar knows it, is kept to pick the reader.
    """
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^\w.\- ]", "_", base).strip(" .")[:100]
    return base or "upload"


def _known_suffix(name: str) -> str:
    suffix = Path(name).suffix.casefold()
    return suffix if suffix in EXTENSIONS else ""


@router.post("/upload", status_code=201, response_model=AddedOut, summary="Store the articles of an uploaded file")
async def upload_articles(
    file: Annotated[UploadFile, File(description="text, JSON, JSON Lines, HTML, RSS/Atom feed or TREC file")],
    outlet: Annotated[str | None, Form(description="the outlet of every article in the file")] = None,
    format: Annotated[str | None, Form(description=f"force a reader: {', '.join(FORMATS)}")] = None,
    store: Store = Depends(get_store),
    settings: ApiSettings = Depends(get_settings),
) -> AddedOut:
    """Read like ``khabar ingest``: the format from the extension or the content.  The good
    articles are stored and the bad ones listed in ``failed`` (a feed with one broken entry
    still adds the rest); a file with no article at all is 422."""
    name = safe_filename(file.filename)
    try:
        options = ReadOptions(outlet=outlet or None, format=format or None, max_bytes=settings.max_upload_bytes)
    except OptionsError as e:
        raise ApiError(422, str(e)) from None
    with tempfile.TemporaryDirectory(prefix="khabar-upload-") as tmp:
        path = Path(tmp) / f"upload{_known_suffix(name)}"
        size = 0
        with path.open("wb") as out:
            while chunk := await file.read(1 << 16):
                size += len(chunk)
                if size > settings.max_upload_bytes:
                    raise ApiError(413, f"{name}: the file is over the upload limit of {settings.max_upload_bytes} bytes")
                out.write(chunk)
        if size == 0:
            raise ApiError(422, f"{name}: the file is empty")
        try:
            articles, failures, warnings = _split(read_path(path, options=options))
        except OptionsError as e:
            raise ApiError(422, str(e)) from None
    # Error sources name the temporary file: show the name the user knows instead.
    failed = [{"source": f.source.replace(str(path), name), "problem": f.problem} for f in failures]
    warned = [{"source": w.source.replace(str(path), name), "problem": w.problem} for w in warnings]
    articles = [_renamed(a, path, name) for a in articles]
    if not articles:
        raise ApiError(422, f"{name}: no article could be read", problems=failed)
    result = store.add(articles)
    return AddedOut(ids=list(result.ids), added=result.added, existing=result.existing, failed=failed, warnings=warned)


def _renamed(article: Article, temp_path: Path, name: str) -> Article:
    import dataclasses

    return dataclasses.replace(article, source=(article.source or str(temp_path)).replace(str(temp_path), name))
