"""The normalization rules of khabar.text.ar.normalize, one behaviour per test."""

from __future__ import annotations

from khabar.text.ar.normalize import arabic_ratio, normalize, normalize_with_offsets, strip_diacritics


def test_diacritics_are_dropped():
    assert normalize("مُحَمَّدٌ") == "محمد"


def test_superscript_alef_is_dropped():
    assert normalize("هٰذا") == "هذا"


def test_tatweel_is_dropped():
    assert normalize("حلـــب") == "حلب"


def test_alef_forms_become_bare_alef():
    assert normalize("أحمد إبراهيم آمال ٱلله") == "احمد ابراهيم امال الله"


def test_hamza_seats_meet():
    assert normalize("مسؤول") == normalize("مسئول") == "مسءول"


def test_alef_maqsura_becomes_ya():
    assert normalize("على مستشفى") == "علي مستشفي"


def test_ta_marbuta_becomes_ha():
    assert normalize("المدينة") == "المدينه"


def test_arabic_indic_digits_become_ascii():
    assert normalize("٢٠١٦") == "2016"


def test_persian_digits_become_ascii():
    assert normalize("۱۲۳۴") == "1234"


def test_arabic_decimal_separator_becomes_dot():
    assert normalize("٣٫٥") == "3.5"


def test_guillemets_and_curly_quotes_become_straight():
    assert normalize("«حلب» “دمشق”") == '"حلب" "دمشق"'


def test_arabic_comma_semicolon_question_mark():
    assert normalize("نعم، لا؛ لماذا؟") == "نعم, لا; لماذا?"


def test_latin_is_case_folded():
    assert normalize("BBC News") == "bbc news"


def test_presentation_forms_unfold():
    assert normalize("\ufefb") == "لا"  # the lam-alef ligature


def test_strip_diacritics_keeps_letters_as_written():
    assert strip_diacritics("إِلَى المَدِينَةِ") == "إلى المدينة"


def test_offsets_map_a_match_back_to_the_original_span():
    original = "قالَ «المرصـدُ» إنّ ٣٠ شخصاً قُتلوا"
    nt = normalize_with_offsets(original)
    start = nt.text.index("المرصد")
    o_start, o_end = nt.original_span(start, start + len("المرصد"))
    assert original[o_start:o_end] == "المرصـدُ"


def test_offsets_map_converted_digits():
    original = "قتل ٣٠ شخصا"
    nt = normalize_with_offsets(original)
    start = nt.text.index("30")
    assert original[slice(*nt.original_span(start, start + 2))] == "٣٠"


def test_offsets_have_one_entry_past_the_end():
    nt = normalize_with_offsets("حلبُ")
    assert len(nt.offsets) == len(nt.text) + 1
    assert nt.to_original(len(nt.text)) == len("حلبُ")


def test_offsets_text_equals_normalize():
    text = "أعلنَ الجيشُ «السيطرة» على ٩٠٪ من حلـب؟"
    assert normalize_with_offsets(text).text == normalize(text)


def test_arabic_ratio_counts_letters_only():
    assert arabic_ratio("حلب BBC 2016") == 0.5
