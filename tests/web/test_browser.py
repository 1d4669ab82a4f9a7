"""End to end in a real browser: the brief page, a citation clicked, its sentence lit up.

Uses Debian's Chromium through Playwright's Python package (no browser download).  Skipped
when either is missing on a developer's machine; on CI (CI=true) a missing one fails.
"""

from __future__ import annotations

import datetime as dt
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


def _serve(db: Path) -> tuple[object, threading.Thread, str]:
    """A real server on a free loopback port over the store ``db``, in a thread."""
    import uvicorn

    from khabar.api import ApiSettings, create_app

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
    return srv, thread, f"http://127.0.0.1:{port}"


@pytest.fixture
def server(tmp_path: Path, seeds_dir: Path) -> Iterator[str]:
    from khabar.ingest import read_paths
    from khabar.model import Article
    from khabar.store import open_store

    db = tmp_path / "browser.sqlite3"
    with open_store(db) as store:
        store.add([a for a in read_paths([seeds_dir]) if isinstance(a, Article)])
    srv, thread, url = _serve(db)
    yield url
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


# --- the journalist's path: storylines, a storyline, a brief, an export, English ------------


@pytest.fixture(scope="module")
def grouped_server(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Iterator[str]:
    """The Wadi al-Nahr reports as one storyline of two events (its first day; the days
    after), the seeds (undated, no outlet) as another: grouped by hand, so the pages are
    tested without the clusterer's time or its decisions."""
    from khabar.ingest import read_paths
    from khabar.model import Article
    from khabar.store import StoryRow, open_store
    from khabar_testdata import EXAMPLES

    db = tmp_path_factory.mktemp("journey") / "journey.sqlite3"
    wadi = sorted((a for a in read_paths([EXAMPLES / "wadi-nahr-evacuation"]) if isinstance(a, Article)),
                  key=lambda a: (a.published is None, a.published or dt.date.min, a.id))
    seeds = sorted((a for a in read_paths([seeds_dir]) if isinstance(a, Article)), key=lambda a: a.id)
    first = [a for a in wadi if a.published == wadi[0].published]
    later = [a for a in wadi if a.published != wadi[0].published]
    with open_store(db) as store:
        store.add(wadi + seeds)
        events = [("s-first", first, "l-wadi"), ("s-later", later, "l-wadi"), ("s-seeds", seeds, "l-seeds")]
        store.commit_stories(
            assignments=[(a.id, sid) for sid, arts, _ in events for a in arts],
            stories=[StoryRow(sid, arts[0].title, arts[0].published,
                              max((a.published for a in arts if a.published), default=None), len(arts), storyline=line)
                     for sid, arts, line in events],
        )
    srv, thread, url = _serve(db)
    yield url
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _need_browser()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, grouped_server: str):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.errors = []  # console errors (a CSP refusal, a missing file) and requests leaving the machine
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: page.errors.append(r.url) if not r.url.startswith((grouped_server, "data:")) else None)
    yield page
    context.close()


def _shot(page, name: str, *, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def test_home_shows_the_storylines_right_to_left_with_their_coverage(page, grouped_server: str):
    page.goto(grouped_server + "/")
    _shot(page, "home")
    assert page.locator("html").get_attribute("dir") == "rtl"
    cards = page.locator("article.storyline")
    assert cards.count() == 2
    wadi = page.locator("article#l-wadi")
    assert wadi.locator("ol.events li").count() == 2
    assert wadi.locator("svg.coverage rect").count() >= 5  # one segment per outlet, drawn
    box = wadi.locator("svg.coverage").bounding_box()
    assert box and box["width"] > 50 and box["height"] > 5
    seeds_bar = page.locator("article#l-seeds svg.coverage title").all_text_contents()
    assert any(".txt (" in t for t in seeds_bar)  # file names stand in for outlets, said so
    # The heading sits on the right of an Arabic page.
    heading = wadi.locator("h2").bounding_box()
    assert heading["x"] + heading["width"] > 900
    page.fill("header input[name=q]", "حلب")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    assert page.locator("table.articles tbody tr").count() >= 1
    assert not page.errors, page.errors


def test_a_storyline_plots_its_events_and_each_opens_its_brief(page, grouped_server: str):
    page.goto(grouped_server + "/")
    page.click("article#l-wadi h2 a")
    page.wait_for_url("**/storylines/l-wadi")
    plot = page.locator("figure.plot svg")
    assert plot.is_visible() and page.locator("figure.plot a.event-dot").count() == 2
    _shot(page, "storyline")
    page.locator("figure.plot a.event-dot").nth(1).click()
    page.wait_for_url("**/brief?event=s-later")
    trail = page.locator("nav.trail a").all_text_contents()
    assert len(trail) == 2  # storylines › this storyline › the event
    assert page.locator("#summary li").count() >= 1
    _shot(page, "brief", full_page=False)  # the top: trail, summary, figures that conflict
    assert not page.errors, page.errors


def test_a_brief_downloads_as_markdown_and_as_a_self_contained_file(page, grouped_server: str):
    page.goto(grouped_server + "/brief?event=s-first")
    for name, marker in (("Markdown", "# "), ("HTML", "<svg")):
        with page.expect_download() as info:
            page.click(f"text={name}")
        download = info.value
        text = Path(download.path()).read_text(encoding="utf-8")
        assert download.suggested_filename.startswith("brief.")
        assert marker in text and "وادي النهر" in text
    assert not page.errors, page.errors


def test_the_english_switch_keeps_the_place_and_the_article_text(page, grouped_server: str):
    page.goto(grouped_server + "/storylines/l-wadi")
    arabic_title = page.locator("h1").text_content()
    page.click("a.lang")
    page.wait_for_url("**/storylines/l-wadi?lang=en")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").text_content() == arabic_title  # article text is never translated
    assert "Events" in page.locator("#events h2").text_content()
    _shot(page, "storyline-en")
    page.click("a.brand")
    assert "Storylines" in page.locator("h1").text_content()
    assert not page.errors, page.errors
