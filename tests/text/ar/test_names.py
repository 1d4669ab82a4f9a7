"""The matching key of a person's name and the word lists around it (text/ar/names.py)."""

import pytest

from khabar.text.ar.names import person_key


@pytest.mark.parametrize(
    ("words", "key"),
    [
        (["عبد", "الرحمن"], "عبدالرحمن"),
        (["رامي", "عبد", "الرحمن"], "رامي عبدالرحمن"),
        (["ابو", "بكر", "البغدادي"], "ابوبكر البغدادي"),
        (["جان-مارك", "ايرولت"], "جان مارك ايرولت"),
        (["سيرغي", "لافروف"], "سيرغي لافروف"),
        (["عبد"], "عبد"),  # alone: nothing to join it to
        (["محمد  عبد   الله"], "محمد عبدالله"),
        (["عبده", "سالم"], "عبده سالم"),  # a word that only begins with عبد
        (["محمد", "بن", "سلمان"], "محمد بن سلمان"),  # a first part never written joined
    ],
)
def test_person_key_joins_compounds_and_splits_hyphens(words, key):
    assert person_key(words) == key


def test_an_unnamed_sources_rank_words_come_from_the_word_list():
    # "مسؤول تركي كبير" and "مسئول تركي رفيع المستوى": one official of two outlets
    from khabar.relate.speakers import speaker_words
    from khabar.text.ar.normalize import normalize

    official = tuple(normalize("مسؤول تركي").split())
    assert speaker_words("مسؤول تركي كبير") == speaker_words("مسئول تركي رفيع المستوى") == official
    assert speaker_words("زيد الصالح الكبير") == ("زيد", "الصالح", "الكبير")  # a named speaker keeps its words
