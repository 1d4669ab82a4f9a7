"""Extractive multi-document summaries with citations.

Every algorithm implements :class:`Summarizer`: it picks rows of a
:class:`~khabar.relate.corroborate.SentencePool` within a word budget.  Ordering and
citations are done here, once, so every algorithm's output is cited the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from khabar.config import BriefOptions
from khabar.model import SummarySentence
from khabar.relate.corroborate import SentencePool


class Summarizer(Protocol):
    name: str

    def select(self, pool: SentencePool, *, options: BriefOptions) -> list[int]:
        """Rows of ``pool`` to include, in any order, within ``options.length_words``."""
        ...


#: Each algorithm's module and class, imported only when asked for (the ILP solver alone
#: pulls scipy.optimize, a quarter of a second of start-up).
ALGORITHMS: dict[str, tuple[str, str]] = {
    "centroid": ("khabar.summarize.centroid", "CentroidSummarizer"),
    "lead": ("khabar.summarize.lead", "LeadSummarizer"),
    "lexrank": ("khabar.summarize.lexrank", "LexRankSummarizer"),  # needs sumy
    "ilp": ("khabar.summarize.ilp", "IlpSummarizer"),
}


def get_summarizer(name: str) -> Summarizer:
    import importlib

    try:
        module, cls = ALGORITHMS[name]
    except KeyError:
        raise ValueError(f"unknown summary algorithm {name!r}; choose one of {', '.join(ALGORITHMS)}") from None
    return getattr(importlib.import_module(module), cls)()


def reading_order(pool: SentencePool, rows: Sequence[int]) -> list[int]:
    """Chronological by article date (undated last), then by relative position in the article,
    so the lead of each report comes before its background paragraphs."""

    def key(row: int) -> tuple[dt.date, float, int]:
        doc = pool.docs[pool.doc_of(row)]
        sentence = pool.sentence(row)
        position = sentence.index / max(1, len(doc.sentences))
        return (doc.article.published or dt.date.max, position, row)

    return sorted(rows, key=key)


def summarize(pool: SentencePool, *, options: BriefOptions) -> tuple[SummarySentence, ...]:
    """The cited summary of the documents in ``pool``."""
    if len(pool) == 0:
        return ()
    rows = get_summarizer(options.algorithm).select(pool, options=options)
    out = []
    for row in reading_order(pool, rows):
        sentence = pool.sentence(row)
        citations = pool.citations(row, threshold=options.support_threshold)
        out.append(
            SummarySentence(
                text=sentence.text,
                article_id=pool.docs[pool.doc_of(row)].article.id,
                sentence_index=sentence.index,
                start=sentence.start,
                end=sentence.end,
                citations=citations,
            )
        )
    return tuple(out)
