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


def commit_market_storylines(store, fire, fire2, aid, vote, loose):
    """Store the market-fire fixture grouped by hand: the fire (two reports) and its compensation
    one storyline of two events, the vote another, an undated outlet-less article a third; the
    event days are the articles' own, so each test module keeps its own calendar."""
    from khabar.store import StoryRow

    store.add([fire, fire2, aid, vote, loose])
    store.commit_stories(
        assignments=[(fire.id, "s1"), (fire2.id, "s1"), (aid.id, "s2"), (vote.id, "s3"), (loose.id, "s4")],
        stories=[
            StoryRow("s1", fire.title, fire.published, fire.published, 2, storyline="l1"),
            StoryRow("s2", aid.title, aid.published, aid.published, 1, storyline="l1"),
            StoryRow("s3", vote.title, vote.published, vote.published, 1, storyline="l3"),
            StoryRow("s4", loose.title, None, None, 1, storyline="l4"),
        ],
    )
    return store


def page_reading(claim: str, title: str, body: str, stance: str = "discuss"):
    """The meaning model's reading of ``claim`` against one page (an article of a made-up outlet
    dated 13 Dec 2016), read with the bundled sentence encoder as a check reads it."""
    import datetime as dt

    from khabar.check import meaning_model
    from khabar.check.pairs import Pair
    from khabar.check.retrieve import doc_from_article
    from khabar.model import Article
    from khabar.relate.embeddings import get_encoder
    from khabar.relate.meaning import MEANING_ENCODER

    art = Article.create(title=title, body=body, outlet="إذاعة الشرق", published=dt.date(2016, 12, 13))
    (reading,) = meaning_model.read_pairs([Pair(claim, doc_from_article(art), stance)], get_encoder(MEANING_ENCODER).encode)
    return reading
