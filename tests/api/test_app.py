from __future__ import annotations

import dataclasses
import re

import pytest
from fastapi.testclient import TestClient

from khabar.api import ApiSettings, create_app
from khabar.api.app import CONTENT_SECURITY_POLICY, RateLimitMiddleware
from khabar.api.deps import BriefCache, get_brief_builder, get_store
from khabar.errors import OptionsError

from khabar_testdata import LOCAL


def test_openapi_lists_every_api_path(client):
    paths = client.get("/openapi.json").json()["paths"]
    expected = {"/api/articles", "/api/articles/upload", "/api/articles/{article_id}", "/api/search",
                "/api/brief", "/api/stories", "/api/check"}
    assert expected <= set(paths)
    assert "post" in paths["/api/articles"] and "get" in paths["/api/articles"]
    assert not any(p.startswith("/brief") for p in paths)  # pages are not API


def test_docs_are_served_from_the_package_not_a_cdn(client):
    # FastAPI's own /docs and /redoc load scripts from a CDN; the CSP and offline use forbid it.
    assert client.get("/redoc").status_code == 404
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") or s.startswith("data:") for s in sources)  # nothing from elsewhere
    for asset in (s for s in sources if s.startswith("/")):
        assert client.get(asset).status_code == 200, asset


def test_without_the_swagger_package_there_is_no_docs_page(settings, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "swagger_ui_bundle", None)
    with TestClient(create_app(settings), base_url=LOCAL) as c:
        assert c.get("/docs").status_code == 404


def test_security_headers_on_answers_and_errors(client):
    for r in (client.get("/api/articles"), client.get("/api/articles/nope"), client.get("/")):
        assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert r.headers["x-content-type-options"] == "nosniff"


def test_unknown_path_is_404_shape(client, error_shape):
    assert "/api/nothing" in error_shape(client.get("/api/nothing"), 404)["detail"]


def test_wrong_method_is_405_shape(client, error_shape):
    error_shape(client.delete("/api/articles"), 405)


def test_unknown_story_is_404_shape(client, error_shape):
    error_shape(client.get("/api/stories/s-nothing"), 404)


def test_failure_inside_a_request_is_500_shape_and_server_goes_on(app, two_articles, error_shape):
    def broken():
        raise RuntimeError("boom")

    app.dependency_overrides[get_brief_builder] = broken
    with TestClient(app, raise_server_exceptions=False, base_url=LOCAL) as c:
        body = error_shape(c.get("/api/brief", params={"q": "قافلة"}), 500)
        assert "boom" not in body["detail"]  # no internals leak
        assert c.get("/api/articles").status_code == 200


def test_rate_limit_answers_429_with_retry_after(tmp_path, store, error_shape):
    app = create_app(ApiSettings(db_path=tmp_path / "r.sqlite3", rate_limit_per_minute=3))
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app, base_url=LOCAL) as c:
        codes = [c.get("/api/articles").status_code for _ in range(3)]
        assert codes == [200, 200, 200]
        r = c.get("/api/articles")
        error_shape(r, 429)
        assert int(r.headers["retry-after"]) >= 1
        assert c.get("/static/app.css").status_code == 200  # static files are not counted


def test_rate_limit_refills_over_time():
    now = [0.0]
    limiter = RateLimitMiddleware(None, per_minute=60, clock=lambda: now[0])
    for _ in range(60):
        assert limiter.take("a") == 0
    assert limiter.take("a") > 0
    assert limiter.take("b") == 0  # per client
    now[0] += 1.0  # one request a second comes back
    assert limiter.take("a") == 0


def test_brief_cache_builds_each_selection_once():
    calls = []

    def build(articles, options):
        calls.append(options)
        return object()

    from khabar.config import BriefOptions
    from khabar.model import Article

    a = [Article.create(title="عنوان", body="نص")]
    cache = BriefCache(4)
    assert cache.get_or_build(a, BriefOptions(), build) is cache.get_or_build(a, BriefOptions(), build)
    cache.get_or_build(a, BriefOptions(length_words=50), build)
    assert len(calls) == 2


def test_brief_cache_of_size_zero_always_builds():
    calls = []
    from khabar.config import BriefOptions

    cache = BriefCache(0)
    for _ in range(2):
        cache.get_or_build([], BriefOptions(), lambda arts, o: calls.append(1))
    assert len(calls) == 2


@pytest.mark.parametrize("field", ["max_body_bytes", "max_upload_bytes", "rate_limit_per_minute", "brief_cache_size"])
def test_settings_refuse_negative_limits(field):
    with pytest.raises(OptionsError, match=field):
        dataclasses.replace(ApiSettings(), **{field: -1})


def test_default_store_comes_from_settings(tmp_path):
    app = create_app(ApiSettings(db_path=tmp_path / "own.sqlite3", rate_limit_per_minute=0))
    with TestClient(app, base_url=LOCAL) as c:
        assert c.get("/api/articles").json()["total"] == 0
    assert (tmp_path / "own.sqlite3").exists()


# --- a local server answers local pages only (DNS rebinding, cross-site writes) ------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example"])
def test_a_request_to_another_name_is_refused(client, error_shape, host):
    body = error_shape(client.get("/api/articles", headers={"host": host}), 421)
    assert "does not answer" in body["detail"]


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:80", "[::1]:8000"])
def test_local_names_are_answered(client, host):
    assert client.get("/api/articles", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "file://", "http://localhost.evil.example:8000"])
def test_a_write_from_another_page_is_refused(client, store, error_shape, record, texts, origin):
    r = client.post("/api/articles", json=record(texts["title"], texts["body"]), headers={"origin": origin})
    error_shape(r, 403)
    assert store.count() == 0


def test_a_write_from_the_page_itself_is_taken(client, store, record, texts):
    r = client.post("/api/articles", json=record(texts["title"], texts["body"]), headers={"origin": "http://127.0.0.1:8000"})
    assert r.status_code in (200, 201) and store.count() == 1


def test_any_name_is_answered_when_allowed(tmp_path, store):
    app = create_app(ApiSettings(db_path=tmp_path / "h.sqlite3", allowed_hosts=("*",), rate_limit_per_minute=0))
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app, base_url="http://news.example") as c:
        assert c.get("/api/articles").status_code == 200


def test_settings_refuse_no_allowed_host():
    with pytest.raises(OptionsError, match="allowed_hosts"):
        ApiSettings(allowed_hosts=())


@pytest.mark.parametrize("path", ["/", "/api/articles", "/api/search?q=قافلة", "/api/stories", "/stories"])
def test_an_offset_past_what_sqlite_counts_is_a_4xx(client, path):
    sep = "&" if "?" in path else "?"
    r = client.get(f"{path}{sep}offset={2**63}")
    assert 400 <= r.status_code < 500, (path, r.status_code)


def test_local_clients_are_not_rate_limited_by_default():
    limiter = RateLimitMiddleware(None, per_minute=1)
    assert limiter.take("127.0.0.1") == 0 and limiter.take("127.0.0.1") > 0  # take() itself counts
    calls = []

    async def app(scope, receive, send):
        calls.append(scope["client"][0])

    import asyncio

    for loopback, expected in ((False, 5), (True, 1)):
        calls.clear()
        limited = RateLimitMiddleware(app, per_minute=1, loopback=loopback)

        async def five():
            async def send(message):
                pass

            for _ in range(5):
                await limited({"type": "http", "path": "/api/articles", "client": ("127.0.0.1", 5000)}, None, send)

        asyncio.run(five())
        assert len(calls) == expected
