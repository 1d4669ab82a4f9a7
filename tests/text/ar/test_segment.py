"""Sentence segmentation: boundaries, non-boundaries, boilerplate, offsets, articles."""

from __future__ import annotations

import pytest

from khabar.model import Article
from khabar.text.ar.segment import MAX_QUOTE_CHARS, Span, is_boilerplate, reads_as_headline, segment, split_sentences

from khabar_timing import assert_linear


def texts(text: str, **kw) -> list[str]:
    return [s.text for s in segment(text, **kw)]


# --- boundaries ---------------------------------------------------------------------------


def test_full_stop_splits():
    assert texts("قتل عشرة أشخاص. وأصيب آخرون.") == ["قتل عشرة أشخاص.", "وأصيب آخرون."]


def test_arabic_question_mark_splits():
    assert texts("هل انتهت المعركة؟ لا أحد يعرف.") == ["هل انتهت المعركة؟", "لا أحد يعرف."]


def test_exclamation_splits():
    assert len(segment("يا للهول! سقطت المدينة.")) == 2


def test_arabic_full_stop_splits():
    assert len(segment("انتهى الاجتماع۔ وغادر الوفد.")) == 2


def test_newline_is_a_hard_boundary_even_without_punctuation():
    assert texts("سيطر الجيش على الحي\nوانسحب المقاتلون من المدينة") == [
        "سيطر الجيش على الحي",
        "وانسحب المقاتلون من المدينة",
    ]


def test_missing_space_after_full_stop_still_splits():
    assert texts("بدأت الحرب عام 2011.وقال المرصد إن العدد ارتفع.") == [
        "بدأت الحرب عام 2011.",
        "وقال المرصد إن العدد ارتفع.",
    ]


def test_era_letter_after_a_year_ends_the_sentence():
    assert len(segment("بدأت الانتفاضة عام 2011 م. وتصاعدت لاحقا.")) == 2


# --- non-boundaries -----------------------------------------------------------------------


def test_arabic_comma_never_splits():
    assert len(segment("قال المسؤول، في تصريح صحفي، إن الهدنة صامدة.")) == 1


def test_colon_before_speech_never_splits():
    assert len(segment("وأضاف قائلا: الوقت محدود جدا، إما الاستسلام أو الموت.")) == 1


@pytest.mark.parametrize("number", ["3.5", "12.000", "٣٫٥", "1,200", "١٢٫٥"])
def test_numbers_with_separators_never_split(number):
    assert len(segment(f"ارتفع العدد إلى {number} مليون شخص هذا العام.")) == 1


def test_abbreviation_doctor_does_not_split():
    assert len(segment("قال د. محمد الأحمد إن المستشفى خرج من الخدمة.")) == 1


def test_abbreviation_professor_does_not_split():
    assert len(segment("وأوضح أ. د. سامي خليل أن الوضع خطير.")) == 1


def test_single_latin_initial_does_not_split():
    assert len(segment("وصرح John F. Kerry للصحفيين في روما.")) == 1


def test_dotted_latin_acronym_does_not_split():
    assert len(segment("وأعلنت وزارة الخارجية U.S. عن موقفها.")) == 1


def test_latin_title_does_not_split():
    assert len(segment("والتقى الوفد Dr. Smith في جنيف.")) == 1


def test_lowercase_latin_continuation_does_not_split():
    assert len(segment("راجع الموقع bbc.com أو e.g. the report للمزيد.")) == 1


# --- quotations and ellipses ----------------------------------------------------------------


def test_short_quotation_with_inner_full_stop_stays_whole():
    text = "وتابع «لن نترك مدينتنا. هذه بيوتنا» ثم غادر القاعة."
    assert len(segment(text)) == 1


def test_closing_quote_after_terminal_belongs_to_its_sentence():
    text = "وقال “سمعوا الجواب.” وأضاف أن المقاتلين صامدون."
    assert texts(text) == ["وقال “سمعوا الجواب.”", "وأضاف أن المقاتلين صامدون."]


