from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from khabar.api.deps import get_brief_builder
from khabar.present.article import article_segments, sentences_of
from khabar.model import (
    Article,
    ArticleDigest,
    Citation,
    Claim,
    Entity,
    EventBrief,
    Fact,
    Mention,
    PassageOccurrence,
    Position,
    Quantity,
    Quote,
    SharedPassage,
    SourceLink,
    Speaker,
    SummarySentence,
    TimelineEntry,
)
from khabar.present.labels import labels

NORTH = Article.create(
    title="وصول قافلة مساعدات إلى مدينة الزهراء",
    body=(
        "قال مدير الهلال الأحمر سامي النجار إن قافلة من عشرين شاحنة وصلت إلى المدينة يوم 3 آذار 2024.\n"
        "وأضاف أن نحو 5000 أسرة ما زالت محاصرة في الأحياء الشرقية."
    ),
    outlet="وكالة الشمال",
    published=dt.date(2024, 3, 3),
    url="https://example.org/north/1",
)
SOUTH = Article.create(
    title="دخول المساعدات إلى الزهراء بعد أسابيع من الحصار",
    body=(
        "دخلت قافلة من عشرين شاحنة إلى مدينة الزهراء المحاصرة بحسب مصادر محلية.\n"
        "وقالت المصادر إن 8000 أسرة ما زالت محاصرة داخل المدينة."
    ),
    outlet="إذاعة الجنوب",
    published=dt.date(2024, 3, 4),
    url="javascript:alert(1)",
)


def _sentence(article: Article, index: int):
    return sentences_of(article)[index]


def _citation(article: Article, index: int) -> Citation:
    s = _sentence(article, index)
    return Citation(article.id, s.index, s.start, s.end, s.text, outlet=article.outlet, published=article.published)


def _digest(a: Article) -> ArticleDigest:
    return ArticleDigest(a.id, a.title, a.outlet, a.url, a.published, "ar", len(sentences_of(a)), 20)


def full_brief() -> EventBrief:
    """Every section filled, as extraction and corroboration will fill them."""
    n1, s1 = _sentence(NORTH, 1), _sentence(SOUTH, 1)
    n2, s2 = _sentence(NORTH, 2), _sentence(SOUTH, 2)
    quote_start = NORTH.text.index("قافلة")
    c_north = Claim("c1", NORTH.id, 2, n2.start, n2.end, n2.text, 5000, 5000, 5000, True, "about", category="trapped",
                    group="families", source_chain=(SourceLink("الهلال الأحمر", "organisation"),))
    c_south = Claim("c2", SOUTH.id, 2, s2.start, s2.end, s2.text, 8000, 8000, 8000, False, category="trapped",
                    group="families", source_chain=(SourceLink("مصادر محلية", "anonymous"),))
    shared_at = SOUTH.text.index("قافلة من عشرين شاحنة")
    return EventBrief(
        articles=(_digest(NORTH), _digest(SOUTH)),
        summary=(
            SummarySentence(n1.text, NORTH.id, 1, n1.start, n1.end, (_citation(NORTH, 1), _citation(SOUTH, 1))),
            SummarySentence(s2.text, SOUTH.id, 2, s2.start, s2.end, (_citation(SOUTH, 2),)),
        ),
        quotes=(
            Quote(NORTH.id, 1, "سامي النجار", NORTH.text[quote_start:n1.end], quote_start, n1.end,
                  verb="قال", role="مدير", organisation="الهلال الأحمر"),
        ),
        facts=(Fact("q1", "quote", NORTH.text[quote_start:n1.end], (_citation(NORTH, 1),), speaker="سامي النجار"),),
        speakers=(Speaker("s1", "سامي النجار", ("q1",), variants=("سامي النجار",), entity="e1", roles=("مدير",)),),
        entities=(
            Entity("e1", "person", "سامي النجار", roles=("مدير الهلال الأحمر",), variants=("سامي النجار", "النجار"),
                   mentions=(Mention(NORTH.id, n1.start, n1.start + 5, "سامي"),)),
            Entity("e2", "place", "الزهراء", mentions=(Mention(SOUTH.id, 0, 5, "الزهراء"),)),
        ),
        claims=(c_north, c_south),
        quantities=(
            Quantity("q1", "trapped", ("c1", "c2"), "conflict", group="families",
                     positions=(Position(("c1",), ("الهلال الأحمر",)), Position(("c2",), ("مصادر محلية",))),
                     disputes=((0, 1),), note="5000 ≠ 8000"),
        ),
        timeline=(
            TimelineEntry(dt.date(2024, 3, 3), NORTH.id, 1, n1.text, "يوم 3 آذار 2024"),
            TimelineEntry(dt.date(2024, 3, 4), SOUTH.id, 1, s1.text, "اليوم"),
        ),
        shared_passages=(
            SharedPassage("قافلة من عشرين شاحنة", (
                PassageOccurrence(NORTH.id, NORTH.text.index("قافلة من عشرين شاحنة"), NORTH.text.index("قافلة من عشرين شاحنة") + 20),
                PassageOccurrence(SOUTH.id, shared_at, shared_at + 20),
            ), 1.0),
        ),
    )


