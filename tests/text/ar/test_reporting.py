"""The text layer's reporting verbs: their past forms."""

from __future__ import annotations

import pytest

from khabar.text.ar.normalize import normalize
from khabar.text.ar.reporting import is_reporting_past


@pytest.mark.parametrize(("word", "verb"), [("وصفتهم", True), ("فاكدت", True), ("قالوا", True), ("صفتهم", False), ("متهما", False), ("طلب", False), ("طالب", False)])
def test_a_past_reporting_verb_is_read_with_its_conjunction_and_its_object_pronoun(word, verb):
    # the masculine singular is left out: as often a noun ("4 آلاف طلب" requests, "500 طالب")
    assert is_reporting_past(normalize(word)) is verb
