"""Numbers in Arabic text: digits, words, vague counts, hedges, ranges, offsets, seeds."""

from __future__ import annotations

import random

import pytest

from khabar.model import NumberMention
from khabar.text.ar.numbers import find_numbers, parse_number

from khabar_testdata import EXAMPLES, need
from khabar_timing import assert_linear

N = None  # an open bound


def only(text: str) -> NumberMention:
    """The single mention of ``text``, which must cover it entirely."""
    found = find_numbers(text)
    assert len(found) == 1, found
    m = found[0]
    assert (m.start, m.end, m.text) == (0, len(text), text)
    return m


def bounds(m: NumberMention) -> tuple:
    return (m.value, m.low, m.high, m.approximate)


# --- digits -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("30", 30),
        ("٣٠", 30),  # Arabic-Indic
        ("۳۰", 30),  # Persian
        ("1,200", 1200),
        ("1,200,000", 1_200_000),
        ("1.200", 1200),  # European thousands: exactly three digits after the dot
        ("1.200.000", 1_200_000),
        ("3.5", 3.5),
        ("0.500", 0.5),  # a leading zero is never a thousands group
        ("٣٫٥", 3.5),  # Arabic decimal separator
        ("١٬٢٠٠", 1200),  # Arabic thousands separator
        ("4,9", 4.9),  # decimal comma: one or two digits after it
        ("03", 3),
    ],
)
def test_digits(text: str, value: float) -> None:
    assert bounds(only(text)) == (value, value, value, False)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12 ألفا", 12_000),
        ("130 ألف", 130_000),
        ("50 الف", 50_000),
        ("2.5 مليون", 2_500_000),
        ("2,5 مليون", 2_500_000),
        ("1.250 مليار", 1_250_000_000),  # before a scale word the dot is a decimal point
        ("3 آلاف", 3000),
        ("5 ملايين", 5_000_000),
        ("2 مليون و500 ألف", 2_500_000),
        ("٢٠٠ ألف", 200_000),
    ],
)
def test_digits_before_scale_words(text: str, value: float) -> None:
    assert bounds(only(text)) == (value, value, value, False)


@pytest.mark.parametrize("text", ["60 بالمئة", "60 بالمائة", "90 في المئة", "90 في المائة", "60%", "٦٠٪", "60 %"])
def test_percentages(text: str) -> None:
    m = only(text)
    assert m.unit == "percent"
    assert m.value == float(text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))[:2])


def test_percent_sign_written_before_the_digits() -> None:
    m = only("%60")
    assert (m.value, m.unit) == (60, "percent")


def test_a_plain_number_has_no_unit() -> None:
    assert only("60").unit is None


# --- words --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("واحد", 1), ("واحدة", 1), ("اثنان", 2), ("اثنين", 2), ("اثنتان", 2), ("اثنتين", 2),
        ("ثلاث", 3), ("ثلاثة", 3), ("أربعة", 4), ("ست", 6), ("ستة", 6),
        ("ثمان", 8), ("ثماني", 8), ("ثمانية", 8), ("تسع", 9), ("عشر", 10), ("عشرة", 10),
        ("أحد عشر", 11), ("إحدى عشرة", 11), ("اثنا عشر", 12), ("خمسة عشر", 15), ("تسع عشرة", 19),
        ("عشرون", 20), ("عشرين", 20), ("تسعون", 90), ("تسعين", 90), ("خمسة وعشرون", 25),
        ("مئة", 100), ("مائة", 100), ("مئتان", 200), ("مئتين", 200), ("مائتي", 200),
        ("ثلاثمئة", 300), ("ثلاثمائة", 300), ("ثلاث مئة", 300), ("تسعمئة", 900), ("مئة وخمسون", 150),
        ("ألف", 1000), ("ألفا", 1000), ("ألفان", 2000), ("ألفين", 2000),
        ("مليون", 1_000_000), ("مليونا", 1_000_000), ("مليار", 1_000_000_000), ("مليارين", 2_000_000_000),
    ],
)
def test_number_words(text: str, value: float) -> None:
    assert bounds(only(text)) == (value, value, value, False)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("مئة ألف", 100_000),
        ("ثلاثة آلاف", 3000),
        ("نصف مليون", 500_000),
        ("ربع مليون", 250_000),
        ("ألف وخمسمئة", 1500),
        ("ألف و500", 1500),
        ("مليون ونصف", 1_500_000),
        ("ثلاثة ملايين ونصف", 3_500_000),
        ("خمسة وعشرين ألفا", 25_000),
        ("ثلاثمئة وخمسة وعشرون ألفا", 325_000),
        ("خمسة عشر ألفا", 15_000),
        ("مليونين و500 ألف", 2_500_000),
        ("عشرين ألف", 20_000),
    ],
)
def test_compound_numbers(text: str, value: float) -> None:
    assert bounds(only(text)) == (value, value, value, False)


