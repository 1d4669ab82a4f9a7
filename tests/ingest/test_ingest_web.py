"""Web pages (trafilatura), RSS/Atom feeds and TREC-style (ANT) files."""

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.config import ReadOptions
from khabar.errors import InputError
from khabar.ingest import read_path, read_string
from khabar.ingest.html import html_to_text, read_html

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def page():
    return read_html(
        (FIXTURES / "arabic_page.html").read_text(encoding="utf-8"), source="p.html", options=ReadOptions()
    )


def test_page_body_has_the_article_paragraphs(page):
    assert page.body.startswith("غمرت الأمطار الغزيرة") and page.body.count("\n\n") == 2


def test_page_menus_sidebar_and_footer_are_not_in_the_body(page):
    for boilerplate in ("سياسة وانتخابات", "الأكثر قراءة", "جميع الحقوق محفوظة", "سياسة الخصوصية"):
        assert boilerplate not in page.body


def test_page_metadata(page):
    assert (page.title, page.outlet, page.published, page.url) == (
        "الأمطار الغزيرة تغمر أحياء المدينة الساحلية",
        "شبكة الأخبار المتخيلة",
        dt.date(2021, 1, 19),
        "https://news.example.org/ar/2021/01/19/rain",
    )


def test_page_without_date_tag_gets_no_date_from_the_copyright_year():
    html = (FIXTURES / "arabic_page.html").read_text(encoding="utf-8")
    html = html.replace('<meta property="article:published_time" content="2021-01-19T08:30:00+02:00">', "")
    html = html.replace("/2021/01/19/", "/")  # a date in the URL is a real date; keep only the footer year
    assert read_html(html, source="p.html", options=ReadOptions()).published is None


def test_page_with_no_content_is_an_error():
    with pytest.raises(InputError, match="no article text found in the page"):
        read_html("<html><body><div><a href='/'>الرئيسية</a></div><p", source="bad.html", options=ReadOptions())


def test_html_fragment_to_paragraphs():
    assert html_to_text("<p>فقرة <b>أولى</b></p><p>فقرة ثانية</p><script>x()</script>") == "فقرة أولى\n\nفقرة ثانية"


def test_feed_entries_become_articles_with_the_feed_as_outlet():
    articles = list(read_path(FIXTURES / "arabic_dates.rss"))
    assert [(a.title, a.outlet, a.url) for a in articles] == [
        ("افتتاح جسر جديد فوق النهر", "إذاعة الساحل المتخيلة", "https://radio.example.org/news/1"),
        ("ارتفاع أسعار الخضار في الأسواق المحلية", "إذاعة الساحل المتخيلة", "https://radio.example.org/news/2"),
    ]


def test_feed_arabic_pubdate_is_read():
    first = next(iter(read_path(FIXTURES / "arabic_dates.rss")))
    assert first.published == dt.date(2023, 3, 12)


def test_feed_summary_html_is_stripped():
    first = next(iter(read_path(FIXTURES / "arabic_dates.rss")))
    assert "<p>" not in first.body and first.body.endswith("وسط المدينة.")


def test_broken_feed_is_one_error():
    (err,) = read_string('<?xml version="1.0"?><rss><channel><title>x</ti', source="f.xml")
    assert isinstance(err, InputError) and err.problem.startswith("malformed feed")


def test_trec_file_with_two_docs():
    a, b = read_path(FIXTURES / "two_docs.txt")
    assert (a.title, a.outlet, a.published) == ("وصول قافلة مساعدات إلى بلدة محاصرة", "BBC عربي", dt.date(2018, 3, 1))
    assert (b.outlet, b.url) == ("سكاي نيوز عربية", "https://www.skynewsarabia.com/middle-east/0000002")


def test_trec_docs_are_labelled_by_docno():
    a, _ = read_path(FIXTURES / "two_docs.txt")
    assert a.source.endswith("two_docs.txt#XX-middleEast-1-20180301")


def test_trec_abstract_opens_the_body_only_when_the_text_lacks_it():
    a, b = read_path(FIXTURES / "two_docs.txt")
    assert a.body.startswith("قافلة تحمل غذاء")
    assert b.body.startswith("تستأنف المفاوضات") and b.body.count("تستأنف المفاوضات") == 1


def test_trec_doc_without_text_is_an_error_for_that_doc():
    text = "<DOC>\n<DOCNO>X-1</DOCNO>\n<TITLE>عنوان</TITLE>\n<TEXT>\n</TEXT>\n</DOC>\n"
    (err,) = read_string(text, source="t.txt", options=ReadOptions(format="ant"))
    assert err.problem == "not an article: <TEXT> is missing or empty"


