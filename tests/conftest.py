"""Shared fixtures: where the real data lives, and the seeds."""

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


def need(path: Path) -> Path:
    """Skip the calling test when a shared data set is absent (never on CI)."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have ../shared beside the checkout")
        pytest.skip(f"{path} is not here")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return need(SEEDS)


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    return need(CORPORA)


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    """The five seed articles as raw text, by file stem."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}
