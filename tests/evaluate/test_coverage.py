"""Must-contain coverage: the matching rule on made-up Arabic sentences."""

from __future__ import annotations

import pytest

from khabar.errors import InputError
from khabar.evaluate.coverage import Fact, coverage, fact_found, parse_fact, term_occurs
from khabar.text.ar.tokenize import words

VETO = Fact("Russia vetoed the draft", (("روسيا", "فيتو"), ("روسيا", "نقض")))
DEAD = Fact("twelve people were killed", (("12", "قتيلا"), ("اثنا عشر", "قتيلا"), ("12", "مقتل"), ("12", "قتل")))


def test_all_terms_of_one_set_are_needed():
    assert fact_found(VETO, "استخدمت روسيا حق النقض ضد مشروع القرار.")
    assert not fact_found(VETO, "استخدمت الصين حق النقض ضد مشروع القرار.")


def test_proclitics_in_front_are_allowed():
    assert fact_found(VETO, "وأسقطت موسكو المشروع بالفيتو الذي لوحت به روسيا منذ أيام.")
    assert term_occurs("الأمم المتحدة", words("وقال الناطق باسم للأمم المتحدة إن ..."))


def test_nothing_may_follow_a_word():
    assert not term_occurs("العراق", words("قال المسؤول العراقي إن الوضع هادئ"))
    assert term_occurs("العراق", words("وتعهدت الدول بتقديم الدعم للعراق"))


def test_normalization_meets_hamza_and_ta_marbuta_spellings():
    assert term_occurs("الأمم المتحدة", words("دعت الامم المتحده الى التهدئة"))
    assert term_occurs("مسؤول", words("قال مسئول في الوزارة"))


def test_a_phrase_matches_consecutive_words_only():
    assert term_occurs("مجلس الأمن", words("اجتمع مجلس الأمن الدولي"))
    assert not term_occurs("مجلس الأمن", words("اجتمع مجلس الوزراء لبحث الأمن"))


def test_digits_are_normalized_and_alternative_sets_count():
    assert fact_found(DEAD, "أسفر الانفجار عن مقتل ١٢ شخصا في السوق.")
    assert fact_found(DEAD, "سقط اثنا عشر قتيلا في الانفجار.")
    assert not fact_found(DEAD, "سقط عشرون قتيلا في الانفجار.")


def test_coverage_is_the_share_of_facts_stated():
    text = ["استخدمت روسيا حق النقض.", "وقتل 12 شخصا في قصف على البلدة."]
    assert coverage([VETO, DEAD], text) == 1.0
    assert coverage([VETO, DEAD], text[:1]) == 0.5
    assert coverage([VETO, DEAD], "لم يحدث شيء يذكر.") == 0.0


def test_parse_fact_reads_the_json_form():
    fact = parse_fact({"fact_en": "a veto", "any_of": [["روسيا", "فيتو"]]}, where="gold.json")
    assert fact == Fact("a veto", (("روسيا", "فيتو"),))


@pytest.mark.parametrize(
    "entry",
    [{"any_of": [["روسيا"]]}, {"fact_en": "x", "any_of": []}, {"fact_en": "x", "any_of": [["", "روسيا"]]},
     {"fact_en": "x", "any_of": ["روسيا"]}],
)
def test_a_malformed_fact_names_the_file(entry):
    with pytest.raises(InputError, match="gold.json"):
        parse_fact(entry, where="gold.json")
