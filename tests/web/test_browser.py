"""End to end in a real browser: the brief page, a citation clicked, its sentence lit up.

Uses Debian's Chromium through Playwright's Python package (no browser download).  Skipped
when either is missing on a developer's machine; on CI (CI=true) a missing one fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("KHABAR_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def _need_browser():
    why = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        why = "playwright is not installed (pip install playwright; no `playwright install` needed)"
    else:
        if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
            why = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if why:
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    return sync_playwright


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path, seeds_dir: Path) -> Iterator[str]:
    import uvicorn

    from khabar.api import ApiSettings, create_app
    from khabar.ingest import read_paths
    from khabar.model import Article
    from khabar.store import open_store

    db = tmp_path / "browser.sqlite3"
    with open_store(db) as store:
        store.add([a for a in read_paths([seeds_dir]) if isinstance(a, Article)])
    port = _free_port()
    config = uvicorn.Config(create_app(ApiSettings(db_path=db, rate_limit_per_minute=0)),
                            host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def test_citation_opens_its_sentence_highlighted(server: str):
    sync_playwright = _need_browser()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(f"{server}/brief?q=%D8%AD%D9%84%D8%A8")  # q=حلب
            assert page.locator("html").get_attribute("dir") == "rtl"
            cite = page.locator("#summary a.cite").first
            cited_text = cite.get_attribute("title").split(": ", 1)[1]
            href = cite.get_attribute("href")
            cite.click()
            page.wait_for_url(f"**{href}")
            target = page.evaluate(
                """() => { const el = document.querySelector(':target');
                           return el && { id: el.id, text: el.textContent,
                                          bg: getComputedStyle(el).backgroundColor }; }"""
            )
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "brief-citation.png"))
        finally:
            browser.close()
    assert target is not None, "no element is the :target of the citation's link"
    assert target["id"] == href.split("#")[1]
    assert target["text"].strip() == cited_text.strip()
    assert target["bg"] not in ("rgba(0, 0, 0, 0)", "transparent")  # the highlight style applies
    assert not errors, errors  # CSP or missing files would show here


def test_api_docs_work_offline(server: str):
    """Swagger UI's assets come from the app itself: the page renders every operation with
    no request leaving the machine and nothing refused by the Content-Security-Policy."""
    sync_playwright = _need_browser()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            errors: list[str] = []
            elsewhere: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith((server, "data:")) else None)
            page.goto(f"{server}/docs")
            page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
            title = page.locator(".swagger-ui .info .title").first.text_content()
            operations = page.locator(".swagger-ui .opblock").count()
        finally:
            browser.close()
    assert title and title.startswith("khabar")
    assert operations >= 7
    assert not errors, errors
    assert not elsewhere, elsewhere