@pytest.fixture
def stored(store):
    store.add([NORTH, SOUTH])
    return [NORTH, SOUTH]


@pytest.fixture
def brief_with(app):
    def use(brief: EventBrief) -> None:
        app.dependency_overrides[get_brief_builder] = lambda: (lambda articles, options: brief)

    return use


def _brief_page(client, lang="ar"):
    params = {"ids": f"{NORTH.id},{SOUTH.id}"}
    if lang != "ar":
        params["lang"] = lang
    r = client.get("/brief", params=params)
    assert r.status_code == 200, r.text
    return r.text


def test_home_is_arabic_rtl_and_lists_articles(client, stored):
    page = client.get("/").text
    assert '<html lang="ar" dir="rtl">' in page
    assert html.escape(NORTH.title) in page
    assert f'name="ids" value="{NORTH.id}"' in page  # the "brief these" form


def test_english_switch_changes_labels_not_article_text(client, stored):
    ar, en = client.get("/").text, client.get("/", params={"lang": "en"}).text
    assert '<html lang="en" dir="ltr">' in en
    assert labels("en")["stored_articles"] in en and labels("ar")["stored_articles"] not in en
    assert html.escape(NORTH.title) in en and html.escape(NORTH.title) in ar


def test_search_page_offers_a_brief_of_the_query(client, stored):
    page = client.get("/", params={"q": "قافلة"}).text
    assert 'action="/brief"' in page and 'name="q" value="قافلة"' in page
    assert labels("ar")["brief_query"] in page


def test_unknown_language_is_422(client):
    assert client.get("/", params={"lang": "fr"}).status_code == 422


def test_brief_page_fills_every_section(client, stored, brief_with):
    brief_with(full_brief())
    page = _brief_page(client)
    assert "سامي النجار" in page  # quotes and entities
    assert page.count('class="claim-card disputed"') == 2  # both disputed positions marked, side by side
    assert "الهلال الأحمر" in page and "مصادر محلية" in page
    assert page.count("<circle") == 2  # one dot per article-day
    assert "قافلة من عشرين شاحنة" in page  # shared passage
    # matrix: summary sentence 1 by 2 outlets, sentence 2 by 1; figures 5000 and 8000 by 1 each
    assert page.count('class="tick"') == 5
    assert labels("ar")["none_yet"] not in page


def test_brief_page_offers_every_export_of_the_same_brief(client, stored, brief_with):
    brief_with(full_brief())
    page = _brief_page(client, "en")
    exports = re.findall(r'href="(/api/brief\?[^"]+)"', page)
    assert len(exports) == 4
    for href in exports:
        r = client.get(html.unescape(href))
        assert r.status_code == 200 and "5000" in r.text  # the figure of the brief shown
    assert any("format=markdown" in h and "lang=en" in h for h in exports)


def test_matrix_covers_shared_facts_and_figures(client, stored, brief_with):
    import dataclasses

    from khabar.model import Fact

    shared = Fact("f1", "statement", _sentence(NORTH, 1).text, (_citation(NORTH, 1), _citation(SOUTH, 1)))
    alone = Fact("f2", "statement", _sentence(NORTH, 2).text, (_citation(NORTH, 2),))
    brief_with(dataclasses.replace(full_brief(), facts=(shared, alone)))
    page = _brief_page(client)
    matrix = page[page.index('id="matrix"') : page.index('id="quotes"')]
    groups = re.findall(r'<tbody class="group-(\w+)">', matrix)
    assert groups == ["summary", "facts", "figures"]
    facts = matrix[matrix.index("group-facts") : matrix.index("group-figures")]
    assert facts.count('class="tick"') == 2  # the fact two outlets carry; the one-outlet fact is left out
    figures = matrix[matrix.index("group-figures") :]
    claim = full_brief().claims[0]
    assert f"hl={claim.start}-{claim.end}" in figures  # a figure's tick opens its span
    assert labels("ar")["claims"] in figures and "5000" in figures and "8000" in figures


