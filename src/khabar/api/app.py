"""The web application: REST API under ``/api``, pages for people at ``/``, one process.

Build it with :func:`create_app`; run it with :func:`khabar.api.serve` (``khabar serve``).
The OpenAPI description is at ``/openapi.json``, and the interactive docs at ``/docs``:
Swagger UI's scripts and styles come from the ``swagger-ui-bundle-v2`` wheel (the ``web``
extra) and are served by this app, so they work offline and under the pages'
Content-Security-Policy; FastAPI's own docs page loads them from a CDN, so it is off.
"""

from __future__ import annotations

import ipaddress
import json
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from khabar import __version__
from khabar.api.errors import error_body, install as install_error_handlers
from khabar.api.deps import BriefCache, close_store
from khabar.api.headers import CONTENT_SECURITY_POLICY, SECURITY_HEADERS  # noqa: F401 - part of this module's face
from khabar.api.settings import ApiSettings
from khabar.api.templates import WEB_DIR
UPLOAD_PATH = "/api/articles/upload"
#: Room for the multipart envelope (boundaries, part headers, form fields) around a file.
MULTIPART_OVERHEAD = 64 * 1024


def create_app(settings: ApiSettings | None = None) -> FastAPI:
    """A new application with its own settings, store handle, cache and rate limiter."""
    settings = settings or ApiSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        close_store(app.state)

    app = FastAPI(
        title="khabar",
        version=__version__,
        summary="Read many Arabic news reports of one event: a cited brief, who said what, conflicting figures.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = None
    app.state.brief_cache = BriefCache(settings.brief_cache_size)
    install_error_handlers(app)

    from khabar.api.routers import articles, briefs, check, ingest, pages, stories

    for module in (ingest, articles, briefs, check, stories, pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    _mount_docs(app)

    # Added last = outermost: headers go on every answer, also the 413 and 429 ones.
    app.add_middleware(BodyLimitMiddleware, settings=settings)
    app.add_middleware(
        RateLimitMiddleware, per_minute=settings.rate_limit_per_minute, loopback=settings.rate_limit_loopback
    )
    app.add_middleware(HostOriginMiddleware, allowed=settings.allowed_hosts)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


DOCS_ASSETS = "/docs/assets"


def _mount_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the packaged assets; without the package, no /docs (404)."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return
    from fastapi.responses import HTMLResponse

    from khabar.api.templates import render_page

    app.mount(DOCS_ASSETS, StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        return HTMLResponse(render_page("docs.html", lang="en", assets=DOCS_ASSETS))


# --- middleware (plain ASGI: they see every request, including ones no route matches) ----


async def _send_error(send: Send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps(error_body(status, detail), ensure_ascii=False).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].decode().lower() not in dict(SECURITY_HEADERS)]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def host_name(value: str) -> str:
    """The name in a Host header or an origin's authority, without port or IPv6 brackets."""
    value = value.strip().casefold()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value[1:]
    return value.rpartition(":")[0] if value.count(":") == 1 else value


class HostOriginMiddleware:
    """Answer only requests addressed to an allowed name (Host) and coming from no page or a
    page of an allowed name (Origin): 421 for another Host, 403 for another Origin."""

    def __init__(self, app: ASGIApp, *, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = frozenset(allowed)

    def allows(self, name: str) -> bool:
        return "*" in self.allowed or name in self.allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        host = host_name(headers.get(b"host", b"").decode("latin-1"))
        if not self.allows(host):
            await _send_error(send, 421, f"this server does not answer to the name {host[:100]!r}")
            return
        origin = headers.get(b"origin")
        if origin is not None:
            text = origin.decode("latin-1").strip()
            scheme, sep, authority = text.partition("://")
            name = host_name(authority.split("/")[0]) if sep and scheme in ("http", "https") else ""
            if not (name and self.allows(name)):
                await _send_error(send, 403, f"requests from pages of {text[:100]!r} are not accepted")
                return
        await self.app(scope, receive, send)


class BodyLimitMiddleware:
    """Refuse bodies over the limit: at once when Content-Length says so, else while reading
    (a chunked upload that lies about nothing still stops at the limit)."""

    def __init__(self, app: ASGIApp, *, settings: ApiSettings) -> None:
        self.app = app
        self.settings = settings

    def limit_for(self, path: str) -> int:
        if path == UPLOAD_PATH:
            return self.settings.max_upload_bytes + MULTIPART_OVERHEAD
        return self.settings.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > limit
            except ValueError:
                await _send_error(send, 400, "Content-Length is not a number")
                return
            if too_big:
                await _send_error(send, 413, f"request body is over the limit of {limit} bytes")
                return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # FastAPI lets an HTTPException from the body stream through as itself.
                    raise StarletteHTTPException(413, f"request body is over the limit of {limit} bytes")
            return message

        await self.app(scope, counting_receive, send)


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class RateLimitMiddleware:
    """A token bucket per client address: ``per_minute`` requests, refilled evenly.  Clients
    on this machine are not limited unless ``loopback``: they all share 127.0.0.1, and one
    looping script would lock the user's own page out.

    In memory, so per process; behind a reverse proxy every client has the proxy's address
    (limit there instead).  Static files are not counted: a page load fetches two.
    """

    def __init__(self, app: ASGIApp, *, per_minute: int, loopback: bool = False, clock=time.monotonic) -> None:
        self.app = app
        self.per_minute = per_minute
        self.loopback = loopback
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, last time)
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 when the request may go on, else the seconds until it may."""
        now = self.clock()
        rate = self.per_minute / 60.0
        with self._lock:
            tokens, last = self._buckets.get(client, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - last) * rate)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                wait = 0.0
            else:
                self._buckets[client] = (tokens, now)
                wait = (1.0 - tokens) / rate
            if len(self._buckets) > 10_000:  # forget full buckets: they are the default
                full = [c for c, (t, _) in self._buckets.items() if t >= self.per_minute - 1]
                for c in full:
                    del self._buckets[c]
        return wait

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.per_minute == 0 or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        if not self.loopback and _is_loopback(client):
            await self.app(scope, receive, send)
            return
        wait = self.take(client)
        if wait > 0:
            seconds = max(1, int(wait + 0.999))
            await _send_error(
                send,
                429,
                f"more than {self.per_minute} requests a minute from {client}; retry in {seconds} s",
                {"retry-after": str(seconds)},
            )
            return
        await self.app(scope, receive, send)