# --- vague counts: value None, low = lo x unit, high = (hi + 1) x unit - 1 ----------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("عشرات", 20, 99),
        ("مئات", 200, 999),
        ("آلاف", 2000, 9999),
        ("الآلاف", 2000, 9999),
        ("ملايين", 2_000_000, 9_999_999),
        ("عشرات الآلاف", 20_000, 99_999),
        ("عشرات آلاف", 20_000, 99_999),
        ("مئات الآلاف", 200_000, 999_999),
        ("عشرات الملايين", 20_000_000, 99_999_999),
        ("بضعة", 3, 9),
        ("بضعة آلاف", 3000, 9999),
        ("بضع مئات", 300, 999),
        ("عدة آلاف", 3000, 9999),
    ],
)
def test_vague_counts(text: str, low: float, high: float) -> None:
    assert bounds(only(text)) == (N, low, high, True)


def test_several_alone_is_not_a_number() -> None:
    assert find_numbers("عدة مرات") == []


def test_a_hedge_on_a_vague_count_keeps_its_low_bound() -> None:
    assert bounds(only("أكثر من عشرات")) == (N, 20, N, True)


# --- hedges -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hedge", ["نحو", "حوالي", "حوالى", "قرابة", "زهاء", "ما يقارب", "ما يقرب من", "يقارب", "ما يناهز"]
)
def test_approximately_before(hedge: str) -> None:
    m = only(f"{hedge} 100")
    assert (bounds(m), m.qualifier) == ((100, 100, 100, True), hedge)


def test_approximately_after() -> None:
    m = only("100 تقريباً")
    assert (bounds(m), m.qualifier) == ((100, 100, 100, True), "تقريباً")


@pytest.mark.parametrize("hedge", ["أكثر من", "ما يزيد على", "ما يزيد عن", "يزيد على", "ما يربو على"])
def test_more_than(hedge: str) -> None:
    m = only(f"{hedge} 100 ألف")
    assert (bounds(m), m.qualifier) == ((100_000, 100_000, N, True), hedge)


@pytest.mark.parametrize("hedge", ["يتجاوز", "تجاوز", "تجاوزت", "يتعدى", "يفوق", "فاق", "يربو على", "زاد على"])
def test_exceeding_is_more_than(hedge: str) -> None:
    m = only(f"{hedge} 100 ألف")
    assert (bounds(m), m.qualifier) == ((100_000, 100_000, N, True), hedge)


@pytest.mark.parametrize(
    "hedge",
    ["لا يتجاوز", "لا تتجاوز", "لم يتجاوز", "لا يتجاوزون", "لا يزيد على", "لا يزيد عن", "لم يزد على",
     "لم يزد عن", "لا يتعدى", "لم يتعد", "ما لا يزيد عن", "لن يتجاوز", "لن تزيد عن", "ألا يتجاوز"],
)
def test_not_exceeding_is_at_most(hedge: str) -> None:
    m = only(f"{hedge} 15 ألفا")
    assert (bounds(m), m.qualifier) == ((15_000, N, 15_000, True), hedge)


def test_a_negation_with_a_proclitic_is_still_at_most() -> None:
    (m,) = find_numbers("ولا يتجاوز 15 ألفا")
    assert (m.text, bounds(m), m.qualifier) == ("لا يتجاوز 15 ألفا", (15_000, N, 15_000, True), "لا يتجاوز")


def test_a_negation_before_a_number_in_words_is_at_most() -> None:
    m = only("لا يتجاوز خمسة عشر ألفا")
    assert bounds(m) == (15_000, N, 15_000, True)