def test_full_stop_after_closing_quote_splits():
    assert texts('وقال إن "الوضع خطير". وغادر.') == ['وقال إن "الوضع خطير".', "وغادر."]


def test_long_quotation_splits_at_its_full_stops():
    sentence = "نحن لا يمكن أن نترك مدينتنا وبيوتنا للمليشيات التي حشدها النظام في المدينة."
    quote = " ".join([sentence] * (MAX_QUOTE_CHARS // len(sentence) + 2))
    spans = segment(f"وقال «{quote}»")
    assert len(spans) > 2


def test_unpaired_quote_mark_is_ignored():
    assert len(segment('وقال إن الوضع خطير. وأضاف أن الحل "قريب.')) == 2


def test_ellipsis_inside_quotation_does_not_split():
    assert len(segment("وأضاف “ستكون المناطق مهددة… إنها الأرض المحروقة.”")) == 1


def test_ellipsis_outside_quotation_splits():
    assert texts("انتهت المعركة... وبدأت المفاوضات.") == ["انتهت المعركة...", "وبدأت المفاوضات."]


def test_two_dot_ellipsis_outside_quotation_splits():
    assert len(segment("انتهت المعركة.. وبدأت المفاوضات.")) == 2


def test_ellipsis_before_comma_does_not_split():
    assert len(segment("قال إن الجيش... ، والمقاتلين، سيتفاوضون.")) == 1


# --- boilerplate ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["Ad", "إعلان", "اقرأ أيضا: معركة حلب تدخل مراحلها الأخيرة", "شارك", "***", "• • •", "المصدر : وكالات"]
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", ["تدمر", "المعارضة", "ردود فعل"])
def test_short_lines_without_final_punctuation_are_headings(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "شارك الآلاف في المظاهرة وسط المدينة.",
        "المصدر العسكري قال إن الجيش تقدم في الحي.",
        "انتهى الاجتماع.",
    ],
)
def test_sentences_that_look_like_markers_are_kept(line):
    assert not is_boilerplate(line)


def test_boilerplate_is_kept_when_asked():
    assert texts("Ad\nقتل عشرة أشخاص.", drop_boilerplate=False) == ["Ad", "قتل عشرة أشخاص."]


# --- offsets and paragraphs ---------------------------------------------------------------------


def test_offsets_index_the_given_text_and_spans_are_stripped():
    text = "  قتل عشرة.   وأصيب آخرون.  \n\n  تدمر  \n  وانسحب المقاتلون.  "
    spans = segment(text)
    assert all(text[s.start : s.end] == s.text == s.text.strip() for s in spans)


def test_paragraphs_are_numbered_consecutively_over_kept_lines():
    text = "قتل عشرة. وأصيب آخرون.\n\nAd\n\nوانسحب المقاتلون من الحي."
    assert [s.paragraph for s in segment(text)] == [0, 0, 1]


def test_span_is_a_frozen_dataclass():
    span = segment("قتل عشرة أشخاص.")[0]
    assert span == Span(0, len("قتل عشرة أشخاص."), "قتل عشرة أشخاص.", 0)
    with pytest.raises(AttributeError):
        span.start = 3  # type: ignore[misc]


# --- articles ---------------------------------------------------------------------------------------


def test_split_sentences_makes_the_title_sentence_zero():
    article = Article.create(title="معركة حلب.. المراحل الأخيرة", body="قتل عشرة. وأصيب آخرون.")
    sentences = split_sentences(article)
    assert sentences[0].is_title and sentences[0].text == "معركة حلب.. المراحل الأخيرة"
    assert [s.index for s in sentences] == [0, 1, 2]


def test_split_sentences_offsets_index_article_text():
    article = Article.create(title="العنوان هنا", body="قتل عشرة.\n\nAd\n\nوأصيب آخرون.")
    sentences = split_sentences(article)
    assert all(article.text[s.start : s.end] == s.text for s in sentences)
    assert [s.paragraph for s in sentences] == [0, 1, 2]
    assert not any(s.is_title for s in sentences[1:])


def test_split_sentences_without_title():
    article = Article.create(title="", body="قتل عشرة. وأصيب آخرون.")
    sentences = split_sentences(article)
    assert [s.text for s in sentences] == ["قتل عشرة.", "وأصيب آخرون."]
    assert sentences[0].paragraph == 0 and not sentences[0].is_title


def test_a_first_line_that_is_a_paragraph_is_read_as_text_not_as_a_headline():
    # A plain-text file whose text starts at once: its first line becomes the title, but it
    # holds two sentences and ends in a full stop, so it is split like the body.
    lead = "أعلنت وزارة الصحة في المدينة أن عشرة أشخاص قتلوا في انفجار وقع صباح اليوم. وقال المتحدث باسمها إن فرق الإنقاذ ما زالت تبحث عن ناجين."
    article = Article.create(title=lead, body="وأصيب آخرون.")
    sentences = split_sentences(article)
    assert [s.text for s in sentences] == [
        "أعلنت وزارة الصحة في المدينة أن عشرة أشخاص قتلوا في انفجار وقع صباح اليوم.",
        "وقال المتحدث باسمها إن فرق الإنقاذ ما زالت تبحث عن ناجين.",
        "وأصيب آخرون.",
    ]
    assert not any(s.is_title for s in sentences)
    assert [s.paragraph for s in sentences] == [0, 0, 1]
    assert all(article.text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("معركة حلب تدخل مراحلها الأخيرة.. القوات الحكومية تتقدم وسط اتهامات بإعدامات جماعية للمدنيين..", True),
        ("الصليب الأحمر: مليون حالة يشتبه بإصابتها بالكوليرا", True),
        ("وزير الخارجية: المحادثات وصلت إلى طريق مسدود.", True),  # short: a headline, even with a stop
        ("انسحب مقاتلو المعارضة أمس من ستة أحياء كانت لا تزال تحت سيطرتهم في جنوب شرق المدينة.", False),
        (" ".join(["كلمة"] * 41), False),  # longer than any headline
    ],
)
def test_reads_as_headline(line, headline):
    assert reads_as_headline(line) is headline


