import json

import pytest

from khabar.event_brief import build_event_brief
from khabar.model import Article
from khabar.present.render import render

EVIL = Article.create(
    title="عنوان <script>alert(1)</script>",
    body="قال شاهد إن <script>alert('x')</script> ظهر في النص، وإن نحو 300 شخص نزحوا من الحي أمس.\n\n"
    "وأضاف أن القصف استمر طوال الليل على الأحياء الشرقية من المدينة.",
    outlet="<b>منفذ</b>",
    url="javascript:alert(1)",
)


@pytest.fixture(scope="module")
def brief():
    return build_event_brief([EVIL])


def test_html_escapes_article_text(brief):
    page = render(brief, "html")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "<b>منفذ</b>" not in page


def test_html_never_links_a_javascript_url(brief):
    assert 'href="javascript:' not in render(brief, "html")


def test_html_is_right_to_left_arabic_by_default(brief):
    page = render(brief, "html")
    assert '<html lang="ar" dir="rtl">' in page


def test_english_labels_keep_article_text_as_written(brief):
    page = render(brief, "html", lang="en")
    assert "Summary" in page and "نزحوا" in page


def test_json_rendering_is_the_brief_dict(brief):
    assert json.loads(render(brief, "json")) == brief.to_dict()


def test_markdown_escapes_markup(brief):
    md = render(brief, "markdown")
    assert "<script>" not in md


def test_text_lists_numbers_with_their_reading(brief):
    text = render(brief, "text", lang="en")
    assert "نحو 300" in text and "~300" in text


def test_unknown_format_is_refused(brief):
    with pytest.raises(ValueError, match="unknown format"):
        render(brief, "pdf")
