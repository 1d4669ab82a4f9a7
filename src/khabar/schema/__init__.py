"""The brief's JSON Schema: ``brief.schema.json`` beside this file, generated from :mod:`khabar.model`.

Run ``python -m khabar.schema.generate`` after changing the model; a test fails while the
committed file and the model disagree.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "brief.schema.json"


@lru_cache(maxsize=1)
def brief_schema() -> dict[str, Any]:
    """The JSON Schema every brief's JSON form validates against."""
    return json.loads(resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))


def validate_brief(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` is not a valid brief."""
    import jsonschema

    jsonschema.validate(data, brief_schema(), format_checker=jsonschema.FormatChecker())