def test_real_ant_file(corpora_dir):
    path = sorted((corpora_dir / "ant" / "BBC" / "culture").glob("*.txt"))[0]
    (article,) = read_path(path)
    assert article.outlet == "BBC عربي" and article.published is not None and article.url.startswith("http")


def test_windows_1256_feed_that_declares_its_encoding(tmp_path):
    rss = (
        '<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel><title>قناة المدينة</title>'
        "<item><title>عنوان الخبر</title><pubDate>13 ديسمبر 2016</pubDate>"
        "<description>قال مكتب الأمم المتحدة إن آلاف المدنيين ما زالوا محاصرين.</description></item>"
        "</channel></rss>"
    )
    path = tmp_path / "f.rss"
    path.write_bytes(rss.encode("cp1256"))
    (a,) = read_path(path)
    assert (a.title, a.outlet, a.published) == ("عنوان الخبر", "قناة المدينة", dt.date(2016, 12, 13))


def test_a_page_trafilatura_only_reads_from_its_own_parse_is_read(monkeypatch):
    """Some pages give nothing from the tree khabar parsed but an article from the string
    trafilatura parses and repairs itself: the string is tried before the page is refused."""
    import trafilatura

    real = trafilatura.bare_extraction
    calls: list[str] = []

    def tree_unreadable(content, **kwargs):
        calls.append(type(content).__name__)
        return None if not isinstance(content, str) else real(content, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", tree_unreadable)
    html = (FIXTURES / "arabic_page.html").read_text(encoding="utf-8")
    article = read_html(html, source="p.html", options=ReadOptions())
    assert calls == ["HtmlElement", "str"]
    assert article.body.startswith("غمرت الأمطار الغزيرة")


@given(
    st.lists(st.sampled_from(["قال", "المتحدث", "إن", "القافلة", "وصلت", "2018", "a_b"]), max_size=10),
    st.lists(st.sampled_from(["قال", "المتحدث", "إن", "القافلة", "وصلت", "2018", "a_b", "،", " ", "\n", "«", "-"]), max_size=30),
)
def test_trec_abstract_probe_is_a_search_for_its_first_words(abstract_words, text_pieces):
    """The same answer as tokenizing both and looking for the abstract's first eight words in a row."""
    from khabar.ingest.trec import _repeats

    abstract, text = " ".join(abstract_words), "".join(text_pieces)
    words_ = re.compile(r"\w+")
    expected = " ".join(words_.findall(abstract)[:8]) in " ".join(words_.findall(text))
    assert _repeats(text, abstract) == expected


@pytest.mark.parametrize("depth", [254, 300, 1000])
def test_text_nested_deeper_than_libxml2s_default_limit_is_read(depth):
    paragraph = "قال المتحدث إن القوات تقدمت في الحي الشرقي من المدينة وسط قصف عنيف. " * 6
    page = (
        "<html><head><title>تقدم القوات في الحي الشرقي</title></head><body>"
        + "<div>" * depth + f"<p>{paragraph}</p>" + "</div>" * depth + "</body></html>"
    )
    article = read_html(page, source="deep.html", options=ReadOptions())
    assert "الحي الشرقي من المدينة" in article.body


@given(st.lists(st.sampled_from(["<DOC>", "</DOC>", "<DOC", "DOC>", "نص", "\n", "<TEXT>", "x"]), max_size=14))
def test_trec_doc_blocks_are_the_pattern_of_open_close_or_next_open(pieces):
    """Each block runs from its <DOC> to the first </DOC>, or to the next <DOC> or the end
    when that comes first: the blocks a regular expression of those three ends finds."""
    from khabar.ingest.trec import _doc_blocks

    text = "".join(pieces)
    assert _doc_blocks(text) == re.findall(r"<DOC>(.*?)(?:</DOC>|(?=<DOC>)|\Z)", text, re.S)


@given(st.lists(st.sampled_from(["<TEXT>", "</TEXT>", "<TITLE>", "</TITLE>", "<TIME>", "</TIME", "TEXT>", "<", "/", "نص", "\n", "x"]), max_size=16))
def test_trec_tags_are_the_pattern_of_open_to_first_close(pieces):
    """Each value runs from its opening tag to the first closing tag of the same name; an
    opening tag never closed is passed over: what the regular expression finds."""
    from khabar.ingest.trec import _tagged

    doc = "".join(pieces)
    assert _tagged(doc) == re.findall(r"<(DOCNO|URL|SRC|CAT|TITLE|TIME|AUTHOR|ABSTRACT|TEXT)>(.*?)</\1>", doc, re.S)