@pytest.mark.parametrize("hedge", ["ما لا يقل عن", "لا يقل عن", "على الأقل", "لم يقل عن", "لا تقل عن"])
def test_at_least_before(hedge: str) -> None:
    m = only(f"{hedge} 50")
    assert (bounds(m), m.qualifier) == ((50, 50, N, False), hedge)


@pytest.mark.parametrize("hedge", ["أقل من", "دون", "ما دون"])
def test_less_than(hedge: str) -> None:
    m = only(f"{hedge} 18")
    assert (bounds(m), m.qualifier) == ((18, N, 18, True), hedge)


@pytest.mark.parametrize("hedge", ["قد يصل إلى", "يصل إلى", "حتى"])
def test_up_to(hedge: str) -> None:
    m = only(f"{hedge} 200 ألف")
    assert (bounds(m), m.qualifier) == ((200_000, N, 200_000, True), hedge)


def test_at_least_after_the_counted_noun_keeps_the_span_on_the_number() -> None:
    s = "قتل 50 مدنيا على الأقل"
    (m,) = find_numbers(s)
    assert (m.text, m.start, bounds(m), m.qualifier) == ("50", 4, (50, 50, N, False), "على الأقل")


def test_at_least_before_the_next_number_is_not_taken_by_the_previous_one() -> None:
    five, three = find_numbers("قتل 5 أشخاص بينهم على الأقل 3 أطفال")
    assert (bounds(five), five.qualifier) == ((5, 5, 5, False), None)
    assert (bounds(three), three.qualifier) == ((3, 3, N, False), "على الأقل")


def test_without_is_not_less_than() -> None:
    for s in ("من دون 5 أيام", "بدون 5 أيام"):
        (m,) = find_numbers(s)
        assert (m.text, bounds(m), m.qualifier) == ("5", (5, 5, 5, False), None)


def test_to_reach_after_a_rise_is_not_up_to() -> None:
    (m,) = find_numbers("ارتفع ليصل إلى 5.4%")
    assert (m.text, bounds(m), m.qualifier) == ("5.4%", (5.4, 5.4, 5.4, False), None)


def test_a_hedge_with_a_proclitic_starts_after_it() -> None:
    s = "وبنحو 30 ألفا"
    (m,) = find_numbers(s)
    assert (m.text, m.start, m.qualifier) == ("نحو 30 ألفا", 2, "نحو")


# --- ranges -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier"),
    [
        ("بين 10 و20", 10, 20, "بين"),
        ("ما بين 10 و 20", 10, 20, "ما بين"),
        ("من 10 إلى 20", 10, 20, "من"),
        ("10 إلى 20", 10, 20, None),
        ("10-20", 10, 20, None),
        ("بين 10 و20 ألفا", 10_000, 20_000, "بين"),  # the lower end shares the scale
        ("من ثلاثة إلى أربعة آلاف", 3000, 4000, "من"),
        ("بين عشرة وعشرين", 10, 20, "بين"),
    ],
)
def test_ranges(text: str, low: float, high: float, qualifier: str | None) -> None:
    m = only(text)
    assert (bounds(m), m.qualifier) == ((N, low, high, True), qualifier)


def test_range_of_percentages() -> None:
    m = only("بين 10 و20 في المئة")
    assert (m.low, m.high, m.unit) == (10, 20, "percent")


def test_a_change_in_percent_then_the_level_reached_is_not_a_range() -> None:
    # a market report: the change in per cent, then the price or index level it reached
    found = find_numbers("وارتفع الذهب 0.3 بالمئة إلى 1310.03 دولار للأوقية")
    assert [(m.value, m.unit) for m in found] == [(0.3, "percent"), (1310.03, None)]
    # per cents at both ends, or an opener, still make a range
    assert bounds(only("2% إلى 5%")) == (N, 2, 5, True)
    assert bounds(only("من 10% إلى 20")) == (N, 10, 20, True)


def test_a_falling_pair_is_not_a_range() -> None:
    assert [m.value for m in find_numbers("تراجع من 60 إلى 50")] == [60, 50]