def test_empty_sections_say_none_yet(client, stored, brief_with):
    brief_with(EventBrief(articles=(_digest(NORTH), _digest(SOUTH))))
    page = _brief_page(client)
    assert page.count(labels("ar")["none_yet"]) == 8


def test_brief_page_english_keeps_article_text(client, stored, brief_with):
    brief_with(full_brief())
    page = _brief_page(client, "en")
    assert labels("en")["quotes"] in page and labels("ar")["quotes"] not in page
    assert html.escape(_sentence(NORTH, 1).text) in page


def test_every_citation_link_opens_an_existing_sentence_with_the_cited_text(client, stored, brief_with):
    brief_with(full_brief())
    page = _brief_page(client)
    summary = page[page.index('id="summary"') : page.index('id="conflicts"')]
    links = re.findall(r'<a class="cite" href="(/articles/(\w+)#s-(\d+))"', summary)
    assert len(links) == 3
    for _href, article_id, index in links:
        article_page = client.get(f"/articles/{article_id}").text
        span = re.search(rf'<span class="s[^"]*" id="s-{index}">(.*?)</span>', article_page, re.S)
        assert span, f"no anchor s-{index} in {article_id}"
        cited = next(c for s in full_brief().summary for c in s.citations
                     if c.article_id == article_id and c.sentence_index == int(index))
        assert html.unescape(span.group(1)) == cited.text


def test_claim_link_marks_the_exact_span(client, stored):
    claim = full_brief().claims[0]
    page = client.get(f"/articles/{claim.article_id}", params={"hl": f"{claim.start}-{claim.end}"}).text
    marked = re.search(r'<mark class="hl" id="hl">(.*?)</mark>', page, re.S)
    assert marked and html.unescape(marked.group(1)) == claim.text


def test_only_http_urls_become_links(client, stored, brief_with):
    brief_with(full_brief())
    page = _brief_page(client)
    assert 'href="https://example.org/north/1"' in page
    assert 'href="javascript:' not in page


def test_article_text_with_markup_is_shown_as_text(client, store):
    evil = Article.create(
        title="عنوان فيه <script>alert(1)</script> وسم",
        body="نص عربي فيه وسم <img src=x onerror=alert(2)> لا يجوز أن يعمل في الصفحة أبدا.",
        outlet="<b>منفذ</b>",
    )
    store.add([evil])
    for page in (client.get(f"/articles/{evil.id}").text, client.get("/").text):
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>منفذ" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_article_page_is_404_page_for_unknown_id(client):
    r = client.get("/articles/ffffffffffffffff")
    assert r.status_code == 404
    assert '<html lang="ar" dir="rtl">' in r.text and "ffffffffffffffff" in r.text


def test_brief_page_without_selection_is_400_page(client):
    r = client.get("/brief")
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")


def test_pages_load_nothing_from_elsewhere(client, stored, brief_with):
    brief_with(full_brief())
    page = _brief_page(client)
    assert not re.search(r'(src|href)="(https?:)?//(?!example\.org)', page)
    assert not re.search(r"<[^>]+\son\w+\s*=", page)  # no inline event handlers


def test_segments_show_every_character_once_with_sentences_as_anchors():
    segments = article_segments(NORTH, highlight=(5, 12))
    assert "".join(p.text for s in segments for p in s.pieces) == NORTH.text
    by_index = {s.index: "".join(p.text for p in s.pieces) for s in segments if s.index is not None}
    assert by_index == {s.index: s.text for s in sentences_of(NORTH)}


def test_out_of_range_highlight_is_ignored():
    segments = article_segments(NORTH, highlight=(10, 10_000))
    assert not any(p.marked for s in segments for p in s.pieces)


def test_brief_page_of_seeds_links_every_citation_to_an_anchor(client, store, seeds_dir):
    from khabar.ingest import read_paths

    store.add([a for a in read_paths([seeds_dir]) if isinstance(a, Article)])
    page = client.get("/brief", params={"q": "حلب"}).text
    links = set(re.findall(r'href="/articles/(\w+)#s-(\d+)"', page))
    assert links
    for article_id, index in links:
        assert f'id="s-{index}"' in client.get(f"/articles/{article_id}").text
