"""Dates as inputs write them, outlets, and the checks every article passes."""

import datetime as dt

import pytest

from khabar.config import ReadOptions
from khabar.errors import InputError
from khabar.ingest.metadata import (
    canonical_outlet,
    make_article,
    outlet_from_url,
    parse_date,
    split_source_line,
)

BODY = "قال شهود عيان إن القصف استمر طوال الليل على الأحياء الشرقية من المدينة."


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2023-03-14", dt.date(2023, 3, 14)),
        ("2023-03-14T23:30:00+03:00", dt.date(2023, 3, 14)),
        ("Mon, 26 Feb 2018 02:20:10 GMT", dt.date(2018, 2, 26)),
        ("Sun, 15 Jul 2018 23:56:56 +0400", dt.date(2018, 7, 15)),  # kept in its own zone
        ("14/11/2023", dt.date(2023, 11, 14)),  # day first
        ("الثلاثاء 13 كانون الأول/ديسمبر 2016", dt.date(2016, 12, 13)),
        ("الأربعاء، 14 شباط (فبراير) 2018", dt.date(2018, 2, 14)),
        ("١٤ مارس ٢٠٢٣", dt.date(2023, 3, 14)),
        ("نشر في 5 ايار 2017 - 10:36 م", dt.date(2017, 5, 5)),
        ("3 جوان 2019", dt.date(2019, 6, 3)),
        ("Dec 13, 2016", dt.date(2016, 12, 13)),
    ],
)
def test_parse_date_reads_written_forms(written, expected):
    assert parse_date(written) == expected


@pytest.mark.parametrize(
    "written",
    [
        "Sun, 01 Apr 2018 02:56:52 +0400",
        "01 Apr 2018 23:59 GMT",
        "Fri,06 Apr 2018 14:45:40 est",
        "Sun, 31 Feb 2018 02:56:52 +0400",  # no such day
        "Sun, 01 Apr 2018 24:00:00 +0400",  # no such hour: the email parser refuses it
        "Sun, 01 Apr 2018 10:00:60 GMT",
        "Sun, 01 Abc 2018 10:00:00 GMT",
        "Sun, 1 Apr 18 10:00:00 GMT",  # two-digit year: the email parser's rule
    ],
)
def test_common_rfc822_dates_read_as_the_email_parser_reads_them(written, monkeypatch):
    """The one-pattern reading of the common shape gives what the email parser (and, where it
    refuses, the other forms) gave."""
    from khabar.ingest import metadata

    fast = parse_date(written)
    monkeypatch.setattr(metadata, "_rfc822_date", lambda text: None)
    assert fast == parse_date(written)


@pytest.mark.parametrize("written", ["yesterday", "", "31/02/2020", "منذ ساعتين", None])
def test_parse_date_does_not_guess(written):
    assert parse_date(written) is None


def test_parse_date_epoch_milliseconds():
    assert parse_date(1_481_587_200_000) == dt.date(2016, 12, 13)


def test_source_line_at_the_end_is_the_outlet_and_leaves_the_body():
    outlet, rest = split_source_line(["عنوان", "نص الخبر", "", "المصدر : BBC عربي", ""])
    assert outlet == "BBC عربي"
    assert rest == ["عنوان", "نص الخبر", "", ""]


def test_long_sentence_after_source_word_is_not_a_source_line():
    sentence = "المصدر: إن الوضع هادئ في المدينة اليوم وقد عاد السكان إلى منازلهم بعد أيام من القصف المتواصل"
    outlet, _ = split_source_line(["عنوان", sentence])
    assert outlet is None


def test_outlet_from_url_uses_known_names_then_the_host():
    assert outlet_from_url("https://arabic.cnn.com/middle-east/x") == "CNN بالعربية"
    assert outlet_from_url("http://www.example-news.com/a") == "example-news.com"


def test_canonical_outlet_maps_corpus_codes():
    assert canonical_outlet("skynews") == "سكاي نيوز عربية"
    assert canonical_outlet("وكالة محلية") == "وكالة محلية"


def test_options_override_the_input():
    options = ReadOptions(outlet="وكالتي", published=dt.date(2020, 1, 2))
    a = make_article(title="عنوان", body=BODY, source="x", options=options, outlet="أخرى", published="2019-05-05")
    assert (a.outlet, a.published) == ("وكالتي", dt.date(2020, 1, 2))


def test_missing_title_is_the_first_body_line():
    a = make_article(title="", body=f"العنوان هنا\n{BODY}", source="x", options=ReadOptions())
    assert (a.title, a.body) == ("العنوان هنا", BODY)


def test_non_arabic_text_is_refused_with_its_share():
    with pytest.raises(InputError, match=r"text is not Arabic \(0% Arabic letters\)"):
        make_article(
            title="Title", body="The shelling went on all night in the east.", source="x", options=ReadOptions()
        )


def test_too_short_text_is_refused():
    with pytest.raises(InputError, match="too short: 8 letters"):
        make_article(title="عنوان", body="خبر", source="x", options=ReadOptions())


@pytest.mark.parametrize(
    "body,problem",
    [
        ("قصير", "too short"),
        ("The army said the city was retaken after a long siege of many weeks. " * 3, "text is not Arabic"),
        ("قال مكتب الأمم المتحدة إن آلاف المدنيين ما زالوا محاصرين في الأحياء الشرقية. " * 3, None),
        ("x " * 9000 + "قال مكتب الأمم المتحدة إن آلاف المدنيين ما زالوا محاصرين. " * 400, "text is not Arabic"),
        ("x " * 1500 + "قال مكتب الأمم المتحدة إن آلاف المدنيين ما زالوا محاصرين. " * 400, None),
    ],
)
def test_one_pass_language_check_decides_as_the_two_checks_do(body, problem):
    """Length is judged on the first 2,000 characters, the language on the first 20,000."""
    from khabar.text.ar.normalize import arabic_ratio, letter_count

    text = f"عنوان\n{body.strip()}"
    short = letter_count(text[:2000]) < ReadOptions().min_letters
    foreign = arabic_ratio(text[:20000]) < ReadOptions().min_arabic_ratio
    expected = "too short" if short else "text is not Arabic" if foreign else None
    assert expected == problem
    if problem is None:
        assert make_article(title="عنوان", body=body, source="a.txt", options=ReadOptions()).language == "ar"
    else:
        with pytest.raises(InputError, match=problem):
            make_article(title="عنوان", body=body, source="a.txt", options=ReadOptions())