def test_a_score_is_not_a_range() -> None:
    assert [m.value for m in find_numbers("التعادل 1-1")] == [1, 1]


def test_until_makes_a_range_only_after_from() -> None:
    assert bounds(only("من 8 حتى 10")) == (N, 8, 10, True)
    assert [m.value for m in find_numbers("قتل 50 حتى 2011")] == [50, 2011]


def test_numbers_joined_by_and_without_between_stay_apart() -> None:
    s = "قال إن 415 مدنيا و364 من مسلحي المعارضة"
    assert [(m.text, m.value) for m in find_numbers(s)] == [("415", 415), ("364", 364)]


def test_years_joined_by_and_stay_apart() -> None:
    assert [m.value for m in find_numbers("أعوام 2012 و2014")] == [2012, 2014]


# --- times, dates, years ------------------------------------------------------------------


def test_a_time_is_one_mention_without_value() -> None:
    s = 'الساعة الخامسة "03:00 بتوقيت جرينتش"'
    (m,) = find_numbers(s)
    assert (m.text, m.unit, m.value, m.low, m.high) == ("03:00", "time", N, N, N)


@pytest.mark.parametrize("text", ["14/12/2016", "2016-12-14", "١٤/١٢/٢٠١٦"])
def test_a_numeric_date_is_one_mention_without_value(text: str) -> None:
    m = only(text)
    assert (m.unit, m.value) == ("date", N)


def test_a_year_is_a_plain_number() -> None:
    (m,) = find_numbers("بدأت في 2011.")
    assert (m.text, m.value, m.unit) == ("2011", 2011, None)


def test_a_day_before_a_month_name_is_a_number_and_the_month_ordinal_is_not() -> None:
    assert [m.value for m in find_numbers("منذ 15 تشرين الثاني")] == [15]


# --- not numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "الثالث من ديسمبر",  # ordinal
        "الحادي عشر من سبتمبر",  # ordinal teen: its عشر is not ten
        "الخامس عشر",
        "أحد المسؤولين",  # someone
        "يوم الأحد",
        "القرن العشرين",  # ordinal with the article
        "الاتحاد الأوروبي",
        "العاشر",
        "بالمئة",  # percent marker alone
        "نصف الطريق",
        "طائرات F16 و F-16",
        "لست أدري",
    ],
)
def test_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


# --- proclitics and the article -----------------------------------------------------------


@pytest.mark.parametrize(
    ("s", "text", "value"),
    [
        ("والف شخص", "الف", 1000),
        ("بألف دولار", "ألف", 1000),
        ("لثلاثة أيام", "ثلاثة", 3),
        ("فخمسة", "خمسة", 5),
        ("بـ 50 صاروخا", "50", 50),
        ("بـ50 صاروخا", "50", 50),
        ("مدن البلاد الـ 4 الكبرى", "4", 4),
        ("الساعة الـ12", "12", 12),
    ],
)
def test_proclitics_are_not_part_of_the_mention(s: str, text: str, value: float) -> None:
    (m,) = find_numbers(s)
    assert (m.text, m.start, m.value) == (text, s.index(text), value)


@pytest.mark.parametrize(("s", "text"), [("وعشرات الجرحى", "عشرات"), ("بالآلاف", "الآلاف"), ("للآلاف", "للآلاف")])
def test_vague_counts_after_proclitics(s: str, text: str) -> None:
    (m,) = find_numbers(s)
    assert (m.text, m.start, m.value, m.approximate) == (text, s.index(text), N, True)


# --- offsets into the text as written -----------------------------------------------------


def test_offsets_with_diacritics_and_arabic_indic_digits() -> None:
    s = "وقد نَزَحَ نحوَ ١٣٠ ألفَ مدنيٍّ"
    (m,) = find_numbers(s)
    assert (m.text, m.start, m.end) == ("نحوَ ١٣٠ ألفَ", s.index("نحوَ"), s.index("ألفَ") + 4)
    assert (m.value, m.qualifier) == (130_000, "نحوَ")


def test_offsets_after_tatweel_and_ligatures() -> None:
    s = "ﻻ شك أن الـــعدد بلغ ٥٠ ألفاً"
    (m,) = find_numbers(s)
    assert (m.text, m.start, m.value) == ("٥٠ ألفاً", s.index("٥٠"), 50_000)


