"""The proclitic knowledge of khabar.text.ar.clitics."""

from __future__ import annotations

import pytest

from khabar.text.ar.clitics import ARTICLE, PREPOSITION_ARTICLE_MERGED, bare_text, bare_word, without_lam
from khabar.text.ar.normalize import normalize


def test_the_article_and_lam_before_it() -> None:
    assert ARTICLE == "ال"
    assert PREPOSITION_ARTICLE_MERGED == "لل"


@pytest.mark.parametrize(
    ("word", "read"),
    [
        ("للمرصد", "المرصد"),  # ل + المرصد, written لل
        ("لالمرصد", "المرصد"),  # the same, spelled apart
        ("المرصد", "المرصد"),
        ("بالمرصد", "بالمرصد"),  # another preposition: not this reading's
        ("لندن", "لندن"),  # a ل of the word itself
        ("لل", "ال"),
    ],
)
def test_a_word_is_read_without_lam_before_the_article(word: str, read: str) -> None:
    assert without_lam(word) == read


@pytest.mark.parametrize(("word", "bare"), [("كرونة", "كرونه"), ("وكرونة", "كرونه"), ("بكرونة", "كرونه"), ("وبالكرونة", "كرونه"), ("وبحلب", "حلب")])
def test_bare_word_cuts_no_letter_off_a_known_word(word, bare):
    # "كرونة" (krone, a money noun) is no "ك" + "رونة": the cut stem, in no list, was the
    # figure's group and the store's bare form (fresh20, Sky News 2857)
    w = normalize(word)
    assert bare_word(w) == bare
    assert bare_text(w).split() == ([bare] if bare != w else [])


def test_strip_clitics_many_is_strip_clitics_of_each_word():
    from khabar.text.ar.clitics import strip_clitics, strip_clitics_many

    words = ["وبالمدينة", "والي", "بلد", "فرنسا", "للمرصد", "وسامر", "ايتو", "", "3", "Obama", "وَقَالَ", "كالعادة", "ال", "لل", "é"]
    assert strip_clitics_many(words) == [strip_clitics(w) for w in words]
    assert strip_clitics_many([]) == []
