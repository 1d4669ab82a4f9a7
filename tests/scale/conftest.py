"""Shared input of the batch-path tests: one corpus, and the one-process reference."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from khabar.errors import InputError
from khabar.ingest import read_paths
from khabar.model import Article
from khabar.config import StoryOptions
from khabar.relate.stories import assign_stories
from khabar.scale.cluster import sign_article
from khabar_testdata import EXAMPLES, ROOT, SEEDS, need

GENERATED = 300


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path]:
    """Input paths (examples, seeds, generated) and the corrupt file planted among them."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from corpus import generate, generate_events
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    out = tmp_path_factory.mktemp("generated")
    # Copies of the ~20 bases (a few big stories) and distinct short events (many stories,
    # retired as the days pass).
    files = generate(GENERATED // 2, out / "copies") + generate_events(GENERATED // 2, out / "events")
    middle = files[len(files) // 2]
    # Sorts right after the middle file: binary garbage half-way through the batch.
    corrupt = middle.with_name(middle.stem + "x.txt")
    corrupt.write_bytes(bytes(random.Random(5).randrange(256) for _ in range(4096)))
    return [EXAMPLES, need(SEEDS), out], corrupt


def _local_assignments(paths: list[Path]) -> dict[str, str]:
    """The one-process path: read, sign what can be signed, assign_stories (without the
    band: the batch paths it is compared with cannot read it)."""
    options = StoryOptions(event_band=False)
    items = []
    for a in read_paths(paths):
        if isinstance(a, Article):
            try:
                items.append(sign_article(a, options=options))
            except InputError:
                pass
    return assign_stories(items, options=options)


@pytest.fixture(scope="session")
def local_assignments() -> Callable[[list[Path]], dict[str, str]]:
    return _local_assignments


@pytest.fixture(scope="session")
def local(corpus) -> dict[str, str]:
    return _local_assignments(corpus[0])