def test_mentions_in_several_sentences_come_in_order() -> None:
    s = "قتل 5 أشخاص.\nوأصيب نحو عشرين، بينهم 3 أطفال."
    assert [(m.text, m.value) for m in find_numbers(s)] == [("5", 5), ("نحو عشرين", 20), ("3", 3)]


def test_random_mixes_give_valid_non_overlapping_spans() -> None:
    rng = random.Random(7)
    vocab = ["نحو", "أكثر", "من", "100", "ألف", "و", "عشرات", "الآلاف", "بين", "إلى", "٣٫٥", "%", "-",
             "على", "الأقل", "مُدنيًّا", "03:00", "، ", ". ", "\n", "ثلاث", "مئة", "وعشرين", "ـ", "بالمئة"]
    for _ in range(300):
        s = " ".join(rng.choice(vocab) for _ in range(rng.randint(1, 14)))
        found = find_numbers(s)
        for m in found:
            assert s[m.start:m.end] == m.text and m.start < m.end
        assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# --- parse_number -------------------------------------------------------------------------


def test_parse_number_reads_a_phrase() -> None:
    m = parse_number("أكثر من 100 ألف شخص")
    assert m is not None and (m.text, bounds(m)) == ("أكثر من 100 ألف", (100_000, 100_000, N, True))


def test_parse_number_without_a_number_is_none() -> None:
    assert parse_number("لا أرقام هنا") is None


# --- the seeds ----------------------------------------------------------------------------


def at(text: str, phrase: str) -> list[NumberMention]:
    """The mentions inside the first occurrence of ``phrase`` in ``text``."""
    start = text.index(phrase)
    end = start + len(phrase)
    return [m for m in find_numbers(text) if start <= m.start and m.end <= end]


@pytest.mark.parametrize(
    ("stem", "phrase", "expected"),
    [
        ("001_3a88d7bc6e540760", "نزوح نحو 30 ألف شخص", [(30_000, 30_000, 30_000, True)]),
        ("001_3a88d7bc6e540760", "غادر منهم 18 ألفا", [(18_000, 18_000, 18_000, False)]),
        ("001_3a88d7bc6e540760", "ذهب 8500 إلى", [(8500, 8500, 8500, False)]),
        ("001_3a88d7bc6e540760", "ما يزيد على 100 ألف شخص", [(100_000, 100_000, N, True)]),
        ("001_3a88d7bc6e540760", "قد يصل إلى 200 ألف", [(200_000, N, 200_000, True)]),
        ("001_3a88d7bc6e540760", "أكثر من 60 بالمئة", [(60, 60, N, True)]),
        ("001_3a88d7bc6e540760", "في 2011", [(2011, 2011, 2011, False)]),
        ("002_4c6aceeda1af29a0", "نحو 130 ألف مدني", [(130_000, 130_000, 130_000, True)]),
        ("002_4c6aceeda1af29a0", "50 مدنيا على الأقل بينهم 11 طفلا", [(50, 50, N, False), (11, 11, 11, False)]),
        ("002_4c6aceeda1af29a0", "حوالي 80 شخصا", [(80, 80, 80, True)]),
        ("002_4c6aceeda1af29a0", "أكثر من 100 غارة", [(100, 100, N, True)]),
        ("002_4c6aceeda1af29a0", "6 أحياء", [(6, 6, 6, False)]),
        ("003_c6a12ec8e934e92c", "نحو 50 الف شخص", [(50_000, 50_000, 50_000, True)]),
        ("003_c6a12ec8e934e92c", "عشرات الآلاف من المدنيين", [(N, 20_000, 99_999, True)]),
        ("003_c6a12ec8e934e92c", "أكثر من 100 ألف", [(100_000, 100_000, N, True)]),
        ("003_c6a12ec8e934e92c", "وسلم 2200 من", [(2200, 2200, 2200, False)]),
        ("003_c6a12ec8e934e92c", "أكثر من 90 في المئة", [(90, 90, N, True)]),
        ("003_c6a12ec8e934e92c", "415 مدنيا و364", [(415, 415, 415, False), (364, 364, N, False)]),
        ("004_2c225cbe082cd75e", "أكثر من مئة ألف شخص", [(100_000, 100_000, N, True)]),
        ("004_2c225cbe082cd75e", "نحو 100 الف مدني", [(100_000, 100_000, 100_000, True)]),
        ("004_2c225cbe082cd75e", "100 طفل", [(100, 100, 100, False)]),
    ],
)
def test_seed_figures(seed_texts: dict[str, str], stem: str, phrase: str, expected: list[tuple]) -> None:
    assert [bounds(m) for m in at(seed_texts[stem], phrase)] == expected


