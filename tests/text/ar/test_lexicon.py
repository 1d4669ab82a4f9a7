"""Word lists: one reader per entry shape, normalized, and loud about a broken list."""

from __future__ import annotations

import pytest

from khabar.text.ar import lexicon
from khabar.text.ar.lexicon import Tagged, read_entries, read_fields, read_tagged


@pytest.fixture
def fake_list(monkeypatch):
    """Serve ``data/<name>.txt`` from a string (names unique per test: the readers cache)."""
    files: dict[str, str] = {}
    real = lexicon.read_data

    def read_data(filename: str) -> str:
        return files[filename] if filename in files else real(filename)

    monkeypatch.setattr(lexicon, "read_data", read_data)
    return files


def test_tagged_entries_are_read_with_their_tag_and_mode_and_normalized(fake_list):
    fake_list["t-ok.txt"] = "# a comment\n[killed noun] قتيلاً\n[say] أعلن\n\n[say] اعلن\n"
    assert read_tagged("t-ok") == (Tagged("killed", "noun", "قتيلا"), Tagged("say", "", "اعلن"))


def test_a_tagged_entry_without_its_tag_is_an_error_naming_file_and_line(fake_list):
    fake_list["t-bad.txt"] = "[say] قال\n\nأعلن\n"
    with pytest.raises(ValueError, match=r"text/ar/data/t-bad.txt, line 3: 'اعلن' is not '\[tag\] phrase'"):
        read_tagged("t-bad")


def test_fields_keep_their_markers_and_an_empty_field_is_an_error(fake_list):
    fake_list["f-ok.txt"] = "الأمم المتحدة | ~المنظمة الدولية\n"
    assert read_fields("f-ok") == (("الامم المتحده", "~المنظمه الدوليه"),)
    fake_list["f-bad.txt"] = "سوريا | | سورية\n"
    with pytest.raises(ValueError, match="f-bad.txt, line 1: .* has an empty field"):
        read_fields("f-bad")


def test_a_missing_list_raises_naming_it_never_an_empty_list():
    with pytest.raises(FileNotFoundError, match="'no-such-list.txt' is missing"):
        read_entries("no-such-list")


@pytest.mark.parametrize(
    "name", ["reporting_verbs", "attribution_cues", "entity_cues", "claim_categories", "claim_subjects", "stance_cues"]
)
def test_every_packaged_tagged_list_reads(name):
    assert read_tagged(name)


@pytest.mark.parametrize(
    "name", ["countries", "places", "people", "organisations", "nationalities", "first_names", "foreign_first_names"]
)
def test_every_packaged_list_of_alternatives_reads(name):
    assert read_fields(name)
