"""A mention names a quote's speaker itself, not a body or place it only overlaps
(khabar.extract.speaker_entity)."""

import pytest

from khabar.extract.speaker_entity import names_the_speaker
from khabar.model import Mention


def _names(speaker, mentioned, kind, *, written=None):
    """Whether ``mentioned`` (found in ``written``, the speaker's sentence; the speaker
    itself when not given) names ``speaker``."""
    written = written or speaker
    at, start = written.index(speaker), written.index(mentioned)
    return names_the_speaker(speaker, at, Mention("a", start, start + len(mentioned), mentioned), kind)


@pytest.mark.parametrize(("speaker", "mentioned", "kind"), [
    ("تركي المالكي", "تركي المالكي", "person"),
    ("العقيد ركن تركي المالكي", "تركي المالكي", "person"),
    ("الرئيس الفرنسي إيمانويل ماكرون", "إيمانويل ماكرون", "person"),
    ("ريال مدريد الإسباني", "ريال مدريد", "organisation"),
    ("توتنهام هوتسبير الإنجليزي", "توتنهام هوتسبير", "organisation"),
    ("نادي ريال مدريد", "ريال مدريد", "organisation"),
    ('صحيفة "ماركا" الإسبانية', "ماركا", "organisation"),
    ("تحالف دعم الشرعية في اليمن", "تحالف دعم الشرعية", "organisation"),
])
def test_a_name_with_a_title_a_kind_or_a_qualifier_names_the_speaker(speaker, mentioned, kind):
    assert _names(speaker, mentioned, kind)


@pytest.mark.parametrize(("speaker", "mentioned", "kind"), [
    ("المدرب للاعبي ريال مدريد", "ريال مدريد", "organisation"),
    ("رئيس لجنة التحقيقات", "لجنة التحقيقات", "organisation"),
    ("مسؤول في الهلال الأحمر", "الهلال الأحمر", "organisation"),
    ("مراسل سكاي نيوز عربية", "سكاي نيوز عربية", "organisation"),
    ("مدرب السويد", "السويد", "place"),
    ("المتحدث باسم الجيش الإسرائيلي", "الجيش الإسرائيلي", "organisation"),
    ("الشرطة البريطانية وقوات الإطفاء", "الشرطة البريطانية", "organisation"),
])
def test_a_speaker_who_only_overlaps_a_body_or_a_place_is_not_it(speaker, mentioned, kind):
    assert not _names(speaker, mentioned, kind)


def test_a_rank_the_mention_holds_before_the_speaker_leaves_it_the_speaker():
    written = "وقال العقيد ركن تركي المالكي إن"
    at = written.index("تركي")
    mention = Mention("a", written.index("ركن"), at + len("تركي المالكي"), "ركن تركي المالكي")
    assert names_the_speaker("تركي المالكي", at, mention, "person")
    assert not names_the_speaker("تركي المالكي", at, mention, "organisation")


def test_a_title_names_a_person_not_a_body():
    assert _names("رئيس الوزراء زيد الصالح", "زيد الصالح", "person")
    assert not _names("رئيس الوزراء", "الوزراء", "organisation")


def test_a_mention_that_ends_inside_a_word_of_the_speaker_does_not_name_it():
    assert not _names("ريال مدريدي", "ريال مدريد", "organisation")