def test_seed_percentages_have_the_percent_unit(seed_texts: dict[str, str]) -> None:
    (m,) = at(seed_texts["003_c6a12ec8e934e92c"], "أكثر من 90 في المئة")
    assert (m.text, m.unit, m.qualifier) == ("أكثر من 90 في المئة", "percent", "أكثر من")


def test_seed_time_is_not_two_numbers(seed_texts: dict[str, str]) -> None:
    assert [(m.text, m.unit) for m in at(seed_texts["000_e587dbfadf087a5d"], '"03:00 بتوقيت')] == [("03:00", "time")]


def test_seed_mentions_are_slices_of_the_text(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        found = find_numbers(text)
        assert found
        assert all(text[m.start:m.end] == m.text for m in found)
        assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# --- the bundled example corpus -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("2023-11-14-mutawassit-radio.txt", "لا يتجاوز 15 ألفا"),
        ("2023-11-14-alofoq-daily.txt", "لا يتجاوز ١٥ ألفا"),
        ("2023-11-14-sawt-alasiya.html", "لا يتجاوز خمسة عشر ألفا"),
        ("undated-bawabat-alnil.txt", "لا يتجاوزون 15 ألفا"),
    ],
)
def test_example_governor_figure_is_at_most_15000(name: str, phrase: str) -> None:
    text = need(EXAMPLES / "wadi-nahr-evacuation" / name).read_text(encoding="utf-8")
    (m,) = at(text, phrase)
    assert (m.text, bounds(m)) == (phrase, (15_000, N, 15_000, True))


def test_example_more_than_75000_stays_more_than() -> None:
    text = need(EXAMPLES / "wadi-nahr-evacuation" / "2023-11-14-mutawassit-radio.txt").read_text(encoding="utf-8")
    (m,) = at(text, "أكثر من 75 ألفا")
    assert bounds(m) == (75_000, 75_000, N, True)


