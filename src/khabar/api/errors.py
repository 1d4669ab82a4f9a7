"""The one error shape of the API, and the handlers that turn every failure into it.

Every error answer, whatever raised it, is::

    {"error": "not_found", "status": 404, "detail": "no article with id 'abc'", "problems": []}

``error`` is a stable code a program can branch on, ``detail`` one line for a person,
``problems`` the itemized causes (one per bad record or field: ``{"source", "problem"}``).
Pages (paths outside ``/api``) get the same fields rendered as an HTML page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from khabar.api.headers import SECURITY_HEADERS
from khabar.errors import InputError, QueryError

log = logging.getLogger("khabar.api")

#: Status -> the stable code in the "error" field.
CODES: dict[int, str] = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "too_many_requests",
    500: "internal_error",
    501: "not_implemented",
}


class ApiError(Exception):
    """An error answer raised on purpose by a route."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        problems: Iterable[dict[str, str]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.problems = list(problems)
        self.headers = headers or {}


def problems_of(errors: Iterable[InputError]) -> list[dict[str, str]]:
    return [{"source": e.source, "problem": e.problem} for e in errors]


def error_body(status: int, detail: str, problems: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"error": CODES.get(status, "error"), "status": status, "detail": detail, "problems": problems or []}


def error_response(
    request: Request | None,
    status: int,
    detail: str,
    problems: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """JSON under /api (and for tools), an HTML page for the pages a person opens."""
    body = error_body(status, detail, problems)
    if request is not None and _wants_page(request):
        from khabar.api.templates import render_page  # late: pages need jinja, errors need not

        lang = request.query_params.get("lang", "ar")
        html = render_page("error.html", lang=lang if lang in ("ar", "en") else "ar", err=body)
        return HTMLResponse(html, status_code=status, headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


def _wants_page(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path.startswith("/static") or path == "/openapi.json")


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(request, exc.status, exc.detail, exc.problems, exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"no such path: {request.url.path}"
    return error_response(request, exc.status_code, detail, None, getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for e in exc.errors():
        where = ".".join(str(p) for p in e.get("loc", ()))
        problems.append({"source": where, "problem": str(e.get("msg", "invalid"))})
    names = ", ".join(p["source"] for p in problems) or "request"
    return error_response(request, 422, f"invalid request parameters: {names}", problems)


async def _query_error(request: Request, exc: Exception) -> Response:
    return error_response(request, 400, str(exc))


async def _unexpected(request: Request, exc: Exception) -> Response:
    # Starlette calls this from its outermost middleware and then re-raises, so the server
    # logs the traceback and keeps serving; the client gets the shape, never the traceback.
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(
        request, 500, "the server failed on this request; it was logged", None, dict(SECURITY_HEADERS)
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(QueryError, _query_error)
    app.add_exception_handler(Exception, _unexpected)
