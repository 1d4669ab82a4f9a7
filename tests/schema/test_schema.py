import pytest
import jsonschema

from khabar.model import EventBrief
from khabar.schema import brief_schema, validate_brief
from khabar.schema.generate import render
from importlib import resources


def test_committed_schema_matches_the_model():
    committed = resources.files("khabar.schema").joinpath("brief.schema.json").read_text(encoding="utf-8")
    assert committed == render(), "run: python -m khabar.schema.generate"


def test_empty_brief_is_valid():
    validate_brief(EventBrief(articles=()).to_dict())


def test_unknown_field_is_rejected():
    data = EventBrief(articles=()).to_dict()
    data["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        validate_brief(data)


def test_other_major_version_is_rejected():
    data = EventBrief(articles=()).to_dict()
    data["schema_version"] = "1.1"
    with pytest.raises(jsonschema.ValidationError):
        validate_brief(data)


def test_schema_requires_every_section():
    required = set(brief_schema()["required"])
    assert {"articles", "summary", "quotes", "entities", "claims", "quantities", "timeline", "shared_passages"} <= required
