"""Shared fixtures: where the real data lives, and the seeds (paths in khabar_testdata)."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar_testdata import CORPORA, EXAMPLES, ROOT, SEEDS, SHARED, need  # noqa: F401 - re-exported


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


@pytest.fixture(scope="session", autouse=True)
def _private_caches(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or write the user's cache directory."""
    import os

    os.environ.setdefault("KHABAR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
