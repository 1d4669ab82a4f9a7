"""Dates in Arabic news: finding expressions and resolving them against the publication day."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.extract.dates import DateMention, build_timeline, find_dates, resolve_sentence_date, stated_day
from khabar.model import Article, Document, Sentence
from khabar.pipeline import add_dates, run_component

from khabar_timing import assert_linear

TUE = dt.date(2016, 12, 13)  # a Tuesday: the day most seed articles were written
SUN = dt.date(2016, 12, 4)


def only(text: str, reference: dt.date | None = TUE) -> DateMention:
    found = find_dates(text, reference=reference)
    assert len(found) == 1, found
    return found[0]


def day(text: str, reference: dt.date | None = TUE) -> dt.date | None:
    return only(text, reference).date


# --- relative days -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("قال المتحدث أمس إن القصف استمر", -1),
        ("تقدمت القوات بالأمس في الأحياء الشرقية", -1),
        ("وصل الوفد ليلة البارحة إلى أنقرة", -1),
        ("وقعت الغارة أول أمس على المستشفى", -2),
        ("وقعت الغارة أمس الأول على المستشفى", -2),
        ("دعت فرنسا اليوم إلى اجتماع طارئ", 0),
        ("يصوت المجلس الليلة على القرار", 0),
        ("أعلن الجيش هذا الصباح السيطرة على الحي", 0),
        ("يجتمع الوزراء غداً في جنيف", 1),
        ("تستأنف المحادثات بعد غد في جنيف", 2),
    ],
)
def test_relative_day_words_count_from_the_reference(text: str, offset: int) -> None:
    assert day(text) == TUE + dt.timedelta(days=offset)


def test_attached_particle_stays_outside_the_span() -> None:
    m = only("وأمس قال المرصد إن 60 شخصا قتلوا")
    assert m.text == "أمس"


def test_yesterday_with_its_weekday_covers_the_whole_phrase() -> None:
    m = only("سيطر الجيش على حلب يوم أمس الاثنين", reference=TUE)
    assert (m.text, m.date) == ("يوم أمس الاثنين", dt.date(2016, 12, 12))


def test_yesterday_with_an_inconsistent_weekday_trusts_yesterday() -> None:
    m = only("صرح مسؤول تركي أمس الثلاثاء بأن", reference=TUE)
    assert m.date == dt.date(2016, 12, 12) and "mismatch" in m.expression


def test_today_with_the_reference_weekday_is_the_reference() -> None:
    assert day("توقف القصف اليوم الثلاثاء لأكثر من ساعة") == TUE


def test_today_with_another_weekday_is_the_nearest_such_day() -> None:
    assert day("سيعقدون اجتماعا اليوم الأربعاء في تركيا") == dt.date(2016, 12, 14)


def test_today_in_a_narrative_phrase_is_not_a_date() -> None:
    assert find_dates("وفي اليوم التالي انسحب المقاتلون", reference=TUE) == []


def test_named_day_is_not_today() -> None:
    assert find_dates("يحتفل العالم في اليوم العالمي لحقوق الإنسان", reference=TUE) == []


# --- weekdays ------------------------------------------------------------------------------


def test_bare_weekday_is_the_most_recent_such_day() -> None:
    assert day("تقدم الجيش يوم الأحد في حلب القديمة") == dt.date(2016, 12, 11)


def test_bare_weekday_equal_to_the_reference_weekday_is_the_reference() -> None:
    assert day("قالت روسيا الثلاثاء إنها مستعدة للتفاوض") == TUE


def test_weekday_after_a_future_verb_is_the_coming_day() -> None:
    assert day("وسيعقد الوزراء اجتماعا يوم الأحد في موسكو") == dt.date(2016, 12, 18)


def test_weekday_after_a_scheduling_phrase_is_the_coming_day() -> None:
    text = "ومن المقرر أن يصوت مجلس الأمن التابع للأمم المتحدة يوم الاثنين على مشروع قرار"
    assert day(text, reference=SUN) == dt.date(2016, 12, 5)


SUN_8_APRIL = dt.date(2018, 4, 8)


@pytest.mark.parametrize(
    "text",
    [
        "يرتقب أن يعقد الاجتماع يوم الاثنين",
        "ويُرتقب أن يصل الوفد إلى العاصمة يوم الاثنين",
        "ويتوقع أن يصل الوفد إلى العاصمة يوم الاثنين",
        "سيعقد الاجتماع يوم الاثنين",
        "يعقد الاجتماع يوم الاثنين المقبل",
    ],
)
def test_weekdays_of_expected_events_resolve_forward(text: str) -> None:
    assert day(text, reference=SUN_8_APRIL) == dt.date(2018, 4, 9)


def test_an_expectation_met_in_the_past_is_still_a_past_day() -> None:
    # "توقع" (he expected) is the past: the Monday before the Sunday
    assert day("وكان المسؤول قد توقع انهيار الهدنة يوم الاثنين", reference=SUN_8_APRIL) == dt.date(2018, 4, 2)


def test_future_cue_in_the_previous_sentence_does_not_count() -> None:
    text = "سيجتمع الوزراء قريبا. وقتل عشرة مدنيين يوم الأحد"
    assert day(text) == dt.date(2016, 12, 11)


def test_weekday_with_past_modifier_is_strictly_before() -> None:
    assert day("قتل 20 شخصا الثلاثاء الماضي", reference=TUE) == dt.date(2016, 12, 6)


def test_weekday_with_future_modifier_is_strictly_after() -> None:
    assert day("تعقد الجولة المقبلة الأحد المقبل", reference=SUN) == dt.date(2016, 12, 11)


def test_feminine_modifier_after_friday() -> None:
    assert day("تبدأ الهدنة الجمعة القادمة", reference=TUE) == dt.date(2016, 12, 16)


@pytest.mark.parametrize("text", ["قصف الحي الإثنين", "قصف الحي الاثنين", "قصف الحي الأثنين", "قصف الحي يوم إثنين"])
def test_hamza_variants_of_monday(text: str) -> None:
    assert day(text) == dt.date(2016, 12, 12)


def test_bare_one_is_not_sunday() -> None:
    assert find_dates("في أحد أحياء حلب المحاصرة", reference=TUE) == []


def test_two_weekdays_of_a_pair_are_both_found() -> None:
    found = find_dates("أجريتا محادثات في جنيف يومي السبت والأحد", reference=TUE)
    assert [m.date for m in found] == [dt.date(2016, 12, 10), dt.date(2016, 12, 11)]


# --- day and month -------------------------------------------------------------------------


def test_weekday_day_and_levantine_month() -> None:
    m = only("مفاوضات بين أتراك وروس الأربعاء 14 كانون الأول")
    assert (m.text, m.date, m.kind) == ("الأربعاء 14 كانون الأول", dt.date(2016, 12, 14), "absolute")


def test_bilingual_month_pair_is_one_mention() -> None:
    m = only("سيطر عليها المعارضون منذ 15 تشرين الثاني / نوفمبر، بينما")
    assert (m.text, m.date) == ("15 تشرين الثاني / نوفمبر", dt.date(2016, 11, 15))


def test_bilingual_month_pair_without_separator() -> None:
    m = only("مع تولي ترامب منصبه في 20 يناير كانون الثاني.", reference=SUN)
    assert (m.text, m.date) == ("20 يناير كانون الثاني", dt.date(2017, 1, 20))


def test_ordinal_day_word() -> None:
    m = only("وفي الثالث من ديسمبر التقيت بالوزير")
    assert (m.text, m.date) == ("الثالث من ديسمبر", dt.date(2016, 12, 3))


def test_compound_ordinal_with_alif_maqsura_spelling() -> None:
    assert day("في الحادى والعشرين من شهر تشرين الأول") == dt.date(2016, 10, 21)


def test_since_a_day_puts_it_before_the_reference() -> None:
    assert day("محاصرون منذ 20 أبريل") == dt.date(2016, 4, 20)


def test_without_since_the_closest_year_wins() -> None:
    assert day("تنتهي الولاية في 20 أبريل") == dt.date(2017, 4, 20)


def test_december_day_read_in_january_is_last_year() -> None:
    assert day("بدأ الهجوم في 28 ديسمبر", reference=dt.date(2017, 1, 3)) == dt.date(2016, 12, 28)


def test_explicit_year_is_taken_as_written() -> None:
    assert day("في 14 ديسمبر 2016 أعلن الجيش", reference=dt.date(2020, 5, 1)) == dt.date(2016, 12, 14)


@pytest.mark.parametrize("text", ["بتاريخ 2016/12/14 صدر", "بتاريخ 14-12-2016 صدر", "بتاريخ 14/12/2016 صدر", "في 14.12.2016."])
def test_numeric_dates_are_day_first_or_iso(text: str) -> None:
    assert day(text, reference=None) == dt.date(2016, 12, 14)


def test_impossible_numeric_date_is_not_read() -> None:
    assert find_dates("الرقم 31/02/2016 خاطئ", reference=TUE) == []


def test_day_without_year_and_without_reference_is_unresolved() -> None:
    m = only("في 14 ديسمبر أعلن الجيش", reference=None)
    assert (m.date, m.precision) == (None, "day")


def test_day_with_year_without_reference_resolves() -> None:
    assert day("في 14 ديسمبر 2016 أعلن الجيش", reference=None) == dt.date(2016, 12, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصل في 3 دجنبر إلى الرباط", dt.date(2016, 12, 3)),
        ("انطلق في 15 شتنبر", dt.date(2016, 9, 15)),
        ("الانتخابات في 7 أكتوبر", dt.date(2016, 10, 7)),
        ("عاد يوم 2 غشت", dt.date(2016, 8, 2)),
        ("أقيم في 20 يوليوز", dt.date(2016, 7, 20)),
        ("الاجتماع في 11 نونبر", dt.date(2016, 11, 11)),
    ],
)
def test_maghrebi_month_names(text: str, expected: dt.date) -> None:
    assert day(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عاد في 5 جانفي", dt.date(2017, 1, 5)),
        ("وقعت في 9 فيفري", dt.date(2017, 2, 9)),
        ("في 20 أفريل 2016", dt.date(2016, 4, 20)),
        ("في 5 جويلية", dt.date(2016, 7, 5)),
        ("منذ 1 جوان", dt.date(2016, 6, 1)),
        ("في 20 أوت", dt.date(2016, 8, 20)),
    ],
)
def test_algerian_tunisian_month_names(text: str, expected: dt.date) -> None:
    assert day(text) == expected


def test_arabic_indic_digits_and_offsets_into_the_original() -> None:
    text = "أعلن الجيش في ١٤ ديسمبر ٢٠١٦ السيطرة"
    m = only(text, reference=None)
    assert (m.date, m.text, text[m.start : m.end]) == (dt.date(2016, 12, 14), "١٤ ديسمبر ٢٠١٦", "١٤ ديسمبر ٢٠١٦")


def test_diacritics_are_kept_in_the_span() -> None:
    m = only("قَالَ أَمْسِ إِنَّ")
    assert m.text == "أَمْسِ"


# --- durations and periods -----------------------------------------------------------------


def test_since_n_days() -> None:
    assert day("لم يدخل الطعام منذ 3 أيام") == dt.date(2016, 12, 10)


def test_two_days_ago_dual() -> None:
    assert day("أعيد فتحه قبل يومين.", reference=SUN) == dt.date(2016, 12, 2)


def test_count_written_as_a_word() -> None:
    assert day("وصلت القافلة منذ ثلاثة أيام") == dt.date(2016, 12, 10)


def test_after_n_days_in_a_past_narrative_is_unresolved() -> None:
    m = only("ولكن بعد 3 أيام نقضوا هذا الاتفاق")
    assert m.date is None


def test_after_n_days_with_a_future_verb_counts_forward() -> None:
    assert day("وستبدأ المحادثات بعد يومين") == dt.date(2016, 12, 15)


def test_days_before_a_named_event_are_unresolved() -> None:
    assert only("قبل 3 أيام من الانتخابات").date is None


def test_weeks_ago_has_week_precision() -> None:
    assert only("قبل أسبوعين").precision == "week"


def test_last_week_is_a_week_not_a_day() -> None:
    m = only("بقيادته الأسبوع الماضي.")
    assert (m.precision, m.date) == ("week", TUE - dt.timedelta(days=7))


def test_last_month_is_the_previous_month() -> None:
    m = only("ارتفعت الأسعار الشهر الماضي")
    assert (m.precision, m.date) == ("month", dt.date(2016, 11, 1))


@pytest.mark.parametrize(
    "text", ["في الساعة 03:00 بتوقيت جرينتش", "هدنة لمدة 3 أيام", "طفل عمره 14 عاما", "قتل 2016 شخصا", "أسابيع"]
)
def test_times_counts_and_ages_are_not_dates(text: str) -> None:
    assert find_dates(text, reference=TUE) == []


# --- months and years ----------------------------------------------------------------------


def test_year_alone_has_year_precision() -> None:
    m = only("احتجاجات على حكمه في 2011.")
    assert (m.kind, m.precision, m.date) == ("year", "year", dt.date(2011, 1, 1))


def test_month_with_past_modifier() -> None:
    assert only("منذ نوفمبر الماضي").date == dt.date(2016, 11, 1)


def test_same_month_with_past_modifier_is_last_year() -> None:
    assert only("في ديسمبر الماضي").date == dt.date(2015, 12, 1)


def test_month_after_a_cue_has_month_precision() -> None:
    m = only("تمكنت في ايلول / سبتمبر من تشديد حصارها")
    assert (m.kind, m.precision, m.date) == ("month", "month", dt.date(2016, 9, 1))


def test_father_is_not_august() -> None:
    assert find_dates("وقال الأب إن ابنه قتل في آب", reference=TUE) == []


def test_august_after_the_word_month() -> None:
    assert only("في شهر آب").date == dt.date(2016, 8, 1)


# --- unknown reference ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["قال أمس", "يوم الأحد", "منذ 3 أيام", "الأسبوع الماضي"])
def test_relative_expressions_without_reference_are_unresolved(text: str) -> None:
    assert only(text, reference=None).date is None


# --- sentence dates and the timeline -------------------------------------------------------


def test_sentence_date_prefers_an_explicit_day() -> None:
    m = resolve_sentence_date("وقال أمس إن الهجوم وقع في الثالث من ديسمبر", reference=TUE)
    assert m is not None and m.date == dt.date(2016, 12, 3)


def test_sentence_date_skips_mentions_that_are_not_days() -> None:
    m = resolve_sentence_date("بدأت الحرب في 2011 وتقدم الجيش أمس", reference=TUE)
    assert m is not None and m.date == dt.date(2016, 12, 12)


def test_sentence_without_a_day_has_no_date() -> None:
    assert resolve_sentence_date("تقدم الجيش الأسبوع الماضي", reference=TUE) is None


def _article(title: str, body: str, published: dt.date | None) -> tuple[Article, list[Sentence]]:
    article = Article.create(title=title, body=body, published=published)
    sentences = []
    pos = article.body_offset
    for i, text in enumerate(body.split("\n")):
        sentences.append(Sentence(article.id, i, pos, pos + len(text), text))
        pos += len(text) + 1
    return article, sentences


def _dated(article: Article, sentences: list[Sentence]) -> Document:
    """A document of these sentences with the dates the pipeline finds in them."""
    return run_component(add_dates, Document(article=article, sentences=tuple(sentences), filled=frozenset({"sentences"})))


def test_timeline_is_sorted_by_date_and_keeps_only_days() -> None:
    a, sa = _article("أ", "قتل عشرة أمس.\nوفي الثالث من ديسمبر التقى الوزيران.\nبدأت الحرب في 2011.", TUE)
    b, sb = _article("ب", "تقدم الجيش يوم السبت.", TUE)
    timeline = build_timeline([_dated(a, sa), _dated(b, sb)])
    assert [(e.date, e.article_id, e.sentence_index) for e in timeline] == [
        (dt.date(2016, 12, 3), a.id, 1),
        (dt.date(2016, 12, 10), b.id, 0),
        (dt.date(2016, 12, 12), a.id, 0),
    ]


def test_timeline_of_an_undated_article_has_only_full_dates() -> None:
    a, sa = _article("أ", "قتل عشرة أمس.\nوفي 14 ديسمبر 2016 التقى الوزيران.\nوفي 3 ديسمبر وصلوا.", None)
    timeline = build_timeline([_dated(a, sa)])
    assert [(e.date, e.sentence_index) for e in timeline] == [(dt.date(2016, 12, 14), 1)]


# --- the seeds, end to end -----------------------------------------------------------------


def _seed(seed_texts: dict[str, str], prefix: str) -> str:
    return next(text for stem, text in seed_texts.items() if stem.startswith(prefix))


def _dates_of(text: str, reference: dt.date) -> dict[str, list[dt.date | None]]:
    out: dict[str, list[dt.date | None]] = {}
    for m in find_dates(text, reference=reference):
        out.setdefault(m.text, []).append(m.date)
    return out


def test_seed_000_yesterday_today_and_ordinal_day(seed_texts: dict[str, str]) -> None:
    found = _dates_of(_seed(seed_texts, "000"), TUE)
    assert dt.date(2016, 12, 12) in found["أمس"]
    assert found["اليوم الأربعاء"] == [dt.date(2016, 12, 14)]
    assert found["الثالث من ديسمبر"] == [dt.date(2016, 12, 3)]


def test_seed_004_levantine_date(seed_texts: dict[str, str]) -> None:
    found = _dates_of(_seed(seed_texts, "004"), TUE)
    assert found["الأربعاء 14 كانون الاول"] == [dt.date(2016, 12, 14)]


def test_seed_003_since_a_bilingual_date(seed_texts: dict[str, str]) -> None:
    found = _dates_of(_seed(seed_texts, "003"), TUE)
    assert any(date == dt.date(2016, 11, 15) for text, dates in found.items() if "تشرين الثاني" in text for date in dates)


def test_seed_001_inauguration_and_scheduled_vote(seed_texts: dict[str, str]) -> None:
    found = _dates_of(_seed(seed_texts, "001"), SUN)
    assert found["20 يناير كانون الثاني"] == [dt.date(2017, 1, 20)]
    assert found["يوم الاثنين"] == [dt.date(2016, 12, 5)]


def test_seed_mentions_point_at_the_text_as_written(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        for m in find_dates(text, reference=TUE):
            assert text[m.start : m.end] == m.text


# --- offsets on messy input ----------------------------------------------------------------


def test_no_break_spaces_keep_offsets_exact() -> None:
    text = "قال\u00a0المتحدث\u00a0أمس إن\u00a0الجيش تقدم يوم\u00a0الأحد"
    found = find_dates(text, reference=TUE)
    assert [(m.text, m.date) for m in found] == [("أمس", dt.date(2016, 12, 12)), ("يوم\u00a0الأحد", dt.date(2016, 12, 11))]


def test_presentation_forms_before_a_date_keep_offsets_exact() -> None:
    text = "ﻻ يزال الوضع متوترا… منذ ١٥ تشرين الثاني"
    m = only(text)
    assert (m.text, m.date) == ("١٥ تشرين الثاني", dt.date(2016, 11, 15))


def test_a_name_that_looks_like_a_future_verb_is_not_a_cue() -> None:
    assert day("خسر أمام مانشستر سيتي الأربعاء") == dt.date(2016, 12, 7)


def test_vague_count_is_not_a_date() -> None:
    assert find_dates("وصلت القافلة منذ بضعة أيام", reference=TUE) == []


def test_count_of_twenty_in_words() -> None:
    assert day("محاصرون منذ عشرين يوما") == dt.date(2016, 11, 23)


# --- cost grows linearly with the text ------------------------------------------------------


@pytest.mark.parametrize("unit", [" أمس", " الاثنين", " 14 كانون الاول"])
def test_time_doubles_at_most_with_a_doubled_text(unit: str) -> None:
    # every candidate was once tested against every date already chosen
    assert_linear(lambda text: find_dates(text, reference=dt.date(2016, 12, 14)), unit * (12_000 // len(unit)))


# --- date arithmetic never raises -------------------------------------------------------------


@pytest.mark.parametrize("reference", [dt.date.min, dt.date.max])
def test_dates_relative_to_a_reference_at_the_calendar_ends_are_none_not_an_error(reference):
    # an article published 9999-12-31 once made every brief of it fail with OverflowError
    text = "قال أمس إن الاجتماع غدا والأسبوع المقبل والشهر المقبل والعام المقبل والاثنين المقبل والعاشر من الشهر المقبل"
    found = {m.text: m.date for m in find_dates(text, reference=reference)}
    assert found["أمس"] == (None if reference == dt.date.min else reference - dt.timedelta(days=1))
    assert found["غدا"] == (None if reference == dt.date.max else reference + dt.timedelta(days=1))
    assert found["العام المقبل"] == (None if reference == dt.date.max else dt.date(2, 1, 1))


# --- the day an article states -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "دمشق - الثلاثاء 13 كانون الأول/ديسمبر 2016: قتل عشرون مدنيا",
        "بيروت في 13 ديسمبر 2016 - قتل عشرون مدنيا",
        "نشر بتاريخ 13/12/2016 - قتل عشرون مدنيا",
        "نشر بتاريخ 2016-12-13 - قتل عشرون مدنيا",
    ],
)
def test_a_full_date_in_the_lead_fixes_the_day(text: str) -> None:
    found = stated_day(text)
    assert found is not None and found.date == TUE and found.how == "full date"
    assert found.text in text


def test_a_full_date_whose_weekday_disagrees_fixes_nothing() -> None:
    assert stated_day("دمشق - الاثنين 13 كانون الأول/ديسمبر 2016: قتل عشرون مدنيا") is None


def test_a_weekday_day_and_month_take_the_year_of_the_anchors() -> None:
    text = "يجتمع الوزراء الأربعاء 14 كانون الأول في أنقرة"
    found = stated_day(text, anchors=[TUE])
    assert found is not None and found.date == dt.date(2016, 12, 14)
    assert found.text == "الأربعاء 14 كانون الأول"
    # a December 2017 anchor: 14 December 2017 was a Thursday, 2016's is within a year
    assert stated_day(text, anchors=[dt.date(2017, 12, 1)]).date == dt.date(2016, 12, 14)  # type: ignore[union-attr]


def test_a_weekday_day_and_month_without_an_anchor_fix_nothing() -> None:
    # 14 December was a Wednesday in 2005, 2011, 2016 and 2022: the year would be a guess
    assert stated_day("يجتمع الوزراء الأربعاء 14 كانون الأول في أنقرة") is None
    # no year within a year of the anchor puts 14 December on a Wednesday
    assert stated_day("يجتمع الوزراء الأربعاء 14 كانون الأول في أنقرة", anchors=[dt.date(2019, 12, 1)]) is None


def test_a_day_and_month_alone_fix_nothing() -> None:
    assert stated_day("يجتمع الوزراء في 14 كانون الأول في أنقرة", anchors=[TUE]) is None


def test_the_first_day_fixed_in_the_text_is_the_stated_one() -> None:
    found = stated_day("الثلاثاء 13 كانون الأول 2016: الاتفاق الموقع في 1 تشرين الأول 2016 انهار")
    assert found is not None and found.date == TUE


def test_a_day_with_its_article_set_apart_by_a_dash_is_a_date() -> None:
    # tokenized web pages print "ال - 22 من تشرين الأول"
    (d,) = find_dates("بدأت المعارك في ال - 14 من تشرين الأول الماضي .", reference=None)
    assert d.text.startswith("ال - 14") and d.precision == "day"


def test_every_trigger_word_is_a_run_of_letters_and_a_glued_one_opens_no_date() -> None:
    # the planner looks triggers up among a sentence's runs of letters (shared with the
    # number finder): a trigger with any other character would never be found
    import re

    from khabar.extract.dates import _triggers
    from khabar.text.ar.tokenize import NORM_LETTERS

    assert all(re.fullmatch(f"[{NORM_LETTERS}]+", w) for w in _triggers())
    assert find_dates("وصل الوفد أمس", reference=dt.date(2018, 4, 2))
    assert not find_dates("وصل الوفد 5أمس", reference=dt.date(2018, 4, 2))  # a run inside a longer word


# --- an earlier time: background, not the news of the day ------------------------------------


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("وكان البرلمان قد رفض المشروع الشهر الماضي", True),
        ("وفاز الحزب في استفتاء جرى العام الماضي", True),
        ("واتفق الوزراء، الأسبوع الماضي، على خطة جديدة", True),
        ("وأعلنت الشرطة في وقت سابق مقتل خمسة أشخاص", True),
        ("وقتل 12 شخصا في انهيار الجسر صباح الثلاثاء", False),
        ("وأعلن الوزير أمس الاثنين استقالته", False),  # the day before the report: the news
        ("ويجتمع الوزراء الأسبوع المقبل لبحث الخطة", False),
    ],
)
def test_a_sentence_that_names_an_earlier_time_is_told_apart(text, earlier):
    from khabar.extract.dates import names_earlier_time

    assert names_earlier_time(text, find_dates(text, reference=TUE), TUE) is earlier


def test_without_the_day_of_the_news_only_the_words_for_earlier_tell_it():
    from khabar.extract.dates import names_earlier_time

    text = "وكان البرلمان قد رفض المشروع الشهر الماضي"
    assert not names_earlier_time(text, find_dates(text, reference=None), None)
    assert names_earlier_time("وذكرت الوكالة في وقت سابق أن", [], None)


def test_word_starts_back_are_the_starts_of_the_last_word_runs_before_a_position():
    # read backwards a character at a time: the same starts as every \w+ run of the stretch
    # found forwards, the last ones taken (a word cut by the stretch's start starts there)
    import random
    import re

    from khabar.extract.dates import _word_starts_back

    def forwards(text, pos, count):
        lo = max(0, pos - 16 * count)
        starts = [m.start() for m in re.finditer(r"\w+", text[lo:pos])]
        return [pos, *(lo + s for s in reversed(starts[-count:]))] if count else [pos]

    assert _word_starts_back("قال في يوم الأحد", 11, 2) == [11, 7, 4]
    rng = random.Random(8)
    pieces = [*"حلب من_a1٣ ", "  ", "،", ".", "\n", "ـ", "\u064e", "²"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 120)))
        pos, count = rng.randint(0, len(text)), rng.randint(0, 7)
        assert _word_starts_back(text, pos, count) == forwards(text, pos, count), (text, pos, count)
