"""Extractive multi-document summaries with citations.

Every algorithm implements :class:`Summarizer`: it picks rows of a
:class:`~khabar.relate.corroborate.SentencePool` within a word budget, and the rows are read
in :func:`reading_order`.  An algorithm that also arranges its sentences and trims them
(:class:`ArrangingSummarizer`, the default ``event``) returns the kept part of each, in the
order they are read.  Citations are made here, once, so every algorithm's output is cited
the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from khabar.config import BriefOptions
from khabar.model import Citation, Document, Quantity, SummarySentence
from khabar.relate.corroborate import SentencePool
from khabar.summarize.readable import Candidate


class Summarizer(Protocol):
    name: str

    def select(self, pool: SentencePool, *, options: BriefOptions) -> list[int]:
        """Rows of ``pool`` to include, in any order, within ``options.length_words``."""
        ...


class ArrangingSummarizer(Summarizer, Protocol):
    def choose(
        self, pool: SentencePool, *, options: BriefOptions, quantities: Sequence[Quantity] = ()
    ) -> list[Candidate]:
        """The kept part of each chosen sentence (a span of its article), in reading order;
        ``quantities``: the brief's figures, for the key figure and its conflict."""
        ...


#: Each algorithm's module and class, imported only when asked for (the ILP solver alone
#: pulls scipy.optimize, a quarter of a second of start-up).
ALGORITHMS: dict[str, tuple[str, str]] = {
    "event": ("khabar.summarize.event_first", "EventFirstSummarizer"),
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


def pool_quantities(pool: SentencePool, *, options: BriefOptions) -> list[Quantity]:
    """The figures of the pool's documents, as a brief groups them (when not given)."""
    from khabar.relate.quantities import find_quantities

    return find_quantities([c for d in pool.docs for c in d.claims], options=options.conflicts)[1]


def chosen_sentences(
    pool: SentencePool, *, options: BriefOptions, quantities: Sequence[Quantity] | None = None
) -> list[Candidate]:
    """What ``options.algorithm`` chose: the kept part of each sentence, in reading order."""
    summarizer = get_summarizer(options.algorithm)
    choose = getattr(summarizer, "choose", None)
    if choose is not None:
        if quantities is None:
            quantities = pool_quantities(pool, options=options)
        return choose(pool, options=options, quantities=quantities)
    out = []
    for row in reading_order(pool, summarizer.select(pool, options=options)):
        sentence = pool.sentence(row)
        d, s = pool.refs[row]
        n_words = len(pool.docs[d].sentence_words[s])
        out.append(Candidate(row=row, start=sentence.start, end=sentence.end, words=n_words))
    return out


def cite(pool: SentencePool, kept: Candidate, *, threshold: float) -> tuple[Citation, ...]:
    """The sentence itself, its supporters in other articles, then what else it cites."""
    citations = list(pool.citations(kept.row, threshold=threshold))
    cited_docs = {c.article_id for c in citations}
    for row, similarity in kept.also_cited:
        doc = pool.docs[pool.doc_of(row)]
        if doc.article.id not in cited_docs:
            cited_docs.add(doc.article.id)
            citations.append(Citation.of(doc.article, pool.sentence(row), similarity))
    return tuple(citations)


def cited_summary(pool: SentencePool, chosen: Sequence[Candidate], *, options: BriefOptions) -> tuple[SummarySentence, ...]:
    """Summary sentences of the kept parts ``chosen``, each with its citations."""
    out = []
    for kept in chosen:
        doc = pool.docs[pool.doc_of(kept.row)]
        sentence = pool.sentence(kept.row)
        citations = cite(pool, kept, threshold=options.support_threshold)
        day, day_citation = None, None
        if kept.day is not None:
            day, row = kept.day
            day_citation = Citation.of(pool.docs[pool.doc_of(row)].article, pool.sentence(row))
            if not any((c.article_id, c.sentence_index) == (day_citation.article_id, day_citation.sentence_index) for c in citations):
                citations += (day_citation,)
        out.append(
            SummarySentence(
                text=doc.article.text[kept.start : kept.end],
                article_id=doc.article.id,
                sentence_index=sentence.index,
                start=kept.start,
                end=kept.end,
                citations=citations,
                day=day,
                day_citation=day_citation,
            )
        )
    return tuple(out)


def summarize(
    pool: SentencePool, *, options: BriefOptions, quantities: Sequence[Quantity] | None = None
) -> tuple[SummarySentence, ...]:
    """The cited summary of the documents in ``pool``; ``quantities``: the brief's figures
    (found from the documents' claims when not given)."""
    if len(pool) == 0:
        return ()
    return cited_summary(pool, chosen_sentences(pool, options=options, quantities=quantities), options=options)


def _storyline_pool(events: Sequence[Sequence[Document]], options: BriefOptions) -> tuple[SentencePool, list[frozenset[int]]]:
    from khabar.relate.embeddings import get_encoder

    docs = [d for event in events for d in event]
    groups, start = [], 0
    for event in events:
        groups.append(frozenset(range(start, start + len(event))))
        start += len(event)
    return SentencePool.build(docs, encoder=get_encoder(options.encoder)), groups


def summarize_update(
    earlier: Sequence[Sequence[Document]], current: Sequence[Document], *, options: BriefOptions
) -> tuple[SummarySentence, ...]:
    """What is new in the ``current`` event since the ``earlier`` events of its storyline
    (each a group of analyzed articles, in time order): the event-first summary of the
    current articles, with what the earlier ones reported as old news."""
    from khabar.summarize.event_first import Focus, choose_sentences

    pool, groups = _storyline_pool([*earlier, current], options)
    if len(pool) == 0:
        return ()
    focus = Focus(groups[-1], frozenset().union(*groups[:-1]))
    chosen = choose_sentences(pool, options=options, focus=focus, quantities=pool_quantities(pool, options=options))
    return cited_summary(pool, chosen, options=options)


def summarize_storyline(events: Sequence[Sequence[Document]], *, options: BriefOptions) -> tuple[SummarySentence, ...]:
    """A storyline's summary: its events (each a group of analyzed articles), given in time
    order, each told by what was new in it; the latest first when the budget is short."""
    pool, groups = _storyline_pool(events, options)
    return summarize_events(pool, groups, options=options)


def summarize_events(
    pool: SentencePool,
    events: Sequence[frozenset[int]],
    *,
    options: BriefOptions,
    quantities: Sequence[Quantity] | None = None,
) -> tuple[SummarySentence, ...]:
    """:func:`summarize_storyline` on a pool built already: ``events`` are sets of indices
    of ``pool.docs``, in time order (a brief of a whole storyline)."""
    from khabar.summarize.event_first import storyline_sentences

    if len(pool) == 0:
        return ()
    if quantities is None:
        quantities = pool_quantities(pool, options=options)
    chosen = storyline_sentences(pool, list(events), options=options, quantities=quantities)
    return cited_summary(pool, chosen, options=options)
