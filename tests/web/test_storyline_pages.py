"""The pages a journalist opens: storylines on the home page, a storyline's timeline, a
brief's place among them; filters, sizes, outlets and the English switch."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from khabar.model import Article
from khabar.present.labels import labels
from khabar_testdata import commit_market_storylines

D1, D2, D3 = dt.date(2024, 3, 5), dt.date(2024, 3, 7), dt.date(2024, 3, 20)
FIRE = Article.create(title="حريق في سوق الحبال", body="اندلع حريق في سوق الحبال القديم فجرا.", outlet="إذاعة السهل", published=D1)
FIRE2 = Article.create(title="النيران تلتهم السوق", body="التهمت النيران عشرات المحال في السوق.", outlet="صحيفة الغد", published=D1)
AID = Article.create(title="تعويضات لتجار السوق", body="أعلنت البلدية تعويض التجار المتضررين من الحريق.", outlet="صحيفة الغد", published=D2)
VOTE = Article.create(title="انتخابات المجلس البلدي", body="بدأ التصويت في انتخابات المجلس البلدي صباحا.", outlet="وكالة الشرق", published=D3)
LOOSE = Article.create(title="خبر من ملف بلا مصدر", body="نص قصير بلا مصدر ولا تاريخ.", source="feeds/sawt_alsahel.txt")


@pytest.fixture
def grouped(store):
    """Two storylines (the fire and its compensation; the vote) and an undated, outlet-less one."""
    return commit_market_storylines(store, FIRE, FIRE2, AID, VOTE, LOOSE)


def _storylines(page: str) -> list[str]:
    return re.findall(r'<article class="storyline" id="(\w+)"', page)


def test_home_shows_every_storyline_newest_first_with_its_events_and_coverage(client, grouped):
    page = client.get("/").text
    assert '<html lang="ar" dir="rtl">' in page and labels("ar")["storylines"] in page
    assert _storylines(page) == ["l3", "l1", "l4"]  # undated last, not left out
    card = page[page.index('id="l1"') :].split("</article>")[0]
    assert 'href="/storylines/l1"' in card and "2024-03-05 – 2024-03-07" in card
    assert f'href="/brief?event=s1"' in card and f'href="/brief?event=s2"' in card
    bar = re.search(r'<svg class="coverage".*?</svg>', card, re.S).group(0)
    assert re.findall(r"<title>(.*?)</title>", bar) == ["صحيفة الغد: 2", "إذاعة السهل: 1"]
    assert "sawt_alsahel.txt" in page  # the file name stands in for the unknown outlet


def test_home_sorts_by_size_and_filters_by_days_outlet_and_size(client, grouped):
    get = lambda **p: _storylines(client.get("/", params=p).text)  # noqa: E731
    assert get(sort="size") == ["l1", "l3", "l4"]
    assert get(since="2024-03-06", until="2024-03-10") == ["l1"]
    assert get(outlet="وكالة الشرق") == ["l3"]
    assert get(min_size="2") == ["l1"]
    assert get(since="", until="", outlet="", min_size="") == ["l3", "l1", "l4"]  # an empty form
    assert labels("ar")["no_match"] in client.get("/", params={"since": "2030-01-01"}).text


def test_a_filter_is_kept_in_the_pager_and_the_language_switch(client, grouped):
    page = client.get("/", params={"outlet": "صحيفة الغد", "sort": "size"}).text
    switch = re.search(r'<a class="lang" href="([^"]+)"', page).group(1)
    assert "lang=en" in switch and "sort=size" in html.unescape(switch)


def test_a_bad_date_is_422(client, grouped):
    assert client.get("/", params={"since": "2024-13-40"}).status_code == 422


def test_a_storyline_page_plots_its_events_in_time_order_each_linking_its_brief(client, grouped):
    page = client.get("/storylines/l1").text
    plot = re.search(r'<figure class="plot".*?</figure>', page, re.S).group(0)
    assert re.findall(r'<a href="/brief\?event=(\w+)" class="event-dot">', plot) == ["s1", "s2"]
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', plot)]
    assert xs[0] < xs[1]  # the later event further along the time axis
    assert 'href="/brief?story=l1"' in page and labels("ar")["brief_storyline"] in page
    assert "<script" not in plot


def test_a_storyline_page_in_english_keeps_the_titles_as_written(client, grouped):
    page = client.get("/storylines/l1", params={"lang": "en"}).text
    assert '<html lang="en" dir="ltr">' in page and labels("en")["brief_storyline"] in page
    assert html.escape(FIRE.title) in page and 'href="/brief?event=s1&amp;lang=en"' in page


def test_an_undated_storyline_has_no_plot_but_lists_its_events(client, grouped):
    page = client.get("/storylines/l4").text
    assert '<figure class="plot"' not in page and 'href="/brief?event=s4"' in page


def test_an_unknown_storyline_is_a_404_page(client, grouped):
    r = client.get("/storylines/l-none")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")


def test_an_events_brief_sits_under_its_storyline(client, grouped):
    page = client.get("/brief", params={"event": "s2"}).text
    trail = page[page.index('<nav class="trail"') :].split("</nav>")[0]
    assert 'href="/"' in trail and 'href="/storylines/l1"' in trail and html.escape(AID.title) in trail
    exports = re.findall(r'href="(/api/brief\?[^"]+)"', page)
    assert exports and all("event=s2" in e for e in exports)


def test_home_of_a_store_not_grouped_yet_lists_its_articles_and_says_how_to_group(client, store):
    store.add([FIRE])
    page = client.get("/").text
    assert html.escape(FIRE.title) in page and "khabar stories" in page


def test_the_events_page_lists_every_event_with_its_brief_and_storyline(client, grouped):
    page = client.get("/stories").text
    for event, line in (("s1", "l1"), ("s2", "l1"), ("s3", "l3"), ("s4", "l4")):
        assert f'href="/brief?event={event}"' in page and f'href="/storylines/{line}"' in page


def test_an_article_without_an_outlet_shows_the_file_it_was_read_from(client, grouped):
    page = client.get(f"/articles/{LOOSE.id}").text
    assert "sawt_alsahel.txt" in page and labels("ar")["from_file"] in page
