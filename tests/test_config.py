"""Options: one constructor from plain values, validated, defaults kept where nothing is given."""

from __future__ import annotations

import dataclasses

import pytest

from khabar.config import (
    BriefOptions,
    CheckOptions,
    ConflictOptions,
    ReadOptions,
    StoryOptions,
    build_options,
)
from khabar.errors import OptionsError


def test_none_keeps_the_default_and_given_values_replace_it():
    options = build_options(BriefOptions, length_words=80, algorithm=None, encoder=None)
    assert options == BriefOptions(length_words=80)


def test_an_options_object_is_a_base_its_values_stay_unless_given():
    base = BriefOptions(length_words=60, algorithm="lead")
    assert build_options(base, algorithm="lexrank") == BriefOptions(length_words=60, algorithm="lexrank")
    assert build_options(base) == base


def test_an_unknown_option_is_refused_naming_the_valid_ones():
    with pytest.raises(OptionsError, match=r"unknown StoryOptions option treshold; valid: threshold, window_days"):
        build_options(StoryOptions, treshold=0.3)


def test_a_value_of_the_wrong_type_is_refused_naming_the_option():
    with pytest.raises(OptionsError, match=r"CheckOptions option max_articles must be int, got '30'"):
        build_options(CheckOptions, max_articles="30")
    with pytest.raises(OptionsError, match="must be int"):
        build_options(CheckOptions, max_articles=True)  # a flag is not a count


def test_an_int_is_taken_where_a_float_is_wanted():
    options = build_options(StoryOptions, threshold=1, cosine_threshold=None)
    assert options.threshold == 1.0 and isinstance(options.threshold, float)


def test_ranges_are_checked_by_the_options_themselves():
    with pytest.raises(OptionsError, match="length must be a positive number of words"):
        build_options(BriefOptions, length_words=0)
    with pytest.raises(OptionsError, match="tolerance must be in"):
        build_options(ConflictOptions, tolerance=-0.5)


def test_nested_options_are_built_from_a_dict_and_recorded_with_the_brief_options():
    options = build_options(BriefOptions, conflicts={"tolerance": 0.05})
    assert options.conflicts == ConflictOptions(tolerance=0.05)
    assert dataclasses.asdict(options)["conflicts"] == {"tolerance": 0.05, "max_ratio": 6.0}


def test_every_kind_of_options_is_built_by_the_one_constructor():
    for kind in (ReadOptions, BriefOptions, ConflictOptions, StoryOptions, CheckOptions):
        assert build_options(kind) == kind()
