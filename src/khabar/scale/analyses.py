"""Each stored article's per-article analysis made ahead of its first brief (``khabar
ingest --analyze``), on an engine's workers: a brief of stored articles then reads every
document (:func:`khabar.event_brief.analyze_articles`) instead of analysing the articles."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from khabar.article import Article
from khabar.scale.engines import Engine

if TYPE_CHECKING:
    from khabar.store import Store
    from khabar.store.articles import DateCursor

T = TypeVar("T")

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
    pages = store_pages(lambda after: store.unanalyzed_articles(version=version, limit=per_task, after=after))
    return sum(store.save_analyses(rows, version=version) for rows in run_pages(analyze_partition, pages, engine))


def store_pages(page: Callable[[DateCursor | None], list[Article]]) -> Iterator[list[Article]]:
    """The pages ``page(after)`` gives, each after the last article of the one before, to
    the first empty one."""
    cursor = None
    while articles := page(cursor):
        cursor = (articles[-1].published, articles[-1].id)
        yield articles


def run_pages(work: Callable[[list[Article]], T], pages: Iterable[list[Article]], engine: Engine | None) -> Iterator[T]:
    """``work`` of each page, in order: on ``engine`` (a page per worker at a time), or in
    this process (None)."""
    if engine is None:
        return map(work, pages)
    return (result for _i, result in engine.run(work, pages))
