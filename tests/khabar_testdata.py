"""Where the test data lives.  A module of its own (not conftest) so that test files in any
folder can import it even though several folders have a conftest.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: ``../shared`` beside the checkout (CI puts it there); ``KHABAR_SHARED`` overrides.
SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT.parent / "shared")).resolve()
SEEDS = SHARED / "seeds"
CORPORA = SHARED / "corpora"
EXAMPLES = ROOT / "examples"
#: The address test clients speak to: the server answers only to local names.
LOCAL = "http://127.0.0.1"


def need(path: Path) -> Path:
    """Skip the calling test when a shared data set is absent (never on CI)."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have ../shared beside the checkout")
        pytest.skip(f"{path} is not here")
    return path
