"""Each stored article's per-article analysis made ahead of its first brief (``khabar
ingest --analyze``), on an engine's workers: a brief of stored articles then reads every
document (:func:`khabar.event_brief.analyze_articles`) instead of analysing the articles."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from khabar.article import Article
from khabar.scale.engines import Engine

if TYPE_CHECKING:
    from khabar.store import Store

# The pipeline (the extractors, their word lists and the tagger) is imported where it runs:
# ``khabar ingest`` without ``--analyze`` never loads it.

log = logging.getLogger(__name__)

#: Articles per page read from the store and per task of an engine: ~13 ms an ANT article,
#: so a task is a few seconds, far above an engine's overhead, and its result (~4 kB an
#: article) small.
ARTICLES_PER_TASK = 200


def analyze_partition(articles: Sequence[Article]) -> list[tuple[str, bytes]]:
    """``(article id, document bytes)`` of each article; one that fails is left out (and
    logged): its first brief analyses it, and says what is wrong.

    Articles go through :func:`~khabar.pipeline.analyze_many` a batch at a time (the name
    tagger decodes a batch's sentences at once, as a brief does); a batch with an article
    that fails is analysed again one article at a time, so only that article is left out."""
    from khabar.pipeline import BATCH, analyze, analyze_many, document_bytes

    out: list[tuple[str, bytes]] = []
    for k in range(0, len(articles), BATCH):
        batch, start = articles[k : k + BATCH], len(out)
        try:
            out.extend((a.id, document_bytes(d)) for a, d in zip(batch, analyze_many(batch), strict=True))
            continue
        except Exception:  # noqa: BLE001 - one odd article must never stop a long batch
            del out[start:]  # a batch's rows come whole or not at all
        for a in batch:
            try:
                out.append((a.id, document_bytes(analyze(a))))
            except Exception:  # noqa: BLE001
                log.warning("article %s not analysed ahead", a.id, exc_info=True)
    return out


def analyze_store(store: Store, *, engine: Engine | None = None, per_task: int = ARTICLES_PER_TASK) -> int:
    """Analyse the stored articles that have no analysis of this code yet and keep each
    (committed a page at a time, so a run stopped midway resumes where it stopped); how
    many were kept.  ``engine`` runs a page per worker at a time; None: this process."""
    from khabar.pipeline import analysis_version

    version = analysis_version()

    def pages() -> Iterator[list[Article]]:
        cursor = None
        while page := store.unanalyzed_articles(version=version, limit=per_task, after=cursor):
            cursor = (page[-1].published, page[-1].id)
            yield page

    if engine is None:
        done = ((i, analyze_partition(page)) for i, page in enumerate(pages()))
    else:
        done = engine.run(analyze_partition, pages())
    kept = 0
    for _i, rows in done:
        kept += store.save_analyses(rows, version=version)
    return kept
