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


# --- one view, every export --------------------------------------------------------------


@pytest.fixture(scope="module")
def example_brief():
    """The bundled example event: dated reports, conflicting figures, a timeline."""
    from khabar import read
    from khabar_testdata import EXAMPLES

    return build_event_brief(list(read([EXAMPLES / "wadi-nahr-evacuation"])))


def test_standalone_html_is_self_contained_and_shows_what_the_page_shows(example_brief):
    import re

    page = render(example_brief, "html")
    # Nothing fetched: no stylesheet, script or image from anywhere; the style is inline.
    assert not re.search(r"<(link|script|img|iframe)\b", page)
    assert not re.search(r'\ssrc="', page)
    assert "<style>" in page and "--accent" in page
    # The page's sections: conflicting figures side by side, entities, the matrix over
    # summary and figures, the timeline drawn as inline SVG.
    for section in ("summary", "conflicts", "matrix", "quotes", "claims", "timeline", "entities", "articles"):
        assert f'id="{section}"' in page, section
    assert "claim-card" in page and "<svg" in page and "<circle" in page
    assert 'class="group-figures"' in page
    # Citations point into the file itself: each at an article of its own list.
    targets = set(re.findall(r'href="#a-(\w+)"', page))
    assert targets and all(f'id="a-{t}"' in page for t in targets)
    assert 'href="/' not in page  # no link to a server that is not there


def test_figures_show_arabic_labels_in_arabic_and_english_in_english(example_brief):
    from khabar.present.labels import GROUP_LABELS
    from khabar.present.view import brief_view

    ar, en = brief_view(example_brief, lang="ar"), brief_view(example_brief, lang="en")
    codes = {c.group for c in example_brief.claims if c.group}
    assert codes
    assert {c["group"] for c in ar.claims if c["group"]} == {GROUP_LABELS["ar"][s] for s in codes}
    assert {c["group"] for c in en.claims if c["group"]} == {GROUP_LABELS["en"][s] for s in codes}


def test_every_figure_group_and_category_has_a_label_in_each_language():
    from khabar.present.labels import CATEGORY_LABELS, GROUP_LABELS
    from khabar_testdata import ROOT

    def tags(name):
        text = (ROOT / "src" / "khabar" / "text" / "ar" / "data" / name).read_text(encoding="utf-8")
        return {line[1 : line.index("]")] for line in text.splitlines() if line.startswith("[")}

    groups = tags("claim_subjects.txt")
    from khabar.extract.claims.cues import SPECIAL_TAGS

    categories = {t.split()[0] for t in tags("claim_categories.txt")} - set(SPECIAL_TAGS)
    assert {"killed", "trapped", "airstrikes"} <= categories
    for lang in ("ar", "en"):
        assert groups <= set(GROUP_LABELS[lang])
        assert categories <= set(CATEGORY_LABELS[lang])
        assert set(CATEGORY_LABELS["ar"]) == set(CATEGORY_LABELS[lang])


def test_csv_has_a_row_per_figure_with_its_frame_source_and_quantity(example_brief):
    import csv
    import io

    from khabar.present.render import CSV_COLUMNS

    rows = list(csv.DictReader(io.StringIO(render(example_brief, "csv", lang="ar"))))
    assert len(rows) == len(example_brief.claims)
    assert tuple(rows[0]) == CSV_COLUMNS
    by_id = {c.id: c for c in example_brief.claims}
    for row in rows:
        claim = by_id[row["claim_id"]]
        assert row["as_written"] == claim.text and row["category"] == (claim.category or "")
        assert row["source"].startswith(claim.source_chain[0].text or "دون نسبة")
        assert row["span"] == claim.span.kind and row["qualifier"] == claim.qualifier
    conflicting = {i for q in example_brief.quantities if q.kind == "conflict" for i in q.claim_ids}
    assert conflicting
    assert {r["claim_id"] for r in rows if r["quantity_kind"] == "conflict"} == conflicting
    owner = {i: q.id for q in example_brief.quantities for i in q.claim_ids}
    assert all(r["quantity"] == owner[r["claim_id"]] for r in rows)


def test_markdown_lists_the_figures(example_brief):
    md = render(example_brief, "markdown")
    assert "## الأرقام ومصادرها" in md and "## أرقام متعارضة" in md


def test_every_rendering_shows_each_quantity_once(example_brief):
    from khabar.present.view import brief_view

    view = brief_view(example_brief)

    def ids(rows):
        return [x for q in rows for x in (q["id"], *ids(q["children"]))]

    shown = ids(view.conflicts + view.figures)
    assert sorted(shown) == sorted(q.id for q in example_brief.quantities)  # each once, none left out
    text = render(example_brief, "text")
    for q in view.conflicts + view.figures:
        assert text.count(f"] {q['title']}\n") + text.count(f"] {q['title']}") >= 1