# --- cost grows linearly with the text ------------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    [
        " اثنان",  # a number word on every word: each once searched the whole text for its piece
        "5, ",  # a piece per number
    ],
)
def test_time_doubles_at_most_with_a_doubled_text(unit: str) -> None:
    assert_linear(find_numbers, unit * (6_000 // len(unit)), runs=5)


@pytest.mark.parametrize(
    ("first", "second", "value"),
    [("الرابعة", "والأربعين", 44), ("الثاني", "والعشرين", 22), ("التاسعة", "والتسعين", 99), ("الحادي", "والثلاثين", 31)],
)
def test_an_ordinal_with_its_tens_names_their_sum(first: str, second: str, value: int) -> None:
    from khabar.text.ar.normalize import normalize
    from khabar.text.ar.numbers.words import ordinal_with_tens

    assert ordinal_with_tens(normalize(first), normalize(second)) == value


@pytest.mark.parametrize(("first", "second"), [("الرابعة", "والأمن"), ("الأربعين", "والرابعة"), ("الرابعة", "الأربعين")])
def test_other_pairs_are_not_an_ordinal_with_its_tens(first: str, second: str) -> None:
    from khabar.text.ar.normalize import normalize
    from khabar.text.ar.numbers.words import ordinal_with_tens

    assert ordinal_with_tens(normalize(first), normalize(second)) is None


def test_the_rest_of_thousands_in_digits_is_one_number() -> None:
    found = find_numbers("رصدنا 3 آلاف و 215 قتيلا و 2 آلاف و 40 جريحا")
    assert [(m.text, m.value) for m in found] == [("3 آلاف و 215", 3215), ("2 آلاف و 40", 2040)]
    # a range of thousands stays a range
    (m,) = find_numbers("بين 3 آلاف و 5 آلاف")
    assert (m.low, m.high) == (3000, 5000)


def test_a_hedge_written_joined_to_its_particle_hedges() -> None:
    (m,) = find_numbers("نزوح مايقارب 900 عائلة")
    assert m.approximate and m.qualifier == "مايقارب"


def test_a_timestamp_with_spaced_colons_is_a_time() -> None:
    found = find_numbers("نشر في 12 | 08 : 45 قتل 30 شخصا")
    assert [(m.text, m.unit) for m in found] == [("12", None), ("08 : 45", "time"), ("30", None)]


def test_two_numbers_joined_by_or_are_an_estimate_between_them() -> None:
    (m,) = find_numbers('قدر المنظمون عددهم بين "300 أو 350" شخصا')
    assert (m.text, m.value, m.low, m.high) == ("300 أو 350", None, 300, 350)
    (m,) = find_numbers("قتل 5 أو أكثر")
    assert (m.value, m.high) == (5, None)  # "أو أكثر" is a hedge, not a range


@pytest.mark.parametrize(
    ("norm", "tokens"),
    [
        ("| 09 : 17", [("sym", "|"), ("time", "09 : 17")]),
        ("4 16 : 27", [("num", "4"), ("num", "16"), ("sym", ":"), ("num", "27")]),  # a digit before: no time
        ("27.12.2017 و2017-12-27", [("date", "27.12.2017"), ("word", "و"), ("date", "2017-12-27")]),
        ("27 / 12 / 2017", [("date", "27 / 12 / 2017")]),
        ("1 . 78 مليار", [("num", "1 . 78"), ("word", "مليار")]),
        ("200 , 000 شخص", [("num", "200 , 000"), ("word", "شخص")]),
        ("الساعه 12:30 و1:45:10", [("word", "الساعه"), ("time", "12:30"), ("word", "و"), ("time", "1:45:10")]),
        ("1,200,000 و4,9 كلغ", [("num", "1,200,000"), ("word", "و"), ("num", "4,9"), ("word", "كلغ")]),
        ("bbc: 25", [("latin", "bbc"), ("sym", ":"), ("num", "25")]),
    ],
)
def test_the_readers_tokens_have_their_kinds(norm, tokens):
    # each kind named by the empty group closing its alternative (numbers.tokens._TOKEN)
    from khabar.text.ar.numbers.tokens import _tokenize

    assert [(t.kind, t.text) for t in _tokenize(norm, 0, len(norm))[0]] == tokens


def test_a_window_token_holds_its_seven_fields_as_given():
    # session 34: compiled, tokens.pxd makes the token an extension type; as Python a slotted
    # class: either way every field reads back as given and can be set again, and no other
    from khabar.text.ar.numbers.tokens import _Tok, _tokenize

    t = _Tok("num", 3, 5, "12", 12.0, None, True)
    assert (t.kind, t.start, t.end, t.text, t.value, t.surface, t.gap) == ("num", 3, 5, "12", 12.0, None, True)
    t.value = 13.0
    assert t.value == 13.0
    with pytest.raises(AttributeError):
        t.other = 1
    toks, _ = _tokenize("قتل 12 شخصا", 0, 11)
    assert [(x.kind, x.text, x.value) for x in toks if x.kind == "num"] == [("num", "12", 12.0)]


def test_the_breaks_are_the_break_patterns_matches():
    # compiled, the pieces' breaks are found by a loop over the characters (find._breaks)
    # instead of _BREAK's search (session 37): the same spans over random strings of digits,
    # marks, spaces and letters ("1 . 78" and "200 , 000" hold no break)
    from khabar.text.ar.numbers.find import _BREAK, _breaks, _Pieces

    rng = random.Random(37)
    alphabet = "0123456789 . , !?;\n\tاب a"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        starts: list[int] = []
        ends: list[int] = []
        _breaks(text, starts, ends)
        assert list(zip(starts, ends)) == [m.span() for m in _BREAK.finditer(text)], text
    pieces = _Pieces("قتل 1 . 78 مليون. ثم 200 , 000 شخص, و3")
    assert pieces.around(5) == (0, 16) and pieces.around(30) == (18, 34)
