"""Light stemming: one stem per spelling and inflection that news reports mix."""

from __future__ import annotations

import pytest

from khabar.text.ar.normalize import normalize
from khabar.text.ar.stem import stem, stems


@pytest.mark.parametrize(
    "a,b",
    [
        ("المدنيين", "مدنيون"),  # sound masculine plural, with and without the article
        ("المدينة", "مدينة"),  # ta marbuta with and without the article
        ("والمعارضة", "المعارضين"),
        ("قالت", "وقال"),
        ("الغارات", "غارة"),
        ("مسؤولين", "مسئولين"),  # hamza seat spellings
    ],
)
def test_inflections_share_a_stem(a, b):
    assert stem(a) == stem(b)


def test_different_words_keep_different_stems():
    assert stem("المدينة") != stem("المعارضة")


@pytest.mark.parametrize("word", ["المدينة", "مسؤولين", "الأطفال", "إيرولت", "المُدُنِ", "مستشفى"])
def test_stem_of_normalized_word_is_the_same(word):
    assert stem(word) == stem(normalize(word))


def test_diacritics_do_not_change_the_stem():
    assert stem("المَدِينَةِ") == stem("المدينة")


def test_non_arabic_words_come_back_normalized():
    assert stem("BBC") == "bbc" and stem("2016") == "2016"


def test_empty_word():
    assert stem("") == ""


def test_stems_keeps_order():
    assert stems(["حلب", "المدنيين"]) == [stem("حلب"), stem("المدنيين")]
