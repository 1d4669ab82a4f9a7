"""Every part the extraction layer finds, unchanged, on the real seeds and 100 real ANT articles.

The brief's JSON (``test_brief_digests.py``) shows only what a brief keeps; a speed-up of
the extractors must leave everything they find as it was.  ``fixtures/extract_digests.json``
holds, for the five seed reports, the bundled examples and the 100 ANT files of the brief
digests' ``ant100``, the SHA-256 of each part of every analysed document (``repr`` of the
frozen dataclasses, article by article) and of the entities linked across all of them, as the
code made them when recorded.

When a change is *meant* to change what is extracted (a retrained tagger, a corrected
rule), look at what changed, then record the new digests from the project root and commit
the fixture with the change::

    python tests/test_extract_digests.py --refresh

A failure names the parts whose digest changed.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from khabar_testdata import CORPORA, EXAMPLES, SEEDS, need

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "extract_digests.json"
BRIEFS = Path(__file__).resolve().parent / "fixtures" / "brief_digests.json"
REFRESH = "python tests/test_extract_digests.py --refresh"
PARTS = ("sentences", "sentence_words", "numbers", "dates", "mentions", "quotes", "claims")


def _articles() -> list:
    import khabar

    ant = need(CORPORA / "ant")
    paths = json.loads(BRIEFS.read_text(encoding="utf-8"))["ant100"]["paths"]
    return khabar.read([need(SEEDS), EXAMPLES, *(ant / rel for rel in paths)])


def digests() -> dict[str, str]:
    """The digest of each part over every document (analysed in batches, as a brief
    analyses them), and of the linked entities."""
    from khabar.extract.entities import link_entities
    from khabar.pipeline import analyze_many

    docs = analyze_many(_articles())
    out = {}
    for part in PARTS:
        h = hashlib.sha256()
        for d in docs:
            h.update(repr((d.article.id, getattr(d, part))).encode("utf-8"))
        out[part] = h.hexdigest()
    linked = link_entities([m for d in docs for m in d.mentions], {d.article.id: d.article.text for d in docs})
    out["entities"] = hashlib.sha256(repr(linked).encode("utf-8")).hexdigest()
    return out


@pytest.mark.corpus
def test_every_extracted_part_is_unchanged() -> None:
    want = json.loads(FIXTURE.read_text(encoding="utf-8"))["sha256"]
    got = digests()
    changed = sorted(k for k in set(want) | set(got) if want.get(k) != got.get(k))
    assert not changed, (
        f"extracted parts changed: {', '.join(changed)}; if the change is meant, refresh with "
        f"`{REFRESH}` and commit tests/fixtures/extract_digests.json"
    )


@pytest.mark.corpus
def test_a_batch_is_analysed_as_its_articles_one_by_one() -> None:
    from khabar.pipeline import analyze, analyze_many

    articles = _articles()
    assert analyze_many(articles, batch=5) == [analyze(a) for a in articles]


def refresh() -> None:
    FIXTURE.write_text(json.dumps({"sha256": digests()}, indent=2) + "\n", encoding="utf-8")
    print(f"recorded {FIXTURE}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--refresh"]:
        sys.exit(f"usage: {REFRESH}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    refresh()
