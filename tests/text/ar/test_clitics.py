"""The proclitic knowledge of khabar.text.ar.clitics."""

from __future__ import annotations

import pytest

from khabar.text.ar.clitics import ARTICLE, PREPOSITION_ARTICLE_MERGED, without_lam


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