def test_a_period_written_with_its_own_preposition_reads_as_written():
    import datetime as dt

    from khabar.model import FigureSpan
    from khabar.present.labels import LABELS
    from khabar.present.view import span_label

    lab = LABELS["ar"]
    assert span_label(FigureSpan("period", None, None, "قبل الحرب"), lab) == "قبل الحرب"
    assert span_label(FigureSpan("period", None, None, "المعارك الأخيرة"), lab) == "خلال المعارك الأخيرة"
    assert span_label(FigureSpan("day", dt.date(2023, 11, 12)), lab) == "يوم 2023-11-12"


def test_articles_without_a_known_outlet_are_said_beside_the_outlet_count():
    """Reports from files with no outlet line are not one outlet's: their number is shown."""
    named = Article.create(title="قصف على الحي", body="قال الدفاع المدني إن نحو 40 شخصا نزحوا من الحي أمس.", outlet="وكالة أ")
    unnamed = [
        Article.create(title=f"تقرير {k}", body=f"قال شاهد إن القصف استمر {k} ساعات على الحي أمس.") for k in (3, 5)
    ]
    brief = build_event_brief([named, *unnamed])
    head = render(brief, "text").splitlines()[0]
    assert "عدد المصادر: 1 (مقالات بلا مصدر معروف: 2)" in head
    assert "(articles without a known outlet: 2)" in render(brief, "text", lang="en").splitlines()[0]
    assert "مقالات بلا مصدر معروف: 2" in render(brief, "html")
    assert "عدد المصادر: 1 (مقالات بلا مصدر معروف: 2)" in render(brief, "markdown")
    assert "بلا مصدر" not in render(build_event_brief([named]), "text").splitlines()[0]


def test_each_speaker_is_listed_once_with_the_spellings_the_outlets_wrote(example_brief):
    # the example's outlets write "جان لوك فيرنييه" and "جان-لوك فيرنييه", "عبد الكريم
    # السعدي" and "عبدالكريم السعدي": one speaker each, in every rendering of the one view
    from khabar.present.view import brief_view

    names = [s["name"] for s in brief_view(example_brief).speakers]
    named = [s.name for s in example_brief.speakers if s.entity]  # "سكان" of two articles are two
    assert len(named) == len(set(named))
    assert "جان-لوك فيرنييه" not in names and "عبدالكريم السعدي" not in names
    text, md, page = (render(example_brief, fmt) for fmt in ("text", "markdown", "html"))
    for rendered, listed, heading in (
        (text, "جان لوك فيرنييه (جان-لوك فيرنييه)", "\n== "),
        (md, "**جان لوك فيرنييه** (جان-لوك فيرنييه)", "\n## "),
    ):
        start = rendered.index("من قال ماذا")
        section = rendered[start : rendered.index(heading, start)]
        assert section.count(listed) == 1 and "عبدالكريم السعدي (" not in section
    section = page[page.index('id="quotes"') : page.index("</section>", page.index('id="quotes"'))]
    assert section.count("<strong dir=\"rtl\" lang=\"ar\">جان لوك فيرنييه</strong>") == 1
    assert "جان-لوك فيرنييه" in section  # the other spelling, as written


def test_the_openings_day_from_the_sources_is_its_dateline_in_every_rendering():
    when = __import__("datetime").date(2026, 3, 4)
    reports = [
        ("جسر الواحة", "انهار جسر الواحة المعلق في النهر وقتل 12 شخصا كانوا يعبرونه بسياراتهم في ساعة الذروة."),
        ("كارثة الجسر", "قتل 12 شخصا الثلاثاء في انهيار جسر الواحة المعلق في النهر."),
        ("انهيار", "انهار جسر الواحة المعلق في النهر ما أدى إلى مقتل 12 شخصا من المارة بسياراتهم."),
    ]
    brief = build_event_brief([Article.create(title=t, body=b, published=when, outlet=t) for t, b in reports])
    assert brief.summary[0].day is not None and brief.summary[0].text.startswith("انهار")
    line = f"{brief.summary[0].day.isoformat()} — انهار"
    assert line in render(brief, "text") and line in render(brief, "markdown")
    assert f'datetime="{brief.summary[0].day.isoformat()}"' in render(brief, "html")
    assert json.loads(render(brief, "json"))["summary"][0]["day"] == "2026-03-03"