# --- the seeds ----------------------------------------------------------------------------------------


def seed_sentences(seed_texts: dict[str, str]) -> list[str]:
    return [s.text for text in seed_texts.values() for s in segment(text)]


def test_seed_speech_after_colon_stays_one_sentence(seed_texts):
    hits = [s for s in seed_sentences(seed_texts) if "الوقت محدود جدا، إما الاستسلام أو الموت." in s]
    assert len(hits) == 1 and hits[0].startswith("ومن جانبه")


@pytest.mark.parametrize("line", ["Ad", "تدمر", "المعارضة"])
def test_seed_heading_and_ad_lines_are_dropped(seed_texts, line):
    assert line in {ln.strip() for t in seed_texts.values() for ln in t.splitlines()}
    assert line not in seed_sentences(seed_texts)


def test_seed_paragraph_with_two_sentences(seed_texts):
    text = next(t for t in seed_texts.values() if "رغيف خبز. وقد افترش" in t)
    spans = [s for s in segment(text) if "رغيف خبز" in s.text or "افترش" in s.text]
    assert len(spans) == 2 and spans[0].paragraph == spans[1].paragraph


def test_seed_quoted_remark_with_two_sentences_stays_with_its_verb(seed_texts):
    hits = [s for s in seed_sentences(seed_texts) if "هذه أحياؤنا" in s]
    assert len(hits) == 1 and hits[0].startswith("وتابع")


def test_seed_offsets_are_exact(seed_texts):
    for text in seed_texts.values():
        assert all(text[s.start : s.end] == s.text for s in segment(text))


# --- cost grows linearly with the paragraph ---------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    [
        "قال. ",  # every full stop once searched the paragraph from its start for its token
        "قال م. ",  # an era letter: the text before it was copied and searched for a number
        "«قال. » ",  # every full stop tested against every quotation of the paragraph
        "ا.",  # one long token of letters and dots
    ],
)
def test_time_doubles_at_most_with_a_doubled_paragraph(unit: str) -> None:
    assert_linear(segment, unit * (8_000 // len(unit)))
