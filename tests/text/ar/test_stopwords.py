"""The stop-word list: function words in, reporting verbs and content out."""

from __future__ import annotations

import pytest

from khabar.text.ar.normalize import normalize
from khabar.text.ar.stopwords import STOPWORDS, is_stopword


@pytest.mark.parametrize("word", ["في", "إلى", "الذي", "هذه", "لم", "كان", "وقد", "بأن", "هو"])
def test_function_words_are_stop_words(word):
    assert is_stopword(word)


@pytest.mark.parametrize("word", ["قال", "وأضاف", "أكد", "حلب", "المعارضة", "أمس"])
def test_reporting_verbs_and_content_are_not(word):
    assert not is_stopword(word)


def test_spelling_variants_match():
    assert is_stopword("الى") and is_stopword("إلى") and is_stopword("علي")


def test_stored_forms_are_normalized():
    assert all(w == normalize(w) for w in STOPWORDS)


def test_entries_are_single_words():
    assert all(w and " " not in w for w in STOPWORDS)
